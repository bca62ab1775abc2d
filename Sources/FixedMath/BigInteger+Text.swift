// Exact decimal text in and out. Parsing is strict: no spaces, separators, signs other than a
// single leading '-', or empty strings, because GMP itself would accept embedded spaces.

extension BigInteger {
    /// Parses an integer written as optional '-' followed by ASCII digits.
    /// - Throws: `FixedMathError.malformedNumber` for anything else ("", "1 000", "+1", "1e9", "0x10").
    public init(parsing text: String) throws(FixedMathError) {
        guard BigInteger._isPlainInteger(text) else {
            throw .malformedNumber(text: text, expected: "an integer written with the digits 0-9 and an optional leading '-'")
        }
        _storage = _MPZStorage()
        _storage.set(validatedDecimal: text)
    }

    /// Parses a non-negative integer that fits in `UInt64` (e.g. a rao amount from a command line).
    /// - Throws: `malformedNumber` for text that is not a plain non-negative integer,
    ///   `outOfRange` for values above 18446744073709551615.
    public static func parseUInt64(_ text: String, what: String = "an unsigned 64-bit integer") throws(FixedMathError) -> UInt64 {
        guard !text.hasPrefix("-") else {
            throw .malformedNumber(text: text, expected: "\(what), which cannot be negative")
        }
        let value: BigInteger
        do { value = try BigInteger(parsing: text) } catch {
            throw .malformedNumber(text: text, expected: what)
        }
        guard let result = value.uint64Value else {
            throw .outOfRange(value: text, format: "\(what) (at most 18446744073709551615)")
        }
        return result
    }

    static func _isPlainInteger(_ text: String) -> Bool {
        var utf8 = Substring(text).utf8[...]
        if utf8.first == UInt8(ascii: "-") { utf8 = utf8.dropFirst() }
        guard !utf8.isEmpty else { return false }
        return utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
