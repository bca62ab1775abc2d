import Foundation
import TaoEconomics
import Yams

/// Epochs in a row for one subnet, read from a JSON (or YAML) file for `dtao epoch`.
///
/// Keys: `mechanism` (`yuma` or `yuma3`, required); `rules` (`head`, default, or `launch`:
/// original Yuma only); `stake_rao` (one per UID, required; it sets n); optional
/// `root_stake_rao` (per UID) and `tao_weight` (u64 proportion of u64::MAX); `weights_by_epoch`
/// (required, one entry per epoch, each a list of n rows: a row of n u16 weights stores every
/// entry, zeros included; a row of `[uid, weight]` pairs stores those; `[]` no weights);
/// optional `bonds` (n rows of n u16, the stored bonds before the first epoch; 0 = none),
/// `validator_permits` (n booleans; default: the permits an epoch with these stakes stores),
/// `kappa` (u16, 32767), `bonds_moving_average` (900000), `bonds_penalty` (u16; 65535 at HEAD,
/// 0 at launch), `liquid_alpha` (null or `{alpha_low, alpha_high, steepness}`),
/// `max_allowed_validators` (64), `activity_cutoff` (5000 blocks), `stake_threshold_rao` (0),
/// `owner_uid` (null), `emission_rao` (one number for every epoch or a list, one per epoch;
/// default 1e9), `tempo` (360), `registered_at` (per UID, default 0) and `last_update` (per UID,
/// default: the block of each epoch, i.e. weights set just before it).
/// Epoch k (from 0) runs at block (k + 1) · tempo + 1; each later epoch's previous epoch block
/// is the one before it.
public struct EpochFile: Sendable {
    /// The epoch hyperparameters.
    public var parameters: YumaParameters
    /// Each epoch's inputs, in order.
    public var epochs: [EpochInput]
    /// Storage before the first epoch.
    public var initialState: EpochState

    /// Runs the epochs in a row, carrying bonds and permits.
    public func run() -> [EpochOutput] {
        var state = initialState
        return epochs.map { input in
            let output = YumaEpoch.run(input, state: state, parameters: parameters)
            state = output.state
            return output
        }
    }

    /// The most UIDs a subnet can have (`MaxAllowedUids` is a u16).
    public static let maximumUIDs = 4_096

    /// Reads and validates the file at `path` ("-": standard input).
    public static func load(path: String) throws(ScenarioError) -> EpochFile {
        let data = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: path)
        guard let data else {
            throw ScenarioError(file: path, keyPath: ScenarioKeyPath(), line: nil, value: path, expected: "a readable epoch file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScenarioError(file: path, keyPath: ScenarioKeyPath(), line: nil, value: "binary data", expected: "a UTF-8 JSON file")
        }
        return try parse(text, file: path)
    }

