/// Decimal rendering shared by the fixed-point types.
public enum DecimalText {
    /// `scaled / 10^fractionDigits` written with exactly `fractionDigits` decimals.
    public static func format(scaled: BigInteger, fractionDigits: Int) -> String {
        let negative = scaled.isNegative
        var digits = scaled.magnitude.description
        guard fractionDigits > 0 else { return (negative ? "-" : "") + digits }
        if digits.count <= fractionDigits {
            digits = String(repeating: "0", count: fractionDigits - digits.count + 1) + digits
        }
        let split = digits.index(digits.endIndex, offsetBy: -fractionDigits)
        return (negative ? "-" : "") + digits[..<split] + "." + digits[split...]
    }

    /// `scaled / 10^fractionDigits` written exactly, with trailing zeros removed (at least one
    /// decimal when the value has a fraction, none when it is an integer):
    ///
    ///     formatTrimmed(scaled: 267_820_000, fractionDigits: 6)   // "267.82"
    ///     formatTrimmed(scaled: 250_000_000, fractionDigits: 6)   // "250"
    public static func formatTrimmed(scaled: BigInteger, fractionDigits: Int) -> String {
        var text = format(scaled: scaled, fractionDigits: fractionDigits)
        guard fractionDigits > 0 else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// numerator / 2^bits written exactly, with trailing zeros removed (at least one decimal
    /// when the value has a fraction, none when it is an integer).
    public static func format(numerator: BigInteger, denominatorPowerOfTwo bits: Int) -> String {
        guard bits > 0 else { return numerator.description }
        // x / 2^b = x · 5^b / 10^b exactly.
        return formatTrimmed(scaled: numerator * .power(5, bits), fractionDigits: bits)
    }
}
