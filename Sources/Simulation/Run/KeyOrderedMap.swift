/// A dictionary that encodes in key order, so a checkpoint's JSON is the same in every process.
///
/// Swift's `JSONEncoder` writes a dictionary whose keys are neither `String` nor `Int` (a
/// `[UInt16: …]` keyed by netuid) as an array of alternating keys and values in the
/// dictionary's iteration order, which follows the process's random hash seed. This writes the
/// same alternating array, sorted by key: `[1, a, 2, b]` for `[2: b, 1: a]`.
struct KeyOrderedMap<Key: Hashable & Comparable & Codable, Value: Codable>: Codable {
    /// The entries.
    var dictionary: [Key: Value]

    init(_ dictionary: [Key: Value]) { self.dictionary = dictionary }

    func encode(to encoder: Encoder) throws {
        var container = encoder.unkeyedContainer()
        for key in dictionary.keys.sorted() {
            try container.encode(key)
            try container.encode(dictionary[key]!)
        }
    }

    /// Reads the alternating array; a key given twice is refused.
    init(from decoder: Decoder) throws {
        var container = try decoder.unkeyedContainer()
        var dictionary: [Key: Value] = [:]
        while !container.isAtEnd {
            let key = try container.decode(Key.self)
            let value = try container.decode(Value.self)
            guard dictionary.updateValue(value, forKey: key) == nil else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "the key \(key) appears twice")
            }
        }
        self.dictionary = dictionary
    }
}

extension KeyOrderedMap: Sendable where Key: Sendable, Value: Sendable {}
