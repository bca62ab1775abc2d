import Foundation
import Simulation

/// Runs a simulation into a report directory: the CSV files as the run goes, then the summary
/// and the manifest, then the atomic move into place. One path for `dtao run` and `dtao check`.
public enum ReportRun {
    /// Every file a report folder holds.
    public static let files = GoldenComparison.files + ["manifest.json", "summary.md"]

    /// - Throws: `RunError` from the run or its files; the working directory is then removed,
    ///   so nothing is left half-written.
    public static func write(_ simulation: inout SimulationRun, into directory: ReportDirectory, engineVersion: String,
                             commandLine: [String], progress: ((UInt64, UInt64) -> Void)? = nil) throws(RunError) -> RunOutcome {
        let startedAt = Date()
        let scenario = simulation.scenario
        do throws(RunError) {
            var writer: ReportWriter
            do { writer = try ReportWriter(directory: directory) } catch { throw RunError.output(error) }
            let outcome = try simulation.run(into: &writer, progress: progress)
            do throws(OutputFailure) {
                try writer.close()
                try StreamingFile.write(RunSummaryText.markdown(scenario: scenario, outcome: outcome), to: directory.path("summary.md"))
                let formatter = ISO8601DateFormatter()
                let manifest = RunManifest(scenario: scenario, engineVersion: engineVersion, commandLine: commandLine, files: files,
                                           startedAt: formatter.string(from: startedAt), finishedAt: formatter.string(from: Date()))
                try StreamingFile.write(JSONText.encode(manifest), to: directory.path("manifest.json"))
                try directory.commit()
            } catch { throw RunError.output(error) }
            return outcome
        } catch {
            directory.abandon()
            throw error
        }
    }
}
