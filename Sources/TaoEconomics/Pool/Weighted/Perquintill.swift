import FixedMath

/// A fraction in [0, 1] held as an integer number of 10^−18 parts (Substrate's `Perquintill`):
/// the weighted pool's weights.
public struct Perquintill: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// 10^18 parts: one whole.
    public static let accuracy: UInt64 = 1_000_000_000_000_000_000

    /// The value in parts, 0…10^18.
    public let parts: UInt64

    /// The fraction `parts` / 10^18, or nil above 10^18.
    public init?(parts: UInt64) {
        guard parts <= Self.accuracy else { return nil }
        self.parts = parts
    }

    init(uncheckedParts parts: UInt64) { self.parts = parts }

    /// 0.
    public static let zero = Perquintill(uncheckedParts: 0)
    /// 1 (10^18 parts).
    public static let one = Perquintill(uncheckedParts: accuracy)
    /// 1/2, as `Perquintill::from_rational(1, 2)` gives it: exactly 5·10^17 parts.
    public static let half = Perquintill(uncheckedParts: accuracy / 2)

    /// `Perquintill::from_rational(p, q)`: ⌊p·10^18/q⌋ parts (`Rounding::Down`), and one whole
    /// when q is 0 or p > q (the chain's `unwrap_or_else(|_| Self::one())`).
    public static func fromRational(_ numerator: BigInteger, _ denominator: BigInteger) -> Perquintill {
        guard !denominator.isZero, !numerator.isNegative, numerator <= denominator,
              let parts = try? numerator.multipliedDivided(by: BigInteger(accuracy), dividedBy: denominator, rounding: .floor)
        else { return .one }
        return Perquintill(uncheckedParts: parts.uint64Value ?? accuracy)
    }

    /// `fromRational` for 128-bit operands, without allocating: ⌊p·10^18/q⌋ computed in 256 bits.
    public static func fromRational(_ numerator: UInt128, _ denominator: UInt128) -> Perquintill {
        guard denominator > 0, numerator <= denominator else { return .one }
        let product = WideArithmetic.multiply(numerator, UInt128(accuracy))
        // The quotient is at most 10^18, so it fits; the high word is below the divisor.
        return Perquintill(uncheckedParts: UInt64(WideArithmetic.divide(product.high, product.low, by: denominator).quotient))
    }

    /// 1 − self (the other weight), saturating at 0.
    public var complement: Perquintill { Perquintill(uncheckedParts: Self.accuracy - parts) }

    /// The value with all 18 decimals, e.g. "0.500000000000000000".
    public var description: String { DecimalText.format(scaled: BigInteger(parts), fractionDigits: 18) }

    /// Parses a decimal from 0 to 1 with at most 18 decimals, exactly; nil otherwise.
    public init?(parsing text: String) {
        guard let value = try? FixedDecimal<Decimal18>(parsing: text), !value.raw.isNegative,
              let parts = value.raw.uint64Value, parts <= Self.accuracy else { return nil }
        self.parts = parts
    }

    public static func < (lhs: Perquintill, rhs: Perquintill) -> Bool { lhs.parts < rhs.parts }
}
