/// A binary fixed-point number in one of the chain's layouts (`Format`), held exactly.
///
/// The value is `raw / 2^Format.fractionalBits`, and `raw` always lies within the format's
/// bounds. Arithmetic follows `substrate-fixed` v0.6.0 where the chain relies on it:
/// multiplication floors, division truncates toward zero, `saturating…` variants clamp at the
/// bounds, and the plain variants throw `FixedMathError.outOfRange` instead of overflowing.
/// Every rounding is named; the defaults are the chain's.
public struct FixedPoint<Format: BinaryFixedPointFormat>: Sendable, Hashable, Comparable {
    /// The underlying integer: value · 2^fractionalBits.
    public let raw: BigInteger

    @usableFromInline init(_uncheckedRaw raw: BigInteger) { self.raw = raw }

    /// A raw value within the format's bounds.
    /// - Throws: `outOfRange` when `raw` does not fit the format.
    public init(raw: BigInteger) throws(FixedMathError) {
        guard raw >= Format.minimumRaw, raw <= Format.maximumRaw else {
            throw .outOfRange(value: "raw \(raw)", format: Format.name)
        }
        self.raw = raw
    }

    /// A raw value clamped to the format's bounds (the chain's saturating behaviour).
    public init(saturatingRaw raw: BigInteger) {
        self.raw = BigInteger.min(BigInteger.max(raw, Format.minimumRaw), Format.maximumRaw)
    }

    /// The exact integer `value`.
    /// - Throws: `outOfRange` when it does not fit.
    public init(_ value: BigInteger) throws(FixedMathError) {
        do { try self.init(raw: value.shiftedLeft(by: Format.fractionalBits)) } catch {
            throw .outOfRange(value: value.description, format: Format.name)
        }
    }

    /// The exact integer `value`, which always fits a format with at least 64 integer bits.
    /// - Throws: `outOfRange` for narrower formats when it does not fit.
    public init(_ value: UInt64) throws(FixedMathError) { try self.init(BigInteger(value)) }

    /// The integer `value`, clamped to the format's bounds (`saturating_from_num`).
    public init(saturating value: BigInteger) {
        self.init(saturatingRaw: value.shiftedLeft(by: Format.fractionalBits))
    }

    /// numerator / denominator, rounded to the format's resolution by `rule`.
    /// - Throws: `divisionByZero`, or `outOfRange` when the result does not fit.
    public init(numerator: BigInteger, denominator: BigInteger, rounding rule: RoundingRule) throws(FixedMathError) {
        let raw = try numerator.shiftedLeft(by: Format.fractionalBits).divided(by: denominator, rounding: rule)
        try self.init(raw: raw)
    }

    /// A Double converted exactly, then rounded to the format's resolution by `rule`.
    /// The chain's `from_num(f64)` is `.halfEven`: 0.000003 in I96F32 is 12885 · 2⁻³².
    /// - Throws: `notFinite` for NaN or infinity, `outOfRange` when it does not fit.
    public init(_ value: Double, rounding rule: RoundingRule = .halfEven) throws(FixedMathError) {
        let (numerator, exponent) = try BigInteger._dyadic(value)
        let shift = Format.fractionalBits + exponent
        try self.init(raw: numerator.shiftedRight(by: -shift, rounding: rule))
    }

    /// 0.
    public static var zero: FixedPoint { FixedPoint(_uncheckedRaw: .zero) }
    /// 1, which every format here can hold.
    public static var one: FixedPoint { FixedPoint(_uncheckedRaw: .powerOfTwo(Format.fractionalBits)) }
    /// The largest value of the format (raw 2^(bits − 1) − 1 signed, 2^bits − 1 unsigned).
    public static var maximum: FixedPoint { FixedPoint(_uncheckedRaw: Format.maximumRaw) }
    /// The smallest value of the format (−2^(bits − 1) raw signed, 0 unsigned).
    public static var minimum: FixedPoint { FixedPoint(_uncheckedRaw: Format.minimumRaw) }

    /// Whether the value is 0.
    public var isZero: Bool { raw.isZero }
    /// −1, 0 or 1.
    public var signum: Int { raw.signum }

    public static func < (lhs: FixedPoint, rhs: FixedPoint) -> Bool { lhs.raw < rhs.raw }
}

// MARK: Arithmetic

extension FixedPoint {
    /// self + other, exact. - Throws: `outOfRange` on overflow.
    public func adding(_ other: FixedPoint) throws(FixedMathError) -> FixedPoint {
        try FixedPoint(raw: raw + other.raw)
    }

    /// self + other, clamped at the bounds (`saturating_add`).
    public func saturatingAdding(_ other: FixedPoint) -> FixedPoint { FixedPoint(saturatingRaw: raw + other.raw) }

