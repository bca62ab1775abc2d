import FixedMath
import TaoEconomics
import Yams

/// A node of a scenario file with its key path, and typed readers that report mistakes as
/// `ScenarioError` (file, key path, value, expectation). Numbers are read from the node's text,
/// never through a floating-point number, unless a reader says it returns a Double.
struct YAMLValue {
    let node: Node
    let path: ScenarioKeyPath
    let file: String

    func error(_ expected: String, value: String? = nil) -> ScenarioError {
        ScenarioError(file: file, keyPath: path, line: node.mark?.line, value: value ?? shownValue, expected: expected)
    }

    var shownValue: String {
        switch node {
        case let .scalar(scalar): return scalar.string
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    func child(_ key: String, _ node: Node) -> YAMLValue { YAMLValue(node: node, path: path.appending(key: key), file: file) }

    /// The mapping's entries; unknown or repeated keys and missing required ones are errors.
    func mapping(allowed: [String], required: [String] = []) throws(ScenarioError) -> [String: YAMLValue] {
        guard case let .mapping(mapping) = node else { throw error("a mapping with keys \(allowed.joined(separator: ", "))") }
        var result: [String: YAMLValue] = [:]
        for (keyNode, valueNode) in mapping {
            guard case let .scalar(keyScalar) = keyNode else { throw error("plain keys") }
            let key = keyScalar.string
            let value = child(key, valueNode)
            guard allowed.contains(key) else {
                throw ScenarioError(file: file, keyPath: value.path, line: keyNode.mark?.line, value: key,
                                    expected: "one of the keys \(allowed.joined(separator: ", "))")
            }
            guard result[key] == nil else {
                throw ScenarioError(file: file, keyPath: value.path, line: keyNode.mark?.line, value: key, expected: "each key once")
            }
            result[key] = value
        }
        for key in required where result[key] == nil {
            throw error("the key '\(key)' (required)", value: "a mapping without '\(key)'")
        }
        return result
    }

    /// Every entry of a mapping whose keys are not fixed (a snapshot's records); a repeated key
    /// is an error.
    func entries(_ expected: String) throws(ScenarioError) -> [String: YAMLValue] {
        guard case let .mapping(mapping) = node else { throw error(expected) }
        var result: [String: YAMLValue] = [:]
        for (keyNode, valueNode) in mapping {
            guard case let .scalar(keyScalar) = keyNode else { throw error("plain keys") }
            let value = child(keyScalar.string, valueNode)
            guard result[keyScalar.string] == nil else {
                throw ScenarioError(file: file, keyPath: value.path, line: keyNode.mark?.line, value: keyScalar.string, expected: "each key once")
            }
            result[keyScalar.string] = value
        }
        return result
    }

    /// Whether the node is a null (`null`, `~` or empty in YAML; `null` in JSON).
    var isNull: Bool {
        guard case let .scalar(scalar) = node else { return false }
        return scalar.tag == Tag(.null) || (scalar.style == .plain && ["null", "Null", "NULL", "~", ""].contains(scalar.string))
    }

    /// The list's items.
    func sequence(_ expected: String) throws(ScenarioError) -> [YAMLValue] {
        guard case let .sequence(sequence) = node else { throw error(expected) }
        return sequence.enumerated().map { YAMLValue(node: $1, path: path.appending(index: $0), file: file) }
    }

    /// A plain text scalar.
    func text(_ expected: String = "text") throws(ScenarioError) -> String {
        guard case let .scalar(scalar) = node else { throw error(expected) }
        return scalar.string
    }

    /// A non-negative integer that fits 64 bits.
    func unsigned(_ expected: String) throws(ScenarioError) -> UInt64 {
        let text = try text(expected)
        guard let value = try? BigInteger.parseUInt64(text) else { throw error(expected) }
        return value
    }

    /// A positive integer that fits 64 bits.
    func positive(_ expected: String) throws(ScenarioError) -> UInt64 {
        let value = try unsigned(expected)
        guard value > 0 else { throw error(expected) }
        return value
    }

    /// An amount of TAO or alpha written with up to 9 decimals, as rao, exactly.
    func amountRao(_ token: String = "TAO") throws(ScenarioError) -> UInt64 {
        let expected = "a non-negative amount of \(token) with at most 9 decimals (e.g. 1500 or 0.25)"
        let text = try text(expected)
        guard let amount = try? FixedDecimal<Rao>(parsing: text), !amount.raw.isNegative else { throw error(expected) }
        guard let rao = amount.raw.uint64Value else { throw error("\(expected), below 18446744073.709551615") }
        return rao
    }

    /// An exact decimal (e.g. a USD price or a percentage) with up to 18 decimals.
    func decimal(_ expected: String) throws(ScenarioError) -> FixedDecimal<Decimal18> {
        let text = try text(expected)
        guard let value = try? FixedDecimal<Decimal18>(parsing: text) else { throw error(expected) }
        return value
    }

    /// A non-negative exact decimal.
    func nonNegativeDecimal(_ expected: String) throws(ScenarioError) -> FixedDecimal<Decimal18> {
        let value = try decimal(expected)
        guard !value.raw.isNegative else { throw error(expected) }
        return value
    }

    /// A real number for a model parameter (drift, volatility); plain decimal notation only.
    func real(_ expected: String) throws(ScenarioError) -> Double {
        let exact = try decimal(expected)
        return exact.raw.approximateDouble / 1e18
    }

    func date() throws(ScenarioError) -> CalendarDate {
        let expected = "a date written YYYY-MM-DD"
        guard let date = try? CalendarDate(parsing: try text(expected)) else { throw error(expected) }
        return date
    }

    func bool(_ expected: String = "true or false") throws(ScenarioError) -> Bool {
        switch try text(expected) {
        case "true": return true
        case "false": return false
        default: throw error(expected)
        }
    }

    /// A netuid: 1…65535.
    func netuid() throws(ScenarioError) -> UInt16 {
        let expected = "a subnet netuid from 1 to 65535"
        let value = try unsigned(expected)
        guard value >= 1, value <= 65_535 else { throw error(expected) }
        return UInt16(value)
    }
}
