import Foundation
import Simulation

/// What a stored baseline was made from (`baseline.json` beside its CSV files): the engine
/// version, the rule set, and the SHA-256 of the scenario and of every file it read. A drift
/// then says whether the scenario (or an input) changed, or the engine did.
public struct BaselineRecord: Codable, Equatable, Sendable {
    /// The record's file name inside a baseline folder.
    public static let fileName = "baseline.json"

    /// The engine version that made the baseline.
    public let engineVersion: String
    /// The rule set the scenario ran under.
    public let rules: String
    /// The scenario file and its SHA-256.
    public let scenario: InputFileRecord
    /// Every other file the scenario read, with its SHA-256.
    public let inputs: [InputFileRecord]

    /// The record of `scenario` as it is now.
    public init(scenario: Scenario, engineVersion: String) {
        let hashes = InputFileRecord.hashing([scenario.file] + scenario.inputFiles)
        self.engineVersion = engineVersion
        rules = scenario.rules.label
        self.scenario = hashes[0]
        inputs = Array(hashes.dropFirst())
    }

    /// The record stored in `directory`, or nil when there is none (or it cannot be read).
    public static func read(from directory: String) -> BaselineRecord? {
        guard let data = FileManager.default.contents(atPath: (directory as NSString).appendingPathComponent(fileName)) else { return nil }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try? decoder.decode(BaselineRecord.self, from: data)
    }

    /// Writes the record into `directory`.
    public func write(to directory: String) throws(OutputFailure) {
        try StreamingFile.write(JSONText.encode(self), to: (directory as NSString).appendingPathComponent(Self.fileName))
    }

    /// Why a report drifted from the baseline this record describes, as far as the inputs tell:
    /// which of the scenario and its input files changed, or that none did (so the engine did).
    public func provenance(of current: BaselineRecord) -> String {
        var changed: [String] = []
        if scenario.sha256 != current.scenario.sha256 { changed.append("the scenario \(current.scenario.file)") }
        if rules != current.rules { changed.append("the rule set (\(rules) → \(current.rules))") }
        let stored = Dictionary(inputs.map { (($0.file as NSString).lastPathComponent, $0.sha256) }, uniquingKeysWith: { a, _ in a })
        for input in current.inputs where stored[(input.file as NSString).lastPathComponent] != input.sha256 {
            changed.append("the input \(input.file)")
        }
        if current.inputs.count != inputs.count { changed.append("the list of input files") }
        if changed.isEmpty {
            let engine = engineVersion == current.engineVersion ? "engine \(current.engineVersion)" : "engine \(engineVersion) → \(current.engineVersion)"
            return "the scenario and its inputs are unchanged since the baseline (SHA-256 match): the engine changed (\(engine))"
        }
        return "changed since the baseline: " + changed.joined(separator: ", ")
    }
}
