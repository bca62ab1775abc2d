import FixedMath
import Foundation
import Simulation
import TaoEconomics
import Yams

/// A checkpoint: `state-<block>.json` in a report folder, written by `dtao run
/// --checkpoint-every N` (and at the end), read by `dtao run --resume FILE`.
///
/// JSON with sorted keys and the engine's own field names; every amount an exact integer
/// (128-bit values included, big integers as decimal strings). Format `dtao-state`, version 2
/// (version 1 had no rule-set parameters, reservoirs, baskets or the spec-475 scheduler): a
/// later engine that adds state bumps the version, reads the versions it knows and refuses the
/// others by name.
public struct StateFile: Codable, Sendable {
    /// The `format` field of every state file.
    public static let format = "dtao-state"
    /// The version this engine writes and reads (3: the file carries its digest).
    public static let version = 3
    /// The oldest version this engine reads.
    public static let oldestReadVersion = 3

    /// The scenario a state belongs to: its name, path and SHA-256, and those of every file it read.
    public struct ScenarioRecord: Codable, Sendable, Equatable {
        /// The scenario's name.
        public let name: String
        /// The path the run was given.
        public let file: String
        /// Its SHA-256 when the state was written.
        public let sha256: String
        /// Every other file it read (CSV paths, snapshots), with its SHA-256.
        public let inputs: [InputFileRecord]
        /// The `--set` overrides the run applied, in order (`key.path=value`); absent when none.
        public var overrides: [String]? = nil
    }

    /// `dtao-state`.
    public let format: String
    /// The state format's version.
    public let version: Int
    /// The engine that wrote it.
    public let engineVersion: String
    /// The scenario it belongs to.
    public let scenario: ScenarioRecord
    /// The rule set it runs (also inside `state`).
    public let rules: String
    /// The seed it runs (also inside `state`).
    public let seed: UInt64
    /// The block the state is at: the next block to run.
    public let block: UInt64
    /// The run's state.
    public let state: RunState
    /// SHA-256 (lowercase hex) of the file's canonical encoding without this field: every other
    /// field, JSON with sorted keys and no whitespace. A resume recomputes it and refuses a
    /// file whose contents do not match (an edited header block, EMA price or netuid).
    public private(set) var digest: String?

    /// The file of `state`, for a run of `scenario`.
    public init(state: RunState, scenario: ScenarioRecord, engineVersion: String) {
        format = Self.format
        version = Self.version
        self.engineVersion = engineVersion
        self.scenario = scenario
        rules = state.network.rules.label
        seed = state.seed
        block = state.block
        self.state = state
        digest = canonicalDigest
    }

    /// The SHA-256 of this file's canonical encoding, its `digest` left out.
    var canonicalDigest: String {
        var unsigned = self
        unsigned.digest = nil
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Every value is built from integers, strings and finite doubles, which always encode.
        return FileDigest.sha256Hex((try? encoder.encode(unsigned)) ?? Data())
    }

    /// The record of `scenario` as it is on disk now.
    public static func record(of scenario: Scenario) -> ScenarioRecord {
        let hashes = InputFileRecord.hashing([scenario.file] + scenario.inputFiles)
        return ScenarioRecord(name: scenario.name, file: hashes[0].file, sha256: hashes[0].sha256, inputs: Array(hashes.dropFirst()),
                              overrides: scenario.overrides.isEmpty ? nil : scenario.overrides.map(\.description))
    }

    /// The file name of a state at `block`.
    public static func fileName(block: UInt64) -> String { "state-\(block).json" }

