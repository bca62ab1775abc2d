import ArgumentParser
import Foundation
import HTMLReport
import Reporting
import Simulation
import Sweeps

/// `dtao sweep`: a grid of overrides × seeds; `dtao sweep merge` joins the shards of one.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a grid of scenario overrides × seeds on all cores or in shards, and band the results across seeds.",
        subcommands: [SweepRunCommand.self, SweepMergeCommand.self],
        defaultSubcommand: SweepRunCommand.self)
}

/// How a sweep reports progress on stderr.
enum SweepProgress: String, ExpressibleByArgument, CaseIterable {
    /// One line rewritten in place when stderr is a terminal, nothing otherwise.
    case auto
    /// A line per finished run (for logs).
    case plain
    /// Nothing.
    case none
}

/// `dtao sweep SWEEP.yaml --out DIR [--jobs N] [--shard I/N|auto] [--keep-runs] [--set key.path=value]... [--progress auto|plain|none] [--quiet] [--force]`
struct SweepRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a sweep file's grid points × seeds and write runs.csv, runs-subnets.csv, bands.csv and sweep.json.",
        discussion: """
            Every grid point's scenario is checked before any run starts. Runs are independent \
            and run on --jobs threads (default: the machine's cores); the files are the same \
            bytes whatever --jobs is. A failed run is reported with its id and overrides and \
            does not stop the others; the exit code is then 1. --shard I/N runs every N-th run \
            from I and writes a shard folder (shard.json, digests/, failures.json) for \
            `dtao sweep merge`; --shard auto takes I and N from a Slurm job array \
            (SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN, SLURM_ARRAY_TASK_COUNT) or a Kubernetes \
            Indexed Job (JOB_COMPLETION_INDEX, with N in DTAO_SHARD_COUNT). Exit codes: 0 every \
            run finished; 1 a run failed; 2 bad input; 3 the machine failed (nothing is left).
            """)

    @Argument(help: "The sweep file (YAML).")
    var sweep: String

    @Option(help: ArgumentHelp("The folder to create.", valueName: "dir"))
    var out: String

    @Option(help: ArgumentHelp("Runs at a time (default: the machine's cores).", valueName: "n"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("Run one shard: I/N (0 ≤ I < N), or auto from a Slurm array or a Kubernetes Indexed Job.", valueName: "I/N|auto"))
    var shard: String?

    @Flag(help: "Also keep every run's full reports under runs/<id>/.")
    var keepRuns = false

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a key of the base scenario for every run: key.path=value. Repeatable.", valueName: "key.path=value"),
            transform: ArgumentParsing.override)
    var overrides: [ScenarioOverride] = []

    @Option(help: "Progress on stderr: auto (a line on a terminal), plain (a line per run) or none.")
    var progress: SweepProgress = .auto

    @Flag(help: "No progress and no summary line.")
    var quiet = false

    @Flag(help: "Replace an existing folder.")
    var force = false

    @Flag(help: "Do not write report.html (a shard folder never has one: merge writes it).")
    var noReport = false

    func validate() throws {
        guard !out.isEmpty else { throw ValidationError("--out needs a directory path") }
        guard (1...1_024).contains(jobs) else { throw ValidationError("--jobs must be from 1 to 1024") }
        if let shard { _ = try Self.parseShard(shard, environment: ProcessInfo.processInfo.environment) }
    }

    /// `I/N` with 0 ≤ I < N, or `auto` from the scheduler's variables.
    static func parseShard(_ text: String, environment: [String: String]) throws -> (index: Int, count: Int) {
        if text == "auto" {
            if let id = environment["SLURM_ARRAY_TASK_ID"].flatMap(Int.init) {
                guard let count = environment["SLURM_ARRAY_TASK_COUNT"].flatMap(Int.init) else {
                    throw ValidationError("--shard auto: SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not")
                }
                let minimum = environment["SLURM_ARRAY_TASK_MIN"].flatMap(Int.init) ?? 0
                return try check(index: id - minimum, count: count, source: "Slurm's array variables")
            }
            if let index = environment["JOB_COMPLETION_INDEX"].flatMap(Int.init) {
                guard let count = environment["DTAO_SHARD_COUNT"].flatMap(Int.init) else {
                    throw ValidationError("--shard auto: JOB_COMPLETION_INDEX is set but DTAO_SHARD_COUNT (the Job's completions) is not")
                }
                return try check(index: index, count: count, source: "JOB_COMPLETION_INDEX and DTAO_SHARD_COUNT")
            }
            throw ValidationError("--shard auto needs SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT, or JOB_COMPLETION_INDEX and DTAO_SHARD_COUNT")
        }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw ValidationError("--shard takes I/N (for example 0/4) or auto, not '\(text)'")
        }
        return try check(index: index, count: count, source: "--shard \(text)")
    }

    static func check(index: Int, count: Int, source: String) throws -> (index: Int, count: Int) {
        guard count >= 1, count <= SweepSpec.maximumRuns, index >= 0, index < count else {
            throw ValidationError("shard index \(index) of \(count) (from \(source)) is out of range: 0 ≤ I < N")
        }
        return (index, count)
    }

    func run() throws {
        let plan: SweepPlan
        do { plan = try SweepPlan(path: sweep, baseOverrides: overrides) } catch { throw CommandFailure.badInput(error.description) }
        let shardPart = try shard.map { try Self.parseShard($0, environment: ProcessInfo.processInfo.environment) }
        let indices = plan.runIndices(shard: shardPart)

        let directory: ReportDirectory
        do { directory = try ReportDirectory(out: out, force: force) } catch { throw CommandFailure(error) }
        RunCommand.warnAboutPartials(directory)
        var keepRunsIn: String?
        if keepRuns {
            keepRunsIn = directory.path("runs")
            do { try FileManager.default.createDirectory(atPath: keepRunsIn!, withIntermediateDirectories: true) } catch {
                directory.abandon()
                throw CommandFailure.machine("cannot create \(keepRunsIn!): \(error); nothing was written")
            }
        }

        let reporter = SweepProgressReporter(name: plan.spec.name, total: indices.count, mode: quiet ? .none : progress,
                                             isTerminal: isatty(STDERR_FILENO) != 0)
        let results = SweepRunner.run(plan, indices: indices, jobs: jobs, keepRunsIn: keepRunsIn, engineVersion: DTao.version,
                                      bandPoints: shardPart == nil, keptRunFile: noReport ? nil : ReportCommand.reportFile) { done in reporter.report(done) }
        reporter.finish()
        if let machine = results.machineFailure {
            directory.abandon()
            throw CommandFailure.machine("\(machine); nothing was written")
        }
        do {
            if let shardPart {
                try SweepShard.write(plan, results, index: shardPart.index, count: shardPart.count, runs: indices, engineVersion: DTao.version, into: directory)
            } else {
                try SweepOutput.write(plan, results, engineVersion: DTao.version, into: directory)
                if !noReport { try Self.writeReport(in: directory) }
            }
            try directory.commit()
        } catch {
            directory.abandon()
            throw CommandFailure.machine("\(error); nothing was written")
        }
        try Self.conclude(results, runs: indices.count, folder: directory.finalPath, quiet: quiet)
    }

    /// Writes report.html from the sweep's files in the working folder.
    static func writeReport(in directory: ReportDirectory) throws(OutputFailure) {
        do { try ReportFile.write(folder: directory.workingPath) } catch {
            throw OutputFailure(path: directory.path(ReportFile.name), reason: "\(error)")
        }
    }

    /// Prints the outcome; a failed run makes the exit code 1.
    static func conclude(_ results: SweepRunner.Results, runs: Int, folder: String, quiet: Bool) throws {
        let failures = results.failures.keys.sorted().map { results.failures[$0]! }
        for failure in failures {
            FileHandle.standardError.write(Data("run \(failure.id) failed (seed \(failure.seed)\(failure.overrides.isEmpty ? "" : ", " + failure.overrides.joined(separator: ", "))): \(failure.error)\n".utf8))
        }
        if !quiet { print("wrote \(folder): \(runs - failures.count) of \(runs) runs finished") }
        if !failures.isEmpty { throw CommandFailure.refused("\(failures.count) of \(runs) runs failed") }
    }
}

