import ArgumentParser
import Foundation
import HTMLReport
import Reporting
import Simulation
import TaoEconomics

/// `dtao run SCENARIO --out DIR [--seed N] [--rules NAME] [--set key.path=value]... [--force] [--checkpoint-every N] [--resume FILE]`
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
            is a terminal. Column names and units: Reports/README.md.

            --checkpoint-every N also writes the run's complete state as state-<block>.json into \
            DIR every N blocks from the start, and at the end. --resume FILE continues the same \
            scenario (same file, inputs, overrides, seed and rule set) from such a state to its horizon: \
            DIR then holds the rows from the state's block on, byte for byte those of the \
            unbroken run, and a summary of the whole run. Exit codes: 0 done; 1 the ledger did \
            not balance; 2 bad input (a state that is damaged or of another run included); 3 the \
            machine failed (disk full, an unwritable folder), leaving no report.
            """)

    @Argument(help: "The scenario file (YAML or JSON).")
    var scenario: String

    @Option(help: ArgumentHelp("The report directory to create.", valueName: "dir"))
    var out: String

    @Option(parsing: .unconditional, help: ArgumentHelp("Replace the scenario's seed.", valueName: "n"), transform: ArgumentParsing.seed)
    var seed: UInt64?

    @Option(help: ArgumentHelp("Replace the scenario's rule set.", valueName: "name"))
    var rules: RuleSet?

    @Option(name: .customLong("set"), help: ArgumentHelp("Replace (or add) the value at a key path before the scenario is checked: key.path=value, list items by index (subnets[0].tao_reserve=1000). Repeatable, applied in order.", valueName: "key.path=value"),
            transform: ArgumentParsing.override)
    var overrides: [ScenarioOverride] = []

    @Flag(help: "Replace an existing report directory (and remove partial folders of killed runs).")
    var force = false

    @Flag(help: "Do not write report.html (the charts and tables page).")
    var noReport = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Write the run's state as state-<block>.json every N blocks from the start, and at the end.", valueName: "n"),
            transform: ArgumentParsing.positiveBlocks)
    var checkpointEvery: UInt64?

    @Option(help: ArgumentHelp("Continue the scenario from a state file written by --checkpoint-every.", valueName: "file"))
    var resume: String?

    func validate() throws {
        guard !out.isEmpty else { throw ValidationError("--out needs a directory path") }
    }

    func run() throws {
        var loaded: Scenario
        do { loaded = try ScenarioParser.load(path: scenario, overrides: overrides) } catch { throw CommandFailure.badInput(error.description, at: error) }
        if let seed { loaded.seed = seed }
        if let rules {
            do { try loaded.rebase(on: rules) } catch { throw CommandFailure.badInput(error.description, at: error) }
            if !loaded.keysWithoutEffect.isEmpty {
                FileHandle.standardError.write(Data("warning: under \(rules.name) these scenario keys have no effect (its rules have no part for them): \(loaded.keysWithoutEffect.joined(separator: ", "))\n".utf8))
            }
        }
        var simulation: SimulationRun
        var resumedFrom: ResumeRecord?
        if let resume {
            let file: StateFile
            do { file = try StateFile.load(path: resume) } catch { throw CommandFailure.badInput(error.description, at: error) }
            try Self.checkSameScenario(file, loaded, stateFile: resume)
            // The state's seed and rule set stand unless given again (then they must agree).
            if seed == nil { loaded.seed = file.seed }
            if rules == nil {
                do { try loaded.rebase(on: file.state.network.rules.base) } catch { throw CommandFailure.badInput(error.description, at: error) }
            }
            do { simulation = try SimulationRun(scenario: loaded, resumingFrom: file.state) } catch { throw CommandFailure(error) }
            resumedFrom = ResumeRecord(file: resume, block: file.block)
        } else {
            do { simulation = try SimulationRun(scenario: loaded) } catch { throw CommandFailure(error) }
        }

        let directory: ReportDirectory
        do { directory = try ReportDirectory(out: out, force: force) } catch { throw CommandFailure(error) }
        Self.warnAboutPartials(directory)
        let showProgress = isatty(STDERR_FILENO) != 0
        do {
            _ = try ReportRun.write(&simulation, into: directory, engineVersion: DTao.version,
                                          commandLine: ["dtao"] + CommandLine.arguments.dropFirst(),
                                          checkpointEveryBlocks: checkpointEvery, resumedFrom: resumedFrom,
                                          extraFile: noReport ? nil : ReportCommand.reportFile) { done, total in
                guard showProgress else { return }
                FileHandle.standardError.write(Data("\r\(loaded.name): block \(done) of \(total) (\(done * 100 / max(total, 1))%)".utf8))
            }
        } catch {
            if showProgress { FileHandle.standardError.write(Data("\n".utf8)) }
            throw CommandFailure(error)
        }
        if showProgress { FileHandle.standardError.write(Data("\n".utf8)) }
        let uids = FileManager.default.fileExists(atPath: (directory.finalPath as NSString).appendingPathComponent("uids.csv")) ? ["uids.csv"] : []
        print("wrote \(directory.finalPath): " + (ReportRun.files + uids + (noReport ? [] : [ReportFile.name])).joined(separator: ", "))
    }

    /// A state continues only the scenario it was written for: the same file content and inputs.
    static func checkSameScenario(_ file: StateFile, _ scenario: Scenario, stateFile: String) throws {
        let now = StateFile.record(of: scenario)
        guard file.scenario.name == now.name else {
            throw CommandFailure.badInput("cannot resume: \(stateFile) is a state of scenario '\(file.scenario.name)', not '\(now.name)'")
        }
        guard file.scenario.sha256 == now.sha256 else {
            throw CommandFailure.badInput("cannot resume: \(scenario.file) changed since \(stateFile) was written (SHA-256 \(file.scenario.sha256) then, \(now.sha256) now)")
        }
        guard (file.scenario.overrides ?? []) == (now.overrides ?? []) else {
            let shown = { (list: [String]?) in list.map { $0.map { "--set \($0)" }.joined(separator: " ") } ?? "none" }
            throw CommandFailure.badInput("cannot resume: \(stateFile) was written with overrides \(shown(file.scenario.overrides)), this run has \(shown(now.overrides))")
        }
        let then = Dictionary(file.scenario.inputs.map { ($0.file, $0.sha256) }, uniquingKeysWith: { a, _ in a })
        for input in now.inputs where then[input.file] != input.sha256 {
            throw CommandFailure.badInput("cannot resume: \(input.file), which the scenario reads, changed since \(stateFile) was written")
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
