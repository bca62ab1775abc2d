import ArgumentParser
import Foundation
import Reporting
import Simulation
import TaoEconomics

/// `dtao run SCENARIO --out DIR [--seed N] [--rules NAME] [--force]`
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario and write its reports: subnets.csv, network.csv, miners.csv, events.csv, manifest.json, summary.md.",
        discussion: """
            The scenario is checked completely before anything is written. Files are written \
            into DIR.partial-<pid> (with an INCOMPLETE marker) as the run goes and moved to DIR \
            only when the run has finished, so an interrupted run never leaves a report that \
            looks whole. An existing DIR is replaced only with --force. The same scenario and \
            seed give byte-identical CSV files. Progress goes to stderr when it is a terminal. \
            Column names and units: Reports/README.md.
            """)

    @Argument(help: "The scenario file (YAML or JSON).")
    var scenario: String

    @Option(help: ArgumentHelp("The report directory to create.", valueName: "dir"))
    var out: String

    @Option(parsing: .unconditional, help: ArgumentHelp("Replace the scenario's seed.", valueName: "n"), transform: ArgumentParsing.block)
    var seed: UInt64?

    @Option(help: ArgumentHelp("Replace the scenario's rule set (card or launch-2025-02).", valueName: "name"), transform: ArgumentParsing.ruleSet)
    var rules: RuleSet?

    @Flag(help: "Replace an existing report directory.")
    var force = false

    func run() throws {
        var loaded: Scenario
        do { loaded = try ScenarioParser.load(path: scenario) } catch { throw CommandFailure.badInput(error.description) }
        if let seed { loaded.seed = seed }
        if let rules { loaded.rules = rules }
        var simulation: SimulationRun
        do { simulation = try SimulationRun(scenario: loaded) } catch { throw CommandFailure.badInput(error.description) }

        let directory: ReportDirectory
        do { directory = try ReportDirectory(out: out, force: force) } catch { throw CommandFailure.badInput(error.description) }
        let showProgress = isatty(STDERR_FILENO) != 0
        let outcome: RunOutcome
        do {
            outcome = try ReportRun.write(&simulation, scenarioPath: scenario, into: directory, engineVersion: DTao.version,
                                          commandLine: ["dtao"] + CommandLine.arguments.dropFirst()) { done, total in
                guard showProgress else { return }
                FileHandle.standardError.write(Data("\r\(loaded.name): block \(done) of \(total) (\(done * 100 / max(total, 1))%)".utf8))
            }
        } catch {
            if showProgress { FileHandle.standardError.write(Data("\n".utf8)) }
            throw CommandFailure.refused("the run failed and left no report: \(error)")
        }
        if showProgress { FileHandle.standardError.write(Data("\n".utf8)) }
        print("wrote \(out): " + ReportRun.files.joined(separator: ", "))
        if !outcome.ledgerViolations.isEmpty {
            throw CommandFailure.refused("the ledger does not balance: " + outcome.ledgerViolations.map(\.description).joined(separator: "; "))
        }
    }
}
