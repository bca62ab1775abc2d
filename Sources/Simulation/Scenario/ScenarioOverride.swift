import TaoEconomics
import Yams

/// One `--set key.path=value`: the value at a key path of a scenario, replaced (or added) before
/// the scenario is validated, so an override is checked exactly as if it were written in the
/// file. The value is read as YAML: `0.9`, `64`, `true`, `[1, 2]`, `{from: 0}`, or empty for null.
/// List items are addressed by index (`subnets[0].tao_reserve`) and must exist; a missing
/// mapping key is added (the validation then refuses a key the scenario does not know). Below
/// `rules`, a rule set's name stands for `{base: NAME}`: `rules.parameters.tao_weight=0` works
/// whether the file writes `rules: head-2026-10` or the mapping.
public struct ScenarioOverride: Sendable, Equatable, CustomStringConvertible {
    /// Where the value goes.
    public let keyPath: ScenarioKeyPath
    /// The value as written after `=`.
    public let valueText: String

    /// The override of `keyPath` by `valueText`.
    public init(keyPath: ScenarioKeyPath, valueText: String) {
        self.keyPath = keyPath
        self.valueText = valueText
    }

    /// Parses `key.path=value` (the first `=` separates); nil when there is no `=` or the key
    /// path is malformed.
    public init?(parsing text: String) {
        guard let equals = text.firstIndex(of: "="), let keyPath = ScenarioKeyPath(parsing: String(text[..<equals])) else { return nil }
        self.init(keyPath: keyPath, valueText: String(text[text.index(after: equals)...]))
    }

    /// `key.path=value`.
    public var description: String { "\(keyPath)=\(valueText)" }

    /// `root` with the value at `keyPath` replaced. Mistakes (a key under a list or a scalar, an
    /// index past the end, a value that is not YAML) name `file` and the key path.
    func applied(to root: Node, file: String) throws(ScenarioError) -> Node {
        let value: Node
        do {
            value = try Yams.compose(yaml: valueText) ?? Node("", Tag(.null))
        } catch {
            throw mistake(at: keyPath, "a YAML value (a number, text, true/false, a list or a mapping)")
        }
        return try replacing(in: root, at: keyPath.components[...], with: value, walked: ScenarioKeyPath(), file: file)
    }

    private func replacing(in node: Node, at rest: ArraySlice<ScenarioKeyPath.Component>, with value: Node, walked: ScenarioKeyPath,
                           file: String) throws(ScenarioError) -> Node {
        guard let step = rest.first else { return value }
        switch (step, node) {
        case let (.key(key), .mapping(mapping)):
            var pairs = mapping.map { ($0.key, $0.value) }
            let position = pairs.firstIndex { if case let .scalar(scalar) = $0.0 { scalar.string == key } else { false } }
            var current = position.map { pairs[$0].1 } ?? Node.mapping(Node.Mapping([]))
            if walked.components.isEmpty, key == "rules", rest.count > 1 {
                // `rules: NAME` (or no rules: `card`) is short for `rules: {base: NAME}`, so
                // `rules.parameters.x` can be set whichever form the file uses.
                if case let .scalar(name) = current {
                    current = .mapping(Node.Mapping([(Node("base"), .scalar(name))]))
                } else if position == nil {
                    current = .mapping(Node.Mapping([(Node("base"), Node(RuleSet.card.name))]))
                }
            }
            let replaced = try replacing(in: current, at: rest.dropFirst(), with: value, walked: walked.appending(key: key), file: file)
            if let position { pairs[position].1 = replaced } else { pairs.append((Node(key), replaced)) }
            return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
        case let (.index(index), .sequence(sequence)):
            guard index < sequence.count else {
                throw mistake(at: walked.appending(index: index), "an index below the list's \(sequence.count) item(s)", value: "index \(index)")
            }
            var nodes = Array(sequence)
            nodes[index] = try replacing(in: nodes[index], at: rest.dropFirst(), with: value, walked: walked.appending(index: index), file: file)
            return .sequence(Node.Sequence(nodes, sequence.tag, sequence.style, sequence.mark))
        case (.key, _):
            throw mistake(at: walked, "a mapping to set the key '\(step.text)' in", value: node.kindDescription)
        case (.index, _):
            throw mistake(at: walked, "a list to set the item \(step.text) in", value: node.kindDescription)
        }
    }

    private func mistake(at path: ScenarioKeyPath, _ expected: String, value: String? = nil) -> ScenarioError {
        ScenarioError(file: "--set \(self)", keyPath: path, line: nil, value: value ?? valueText, expected: expected)
    }
}

extension ScenarioKeyPath.Component {
    /// `key` or `[index]`.
    var text: String {
        switch self {
        case let .key(key): key
        case let .index(index): "[\(index)]"
        }
    }
}

extension Node {
    /// What kind of node this is, for messages.
    var kindDescription: String {
        switch self {
        case let .scalar(scalar): "the value '\(scalar.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}
