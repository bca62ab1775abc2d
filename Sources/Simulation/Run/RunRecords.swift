import FixedMath
import TaoEconomics

/// One subnet at a sample: the state at the start of the sample's block, and the flows since
/// the previous sample.
public struct SubnetSample: Sendable, Equatable {
    public let netuid: UInt16
    public let taoReserveRao: UInt64
    public let alphaReserveRao: UInt64
    public let alphaOutstandingRao: UInt64
    public let price: PriceRatio
    public let emaPriceRaw: UInt128
    public let taoInRao: UInt64
    public let alphaInRao: UInt64
    public let alphaOutRao: UInt64
}

/// The network at a sample.
public struct NetworkSample: Sendable, Equatable {
    public let block: UInt64
    public let date: CalendarDate
    public let totalIssuanceRao: UInt64
    public let emissionRaoPerBlock: UInt64
    public let era: Int
    public let taoUsdMicro: UInt64
    public let rootTaoRao: UInt64
    public let freeTaoRao: UInt64
    public let subnets: [SubnetSample]
}

/// Something that happened during a run: a flow, a registration, a refusal.
public struct RunEvent: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case stake, unstake, registration, prune, refused
        /// The TAO/USD path reached a bound and is held there.
        case market
    }

    public let block: UInt64
    public let date: CalendarDate
    public let netuid: UInt16?
    public let kind: Kind
    public let holder: String
    public let amountInRao: UInt64
    public let amountOutRao: UInt64
    public let detail: String
}

/// A halving the run crossed.
public struct HalvingCrossing: Sendable, Equatable {
    public let block: UInt64
    public let date: CalendarDate
    public let era: Int
    public let emissionRaoPerBlock: UInt64
}

/// Miner profitability over a run, per subnet with miners.
public struct MinerOutcome: Sendable {
    public let netuid: UInt16
    /// The first and last report periods with mining in them.
    public let first: MinerSample
    public let last: MinerSample
    /// The first row at which the miners' profit turned negative, if it did.
    public let turnedUnprofitable: (block: UInt64, date: CalendarDate)?
    public let exits: Int
    public let entries: Int
}

/// All miners together over one report period.
public struct MinerPeriodTotal: Sendable, Equatable {
    /// The row's block: the period ends here.
    public let block: UInt64
    public let date: CalendarDate
    /// Blocks of mining in the period.
    public let blocks: UInt64
    public let revenueUsdMicro: BigInteger
    public let costUsdMicro: BigInteger
    public let miners: Int

    public var profitUsdMicro: BigInteger { revenueUsdMicro - costUsdMicro }
}

/// What a finished run leaves for its summary.
public struct RunOutcome: Sendable {
    public let first: NetworkSample
    public let last: NetworkSample
    public let halvings: [HalvingCrossing]
    public let eventCounts: [RunEvent.Kind: Int]
    public let firstRefusals: [RunEvent]
    public let ledgerViolations: [LedgerViolation]
    public let miners: [MinerOutcome]
    /// Network-wide miner totals per report period (periods with mining only).
    public let minerTotals: [MinerPeriodTotal]
}
