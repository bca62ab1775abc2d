/// A mistake in a scenario file: which file, where, what was there and what was expected.
public struct ScenarioError: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    /// The key path, e.g. `subnets[2].tao_reserve`.
    public let path: String
    public let line: Int?
    public let value: String
    public let expected: String

    public init(file: String, path: String, line: Int?, value: String, expected: String) {
        self.file = file
        self.path = path
        self.line = line
        self.value = value
        self.expected = expected
    }

    public var description: String {
        let location = file + (line.map { ":\($0)" } ?? "")
        let shown = value.count > 80 ? String(value.prefix(77)) + "..." : value
        return "\(location): \(path.isEmpty ? "(top level)" : path): got \(shown.isEmpty ? "nothing" : "'\(shown)'"), expected \(expected)"
    }
}
