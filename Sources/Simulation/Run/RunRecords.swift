import FixedMath
import TaoEconomics

/// One subnet at a sample: the state at the start of the sample's block, and the flows since
/// the previous sample.
public struct SubnetSample: Sendable, Equatable, Codable {
    /// The subnet.
    public let netuid: UInt16
    /// TAO in the pool at the start of the sample's block, rao.
    public let taoReserveRao: UInt64
    /// Alpha in the pool, alpha rao.
    public let alphaReserveRao: UInt64
    /// Alpha held by participants, pending included, alpha rao.
    public let alphaOutstandingRao: UInt64
    /// The spot price T/A, exactly.
    public let price: PriceRatio
    /// The moving price as stored: I96F32 raw (price · 2^32).
    public let emaPriceRaw: UInt128
    /// TAO injected since the previous sample, rao.
    public let taoInRao: UInt64
    /// Alpha injected since the previous sample, alpha rao.
    public let alphaInRao: UInt64
    /// Alpha minted to participants since the previous sample, alpha rao.
    public let alphaOutRao: UInt64
    /// Alpha recycled (removed from issuance) since the previous sample, alpha rao.
    public let recycledAlphaRao: UInt64
    /// A weighted pool's quote weight; nil for a constant-product pool.
    public let quoteWeight: Perquintill?
    /// HEAD: alpha the protocol holds from chain buys; nil under other rules.
    public let protocolAlphaRao: UInt64?
    /// HEAD: excess TAO spent on chain buys since the previous sample; nil under other rules.
    public let chainBuyTaoRao: UInt64?
    /// root_prop as the sample block's root alpha uses it, after that block's minting (32
    /// fractional bits, raw); nil without root dividends or when the subnet does not emit.
    public let rootProportionRaw: UInt128?
    /// HEAD: the subnet's share of the sample block's TAO (gated under a gate), U64F64 raw.
    public let shareRaw: UInt128?
    /// Rule sets with reservoirs: TAO and alpha parked outside the pool; nil under the others.
    public var taoReservoirRao: UInt64? = nil
    /// See `taoReservoirRao`.
    public var alphaReservoirRao: UInt64? = nil
}

/// The network at a sample.
public struct NetworkSample: Sendable, Equatable, Codable {
    /// The sample's block (the state at its start).
    public let block: UInt64
    /// The block's day.
    public let date: CalendarDate
    /// TAO issued (minted − recycled), rao.
    public let totalIssuanceRao: UInt64
    /// This block's TAO emission under the rule set, rao.
    public let emissionRaoPerBlock: UInt64
    /// Halvings so far (issuance trigger) or ⌊block / 10.5M⌋ (blocks trigger).
    public let era: Int
    /// The TAO price, micro-dollars.
    public let taoUsdMicro: UInt64
    /// TAO staked on root, rao.
    public let rootTaoRao: UInt64
    /// TAO outside every pool and root, rao.
    public let freeTaoRao: UInt64
    /// TAO recycled (removed from issuance) since the previous sample, rao.
    public let recycledTaoRao: UInt64
    /// HEAD: swap fees paid to block authors since the previous sample; nil under other rules.
    public let authorFeesRao: UInt64?
    /// HEAD: the alpha root stakers keep (claim: keep), valued at each pool's spot price, rao;
    /// nil under other rules.
    public let rootKeptAlphaTaoRao: UInt64?
    /// The emission gate's bar θ for the sample block, U64F64 raw; nil without a gate.
    public let gateThetaRaw: UInt128?
    /// Every subnet, ascending netuid.
    public let subnets: [SubnetSample]
}

/// Something that happened during a run: a flow, a registration, a refusal.
public struct RunEvent: Sendable, Equatable, Codable {
    /// What kind of event it is (the `kind` column).
    public enum Kind: String, Sendable, Codable {
        case stake, unstake, registration, prune, refused
        /// The TAO/USD path reached a bound and is held there.
        case market
        /// Root turned a subnet's TAO share on (HEAD).
        case emission
    }

