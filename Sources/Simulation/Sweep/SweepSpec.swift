import Foundation
import Yams

/// A sweep file: a base scenario, a grid of values for its key paths, and seeds (Scenarios/README.md):
///
///     name: sell-fraction
///     scenario: ../halving.yaml            # relative to the sweep file
///     grid:                                # cartesian, in the order written
///       market.tao_usd.gbm.volatility: [0.3, 0.6]
///     zip:                                 # groups of keys that move together
///       - {horizon.days: [7, 14], sample_every: [7200, 14400]}
///     seeds: {count: 16, first: 1}         # or a list: [1, 5, 9]
///
/// Each grid key and each zip group is one dimension; the points are their cartesian product,
/// the last dimension moving fastest. Every point runs once per seed; run i is point ⌊i / S⌋
/// with the (i mod S)-th seed.
public struct SweepSpec: Sendable, Equatable {
    /// One dimension of the grid: one key, or a zip group of keys whose lists move together.
    public struct Dimension: Sendable, Equatable {
        /// The key paths it sets.
        public let keyPaths: [ScenarioKeyPath]
        /// Its values: one list per step, one value (YAML text) per key.
        public let steps: [[String]]
    }

    /// One grid point: the overrides it applies, in key order.
    public struct Point: Sendable, Equatable {
        /// Its index, from 0.
        public let index: Int
        /// `key.path=value` for every grid key, in the grid's key order.
        public let overrides: [ScenarioOverride]
    }

    /// One run of the sweep.
    public struct Run: Sendable, Equatable {
        /// Its index, from 0, in point-major order.
        public let index: Int
        /// Its grid point.
        public let point: Int
        /// Its run seed.
        public let seed: UInt64

        /// `p<point>-s<seed>`: unique within the sweep, stable across shards and `--jobs`.
        public var id: String { "p\(point)-s\(seed)" }
    }

    /// The sweep's name.
    public let name: String
    /// The sweep file as given.
    public let file: String
    /// The base scenario's path (resolved against the sweep file's folder).
    public let scenarioPath: String
    /// The grid's dimensions, in order.
    public let dimensions: [Dimension]
    /// The run seeds, in order, distinct.
    public let seeds: [UInt64]

    /// Every grid key, in order (a zip group's keys in the group's order).
    public var keyPaths: [ScenarioKeyPath] { dimensions.flatMap(\.keyPaths) }

    /// The grid points, the last dimension moving fastest.
    public var points: [Point] {
        var points: [[ScenarioOverride]] = [[]]
        for dimension in dimensions {
            points = points.flatMap { prefix in
                dimension.steps.map { values in prefix + zip(dimension.keyPaths, values).map { ScenarioOverride(keyPath: $0, valueText: $1) } }
            }
        }
        return points.enumerated().map { Point(index: $0, overrides: $1) }
    }

    /// Every run, point-major.
    public var runs: [Run] {
        (0..<points.count).flatMap { point in seeds.map { (point, $0) } }.enumerated().map { Run(index: $0, point: $1.0, seed: $1.1) }
    }

    /// The most runs a sweep may have.
    public static let maximumRuns = 1_000_000