    /// self − other, exact. - Throws: `outOfRange` on overflow (below 0 for unsigned formats).
    public func subtracting(_ other: FixedPoint) throws(FixedMathError) -> FixedPoint {
        try FixedPoint(raw: raw - other.raw)
    }

    /// self − other, clamped at the bounds (`saturating_sub`).
    public func saturatingSubtracting(_ other: FixedPoint) -> FixedPoint { FixedPoint(saturatingRaw: raw - other.raw) }

    /// self · other rounded by `rule`; the chain's `*` floors.
    /// - Throws: `outOfRange` on overflow.
    public func multiplied(by other: FixedPoint, rounding rule: RoundingRule = .floor) throws(FixedMathError) -> FixedPoint {
        try FixedPoint(raw: (raw * other.raw).shiftedRight(by: Format.fractionalBits, rounding: rule))
    }

    /// self · other floored, clamped at the bounds (`saturating_mul`).
    public func saturatingMultiplied(by other: FixedPoint) -> FixedPoint {
        FixedPoint(saturatingRaw: (raw * other.raw).shiftedRightFloor(by: Format.fractionalBits))
    }

    /// self / other rounded by `rule`; the chain's `/` truncates toward zero.
    /// - Throws: `divisionByZero`, or `outOfRange` on overflow.
    public func divided(by other: FixedPoint, rounding rule: RoundingRule = .towardZero) throws(FixedMathError) -> FixedPoint {
        try FixedPoint(raw: raw.shiftedLeft(by: Format.fractionalBits).divided(by: other.raw, rounding: rule))
    }

    /// self / other truncated and clamped at the bounds; zero when `other` is zero
    /// (`safe_div` from the chain's `safe-math`).
    public func safeDivided(by other: FixedPoint) -> FixedPoint {
        guard !other.isZero, let quotient = try? raw.shiftedLeft(by: Format.fractionalBits).divided(by: other.raw, rounding: .towardZero) else {
            return .zero
        }
        return FixedPoint(saturatingRaw: quotient)
    }

    /// self · 2, clamped at the bounds: the chain builds 2^k by k of these.
    public func saturatingDoubled() -> FixedPoint { FixedPoint(saturatingRaw: raw.shiftedLeft(by: 1)) }
}

// MARK: Conversions

extension FixedPoint {
    /// The value rounded to an integer by `rule`.
    public func integer(rounding rule: RoundingRule) -> BigInteger {
        raw.shiftedRight(by: Format.fractionalBits, rounding: rule)
    }

    /// `saturating_to_num::<u64>()`: floored, then clamped to 0...UInt64.max.
    public func saturatingUInt64() -> UInt64 {
        let floored = integer(rounding: .floor)
        if floored.isNegative { return 0 }
        return floored.uint64Value ?? .max
    }

    /// The same value in another format, rounded by `rule` when that format has fewer
    /// fractional bits.
    /// - Throws: `outOfRange` when it does not fit the target.
    public func converted<Target>(to target: Target.Type, rounding rule: RoundingRule) throws(FixedMathError) -> FixedPoint<Target> {
        let shift = Target.fractionalBits - Format.fractionalBits
        do { return try FixedPoint<Target>(raw: raw.shiftedRight(by: -shift, rounding: rule)) } catch {
            throw .outOfRange(value: decimalDescription, format: Target.name)
        }
    }

    /// The same value in another format, rounded by `rule`, clamped at the target's bounds.
    public func saturatingConverted<Target>(to target: Target.Type, rounding rule: RoundingRule) -> FixedPoint<Target> {
        let shift = Target.fractionalBits - Format.fractionalBits
        return FixedPoint<Target>(saturatingRaw: raw.shiftedRight(by: -shift, rounding: rule))
    }

    /// floor(log2(self)) exactly, as the chain's `log2` computes its integer part; nil when
    /// self is not positive.
    public var floorLog2: Int? {
        guard raw.signum > 0 else { return nil }
        return raw.magnitudeBitWidth - 1 - Format.fractionalBits
    }

    /// The exact decimal expansion (every binary fraction has a finite one).
    public var decimalDescription: String {
        DecimalText.format(numerator: raw, denominatorPowerOfTwo: Format.fractionalBits)
    }

    /// The value with exactly `fractionDigits` decimals, rounded by `rule`.
    public func decimalString(fractionDigits: Int, rounding rule: RoundingRule) -> String {
        let scaled = (raw * .power(10, fractionDigits)).shiftedRight(by: Format.fractionalBits, rounding: rule)
        return DecimalText.format(scaled: scaled, fractionDigits: fractionDigits)
    }

    /// The nearest Double, for display and statistics only.
    public var approximateDouble: Double {
        raw.approximateDouble / Double(sign: .plus, exponent: Format.fractionalBits, significand: 1)
    }
}

extension FixedPoint: CustomStringConvertible {
    /// The exact decimal value.
    public var description: String { decimalDescription }
}
