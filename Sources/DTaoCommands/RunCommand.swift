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
            looks whole, and a failed one leaves nothing. An existing DIR is replaced only with \
            --force, which also removes DIR.partial-* folders left by runs that were killed. The \
            same scenario and seed give byte-identical CSV files. Progress goes to stderr when it \
            is a terminal. Column names and units: Reports/README.md. Exit codes: 0 done; 1 the \
            ledger did not balance; 2 bad input; 3 the machine failed (disk full, an unwritable \
            folder), leaving no report.
            """)

    @Argument(help: "The scenario file (YAML or JSON).")
    var scenario: String

    @Option(help: ArgumentHelp("The report directory to create.", valueName: "dir"))
    var out: String

    @Option(parsing: .unconditional, help: ArgumentHelp("Replace the scenario's seed.", valueName: "n"), transform: ArgumentParsing.seed)
    var seed: UInt64?

    @Option(help: ArgumentHelp("Replace the scenario's rule set.", valueName: "name"))
    var rules: RuleSet?

    @Flag(help: "Replace an existing report directory (and remove partial folders of killed runs).")
    var force = false

    func validate() throws {
        guard !out.isEmpty else { throw ValidationError("--out needs a directory path") }
    }

    func run() throws {
        var loaded: Scenario
        do { loaded = try ScenarioParser.load(path: scenario) } catch { throw CommandFailure.badInput(error.description) }
        if let seed { loaded.seed = seed }
        if let rules { loaded.rules = rules }
        var simulation: SimulationRun
        do { simulation = try SimulationRun(scenario: loaded) } catch { throw CommandFailure(error) }

        let directory: ReportDirectory
        do { directory = try ReportDirectory(out: out, force: force) } catch { throw CommandFailure(error) }
        Self.warnAboutPartials(directory)
        let showProgress = isatty(STDERR_FILENO) != 0
        let outcome: RunOutcome
        do {
            outcome = try ReportRun.write(&simulation, into: directory, engineVersion: DTao.version,
                                          commandLine: ["dtao"] + CommandLine.arguments.dropFirst()) { done, total in
                guard showProgress else { return }
                FileHandle.standardError.write(Data("\r\(loaded.name): block \(done) of \(total) (\(done * 100 / max(total, 1))%)".utf8))
            }
        } catch {
            if showProgress { FileHandle.standardError.write(Data("\n".utf8)) }
            throw CommandFailure(error)
        }
        if showProgress { FileHandle.standardError.write(Data("\n".utf8)) }
        print("wrote \(directory.finalPath): " + ReportRun.files.joined(separator: ", "))
        if !outcome.ledgerViolations.isEmpty {
            throw CommandFailure.refused("the ledger does not balance: " + outcome.ledgerViolations.map(\.description).joined(separator: "; "))
        }
    }

    /// Names partial folders of killed runs: removed under --force, left otherwise.
    static func warnAboutPartials(_ directory: ReportDirectory) {
        guard !directory.stalePartials.isEmpty else { return }
        let list = directory.stalePartials.joined(separator: ", ")
        let text = directory.removedStalePartials
            ? "warning: removed partial folders of runs that were killed: \(list)\n"
            : "warning: partial folders of runs that were killed are still here (--force removes them): \(list)\n"
        FileHandle.standardError.write(Data(text.utf8))
    }
}
