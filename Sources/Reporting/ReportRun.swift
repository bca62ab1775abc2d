import Foundation
import Simulation

/// Runs a simulation into a report directory: the CSV files as the run goes, then the summary
/// and the manifest, then the atomic move into place. One path for `dtao run` and `dtao check`.
public enum ReportRun {
    /// Every file a report folder holds.
    public static let files = GoldenComparison.files + ["manifest.json", "summary.md"]

    /// - Parameters:
    ///   - checkpointEveryBlocks: when set, `state-<block>.json` every that many blocks from the
    ///     scenario's start, and at the end.
    ///   - resumedFrom: the checkpoint a resumed run continues, for the manifest.
    /// - Throws: `RunError` from the run or its files, or `.ledger` when the finished run's
    ///   ledger does not balance; the working directory is then removed, so nothing is left
    ///   half-written.
    public static func write(_ simulation: inout SimulationRun, into directory: ReportDirectory, engineVersion: String,
                             commandLine: [String], checkpointEveryBlocks: UInt64? = nil, resumedFrom: ResumeRecord? = nil,
                             extraFile: ExtraFile? = nil, progress: ((UInt64, UInt64) -> Void)? = nil) throws(RunError) -> RunOutcome {
        var nothing = DiscardingSink()
        return try write(&simulation, into: directory, engineVersion: engineVersion, commandLine: commandLine, checkpointEveryBlocks: checkpointEveryBlocks,
                         resumedFrom: resumedFrom, also: &nothing, extraFile: extraFile, progress: progress)
    }

    /// Something written into a finished report folder before it is moved into place (the HTML
    /// report): its file name, and how to write it from the folder's other files.
    public struct ExtraFile: Sendable {
        /// The file's name in the folder.
        public let name: String
        /// Writes it, given the working folder's path.
        public let write: @Sendable (String) throws -> Void

        /// An extra file `name` written by `write`.
        public init(name: String, write: @escaping @Sendable (String) throws -> Void) {
            self.name = name
            self.write = write
        }
    }

    /// The same, with every sample, event and miner row also passed to `extra` (a sweep keeps
    /// its digest of the run this way while the run's reports are written).
    public static func write<Extra: RunSink>(_ simulation: inout SimulationRun, into directory: ReportDirectory, engineVersion: String,
                                             commandLine: [String], checkpointEveryBlocks: UInt64? = nil, resumedFrom: ResumeRecord? = nil,
                                             also extra: inout Extra, extraFile: ExtraFile? = nil,
                                             progress: ((UInt64, UInt64) -> Void)? = nil) throws(RunError) -> RunOutcome {
        let startedAt = Date()
        let scenario = simulation.scenario
        do throws(RunError) {
            let checkpointing = checkpointEveryBlocks.map { _ in (StateFile.record(of: scenario), engineVersion) }
            var tee: TeeSink<ReportWriter, Extra>
            do { tee = TeeSink(try ReportWriter(directory: directory, checkpointing: checkpointing), extra) } catch { throw RunError.output(error) }
            simulation.checkpointEveryBlocks = checkpointEveryBlocks
            let outcome = try simulation.run(into: &tee, progress: progress)
            // A run whose ledger does not balance failed: its reports are not moved into place.
            guard outcome.ledgerViolations.isEmpty else { throw RunError.ledger(outcome.ledgerViolations) }
            let writer = tee.first
            extra = tee.second
            do throws(OutputFailure) {
                try writer.close()
                try StreamingFile.write(RunSummaryText.markdown(scenario: scenario, outcome: outcome, resumedFrom: resumedFrom), to: directory.path("summary.md"))
                let formatter = ISO8601DateFormatter()
                let manifest = RunManifest(scenario: scenario, engineVersion: engineVersion, commandLine: commandLine,
                                           files: files + (writer.uids == nil ? [] : [UIDColumns.table.file]) + writer.stateFiles + (extraFile.map { [$0.name] } ?? []),
                                           startedAt: formatter.string(from: startedAt), finishedAt: formatter.string(from: Date()),
                                           checkpointEveryBlocks: checkpointEveryBlocks, resumedFrom: resumedFrom)
                try StreamingFile.write(JSONText.encode(manifest), to: directory.path("manifest.json"))
                if let extraFile {
                    do { try extraFile.write(directory.workingPath) } catch {
                        throw OutputFailure(path: directory.path(extraFile.name), reason: "\(error)")
                    }
                }
                try directory.commit()
            } catch { throw RunError.output(error) }
            return outcome
        } catch {
            directory.abandon()
            throw error
        }
    }
}

/// The checkpoint a resumed run continued from: its file, SHA-256 and block.
public struct ResumeRecord: Encodable, Sendable, Equatable {
    /// The state file given to `--resume` (relative to the current directory, `DisplayPath`).
    public let file: String
    /// Its SHA-256.
    public let sha256: String
    /// The block the run continued from.
    public let block: UInt64

    /// A record of resuming from `file` at `block`.
    public init(file: String, block: UInt64) {
        self.file = DisplayPath.of(file)
        sha256 = FileDigest.sha256Hex(ofFile: file) ?? ""
        self.block = block
    }
}
