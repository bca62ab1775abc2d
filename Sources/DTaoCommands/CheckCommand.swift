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
        let checkRun = CheckRun(enabled: enabled, golden: golden, updateGolden: updateGolden, maxDifferences: maxDifferences,
                                engineVersion: DTao.version, commandLine: ["dtao"] + CommandLine.arguments.dropFirst())
        var reports: [ScenarioCheck] = []
        for (path, scenario) in loaded {
            if format == .text { print("check \(scenario.name) (\(path)): \(scenario.horizonBlocks) blocks, \(enabled.count) invariants every block") }
            let report: ScenarioCheck
            do { report = try checkRun.check(scenario, path: path) } catch {
                switch error {
                case let .run(failure): throw CommandFailure(failure)
                case let .machine(message): throw CommandFailure.machine(message)
                }
            }
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

    func printText(_ report: ScenarioCheck) {
        for line in report.textLines { print(line) }
    }
}

