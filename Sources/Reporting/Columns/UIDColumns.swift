import Simulation
import TaoEconomics

/// One uids.csv row: a UID of a subnet with Yuma consensus at a sample.
public struct UIDRow: Sendable {
    /// The sample the row belongs to.
    public let sample: NetworkSample
    /// The UID's state.
    public let uid: ConsensusUIDRow

    /// A row for `uid` at `sample`.
    public init(sample: NetworkSample, uid: ConsensusUIDRow) {
        self.sample = sample
        self.uid = uid
    }
}

/// uids.csv: one row per sample, subnet with consensus and UID (Reports/README.md). Scores are
/// the last epoch's, as the chain stores them (u16, 65535 = 1).
public enum UIDColumns {
    /// The sample's block.
    public static let block = ReportColumn<UIDRow>("block", .block) { String($0.sample.block) }
    /// The sample's day.
    public static let date = ReportColumn<UIDRow>("date", .date) { $0.sample.date.description }
    /// The subnet.
    public static let netuid = ReportColumn<UIDRow>("netuid", .none) { String($0.uid.netuid) }
    /// The UID.
    public static let uid = ReportColumn<UIDRow>("uid", .none) { String($0.uid.uid) }
    /// validator, copier, colluder, owner, miner or free.
    public static let role = ReportColumn<UIDRow>("role", .text) { $0.uid.role.description }
    /// The miner's id (miners.csv's miners are these), empty for other roles.
    public static let minerID = ReportColumn<UIDRow>("miner_id", .none) { row in
        if case let .miner(id) = row.uid.role { return String(id) }
        return ""
    }
    /// A validator's delegated stake plus its earned alpha; a miner's holding (alpha rao).
    public static let stake = ReportColumn<UIDRow>("stake_alpha_rao", .alphaRao) { String($0.uid.stakeRao) }
    /// Incentive at the last epoch (u16).
    public static let incentive = ReportColumn<UIDRow>("incentive_u16", .count) { String($0.uid.incentive) }
    /// Dividends at the last epoch (u16).
    public static let dividends = ReportColumn<UIDRow>("dividends_u16", .count) { String($0.uid.dividends) }
    /// Validator trust at the last epoch (u16).
    public static let trust = ReportColumn<UIDRow>("validator_trust_u16", .count) { String($0.uid.trust) }
    /// Consensus at the last epoch (u16).
    public static let consensus = ReportColumn<UIDRow>("consensus_u16", .count) { String($0.uid.consensus) }
    /// Alpha credited since the previous row (the owner's: burned), alpha rao.
    public static let earned = ReportColumn<UIDRow>("earned_alpha_rao", .alphaRao) { String($0.uid.earnedRao) }

    /// The uids.csv column table.
    public static let table = ReportTable(file: "uids.csv", columns: [block, date, netuid, uid, role, minerID, stake, incentive, dividends, trust, consensus, earned])
}
