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
    /// Each stored baseline file (by name in the folder) with its SHA-256 when it was stored, so
    /// a baseline edited by hand since is told from an engine change; nil in records written
    /// before it was kept.
    public var files: [InputFileRecord]?

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

    /// The record with the SHA-256 of each of `names` as it is in `directory` now.
    public func storing(_ names: [String], in directory: String) -> BaselineRecord {
        var record = self
        record.files = names.map { InputFileRecord(file: $0, sha256: FileDigest.sha256Hex(ofFile: (directory as NSString).appendingPathComponent($0)) ?? "") }
        return record
    }

    /// The stored baseline files in `directory` whose bytes are no longer those recorded.
    public func editedFiles(in directory: String) -> [String] {
        (files ?? []).filter { FileDigest.sha256Hex(ofFile: (directory as NSString).appendingPathComponent($0.file)) != $0.sha256 }.map(\.file)
    }

    /// Why a report drifted from the baseline this record describes (stored in `directory`):
    /// which side changed — the baseline's own files (edited since they were stored), the
    /// scenario, its input files or the rule set — or, when none did, the engine.
    public func provenance(of current: BaselineRecord, directory: String) -> String {
        let edited = editedFiles(in: directory)
        if !edited.isEmpty {
            return "the baseline changed since it was stored: \(edited.joined(separator: ", ")) in \(directory) no longer match the SHA-256 in \(Self.fileName) (edited by hand?); store it again with --update-golden"
        }
        var changed: [String] = []
        if scenario.sha256 != current.scenario.sha256 { changed.append("the scenario \(current.scenario.file)") }
        if rules != current.rules { changed.append("the rule set (\(rules) → \(current.rules))") }
        let stored = Dictionary(inputs.map { (($0.file as NSString).lastPathComponent, $0.sha256) }, uniquingKeysWith: { a, _ in a })
        for input in current.inputs where stored[(input.file as NSString).lastPathComponent] != input.sha256 {
            changed.append("the input \(input.file)")
        }
        if current.inputs.count != inputs.count { changed.append("the list of input files") }
        if changed.isEmpty {
            let baseline = files == nil ? "" : "the baseline files are as stored, "
            if engineVersion == current.engineVersion {
                return "\(baseline)the scenario and its inputs are unchanged since the baseline (SHA-256 match): the engine changed at the same version \(current.engineVersion) (its code changed without a version bump, or this machine's maths library differs)"
            }
            return "\(baseline)the scenario and its inputs are unchanged since the baseline (SHA-256 match): the engine changed (engine \(engineVersion) → \(current.engineVersion))"
        }
        return "changed since the baseline: " + changed.joined(separator: ", ")
    }
}
