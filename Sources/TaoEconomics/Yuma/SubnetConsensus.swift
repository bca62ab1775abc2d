#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A subnet's Yuma consensus as a scenario sets it up: epoch parameters, validators' stakes
/// and the weight behaviour.
public struct ConsensusSettings: Sendable, Equatable, Codable {
    /// The epoch's hyperparameters and mechanism.
    public var parameters: YumaParameters
    /// Each validator's delegated alpha stake (UIDs 0…), rao; its earned alpha adds to it.
    public var validatorAlphaRao: [UInt64]
    /// Each validator's root stake, rao (counted at the rule set's TaoWeight).
    public var validatorRootRao: [UInt64]
    /// How validators set weights.
    public var behaviour: WeightBehaviour
    /// Seed of the behaviour's draws.
    public var seed: UInt64

    /// Settings for `validatorAlphaRao.count` validators.
    public init(parameters: YumaParameters, validatorAlphaRao: [UInt64], validatorRootRao: [UInt64]? = nil, behaviour: WeightBehaviour, seed: UInt64) {
        self.parameters = parameters
        self.validatorAlphaRao = validatorAlphaRao
        self.validatorRootRao = validatorRootRao ?? Array(repeating: 0, count: validatorAlphaRao.count)
        self.behaviour = behaviour
        self.seed = seed
    }
}

/// The last epoch's scores per UID, as the chain stores them (u16).
public struct EpochScores: Sendable, Equatable, Codable {
    /// Consensus per UID.
    public var consensus: [UInt16]
    /// Incentive per UID.
    public var incentive: [UInt16]
    /// Dividends per UID.
    public var dividends: [UInt16]
    /// Validator trust per UID.
    public var trust: [UInt16]
}

/// A subnet's consensus state in a run: the UID table (validators 0..<V, the owner's hotkey at
/// V when the owner burns miner alpha, then miners' slots, reused after a miner leaves), the
/// stored bonds and permits, and per-UID alpha earned since the last report row.
public struct SubnetConsensus: Sendable, Equatable, Codable {
    /// The scenario's settings.
    public let settings: ConsensusSettings
    /// Each validator's role.
    public let roles: [ValidatorRole]
    /// UID of the owner's hotkey, when it takes a share of miners' alpha to burn.
    public let ownerUID: Int?
    /// Miner id in each UID past the validators (and owner); nil: free.
    public internal(set) var minerInUID: [Int?]
    /// Each present miner's log-quality, by miner id.
    public internal(set) var logQuality: [Int: Double] = [:]
    /// Block each UID was registered at.
    public internal(set) var registeredAt: [UInt64]
    /// Block each UID last set weights (miners: their registration).
    public internal(set) var lastUpdate: [UInt64]
    /// Stored bonds and permits.
    public internal(set) var storage: EpochState
    /// The last epoch's scores; nil before the first epoch.
    public internal(set) var scores: EpochScores?
    /// Block of the last epoch, 0 before the first.
    public internal(set) var lastEpochBlock: UInt64 = 0
    /// Epochs run.
    public internal(set) var epochs: UInt64 = 0
    /// Alpha credited to each UID since `takeEarned` (the owner's: burned), rao.
    public internal(set) var earnedRao: [UInt64]

    /// The first UID of miners.
    public var firstMinerUID: Int { settings.validatorAlphaRao.count + (ownerUID == nil ? 0 : 1) }
    /// UIDs in the table.
    public var uidCount: Int { firstMinerUID + minerInUID.count }
    /// The UIDs that can earn incentive: the owner's (when there is one), then the miners' slots.
    public var scoredUIDs: Range<Int> { (ownerUID ?? firstMinerUID)..<uidCount }