    /// Parses and validates epoch-file text.
    public static func parse(_ text: String, file: String) throws(ScenarioError) -> EpochFile {
        let root = YAMLValue(node: try ScenarioParser.compose(text, file: file), path: "", file: file)
        let top = try root.mapping(allowed: [
            "mechanism", "rules", "stake_rao", "root_stake_rao", "tao_weight", "weights_by_epoch", "bonds", "validator_permits", "kappa",
            "bonds_moving_average", "bonds_penalty", "liquid_alpha", "max_allowed_validators", "activity_cutoff", "stake_threshold_rao",
            "owner_uid", "emission_rao", "tempo", "registered_at", "last_update",
        ], required: ["mechanism", "stake_rao", "weights_by_epoch"])

        var parameters = try YumaKeys.parameters(top)
        let stakeNodes = try top["stake_rao"]!.sequence("a list of stakes in rao, one per UID")
        let n = stakeNodes.count
        guard (1...maximumUIDs).contains(n) else { throw top["stake_rao"]!.error("1 to \(maximumUIDs) UIDs", value: "\(n) UIDs") }
        let stakes = try stakeNodes.map { node throws(ScenarioError) in try node.unsigned("a stake in rao (a non-negative integer)") }
        let roots = try top["root_stake_rao"].map { value throws(ScenarioError) in try perUID(value, n, "root stake in rao") { v throws(ScenarioError) in try v.unsigned("a root stake in rao") } }

        let epochNodes = try top["weights_by_epoch"]!.sequence("a list with one entry per epoch")
        guard !epochNodes.isEmpty else { throw top["weights_by_epoch"]!.error("at least one epoch", value: "[]") }
        let weightsByEpoch = try epochNodes.map { epoch throws(ScenarioError) in try weightRows(epoch, n) }

        let emissions: [UInt64]
        if let value = top["emission_rao"] {
            if case .sequence = value.node {
                emissions = try value.sequence("").map { v throws(ScenarioError) in try v.unsigned("an emission in rao") }
                guard emissions.count == epochNodes.count else { throw value.error("one emission per epoch (\(epochNodes.count))", value: "\(emissions.count) emissions") }
            } else {
                emissions = Array(repeating: try value.unsigned("an emission in rao, or a list with one per epoch"), count: epochNodes.count)
            }
        } else {
            emissions = Array(repeating: 1_000_000_000, count: epochNodes.count)
        }

        let tempo = try top["tempo"]?.positive("a tempo in blocks (a positive integer)") ?? 360
        let registered = try top["registered_at"].map { value throws(ScenarioError) in try perUID(value, n, "registration block") { v throws(ScenarioError) in try v.unsigned("a block number") } }
        let lastUpdate = try top["last_update"].map { value throws(ScenarioError) in try perUID(value, n, "last-update block") { v throws(ScenarioError) in try v.unsigned("a block number") } }

        parameters.ownerUID = try top["owner_uid"].flatMap { value throws(ScenarioError) -> Int? in
            if value.isNull { return nil }
            let uid = try value.unsigned("a UID")
            guard uid < n else { throw value.error("a UID below \(n)") }
            return Int(uid)
        }
        parameters.activityCutoffBlocks = try top["activity_cutoff"]?.unsigned("blocks") ?? 5_000
        parameters.stakeThresholdRao = try top["stake_threshold_rao"]?.unsigned("rao") ?? 0
        let taoWeight = try top["tao_weight"]?.unsigned("a u64 proportion of 18446744073709551615") ?? 0

        let bonds = try top["bonds"].map { value throws(ScenarioError) in
            try perUID(value, n, "row of stored bonds") { row throws(ScenarioError) in try perUID(row, n, "u16 bond") { v throws(ScenarioError) in try v.u16() } }
        } ?? Array(repeating: Array(repeating: 0, count: n), count: n)

        let epochs = weightsByEpoch.enumerated().map { k, weights in
            let block = UInt64(k + 1) * tempo + 1
            return EpochInput(alphaStakeRao: stakes, rootStakeRao: roots, taoWeightU64: taoWeight, weights: weights,
                              registeredAt: registered ?? Array(repeating: 0, count: n), lastUpdate: lastUpdate ?? Array(repeating: block, count: n),
                              block: block, lastEpochBlock: k == 0 ? 0 : block - tempo, tempo: tempo, emissionRao: emissions[k])
        }
        let permits = try top["validator_permits"].map { value throws(ScenarioError) in try perUID(value, n, "permit") { v throws(ScenarioError) in try v.bool() } }
            ?? YumaSession.initialState(epochs[0], parameters: parameters).validatorPermits
        return EpochFile(parameters: parameters, epochs: epochs, initialState: EpochState(bonds: bonds, validatorPermits: permits))
    }

    /// A list of exactly n items read by `read`.
    static func perUID<T>(_ value: YAMLValue, _ n: Int, _ what: String, _ read: (YAMLValue) throws(ScenarioError) -> T) throws(ScenarioError) -> [T] {
        let items = try value.sequence("a list with one \(what) per UID (\(n))")
        guard items.count == n else { throw value.error("one \(what) per UID (\(n))", value: "\(items.count) items") }
        var result: [T] = []
        for item in items { result.append(try read(item)) }
        return result
    }

    /// One epoch's n weight rows: dense (n u16), sparse (`[uid, weight]` pairs, each UID once,
    /// stored in UID order) or empty.
    static func weightRows(_ epoch: YAMLValue, _ n: Int) throws(ScenarioError) -> [[(uid: Int, weight: UInt16)]] {
        try perUID(epoch, n, "row of weights") { row throws(ScenarioError) in
            let items = try row.sequence("a row: n u16 weights, [uid, weight] pairs, or []")
            guard let first = items.first else { return [] }
            if case .sequence = first.node {
                var pairs: [(uid: Int, weight: UInt16)] = []
                for item in items {
                    let pair = try item.sequence("a [uid, weight] pair")
                    guard pair.count == 2 else { throw item.error("a [uid, weight] pair") }
                    let uid = try pair[0].unsigned("a UID")
                    guard uid < n else { throw pair[0].error("a UID below \(n)") }
                    guard !pairs.contains(where: { $0.uid == Int(uid) }) else { throw pair[0].error("each UID once in a row") }
                    pairs.append((Int(uid), try pair[1].u16()))
                }
                return pairs.sorted { $0.uid < $1.uid }
            }
            guard items.count == n else { throw row.error("n = \(n) weights (one per UID), or [uid, weight] pairs", value: "\(items.count) weights") }
            var dense: [(uid: Int, weight: UInt16)] = []
            for (j, item) in items.enumerated() { dense.append((j, try item.u16())) }
            return dense
        }
    }
}