    /// Reads and checks a sweep file: the keys, the grid (no empty grid, no empty list, zip lists
    /// of one length, no key twice), the seeds (a count ≥ 1 or a list of distinct non-negative
    /// integers). The base scenario is checked at every point by `SweepPlan`.
    public static func load(path: String) throws(ScenarioError) -> SweepSpec {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioError(file: path, keyPath: ScenarioKeyPath(), line: nil, value: path, expected: "a readable sweep file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScenarioError(file: path, keyPath: ScenarioKeyPath(), line: nil, value: "binary data", expected: "a UTF-8 text file")
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().relativePath
        return try parse(text, file: path, directory: directory)
    }

    /// Parses sweep text; `directory` resolves the scenario path.
    public static func parse(_ text: String, file: String, directory: String) throws(ScenarioError) -> SweepSpec {
        let root = try ScenarioParser.compose(text, file: file)
        let top = try YAMLValue(node: root, path: "", file: file).mapping(allowed: ["name", "description", "scenario", "grid", "zip", "seeds"],
                                                                        required: ["name", "scenario", "seeds"])
        let name = try top["name"]!.text("a sweep name")
        let scenario = try top["scenario"]!.text("the base scenario's path")
        let scenarioPath = scenario.hasPrefix("/") ? scenario : (directory.isEmpty || directory == "." ? scenario : directory + "/" + scenario)

        var dimensions: [Dimension] = []
        var seen: Set<ScenarioKeyPath> = []
        func keyPath(_ key: String, at value: YAMLValue) throws(ScenarioError) -> ScenarioKeyPath {
            guard let path = ScenarioKeyPath(parsing: key) else { throw value.error("a key path (keys of letters, digits and _, list items as [index])", value: key) }
            guard !seen.contains(path) else { throw value.error("each key path once in grid and zip", value: key) }
            seen.insert(path)
            return path
        }
        if let grid = top["grid"] {
            let entries = try grid.orderedEntries("a mapping from key paths to lists of values")
            guard !entries.isEmpty else { throw grid.error("at least one key path with a list of values", value: "an empty grid") }
            for (key, value) in entries {
                let path = try keyPath(key, at: value)
                let values = try value.sequence("a list of values")
                guard !values.isEmpty else { throw value.error("a list of at least one value", value: "an empty list") }
                dimensions.append(Dimension(keyPaths: [path], steps: values.map { [$0.yamlText] }))
            }
        }
        if let zip = top["zip"] {
            let groups = try zip.sequence("a list of mappings, each of key paths to lists of one length")
            guard !groups.isEmpty else { throw zip.error("at least one group", value: "an empty list") }
            for group in groups {
                let entries = try group.orderedEntries("a mapping from key paths to lists of one length")
                guard !entries.isEmpty else { throw group.error("at least one key path", value: "an empty group") }
                var paths: [ScenarioKeyPath] = [], lists: [[YAMLValue]] = []
                for (key, value) in entries {
                    paths.append(try keyPath(key, at: value))
                    let values = try value.sequence("a list of values")
                    guard !values.isEmpty else { throw value.error("a list of at least one value", value: "an empty list") }
                    guard lists.isEmpty || values.count == lists[0].count else {
                        throw value.error("\(lists[0].count) values, as many as the group's first key", value: "\(values.count) values")
                    }
                    lists.append(values)
                }
                dimensions.append(Dimension(keyPaths: paths, steps: (0..<lists[0].count).map { step in lists.map { $0[step].yamlText } }))
            }
        }

        let seedsValue = top["seeds"]!
        var seeds: [UInt64]
        if case .sequence = seedsValue.node {
            seeds = []
            for item in try seedsValue.sequence("a list of seeds") {
                let seed = try item.unsigned("a non-negative integer seed")
                guard !seeds.contains(seed) else { throw item.error("distinct seeds") }
                seeds.append(seed)
            }
            guard !seeds.isEmpty else { throw seedsValue.error("at least one seed", value: "an empty list") }
        } else {
            let spec = try seedsValue.mapping(allowed: ["count", "first"], required: ["count"])
            let count = try spec["count"]!.unsigned("a seed count of at least 1")
            guard count >= 1 else { throw spec["count"]!.error("a seed count of at least 1") }
            let first = try spec["first"]?.unsigned("a non-negative integer seed") ?? 0
            guard count <= UInt64(maximumRuns), first <= UInt64.max - (count - 1) else { throw spec["count"]!.error("at most \(maximumRuns) seeds that fit 64 bits from first") }
            seeds = (0..<count).map { first + $0 }
        }
        let pointCount = dimensions.reduce(1) { $0 * $1.steps.count }
        guard pointCount * seeds.count <= maximumRuns else {
            throw ScenarioError(file: file, keyPath: ScenarioKeyPath(), line: nil, value: "\(pointCount) points × \(seeds.count) seeds",
                                expected: "at most \(maximumRuns) runs")
        }
        return SweepSpec(name: name, file: file, scenarioPath: scenarioPath, dimensions: dimensions, seeds: seeds)
    }
}

extension YAMLValue {
    /// A mapping's entries in the order written; repeated keys are an error.
    func orderedEntries(_ expected: String) throws(ScenarioError) -> [(String, YAMLValue)] {
        guard case let .mapping(mapping) = node else { throw error(expected) }
        var result: [(String, YAMLValue)] = []
        for (keyNode, valueNode) in mapping {
            guard case let .scalar(keyScalar) = keyNode else { throw error("plain keys") }
            guard !result.contains(where: { $0.0 == keyScalar.string }) else {
                throw ScenarioError(file: file, keyPath: path.appending(key: keyScalar.string), line: keyNode.mark?.line, value: keyScalar.string, expected: "each key once")
            }
            result.append((keyScalar.string, child(keyScalar.string, valueNode)))
        }
        return result
    }

    /// The node as one line of YAML that reads back to the same value: a scalar's text (single-
    /// quoted when it was quoted), lists and mappings in flow style.
    var yamlText: String { Self.flowText(node) }

    static func flowText(_ node: Node) -> String {
        switch node {
        case let .scalar(scalar):
            return scalar.style == .plain ? scalar.string : "'" + scalar.string.replacingOccurrences(of: "'", with: "''") + "'"
        case let .sequence(sequence):
            return "[" + sequence.map(flowText).joined(separator: ", ") + "]"
        case let .mapping(mapping):
            return "{" + mapping.map { flowText($0.key) + ": " + flowText($0.value) }.joined(separator: ", ") + "}"
        case .alias:
            return "*alias"
        }
    }
}
