import ArgumentParser
import Foundation
import Reporting
import Simulation
import TaoEconomics

/// `dtao check SCENARIO... [--set key.path=value]... [--invariants all|NAME,...] [--golden DIR] [--update-golden] [--format text|json|junit] [--max-differences N]`
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run scenarios with the economic invariants asserted every block, and compare their reports with baselines.",
        discussion: """
            Invariants (all by default): \(Invariant.allCases.map(\.name).joined(separator: ", ")). \
            A scenario stops at its first violation, which is printed with the invariant, block, \
            subnet and values. With --golden DIR, each scenario's fresh subnets.csv, network.csv, \
            miners.csv and events.csv are compared with DIR/<scenario name>/, each column as its \
            table declares (Reports/README.md): integers and text exactly, decimals derived from \
            floating-point inputs within a relative 1e-9; the first --max-differences differing \
            cells are printed and all are counted per file. A drift also says whether the \
            scenario or one of its input files changed since the baseline (SHA-256 in \
            DIR/<name>/baseline.json) or the engine did. A missing baseline is reported as \
            missing. --update-golden rewrites the baselines instead (not with --set: baselines \
            are of the scenario files as written). --set applies to every scenario given. With --format json, the \
            report (or, on bad input, an error object) is JSON on stdout; with --format junit, JUnit XML \
            (one test case per scenario, a failure holding what text would print) for CI systems. Exit codes: 0 every \
            invariant held and every report matched; 1 a violation, a drift or a missing \
            baseline; 2 bad input; 3 the machine failed.
            """)

    @Argument(help: "Scenario files.")
    var scenarios: [String] = []

    @Option(name: .customLong("set"), help: ArgumentHelp("Replace (or add) the value at a key path of every scenario before it is checked: key.path=value. Repeatable.", valueName: "key.path=value"),
            transform: ArgumentParsing.override)
    var overrides: [ScenarioOverride] = []

    @Option(help: ArgumentHelp("all, or a comma-separated list of invariant names.", valueName: "names"))
    var invariants: String = "all"

    @Option(help: ArgumentHelp("A directory of baseline reports, one folder per scenario name.", valueName: "dir"))
    var golden: String?

    @Flag(help: "Rewrite the baselines under --golden from fresh runs.")
    var updateGolden = false

    @Option(help: "Output format: text (for CI logs), json, or junit (JUnit XML: one test case per scenario).")
    var format: CheckFormat = .text

    @Option(help: ArgumentHelp("Differing cells to print per scenario (all are counted).", valueName: "n"))
    var maxDifferences: Int = 10

    enum CheckFormat: String, ExpressibleByArgument, CaseIterable { case text, json, junit }

    func validate() throws {
        guard !scenarios.isEmpty else { throw ValidationError("give at least one scenario file") }
        if updateGolden, golden == nil { throw ValidationError("--update-golden needs --golden DIR") }
        if updateGolden, !overrides.isEmpty { throw ValidationError("--update-golden cannot be combined with --set: baselines are of the scenario files as written") }
        guard maxDifferences >= 0 else { throw ValidationError("--max-differences must be 0 or more") }
        _ = try selectedInvariants()
    }

    func selectedInvariants() throws -> Set<Invariant> {
        if invariants == "all" { return Set(Invariant.allCases) }
        var selected = Set<Invariant>()
        for name in invariants.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard let invariant = Invariant(rawValue: name) else {
                throw ValidationError("unknown invariant '\(name)': expected all or names from \(Invariant.allCases.map(\.name).joined(separator: ", "))")
            }
            selected.insert(invariant)
        }
        return selected
    }

    func run() throws {
        let enabled = try selectedInvariants()
        // Every scenario must be valid before any runs.
        var loaded: [(path: String, scenario: Scenario)] = []
        for path in scenarios {
            do { loaded.append((path, try ScenarioParser.load(path: path, overrides: overrides))) } catch { throw CommandFailure.badInput(error.description, at: error) }
        }
        let names = loaded.map(\.scenario.name)
        if let duplicate = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
            throw CommandFailure.badInput("two scenarios are named '\(duplicate)': baselines are stored by name")
        }
        var reports: [ScenarioCheck] = []
        for (path, scenario) in loaded {
            if format == .text { print("check \(scenario.name) (\(path)): \(scenario.horizonBlocks) blocks, \(enabled.count) invariants every block") }
            let report = try check(scenario, path: path, enabled: enabled)
            if format == .text { printText(report) }
            reports.append(report)
        }
        let failed = reports.filter { !$0.ok }
        switch format {
        case .text:
            print(failed.isEmpty
                ? "check passed: \(reports.count) scenario(s), every invariant held every block" + (golden == nil ? "" : (updateGolden ? ", baselines updated" : ", reports match the baselines"))
                : "check FAILED: \(failed.count) of \(reports.count) scenario(s): \(failed.map(\.name).joined(separator: ", "))")
        case .json:
            print(JSONText.encode(CheckReport(ok: failed.isEmpty, invariants: enabled.sorted().map(\.name), scenarios: reports)), terminator: "")
        case .junit:
            print(CheckJUnit.xml(reports, invariants: enabled.sorted().map(\.name)), terminator: "")
        }
        if !failed.isEmpty { throw ExitCode(1) }
    }

    /// One scenario: a run with the invariants on into a scratch folder, then the baseline.
    func check(_ scenario: Scenario, path: String, enabled: Set<Invariant>) throws -> ScenarioCheck {
        var report = ScenarioCheck(name: scenario.name, file: path, blocks: scenario.horizonBlocks)
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("dtao-check-\(ProcessInfo.processInfo.processIdentifier)-\(scenario.name)").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        var simulation: SimulationRun
        do { simulation = try SimulationRun(scenario: scenario) } catch { throw CommandFailure(error) }
        simulation.checker = InvariantChecker(enabled: enabled)
        let directory: ReportDirectory
        do { directory = try ReportDirectory(out: scratch, force: true) } catch { throw CommandFailure(error) }
        do {
            _ = try ReportRun.write(&simulation, into: directory, engineVersion: DTao.version, commandLine: ["dtao"] + CommandLine.arguments.dropFirst())
        } catch let RunError.invariant(violation) {
            report.violation = violation
            return report
        } catch {
            throw CommandFailure(error)
        }
        guard let golden else { return report }
        let target = (golden as NSString).appendingPathComponent(scenario.name)
        let current = BaselineRecord(scenario: scenario, engineVersion: DTao.version)
        report.golden.directory = target
        if updateGolden {
            do { try GoldenComparison.update(fresh: scratch, golden: target, record: current) } catch {
                throw CommandFailure.machine("\(error.description) (the baseline in \(target) is unchanged)")
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

    func printText(_ report: ScenarioCheck) {
        for line in report.textLines { print(line) }
    }
}

extension ScenarioCheck {
    /// What `--format text` prints under the scenario's heading (and a JUnit failure holds).
    var textLines: [String] {
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

/// `dtao check --format json`: the whole report.
struct CheckReport: Encodable {
    let ok: Bool
    let invariants: [String]
    let scenarios: [ScenarioCheck]
}

/// One scenario's check.
struct ScenarioCheck: Encodable {
    struct Golden: Encodable {
        var directory: String?
        var status: GoldenStatus = .skipped
        /// Why the report drifted, as far as the scenario's and inputs' SHA-256 tell.
        var provenance: String?
        var problems: [GoldenProblem] = []
        var differences: [GoldenDifference] = []
        var differingCells: [String: Int] = [:]
        var differingRows: [String: Int] = [:]

        enum CodingKeys: String, CodingKey { case directory, status, provenance, problems, differences, differingCells, differingRows }

        func encode(to encoder: Encoder) throws {
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

    let name: String
    let file: String
    let blocks: UInt64
    var violation: InvariantViolation?
    var golden = Golden()

    /// A violation, a drift or a missing baseline fails the check.
    var ok: Bool { violation == nil && golden.status != .drift && golden.status != .missing }

    enum CodingKeys: String, CodingKey { case name, file, blocks, ok, violation, golden }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(file, forKey: .file)
        try container.encode(blocks, forKey: .blocks)
        try container.encode(ok, forKey: .ok)
        try container.encode(violation, forKey: .violation)
        try container.encode(golden, forKey: .golden)
    }
}
