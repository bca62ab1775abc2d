import FixedMath
import TaoEconomics

/// How often the scenario's world acts: flows, the market and (later) agents. The chain itself
/// always advances block by block, so emission totals and issuance are exactly those of block
/// stepping; a coarser step only batches the world's actions at the start of each step.
public enum StepSize: String, Sendable, Equatable, CaseIterable {
    case block, tempo, day
}

/// The TAO/USD price path.
public enum TaoUsdModel: Sendable, Equatable {
    case constant(FixedDecimal<Decimal18>)
    /// Points (block, price), linear in between, flat outside; sorted by block.
    case piecewise([(block: UInt64, price: FixedDecimal<Decimal18>)])
    /// Geometric Brownian motion, one step a day: S ← S·exp((μ − σ²/2)/365 + σ·√(1/365)·Z).
    case gbm(start: Double, drift: Double, volatility: Double)

    public static func == (lhs: TaoUsdModel, rhs: TaoUsdModel) -> Bool {
        switch (lhs, rhs) {
        case let (.constant(a), .constant(b)): return a == b
        case let (.piecewise(a), .piecewise(b)): return a.map(\.block) == b.map(\.block) && a.map(\.price) == b.map(\.price)
        case let (.gbm(a, b, c), .gbm(d, e, f)): return a == d && b == e && c == f
        default: return false
        }
    }
}

/// A stake or unstake event.
public struct FlowEvent: Sendable, Equatable {
    public enum Action: Sendable, Equatable {
        case stakeTao(rao: UInt64)
        case unstakeAlpha(rao: UInt64)
        /// numerator/denominator of the holder's position at the time, floored to rao.
        case unstakeFraction(numerator: BigInteger, denominator: BigInteger)
    }

    public let block: UInt64
    public let netuid: UInt16
    public let holder: String
    public let action: Action
    /// Where in the scenario file it came from, for messages.
    public let source: ScenarioKeyPath
}

/// An exit spread over several blocks: at the first block, ⌊position · fraction⌋ is fixed as
/// the total and split into equal chunks (the leftover rao to the earliest chunks), one per block.
public struct SpreadUnstake: Sendable, Equatable {
    public let netuid: UInt16
    public let holder: String
    public let numerator: BigInteger
    public let denominator: BigInteger
    public let blocks: [UInt64]
    public let source: ScenarioKeyPath
}

/// Random stake/unstake flows: every `everyBlocks`, each chosen subnet gets a net flow drawn
/// from Normal(mean, sd) TAO; a positive flow is staked by "market", a negative one unstakes
/// that much TAO's worth of alpha (at the spot price) from "others".
public struct StochasticFlow: Sendable, Equatable {
    /// nil: every subnet.
    public let netuids: [UInt16]?
    public let everyBlocks: UInt64
    public let meanTao: Double
    public let sdTao: Double
    public let fromBlock: UInt64
    public let toBlock: UInt64
    public let source: ScenarioKeyPath
}

/// A parsed, validated scenario.
public struct Scenario: Sendable {
    public let name: String
    public let file: String
    public var rules: RuleSet
    public var seed: UInt64
    public let horizonBlocks: UInt64
    public let step: StepSize
    public let sampleEveryBlocks: UInt64
    public let startBlock: UInt64
    public let startIssuanceRao: UInt64
    public let startDate: CalendarDate
    public let blocksPerDay: UInt64
    public let market: TaoUsdModel
    public let rootTaoRao: UInt64
    /// Explicit subnets, or the generator that makes them (run with the scenario's seed).
    public let subnets: SubnetSource
    /// Named positions (holder, netuid, alpha rao), part of each subnet's starting outstanding.
    public let holders: [(name: String, netuid: UInt16, alphaRao: UInt64)]
    public let flows: [FlowEvent]
    public let spreads: [SpreadUnstake]
    public let stochasticFlows: [StochasticFlow]
    /// Blocks at which a new subnet registers (paying the lock from free TAO).
    public let registrations: [UInt64]
    /// Miner cost and behaviour models by netuid (subnets without one have no miner accounting).
    public let minerModels: [UInt16: MinerModel]
    /// Every file the scenario read besides itself (a market CSV, cost CSVs), in reading order.
    public let inputFiles: [String]

    /// The block after the last one run.
    public var endBlock: UInt64 { startBlock + horizonBlocks }

    /// Blocks per step.
    public var stepBlocks: UInt64 {
        switch step {
        case .block: return 1
        case .tempo: return rules.tempo + 1
        case .day: return blocksPerDay
        }
    }

    public var clock: BlockClock { BlockClock(originBlock: startBlock, originDate: startDate, blocksPerDay: blocksPerDay) }
}

/// Where a scenario's subnets come from.
public enum SubnetSource: Sendable {
    case explicit([SubnetConfiguration])
    case generated(SubnetGenerator)
}