extension YAMLValue {
    /// `liquid_alpha`: null (off) or `{alpha_low, alpha_high, steepness}` (u16, u16 ≥ low, i16;
    /// steepness 1000 by default).
    func liquidAlpha() throws(ScenarioError) -> LiquidAlpha? {
        if isNull { return nil }
        let keys = try mapping(allowed: ["alpha_low", "alpha_high", "steepness"], required: ["alpha_low", "alpha_high"])
        let low = try keys["alpha_low"]!.u16(), high = try keys["alpha_high"]!.u16()
        guard low <= high else { throw keys["alpha_low"]!.error("at most alpha_high (\(high))", value: "\(low)") }
        let steepness = try keys["steepness"].map { value throws(ScenarioError) -> Int16 in
            guard let steepness = Int16(try value.text("an i16")) else { throw value.error("an integer from -32768 to 32767") }
            return steepness
        } ?? 1_000
        return LiquidAlpha(alphaLow: low, alphaHigh: high, steepness: steepness)
    }

    /// Millionths from 0 to 1,000,000 (`bonds_moving_average`).
    func millionths() throws(ScenarioError) -> UInt64 {
        let value = try unsigned("millionths from 0 to 1000000")
        guard value <= 1_000_000 else { throw error("millionths from 0 to 1000000") }
        return value
    }

    /// An integer from 0 to 65535.
    func u16() throws(ScenarioError) -> UInt16 {
        let value = try unsigned("an integer from 0 to 65535")
        guard value <= 65_535 else { throw error("an integer from 0 to 65535") }
        return UInt16(value)
    }

    /// A value from a fixed set of names.
    func choice<T>(_ expected: String, _ make: (String) -> T?) throws(ScenarioError) -> T {
        guard let value = make(try text(expected)) else { throw error(expected) }
        return value
    }
}

/// The keys an epoch file and a scenario's `consensus:` share.
enum YumaKeys {
    /// `mechanism` (yuma, yuma3) and `rules` (head, the default, or launch); Yuma3 exists only in
    /// HEAD's epoch.
    static func mechanism(_ keys: [String: YAMLValue]) throws(ScenarioError) -> (YumaMechanism, EpochCode) {
        let mechanism = try keys["mechanism"]!.choice("yuma or yuma3", YumaMechanism.init(rawValue:))
        let code = try keys["rules"].map { value throws(ScenarioError) in try value.choice("head or launch (the epoch code)", EpochCode.init(rawValue:)) } ?? .head
        if mechanism == .yuma3, code == .launch { throw keys["rules"]!.error("head: Yuma3 exists only in HEAD's epoch", value: "launch") }
        return (mechanism, code)
    }

    /// The §7.5 hyperparameters `kappa`, `bonds_moving_average`, `bonds_penalty`, `liquid_alpha`
    /// and `max_allowed_validators` (counts above 65535, the chain's u16, act as 65535), with
    /// HEAD's defaults for what is not given.
    static func parameters(_ keys: [String: YAMLValue]) throws(ScenarioError) -> YumaParameters {
        let (mechanism, code) = try mechanism(keys)
        let maxValidators = try keys["max_allowed_validators"]?.unsigned("a number of permits") ?? 64
        return YumaParameters(
            mechanism: mechanism, code: code, kappa: try keys["kappa"]?.u16() ?? 32_767,
            bondsMovingAverage: try keys["bonds_moving_average"]?.millionths() ?? 900_000, bondsPenalty: try keys["bonds_penalty"]?.u16(),
            liquidAlpha: try keys["liquid_alpha"]?.liquidAlpha(), maxAllowedValidators: Int(min(maxValidators, 65_535)))
    }
}
