import Foundation
import Simulation

/// Runs a simulation into a report directory: the CSV files as the run goes, then the summary
/// and the manifest, then the atomic move into place. One path for `dtao run` and `dtao check`.
public enum ReportRun {
    public static let files = ["subnets.csv", "network.csv", "miners.csv", "events.csv", "manifest.json", "summary.md"]

    /// - Throws: `RunError` from the run (the directory is abandoned), `ReportError` from files.
    public static func write(_ simulation: inout SimulationRun, scenarioPath: String, into directory: ReportDirectory,
                             engineVersion: String, commandLine: [String], progress: ((UInt64, UInt64) -> Void)? = nil) throws -> RunOutcome {
        let startedAt = Date()
        let scenario = simulation.scenario
        do {
            var writer = try ReportWriter(directory: directory)
            let outcome = try simulation.run(into: &writer, progress: progress)
            try writer.close()
            try text(RunSummaryText.markdown(scenario: scenario, outcome: outcome), to: directory.path("summary.md"))
            let hash = SHA256.hex(Array(FileManager.default.contents(atPath: scenarioPath) ?? Data()))
            let formatter = ISO8601DateFormatter()
            try text(RunManifest.json(scenario: scenario, scenarioSHA256: hash, engineVersion: engineVersion, commandLine: commandLine,
                                      startedAt: formatter.string(from: startedAt), finishedAt: formatter.string(from: Date()), files: files),
                     to: directory.path("manifest.json"))
            try directory.commit()
            return outcome
        } catch {
            directory.abandon()
            throw error
        }
    }

    static func text(_ text: String, to path: String) throws(ReportError) {
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else { throw ReportError("cannot write \(path)") }
    }
}
