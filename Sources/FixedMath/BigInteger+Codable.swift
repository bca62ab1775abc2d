// BigInteger in JSON and other Codable formats: its exact decimal text, as a string, so no
// decoder ever routes it through a floating-point number.

extension BigInteger: Codable {
    /// Decodes the decimal text written by `encode(to:)` (an optional '-' and digits).
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { self = try BigInteger(parsing: text) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not an integer")
        }
    }

    /// Encodes the exact decimal text as a string.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
