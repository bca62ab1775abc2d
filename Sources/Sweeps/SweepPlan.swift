import Foundation
import Simulation

/// A mistake in a sweep, found before anything runs or is written (exit 2).
public struct SweepInputError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, naming the file, the key or the grid point.
    public let description: String

    /// A mistake described by `description`.
    public init(_ description: String) { self.description = description }
}

/// A sweep checked completely: the spec, and the base scenario under every grid point's
/// overrides (each validated as if the values were written in the file).
public struct SweepPlan: Sendable {
    /// The sweep file.
    public let spec: SweepSpec
    /// `--set` overrides applied to the base scenario before each point's own.
    public let baseOverrides: [ScenarioOverride]
    /// The grid points, in order.
    public let points: [SweepSpec.Point]
    /// The scenario of each point (its run seed is set per run).
    public let scenarios: [Scenario]
    /// Every run, point-major.
    public let runs: [SweepSpec.Run]

    /// Loads the sweep file and checks the base scenario, with `baseOverrides` and then each
    /// point's overrides, at every point.
    public init(path: String, baseOverrides: [ScenarioOverride] = []) throws(SweepInputError) {
        let spec: SweepSpec
        do { spec = try SweepSpec.load(path: path) } catch { throw SweepInputError(error.description) }
        try self.init(spec: spec, baseOverrides: baseOverrides)
    }

    /// Checks the base scenario at every point of `spec`.
    public init(spec: SweepSpec, baseOverrides: [ScenarioOverride] = []) throws(SweepInputError) {
        self.spec = spec
        self.baseOverrides = baseOverrides
        points = spec.points
        var scenarios: [Scenario] = []
        for point in points {
            do {
                scenarios.append(try ScenarioParser.load(path: spec.scenarioPath, overrides: baseOverrides + point.overrides))
            } catch {
                let values = point.overrides.map(\.description).joined(separator: ", ")
                throw SweepInputError("\(spec.file): grid point \(point.index)\(values.isEmpty ? "" : " (\(values))"): \(error.description)")
            }
        }
        self.scenarios = scenarios
        runs = spec.runs
    }

    /// The scenario of `run`: its point's, with the run seed.
    public func scenario(of run: SweepSpec.Run) -> Scenario {
        var scenario = scenarios[run.point]
        scenario.seed = run.seed
        return scenario
    }

    /// The indices of the runs a shard `index` of `count` runs: every `count`-th from `index`.
    public func runIndices(shard: (index: Int, count: Int)?) -> [Int] {
        guard let shard else { return Array(runs.indices) }
        return runs.indices.filter { $0 % shard.count == shard.index }
    }
}
