/// A decimal fixed-point layout: value = raw / 10^fractionDigits.
public protocol DecimalFixedPointFormat: Sendable {
    static var name: String { get }
    static var fractionDigits: Int { get }
}

/// TAO and alpha in rao: 9 decimals, 1 TAO = 10^9 rao.
public enum Rao: DecimalFixedPointFormat {
    /// Its name and its 9 decimals.
    public static let name = "rao (9 decimals)", fractionDigits = 9
}

/// Prices and ratios printed with 18 decimals.
public enum Decimal18: DecimalFixedPointFormat {
    /// Its name and its 18 decimals.
    public static let name = "18-decimal fixed point", fractionDigits = 18
}

/// A decimal fixed-point number, held exactly as an integer count of 10^−fractionDigits units.
///
/// Text is parsed exactly, never through a floating-point number: "1.5" TAO is 1_500_000_000
/// rao. Operations that can lose digits take a rounding rule.
public struct FixedDecimal<Format: DecimalFixedPointFormat>: Sendable, Hashable, Comparable {
    /// The value in units of 10^−fractionDigits (rao for `Rao`).
    public let raw: BigInteger

    /// The value raw · 10^−fractionDigits.
    public init(raw: BigInteger) { self.raw = raw }

    /// 10^fractionDigits: one whole unit in raw units.
    public static var scale: BigInteger { .power(10, Format.fractionDigits) }

    /// Parses `[-]digits[.digits][e[±]digits]` exactly, never through a floating-point number:
    /// `1e-06`, as JSON and YAML writers print small numbers, is 0.000001. The value must be a
    /// whole number of 10^−`Format.fractionDigits` units; the exponent is at most 400 either way.
    /// - Throws: `malformedNumber` ("", "1 000", ".5", "1.", "1e", "0x10"), or
    ///   `tooManyFractionDigits` ("0.0000000001" or "1e-10" for rao).
    public init(parsing text: String) throws(FixedMathError) {
        let (value, exact) = try Self.parse(text)
        guard exact else { throw .tooManyFractionDigits(text: text, maximum: Format.fractionDigits) }
        self = value
    }

    /// Parses like `init(parsing:)`, but a value finer than the format's resolution is rounded
    /// toward zero instead of refused (a snapshot's float text); `exact` says whether it was.
    /// - Throws: `malformedNumber` for text that is not a decimal number.
    public static func parse(_ text: String) throws(FixedMathError) -> (value: FixedDecimal, exact: Bool) {
        let expected = "a decimal number such as 12, 0.5 or 5e-3, with at most \(Format.fractionDigits) decimals"
        let mantissaAndExponent = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "e" || $0 == "E" })
        guard mantissaAndExponent.count <= 2 else { throw .malformedNumber(text: text, expected: expected) }
        var exponent = 0
        if mantissaAndExponent.count == 2 {
            var digits = String(mantissaAndExponent[1])
            let negative = digits.hasPrefix("-")
            if digits.hasPrefix("-") || digits.hasPrefix("+") { digits.removeFirst() }
            guard BigInteger._isPlainInteger(digits), !digits.hasPrefix("-"), digits.count <= 3, let value = Int(digits), value <= 400 else {
                throw .malformedNumber(text: text, expected: expected)
            }
            exponent = negative ? -value : value
        }
        let parts = mantissaAndExponent[0].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = String(parts[0])
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        let wholeDigits = whole.hasPrefix("-") ? String(whole.dropFirst()) : whole
        guard BigInteger._isPlainInteger(wholeDigits), !wholeDigits.hasPrefix("-"),
              parts.count == 1 || (!fraction.isEmpty && BigInteger._isPlainInteger(fraction) && !fraction.hasPrefix("-"))
        else { throw .malformedNumber(text: text, expected: expected) }
        // value = digits · 10^(exponent − fraction length); raw = value · 10^F.
        let shift = Format.fractionDigits + exponent - fraction.count
        let digits = try BigInteger(parsing: wholeDigits + fraction)
        var magnitude: BigInteger
        var exact = true
        if shift >= 0 {
            magnitude = digits * .power(10, shift)
        } else {
            let divisor = BigInteger.power(10, -shift)
            // A power of ten is never zero.
            magnitude = (try? digits.divided(by: divisor, rounding: .towardZero)) ?? .zero
            exact = magnitude * divisor == digits
        }
        return (FixedDecimal(raw: whole.hasPrefix("-") ? -magnitude : magnitude), exact)
    }

    /// numerator / denominator rounded to the format's resolution by `rule`.
    public init(numerator: BigInteger, denominator: BigInteger, rounding rule: RoundingRule) throws(FixedMathError) {
        raw = try numerator.multipliedDivided(by: Self.scale, dividedBy: denominator, rounding: rule)
    }

    /// A binary fixed-point value rounded to this format's resolution by `rule`.
    public init<Binary>(_ value: FixedPoint<Binary>, rounding rule: RoundingRule) {
        raw = (value.raw * Self.scale).shiftedRight(by: Binary.fractionalBits, rounding: rule)
    }

    /// The value as a binary fixed-point number, rounded by `rule`.
    /// - Throws: `outOfRange` when it does not fit `Binary`.
    public func converted<Binary>(to format: Binary.Type, rounding rule: RoundingRule) throws(FixedMathError) -> FixedPoint<Binary> {
        try FixedPoint<Binary>(numerator: raw, denominator: Self.scale, rounding: rule)
    }

    /// The value rounded to an integer by `rule` (whole TAO from rao, for example).
    public func integer(rounding rule: RoundingRule) -> BigInteger {
        // The scale is never zero.
        (try? raw.divided(by: Self.scale, rounding: rule)) ?? .zero
    }

    /// The value as an integer count of 10^−`digits` units, rounded by `rule` (for example
    /// micro-dollars from an 18-decimal USD amount: `digits` 6).
    public func scaled(toFractionDigits digits: Int, rounding rule: RoundingRule) -> BigInteger {
        if digits >= Format.fractionDigits { return raw * .power(10, digits - Format.fractionDigits) }
        // A power of ten is never zero.
        return (try? raw.divided(by: .power(10, Format.fractionDigits - digits), rounding: rule)) ?? .zero
    }

    public static func < (lhs: FixedDecimal, rhs: FixedDecimal) -> Bool { lhs.raw < rhs.raw }
}

extension FixedDecimal: CustomStringConvertible {
    /// All `fractionDigits` decimals, e.g. "1.500000000".
    public var description: String { DecimalText.format(scaled: raw, fractionDigits: Format.fractionDigits) }
}