    /// A subnet's consensus at `block`, with an owner UID when `ownerBurns`.
    public init(settings: ConsensusSettings, ownerBurns: Bool, block: UInt64) {
        self.settings = settings
        let validators = settings.validatorAlphaRao.count
        roles = ValidatorRole.assign(stakes: settings.validatorAlphaRao, copierShare: settings.behaviour.copierStakeShare,
                                     colluderShare: settings.behaviour.colluderStakeShare)
        ownerUID = ownerBurns && settings.parameters.code == .head ? validators : nil
        minerInUID = []
        let n = validators + (ownerUID == nil ? 0 : 1)
        registeredAt = Array(repeating: block, count: n)
        lastUpdate = Array(repeating: block, count: n)
        earnedRao = Array(repeating: 0, count: n)
        storage = EpochState(bondRows: Array(repeating: [], count: n), validatorPermits: Array(repeating: false, count: n))
    }

    /// Gives the validators the permits an epoch with their delegated stakes would have stored,
    /// as on a subnet that has been running (a new chain subnet's first epoch has none).
    mutating func grantInitialPermits(taoWeightU64: UInt64, block: UInt64) {
        let n = uidCount
        let (alpha, root) = stakes(holdingsRao: Array(repeating: 0, count: roles.count))
        let input = EpochInput(alphaStakeRao: alpha, rootStakeRao: root, taoWeightU64: taoWeightU64, weights: Array(repeating: [], count: n),
                               registeredAt: registeredAt, lastUpdate: lastUpdate, block: block, emissionRao: 0)
        storage.validatorPermits = YumaSession.initialState(input, parameters: parameters).validatorPermits
    }

    /// The epoch parameters with the owner's UID.
    var parameters: YumaParameters {
        var parameters = settings.parameters
        parameters.ownerUID = ownerUID
        return parameters
    }

    /// Matches the UID table to the subnet's miners at `block`: a miner that left frees its
    /// UID; a new miner takes the lowest free UID (or a new one), registered now.
    mutating func register(miners ids: [Int], netuid: UInt16, block: UInt64) {
        let present = Set(ids)
        for slot in minerInUID.indices where minerInUID[slot].map({ !present.contains($0) }) ?? false {
            logQuality[minerInUID[slot]!] = nil
            minerInUID[slot] = nil
        }
        let placed = Set(minerInUID.compactMap { $0 })
        for id in ids where !placed.contains(id) {
            logQuality[id] = settings.behaviour.qualitySigma * CounterRandom.normal(settings.seed, UInt64(netuid), 0x7175_616C, UInt64(id))
            if let free = minerInUID.firstIndex(where: { $0 == nil }) {
                minerInUID[free] = id
                registeredAt[firstMinerUID + free] = block
                lastUpdate[firstMinerUID + free] = block
            } else {
                minerInUID.append(id)
                registeredAt.append(block)
                lastUpdate.append(block)
                earnedRao.append(0)
                storage.bondRows.append([])
                storage.validatorPermits.append(false)
            }
        }
    }

    /// One epoch's step of every miner's log-quality random walk.
    mutating func driftQualities(netuid: UInt16) {
        let drift = settings.behaviour.drift
        guard drift > 0 else { return }
        for id in logQuality.keys.sorted() {
            logQuality[id]! += drift * CounterRandom.normal(settings.seed, UInt64(netuid), 0x6472_6966 ^ epochs << 8, UInt64(id))
        }
    }