    /// The JSON text.
    public var text: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Every value is built from integers, strings and finite doubles, which always encode.
        guard let data = try? encoder.encode(self) else { return "null\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Reads and checks a state file.
    /// - Throws: `ScenarioError` naming the file and the field: unreadable, not JSON, not a
    ///   state file, an unknown version, a missing or mistyped field, an amount out of range, or
    ///   a state the engine could not have written (a ledger that does not balance).
    public static func load(path: String) throws(ScenarioError) -> StateFile {
        func refuse(at keyPath: ScenarioKeyPath = ScenarioKeyPath(), _ value: String, _ expected: String) -> ScenarioError {
            ScenarioError(file: path, keyPath: keyPath, line: nil, value: value, expected: expected)
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw refuse(path, "a readable state file") }
        struct Header: Decodable {
            let format: String?
            let version: Int?
        }
        let decoder = JSONDecoder()
        let header: Header
        do { header = try decoder.decode(Header.self, from: data) } catch {
            throw refuse("\(data.count) bytes that are not a JSON object", "a state file written by dtao run --checkpoint-every (complete JSON)")
        }
        guard header.format == format else {
            throw refuse(at: "format", header.format ?? "no format", "a state file (\"format\": \"\(format)\")")
        }
        guard let version = header.version, (Self.oldestReadVersion...Self.version).contains(version) else {
            throw refuse(at: "version", header.version.map(String.init) ?? "no version",
                         "state format version \(Self.oldestReadVersion) to \(Self.version), the versions this engine reads (an earlier engine's state: run the scenario again from its start)")
        }
        let file: StateFile
        do {
            file = try decoder.decode(StateFile.self, from: data)
        } catch let error as DecodingError {
            var (keyPath, reason) = describe(error)
            // The JSON reader refuses an integer past every Swift type without saying where.
            if keyPath.isEmpty, let (path, value) = overflowingInteger(in: data) {
                (keyPath, reason) = (path, value)
                throw refuse(at: keyPath, reason, "an integer its field can hold (at most 18446744073709551615 rao, 2^128 − 1 for raw fixed-point values)")
            }
            throw refuse(at: keyPath, reason, "a value this engine's state format \(version) allows there")
        } catch {
            throw refuse("unreadable JSON", "a state file written by dtao run --checkpoint-every")
        }
        guard let digest = file.digest else { throw refuse(at: "digest", "missing", "the digest dtao writes into every state file") }
        guard digest == file.canonicalDigest else {
            throw refuse(at: "digest", digest, "the SHA-256 of the file's contents (\(file.canonicalDigest)): the file was changed after dtao wrote it")
        }
        guard file.block == file.state.block, file.seed == file.state.seed else {
            throw refuse(at: "block", "\(file.block)", "the block of its state (\(file.state.block)) and the seed of its state (\(file.state.seed))")
        }
        return file
    }

    /// The fields that hold 128-bit raw fixed-point values; every other integer is at most 64 bits.
    static let wideFields: Set<String> = ["emaPriceRaw", "minerBurnedRaw", "gateThetaRaw"]

    /// The first integer in the JSON too large for its field, with its key path, or nil.
    static func overflowingInteger(in data: Data) -> (ScenarioKeyPath, String)? {
        guard let text = String(data: data, encoding: .utf8), let root = try? Yams.compose(yaml: text) else { return nil }
        func search(_ node: Node, _ path: [ScenarioKeyPath.Component], key: String) -> (ScenarioKeyPath, String)? {
            switch node {
            case let .scalar(scalar):
                let digits = scalar.string
                guard scalar.style == .plain, !digits.isEmpty, digits.allSatisfy(\.isNumber), let value = try? BigInteger(parsing: digits) else { return nil }
                let limit = wideFields.contains(key) ? BigInteger.powerOfTwo(128) : BigInteger.powerOfTwo(64)
                return value >= limit ? (ScenarioKeyPath(path), digits) : nil
            case let .mapping(mapping):
                for (keyNode, valueNode) in mapping {
                    let name = keyNode.string ?? ""
                    if let found = search(valueNode, path + [.key(name)], key: name) { return found }
                }
                return nil
            case let .sequence(sequence):
                for (index, item) in sequence.enumerated() {
                    if let found = search(item, path + [.index(index)], key: key) { return found }
                }
                return nil
            case .alias: return nil
            }
        }
        return search(root, [], key: "")
    }

    /// Where a decoding error is, as a key path, and what was wrong.
    static func describe(_ error: DecodingError) -> (ScenarioKeyPath, String) {
        func path(_ codingPath: [CodingKey]) -> ScenarioKeyPath {
            ScenarioKeyPath(codingPath.map { key in key.intValue.map { .index($0) } ?? .key(key.stringValue) })
        }
        switch error {
        case let .keyNotFound(key, context): return (path(context.codingPath + [key]), "missing")
        case let .typeMismatch(type, context): return (path(context.codingPath), "not a \(type) (\(context.debugDescription))")
        case let .valueNotFound(type, context): return (path(context.codingPath), "null where a \(type) belongs")
        case let .dataCorrupted(context): return (path(context.codingPath), context.debugDescription)
        @unknown default: return (ScenarioKeyPath(), "\(error)")
        }
    }
}
