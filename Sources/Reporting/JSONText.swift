import Foundation

/// The one way JSON is written: `Encodable` values, keys sorted and in snake case, pretty
/// printed, slashes unescaped; integers (rao amounts included) exactly as they are.
public enum JSONText {
    /// `value` as JSON text, with a final line end.
    public static func encode<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        // Every value here is built from strings, integers and booleans, which always encode.
        guard let data = try? encoder.encode(value) else { return "null\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