    /// The weight rows of epoch `epochs` (validators only; other UIDs set none). Honest weights
    /// are computed in log space (∝ e^(exponent·(log q + noise·z) − max)), so no quality,
    /// noise or exponent overflows a double.
    func weightRows(netuid: UInt16, ownerShare: Double) -> [[(uid: Int, weight: UInt16)]] {
        let behaviour = settings.behaviour
        let n = uidCount
        var rows = [[(uid: Int, weight: UInt16)]](repeating: [], count: n)
        let miners: [(uid: Int, id: Int)] = minerInUID.enumerated().compactMap { slot, id in id.map { (firstMinerUID + slot, $0) } }
        guard !miners.isEmpty || ownerUID != nil else { return rows }
        let qualities = miners.map { logQuality[$0.id] ?? 0 }
        let favoured = Set(miners.indices.sorted { qualities[$0] != qualities[$1] ? qualities[$0] < qualities[$1] : miners[$0].uid < miners[$1].uid }
            .prefix(behaviour.favouredMiners).map { miners[$0].uid })
        for validator in roles.indices {
            var values: [(uid: Int, value: Double)]
            switch roles[validator] {
            case .copier:
                guard let scores, scores.consensus.contains(where: { $0 > 0 }) else { continue }
                values = scoredUIDs.filter { $0 == ownerUID || minerInUID[$0 - firstMinerUID] != nil }
                    .map { ($0, $0 < scores.consensus.count ? Double(scores.consensus[$0]) : 0) }
            case .colluder where !favoured.isEmpty:
                values = miners.filter { favoured.contains($0.uid) }.map { ($0.uid, 1) }
            default:
                let logs = miners.indices.map { k in
                    let z = CounterRandom.normal(settings.seed, UInt64(netuid) << 32 | UInt64(validator), epochs, UInt64(miners[k].id))
                    return behaviour.exponent * (qualities[k] + behaviour.noise * z)
                }
                let top = logs.max() ?? 0
                let observed = logs.map { exp($0 - top) }
                let total = observed.reduce(0, +)
                values = miners.indices.map { (miners[$0].uid, total > 0 ? (1 - ownerShare) * observed[$0] / total : 0) }
                if let ownerUID, ownerShare > 0 { values.insert((ownerUID, ownerShare), at: 0) }
            }
            let largest = values.map(\.value).max() ?? 0
            guard largest > 0 else { continue }
            rows[validator] = values.map { ($0.uid, UInt16(min(65_535, (65_535 * $0.value / largest).rounded(.down)))) }
        }
        return rows
    }

    /// The epoch's inputs at `block`: stakes (delegated + earned alpha, root), this epoch's
    /// weights, the UID table's registrations and updates.
    mutating func epochInput(netuid: UInt16, block: UInt64, tempo: UInt64, taoWeightU64: UInt64, validatorHoldingsRao: [UInt64],
                             ownerShare: Double, emissionRao: UInt64) -> EpochInput {
        driftQualities(netuid: netuid)
        let rows = weightRows(netuid: netuid, ownerShare: ownerShare)
        for validator in roles.indices where !rows[validator].isEmpty { lastUpdate[validator] = block }
        let (alpha, root) = stakes(holdingsRao: validatorHoldingsRao)
        return EpochInput(alphaStakeRao: alpha, rootStakeRao: root, taoWeightU64: taoWeightU64, weights: rows, registeredAt: registeredAt,
                          lastUpdate: lastUpdate, block: block, lastEpochBlock: lastEpochBlock, tempo: tempo, emissionRao: emissionRao)
    }

    /// Every UID's alpha and root stake: a validator's delegated alpha plus its holding (what it
    /// earned), and its root stake; none for the other UIDs.
    func stakes(holdingsRao: [UInt64]) -> (alpha: [UInt64], root: [UInt64]) {
        var alpha = [UInt64](repeating: 0, count: uidCount), root = alpha
        for validator in roles.indices {
            alpha[validator] = settings.validatorAlphaRao[validator] &+ holdingsRao[validator]
            root[validator] = settings.validatorRootRao[validator]
        }
        return (alpha, root)
    }

    /// Records an epoch's outcome.
    mutating func finish(_ output: EpochOutput, block: UInt64) {
        storage = output.state
        scores = EpochScores(consensus: output.consensus, incentive: output.incentive, dividends: output.dividends, trust: output.validatorTrust)
        lastEpochBlock = block
        epochs += 1
    }

    /// Adds a payout to a UID's earnings.
    mutating func earn(_ uid: Int, _ amountRao: UInt64) { earnedRao[uid] &+= amountRao }

    /// Per-UID earnings since the last call, which resets them.
    public mutating func takeEarned() -> [UInt64] {
        defer { for i in earnedRao.indices { earnedRao[i] = 0 } }
        return earnedRao
    }
}
