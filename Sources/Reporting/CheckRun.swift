import Foundation
import Simulation
import TaoEconomics

/// `dtao check`'s work for one scenario, apart from its arguments: a run with the invariants
/// on into a scratch folder, then the baseline compared (or replaced) and, on a drift, which
/// side changed.
public struct CheckRun: Sendable {
    /// Why a check could not be completed (a failed check is a `ScenarioCheck`, not this).
    public enum Failure: Error {
        /// The run could not start or write (bad input or the machine).
        case run(RunError)
        /// The baseline could not be written; the old one is unchanged.
        case machine(String)
    }

    /// The invariants asserted every block.
    public let enabled: Set<Invariant>
    /// The baselines' folder (`--golden`), if any.
    public let golden: String?
    /// Whether to replace the baselines (`--update-golden`).
    public let updateGolden: Bool
    /// Differing cells kept per scenario (all are counted).
    public let maxDifferences: Int
    /// The engine version recorded in manifests and baselines.
    public let engineVersion: String
    /// The command line recorded in the scratch run's manifest.
    public let commandLine: [String]

    /// A check of `enabled` against `golden`.
    public init(enabled: Set<Invariant>, golden: String?, updateGolden: Bool, maxDifferences: Int, engineVersion: String, commandLine: [String]) {
        self.enabled = enabled
        self.golden = golden
        self.updateGolden = updateGolden
        self.maxDifferences = maxDifferences
        self.engineVersion = engineVersion
        self.commandLine = commandLine
    }

    /// Checks `scenario` (read from `path`). - Throws: `Failure` when it cannot be checked.
    public func check(_ scenario: Scenario, path: String) throws(Failure) -> ScenarioCheck {
        var report = ScenarioCheck(name: scenario.name, file: path, blocks: scenario.horizonBlocks)
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("dtao-check-\(ProcessInfo.processInfo.processIdentifier)-\(scenario.name)").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        var simulation: SimulationRun
        do { simulation = try SimulationRun(scenario: scenario) } catch { throw .run(error) }
        simulation.checker = InvariantChecker(enabled: enabled)
        let directory: ReportDirectory
        do { directory = try ReportDirectory(out: scratch, force: true) } catch {
            if case let .output(failure) = error { throw .run(.output(failure)) }
            throw .machine(error.description)
        }
        do {
            _ = try ReportRun.write(&simulation, into: directory, engineVersion: engineVersion, commandLine: commandLine)
        } catch let RunError.invariant(violation) {
            report.violation = violation
            return report
        } catch {
            throw .run(error)
        }
        guard let golden else { return report }
        let target = (golden as NSString).appendingPathComponent(scenario.name)
        let current = BaselineRecord(scenario: scenario, engineVersion: engineVersion)
        report.golden.directory = target
        if updateGolden {
            do { try GoldenComparison.update(fresh: scratch, golden: target, record: current) } catch {
                throw .machine("\(error.description) (the baseline in \(target) is unchanged)")
            }
            report.golden.status = .updated
            return report
        }
        let result = GoldenComparison.compare(fresh: scratch, golden: target, limit: maxDifferences)
        report.golden.status = result.status
        report.golden.problems = result.problems
        report.golden.differences = result.differences
        report.golden.differingCells = result.differingCells
        report.golden.differingRows = result.differingRows
        if result.status == .drift {
            report.golden.provenance = BaselineRecord.read(from: target).map { $0.provenance(of: current, directory: target) }
                ?? "the baseline has no \(BaselineRecord.fileName), so it cannot tell whether the scenario or the engine changed"
        }
        return report
    }
}

/// `dtao check --format json`: the whole report.
public struct CheckReport: Encodable {
    /// A report of `scenarios` under `invariants`.
    public init(ok: Bool, invariants: [String], scenarios: [ScenarioCheck]) {
        self.ok = ok
        self.invariants = invariants
        self.scenarios = scenarios
    }

    let ok: Bool
    let invariants: [String]
    let scenarios: [ScenarioCheck]
}

/// One scenario's check.
public struct ScenarioCheck: Encodable, Sendable {
    /// The baseline's side of the check.
    public struct Golden: Encodable, Sendable {
        /// The baseline folder compared (`<golden>/<scenario name>`).
        public internal(set) var directory: String?
        /// Match, drift, missing, updated, or skipped (no `--golden`, or a violation).
        public internal(set) var status: GoldenStatus = .skipped
        /// Why the report drifted, as far as the scenario's and inputs' SHA-256 tell.
        public internal(set) var provenance: String?
        /// What kept files from being compared (a missing file, a changed header).
        public internal(set) var problems: [GoldenProblem] = []
        /// The first `maxDifferences` differing cells.
        public internal(set) var differences: [GoldenDifference] = []
        /// Differing cells per file, all counted.
        public internal(set) var differingCells: [String: Int] = [:]
        /// Rows with a differing cell, per file.
        public internal(set) var differingRows: [String: Int] = [:]

        enum CodingKeys: String, CodingKey { case directory, status, provenance, problems, differences, differingCells, differingRows }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(directory, forKey: .directory)
            try container.encode(status, forKey: .status)
            try container.encode(provenance, forKey: .provenance)
            try container.encode(problems, forKey: .problems)
            try container.encode(differences, forKey: .differences)
            try container.encode(differingCells, forKey: .differingCells)
            try container.encode(differingRows, forKey: .differingRows)
        }
    }

    /// The scenario's name.
    public let name: String
    /// The scenario file as given.
    public let file: String
    /// Blocks run.
    public let blocks: UInt64
    /// The first invariant violation, if any (the run stopped there).
    public internal(set) var violation: InvariantViolation?
    /// The baseline comparison.
    public internal(set) var golden = Golden()

    /// A violation, a drift or a missing baseline fails the check.
    public var ok: Bool { violation == nil && golden.status != .drift && golden.status != .missing }

    enum CodingKeys: String, CodingKey { case name, file, blocks, ok, violation, golden }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(file, forKey: .file)
        try container.encode(blocks, forKey: .blocks)
        try container.encode(ok, forKey: .ok)
        try container.encode(violation, forKey: .violation)
        try container.encode(golden, forKey: .golden)
    }
}

extension ScenarioCheck {
    /// What `--format text` prints under the scenario's heading (and a JUnit failure holds).
    public var textLines: [String] {
        if let violation {
            return ["  VIOLATION \(violation.invariant.name) at block \(violation.block)" + (violation.netuid.map { ", subnet \($0)" } ?? ""),
                    "    \(violation.details)"]
        }
        var lines = ["  invariants: ok"]
        guard let directory = golden.directory else { return lines }
        switch golden.status {
        case .updated: lines.append("  baseline updated: \(directory)")
        case .match: lines.append("  reports match \(directory)")
        case .skipped: break
        case .missing:
            lines.append("  MISSING baseline in \(directory)")
            for problem in golden.problems { lines.append("    \(problem)") }
        case .drift:
            lines.append("  DRIFT against \(directory)")
            if let provenance = golden.provenance { lines.append("    \(provenance)") }
            for problem in golden.problems { lines.append("    \(problem)") }
            for (file, count) in golden.differingCells.sorted(by: { $0.key < $1.key }) where count > 0 {
                lines.append("    \(file): \(count) cell(s) in \(golden.differingRows[file] ?? 0) row(s) differ")
            }
            for difference in golden.differences { lines.append("    \(difference)") }
        }
        return lines
    }
}

