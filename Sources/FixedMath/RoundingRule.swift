/// How a lossy operation turns an exact rational result into a representable one.
///
/// Every operation in `FixedMath` that can lose information takes one of these explicitly;
/// none picks a rule silently.
public enum RoundingRule: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Toward negative infinity (the chain's fixed-point multiply and `to_num` for positives).
    case floor
    /// Toward positive infinity.
    case ceiling
    /// Toward zero (the chain's fixed-point and integer division).
    case towardZero
    /// To the nearest representable value; exact halves go to the even one (`from_num(f64)`).
    case halfEven

    public var description: String { rawValue }
}
