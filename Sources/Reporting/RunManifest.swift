import Simulation
import TaoEconomics

/// A file a run read, and its SHA-256.
public struct InputFileRecord: Codable, Equatable, Sendable {
    /// The path as the run was given it.
    public let file: String
    /// Its SHA-256, 64 lowercase hex digits (empty when it could not be read).
    public let sha256: String

    /// A record of `file` with digest `sha256`.
    public init(file: String, sha256: String) {
        self.file = file
        self.sha256 = sha256
    }

    /// The records of `files`, hashed now, each named as `DisplayPath` writes it; an unreadable
    /// file gets an empty hash.
    public static func hashing(_ files: [String]) -> [InputFileRecord] {
        files.map { InputFileRecord(file: DisplayPath.of($0), sha256: FileDigest.sha256Hex(ofFile: $0) ?? "") }
    }
}

/// The run manifest (`manifest.json`): what produced the report, and when.
public struct RunManifest: Encodable {
    /// The scenario: its name, path and SHA-256.
    public struct ScenarioRecord: Encodable {
        let name: String
        let file: String
        let sha256: String
    }

    /// The rule set: the bundled rule set it derives from, the parameters the scenario
    /// overrode, every chain parameter's value and every part.
    public struct RulesRecord: Encodable {
        let name: String
        let base: String
        let overrides: [String: String]
        let parameters: [String: String]
        let parts: [String: String]

        /// The record of `rules`.
        init(_ rules: RuleSet) {
            name = rules.label
            base = rules.name
            overrides = Dictionary(rules.overrides.map { ($0.parameter.name, $0.value.decimalText) }, uniquingKeysWith: { _, last in last })
            parameters = Dictionary(rules.parameterRows.map { ($0.parameter.name, $0.setting.description) }, uniquingKeysWith: { a, _ in a })
            parts = Dictionary(rules.parts.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        }
    }

    let engine = "dtao"
    let engineVersion: String
    let scenario: ScenarioRecord
    /// Every file the scenario read besides itself (CSV paths, snapshots), with its SHA-256.
    let inputs: [InputFileRecord]
    let rules: RulesRecord
    /// The `--set` overrides applied to the scenario file, in order (`key.path=value`).
    let overrides: [String]
    /// The TAO/USD model in words (`TaoUsdModel.summary`).
    let market: String
    /// Scenario keys the rule set has no part for, so they had no effect (after `--rules`).
    let keysWithoutEffect: [String]
    let seed: UInt64
    let step: String
    let startBlock: UInt64
    let endBlock: UInt64
    let startDate: String
    let blocksPerDay: UInt64
    let sampleEveryBlocks: UInt64
    let commandLine: [String]
    let files: [String]
    let startedAt: String
    let finishedAt: String
    /// `--checkpoint-every`, when given.
    let checkpointEveryBlocks: UInt64?
    /// The checkpoint a resumed run continued from.
    let resumedFrom: ResumeRecord?

    /// The manifest of a run of `scenario`.
    public init(scenario: Scenario, engineVersion: String, commandLine: [String], files: [String], startedAt: String, finishedAt: String,
                checkpointEveryBlocks: UInt64? = nil, resumedFrom: ResumeRecord? = nil) {
        let hashes = InputFileRecord.hashing([scenario.file] + scenario.inputFiles)
        self.engineVersion = engineVersion
        self.scenario = ScenarioRecord(name: scenario.name, file: hashes[0].file, sha256: hashes[0].sha256)
        inputs = Array(hashes.dropFirst())
        rules = RulesRecord(scenario.rules)
        overrides = scenario.overrides.map(\.description)
        market = scenario.market.summary
        keysWithoutEffect = scenario.keysWithoutEffect
        seed = scenario.seed
        step = scenario.step.rawValue
        startBlock = scenario.startBlock
        endBlock = scenario.endBlock
        startDate = scenario.startDate.description
        blocksPerDay = scenario.blocksPerDay
        sampleEveryBlocks = scenario.sampleEveryBlocks
        self.commandLine = commandLine.map(DisplayPath.of)
        self.files = files
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.checkpointEveryBlocks = checkpointEveryBlocks
        self.resumedFrom = resumedFrom
    }
}