/// `dtao sweep merge SHARD_DIR... --out DIR`
struct SweepMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the shard folders of one sweep into the files the unsharded sweep writes, byte for byte.",
        discussion: """
            Every shard 0…N−1 must be given once, written by this engine from the sweep and \
            scenario files as they are now. Exit codes: 0 merged, every run finished; 1 merged, \
            a run failed; 2 bad input (shards of different sweeps, a shard missing or twice); 3 \
            the machine failed.
            """)

    @Argument(help: "The shard folders.")
    var shards: [String] = []

    @Option(help: ArgumentHelp("The folder to create.", valueName: "dir"))
    var out: String

    @Flag(help: "Replace an existing folder.")
    var force = false

    @Flag(help: "No summary line.")
    var quiet = false

    @Flag(help: "Do not write report.html.")
    var noReport = false

    func validate() throws {
        guard !shards.isEmpty else { throw ValidationError("give the shard folders to merge") }
        guard !out.isEmpty else { throw ValidationError("--out needs a directory path") }
    }

    func run() throws {
        let (plan, results): (SweepPlan, SweepRunner.Results)
        do { (plan, results) = try SweepShard.merge(shards, engineVersion: DTao.version) } catch { throw CommandFailure.badInput(error.description) }
        let directory: ReportDirectory
        do { directory = try ReportDirectory(out: out, force: force) } catch { throw CommandFailure(error) }
        do {
            try SweepOutput.write(plan, results, engineVersion: DTao.version, into: directory)
            if !noReport { try SweepRunCommand.writeReport(in: directory) }
            try directory.commit()
        } catch {
            directory.abandon()
            throw CommandFailure.machine("\(error); nothing was written")
        }
        try SweepRunCommand.conclude(results, runs: plan.runs.count, folder: directory.finalPath, quiet: quiet)
    }
}

/// Progress lines on stderr with the runs done, the total and an estimate of the time left.
final class SweepProgressReporter: @unchecked Sendable {
    let name: String
    let total: Int
    let mode: SweepProgress
    let isTerminal: Bool
    let start = Date()
    let lock = NSLock()

    init(name: String, total: Int, mode: SweepProgress, isTerminal: Bool) {
        self.name = name
        self.total = total
        self.mode = mode
        self.isTerminal = isTerminal
    }

    func report(_ done: Int) {
        lock.lock()
        defer { lock.unlock() }
        let elapsed = Date().timeIntervalSince(start)
        let left = done > 0 ? elapsed / Double(done) * Double(total - done) : 0
        let text = "sweep \(name): \(done) of \(total) runs (\(done * 100 / max(total, 1))%), about \(Self.duration(left)) left"
        switch mode {
        case .auto where isTerminal: FileHandle.standardError.write(Data("\r\(text)   ".utf8))
        case .plain: FileHandle.standardError.write(Data((text + "\n").utf8))
        default: break
        }
    }

    func finish() {
        if mode == .auto, isTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        return whole >= 3_600 ? "\(whole / 3_600)h\(whole % 3_600 / 60)m" : whole >= 60 ? "\(whole / 60)m\(whole % 60)s" : "\(whole)s"
    }
}
