import TaoEconomics

/// A subnet's consensus over a run, for the summary: alpha earned and stake by role, and the
/// miners' incentive at the last row.
public struct ConsensusTrack: Sendable, Equatable, Codable {
    /// Alpha earned over the run by role (`validator`, `copier`, `colluder`, `miner`, `owner`), rao.
    public private(set) var earnedRao: [String: UInt64] = [:]
    /// Delegated stake by validator role at the first row, rao.
    public private(set) var startStakeRao: [String: UInt64] = [:]
    /// Each miner UID's incentive (u16) at the last row.
    public private(set) var minerIncentives: [UInt16] = []
    /// UIDs at the last row.
    public private(set) var uids = 0

    /// An empty track.
    public init() {}

    /// Adds one subnet's rows of a sample.
    mutating func add(_ rows: [ConsensusUIDRow]) {
        let first = startStakeRao.isEmpty
        for row in rows {
            earnedRao[row.role.description, default: 0] &+= row.earnedRao
            if first, case .validator = row.role { startStakeRao[row.role.description, default: 0] &+= row.stakeRao }
        }
        minerIncentives = rows.compactMap { if case .miner = $0.role { return $0.incentive } else { return nil } }
        uids = rows.count
    }

    /// Share of incentive held by the ten miners with the most, 0…1 (nil without incentive).
    public var topTenShare: Double? {
        let total = minerIncentives.reduce(0.0) { $0 + Double($1) }
        guard total > 0 else { return nil }
        return minerIncentives.sorted(by: >).prefix(10).reduce(0.0) { $0 + Double($1) } / total
    }

    /// Gini coefficient of miners' incentive, 0 (equal) … 1 (one miner has all); nil without incentive.
    public var gini: Double? {
        let values = minerIncentives.map(Double.init).sorted()
        let total = values.reduce(0, +)
        guard total > 0, values.count > 1 else { return nil }
        let weighted = values.enumerated().reduce(0.0) { $0 + Double(2 * ($1.offset + 1) - values.count - 1) * $1.element }
        return weighted / (Double(values.count) * total)
    }

    /// Alpha earned per alpha of delegated stake over the run, for a validator role.
    public func yield(_ role: String) -> Double? {
        guard let stake = startStakeRao[role], stake > 0 else { return nil }
        return Double(earnedRao[role] ?? 0) / Double(stake)
    }
}