    /// The block it happened at (before that block's coinbase).
    public let block: UInt64
    /// The block's day.
    public let date: CalendarDate
    /// The subnet; nil for a refused registration or a market event.
    public let netuid: UInt16?
    /// What happened.
    public let kind: Kind
    /// Who acted (`market`, `others`, a named holder, `owner`).
    public let holder: String
    /// What went in: TAO for a stake or a lock, alpha for an unstake.
    public let amountInRao: UInt64
    /// What came out: alpha for a stake, TAO for an unstake, the new pool's alpha for a registration.
    public let amountOutRao: UInt64
    /// Where in the scenario it came from, or why it was refused.
    public let detail: String
}

/// A halving the run crossed.
public struct HalvingCrossing: Sendable, Equatable, Codable {
    /// The first block under the new era.
    public let block: UInt64
    /// That block's day.
    public let date: CalendarDate
    /// The era entered.
    public let era: Int
    /// The TAO emission per block from then on, rao.
    public let emissionRaoPerBlock: UInt64
}

/// Miner profitability over a run, per subnet with miners.
public struct MinerOutcome: Sendable {
    /// The subnet.
    public let netuid: UInt16
    /// The first and last report periods with mining in them.
    public let first: MinerSample
    /// The last report period with mining.
    public let last: MinerSample
    /// The first row at which the miners' profit turned negative, if it did.
    public let turnedUnprofitable: (block: UInt64, date: CalendarDate)?
    /// Miners who left over the run.
    public let exits: Int
    /// Miners who joined over the run.
    public let entries: Int
}

/// All miners together over one report period.
public struct MinerPeriodTotal: Sendable, Equatable, Codable {
    /// The row's block: the period ends here.
    public let block: UInt64
    /// The row's day.
    public let date: CalendarDate
    /// Blocks of mining in the period.
    public let blocks: UInt64
    /// All miners' revenue in the period, micro-dollars.
    public let revenueUsdMicro: BigInteger
    /// All miners' costs in the period, micro-dollars.
    public let costUsdMicro: BigInteger
    /// Miners at the row.
    public let miners: Int

    /// Revenue less cost, micro-dollars.
    public var profitUsdMicro: BigInteger { revenueUsdMicro - costUsdMicro }
}

/// The HEAD rules' state at the end of a run, for its summary.
public struct HeadOutcome: Sendable {
    /// Subnets that emit (started), and of those with a TAO share (emission enabled).
    public let emittingSubnets: Int
    /// See `emittingSubnets`.
    public let enabledSubnets: Int
    /// Subnets whose owner burns part of the miners' alpha.
    public let minerBurningSubnets: Int
    /// What root stakers do with their dividends.
    public let rootClaim: RootClaim
    /// Root alpha claimed over the run, in all subnets, alpha rao (pruned subnets included).
    public let rootClaimedAlphaRao: UInt64
    /// The emission gate's bar at the end, U64F64 raw; nil without a gate.
    public let gateThetaRaw: UInt128?
    /// Emitting subnets whose ungated share is below the bar at the end; nil without a gate.
    public let subnetsBelowBar: Int?
    /// TAO the gate moved to subnets above the bar over the run, rao.
    public let gateMovedTaoRao: UInt64
}

/// What a finished run leaves for its summary.
public struct RunOutcome: Sendable {
    /// The first sample (the start).
    public let first: NetworkSample
    /// The final sample (after the last block).
    public let last: NetworkSample
    /// Every halving crossed, in order.
    public let halvings: [HalvingCrossing]
    /// Events by kind.
    public let eventCounts: [RunEvent.Kind: Int]
    /// The first ten refusals.
    public let firstRefusals: [RunEvent]
    /// Conservation laws broken at the end (none in a correct run).
    public let ledgerViolations: [LedgerViolation]
    /// Miners per subnet with miners.
    public let miners: [MinerOutcome]
    /// Network-wide miner totals per report period (periods with mining only).
    public let minerTotals: [MinerPeriodTotal]
    /// Where the run's block emission went.
    public let emissionTotals: EmissionTotals
    /// The HEAD rules' state at the end; nil under other rules.
    public let head: HeadOutcome?
    /// How the starting subnets were imported from a snapshot, when they were.
    public internal(set) var snapshot: SnapshotImport?
    /// Subnets with Yuma consensus, by netuid: earnings by role and miners' final incentive.
    public internal(set) var consensus: [UInt16: ConsensusTrack] = [:]
}
