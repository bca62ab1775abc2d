/// Where a value sits in a scenario file: keys and list indices from the top, written
/// `subnets[2].tao_reserve` (the form `--set` overrides use too).
public struct ScenarioKeyPath: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// One step of a key path: a mapping key or a list index.
    public enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    /// The steps from the top of the file.
    public let components: [Component]

    /// The path of `components` (empty: the file as a whole).
    public init(_ components: [Component] = []) { self.components = components }

    /// Parses `a.b[0].c`: keys of letters, digits and underscores, indices in brackets.
    /// Returns nil for anything else ("", "a..b", "a[x]", "[0]").
    public init?(parsing text: String) {
        var components: [Component] = []
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            var rest = Substring(part)
            guard let keyEnd = rest.firstIndex(of: "[") ?? Optional(rest.endIndex) else { return nil }
            let key = rest[..<keyEnd]
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
            components.append(.key(String(key)))
            rest = rest[keyEnd...]
            while !rest.isEmpty {
                guard rest.first == "[", let close = rest.firstIndex(of: "]") else { return nil }
                let digits = rest[rest.index(after: rest.startIndex)..<close]
                guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let index = Int(digits) else { return nil }
                components.append(.index(index))
                rest = rest[rest.index(after: close)...]
            }
        }
        guard !components.isEmpty else { return nil }
        self.components = components
    }

    /// A literal key path (`"subnets[0].tao_reserve"`); "" is the empty path.
    public init(stringLiteral value: String) {
        self = value.isEmpty ? ScenarioKeyPath() : ScenarioKeyPath(parsing: value) ?? ScenarioKeyPath([.key(value)])
    }

    /// The path one key deeper.
    public func appending(key: String) -> ScenarioKeyPath { ScenarioKeyPath(components + [.key(key)]) }
    /// The path one list item deeper.
    public func appending(index: Int) -> ScenarioKeyPath { ScenarioKeyPath(components + [.index(index)]) }

    /// Whether `prefix`'s components begin this path's (every path starts with the empty one).
    public func starts(with prefix: ScenarioKeyPath) -> Bool { components.starts(with: prefix.components) }

    /// Whether the path is the file as a whole.
    public var isEmpty: Bool { components.isEmpty }

    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case let .key(key): text += text.isEmpty ? key : ".\(key)"
            case let .index(index): text += "[\(index)]"
            }
        }
        return text
    }
}

/// A mistake in a scenario (or a file it reads): which file, where, what was there and what
/// was expected.
public struct ScenarioError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file with the mistake (a scenario, or a CSV file it reads).
    public let file: String
    /// The key path, e.g. `subnets[2].tao_reserve`; empty for the file as a whole.
    public let keyPath: ScenarioKeyPath
    /// The 1-based line (in a CSV file it reads: the row), when known.
    public let line: Int?
    /// What was there.
    public let value: String
    /// What was expected instead.
    public let expected: String

    /// A mistake in `file` at `keyPath` (and `line`): `value` where `expected` was expected.
    public init(file: String, keyPath: ScenarioKeyPath, line: Int?, value: String, expected: String) {
        self.file = file
        self.keyPath = keyPath
        self.line = line
        self.value = value
        self.expected = expected
    }

    /// `file:line: key.path: got 'value', expected …`; a value longer than 200 characters is cut
    /// in the middle, keeping its start and end.
    public var description: String {
        let location = file + (line.map { ":\($0)" } ?? "")
        return "\(location): \(keyPath.isEmpty ? "(top level)" : keyPath.description): got \(value.isEmpty ? "nothing" : "'\(Self.shortened(value))'"), expected \(expected)"
    }

    static func shortened(_ text: String) -> String {
        guard text.count > 200 else { return text }
        return String(text.prefix(120)) + " … " + String(text.suffix(60))
    }
}
