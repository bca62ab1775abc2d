/// How a lossy operation turns an exact rational result into a representable one.
///
/// Every operation in `FixedMath` that can lose information takes one of these explicitly;
/// none picks a rule silently.
///
/// What each rule does to a value between two representable ones (here integers):
///
/// | value | `floor` | `ceiling` | `towardZero` | `halfEven` |
/// |------:|--------:|----------:|-------------:|-----------:|
/// |  2.5  |   2     |    3      |     2        |    2       |
/// |  3.5  |   3     |    4      |     3        |    4       |
/// | −2.5  |  −3     |   −2      |    −2        |   −2       |
/// | −3.5  |  −4     |   −3      |    −3        |   −4       |
/// |  2.7  |   2     |    3      |     2        |    3       |
///
///     try BigInteger(-7).divided(by: BigInteger(2), rounding: .floor)       // -4
///     try BigInteger(-7).divided(by: BigInteger(2), rounding: .towardZero)  // -3
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
