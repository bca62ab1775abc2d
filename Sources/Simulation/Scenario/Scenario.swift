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

    /// The model in words, for the manifest, the summary and the report: "constant $250",
    /// "piecewise: 2 points, $267.82 at block 6,979,000 to $297 at block 7,000,000",
    /// "GBM from $250, drift 0 and volatility 0.8 a year".
    public var summary: String {
        switch self {
        case let .constant(price): return "constant $\(Self.usd(price))"
        case let .piecewise(points):
            guard let first = points.first, let last = points.last else { return "piecewise: no points" }
            return "piecewise: \(points.count) point\(points.count == 1 ? "" : "s"), $\(Self.usd(first.price)) at block \(first.block) to $\(Self.usd(last.price)) at block \(last.block)"
        case let .gbm(start, drift, volatility):
            return "GBM from $\(start), drift \(drift) and volatility \(volatility) a year"
        }
    }

    /// An exact USD amount without trailing zeros: 250, 267.82.
    static func usd(_ price: FixedDecimal<Decimal18>) -> String {
        DecimalText.formatTrimmed(scaled: price.raw, fractionDigits: Decimal18.fractionDigits)
    }

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
    /// What the flow does.
    public enum Action: Sendable, Equatable {
        case stakeTao(rao: UInt64)
        case unstakeAlpha(rao: UInt64)
        /// numerator/denominator of the holder's position at the time, floored to rao.
        case unstakeFraction(numerator: BigInteger, denominator: BigInteger)
        /// Root turns the subnet's TAO share on (HEAD `sudo_set_subnet_emission_enabled`).
        case enableEmission
    }

    /// The block at whose start it happens.
    public let block: UInt64
    /// The subnet.
    public let netuid: UInt16
    /// Who stakes or unstakes (`others` by default; `root` for an emission switch).
    public let holder: String
    /// Stake TAO, unstake alpha, or unstake a fraction of the position.
    public let action: Action
    /// Where in the scenario file it came from, for messages.
    public let source: ScenarioKeyPath
}

/// An exit spread over several blocks: at the first block, ⌊position · fraction⌋ is fixed as
/// the total and split into equal chunks (the leftover rao to the earliest chunks), one per block.
public struct SpreadUnstake: Sendable, Equatable {
    /// The subnet.
    public let netuid: UInt16
    /// Whose position is sold.
    public let holder: String
    /// The fraction of the position sold: numerator / denominator.
    public let numerator: BigInteger
    /// See `numerator`.
    public let denominator: BigInteger
    /// The blocks at which the chunks are sold.
    public let blocks: [UInt64]
    /// Where in the scenario it was written.
    public let source: ScenarioKeyPath
}

/// Random stake/unstake flows: every `everyBlocks`, each chosen subnet gets a net flow drawn
/// from Normal(mean, sd) TAO; a positive flow is staked by "market", a negative one unstakes
/// that much TAO's worth of alpha (at the spot price) from "others".
public struct StochasticFlow: Sendable, Equatable {
    /// nil: every subnet.
    public let netuids: [UInt16]?
    /// Blocks between draws.
    public let everyBlocks: UInt64
    /// The mean net flow per draw, TAO.
    public let meanTao: Double
    /// The standard deviation per draw, TAO.
    public let sdTao: Double
    /// The first block with draws.
    public let fromBlock: UInt64
    /// The block at which draws stop (exclusive).
    public let toBlock: UInt64
    /// Where in the scenario it was written.
    public let source: ScenarioKeyPath
}

/// A parsed, validated scenario.
public struct Scenario: Sendable {
    /// The scenario's name (baselines are stored by it).
    public let name: String
    /// The file it was read from.
    public let file: String
    /// The rule set it runs under, with the scenario's parameter overrides (`rules.parameters`,
    /// `gate:`) applied; `--rules` replaces its base (`rebase(on:)`).
    public internal(set) var rules: RuleSet
    /// The run seed: the TAO/USD path, the flows and the miners' draws (`--seed` and a sweep's
    /// seeds replace it). Each purpose has its own stream, so two runs with the same seed see the
    /// same market path and flow draws whatever else differs (common random numbers).
    public var seed: UInt64
    /// The `--set` overrides applied to the file before validation, in order.
    public internal(set) var overrides: [ScenarioOverride] = []
    /// The seed of the subnet generator (`network_seed`, default the `seed` written in the file):
    /// never the run seed, so a Monte Carlo over seeds keeps one starting network.
    public var networkSeed: UInt64
    /// Blocks run.
    public let horizonBlocks: UInt64
    /// How often the world acts.
    public let step: StepSize
    /// Blocks between report rows.
    public let sampleEveryBlocks: UInt64
    /// The first block run.
    public let startBlock: UInt64
    /// TAO issued at the start, rao.
    public let startIssuanceRao: UInt64
    /// The first block's day.
    public let startDate: CalendarDate
    /// Blocks per day, for dates and daily events.
    public let blocksPerDay: UInt64
    /// The TAO/USD path.
    public let market: TaoUsdModel
    /// TAO staked on root at the start, rao.
    public let rootTaoRao: UInt64
    /// What root stakers do with claimable root dividends (HEAD; `root.claim`).
    public let rootClaim: RootClaim
    /// Root baskets: the share of a subnet's basket claimed at each of its epochs (`root.claim_slice`).
    public let rootClaimSlice: Perquintill
    /// `start.last_lock_tao` and `start.last_lock_block`, when given.
    public let lastLockRao: UInt64?
    /// See `lastLockRao`.
    public let lastLockBlock: UInt64?
    /// Values of `start:` and `root:` a snapshot supplied or a default filled because neither
    /// the scenario nor the snapshot gave them (empty without a snapshot).
    public let startFilledFromSnapshot: [String]
    /// Explicit subnets, or the generator that makes them (run with the scenario's seed).
    public let subnets: SubnetSource
    /// Named positions (holder, netuid, alpha rao), part of each subnet's starting outstanding.
    public let holders: [(name: String, netuid: UInt16, alphaRao: UInt64)]
    /// Scheduled stakes and unstakes, by block.
    public let flows: [FlowEvent]
    /// Exits spread over several blocks.
    public let spreads: [SpreadUnstake]
    /// Random flows.
    public let stochasticFlows: [StochasticFlow]
    /// Blocks at which a new subnet registers (paying the lock from free TAO).
    public let registrations: [UInt64]
    /// Miner cost and behaviour models by netuid (subnets without one have no miner accounting).
    public let minerModels: [UInt16: MinerModel]
    /// Yuma consensus (`consensus:`), for every starting subnet or per subnet; off by default.
    public internal(set) var consensus = ScenarioConsensus()
    /// Every file the scenario read besides itself (a market CSV, cost CSVs), in reading order.
    public let inputFiles: [String]
    /// The keys the scenario gives that only some rule sets use, with the part each needs, in
    /// reading order (see `keysWithoutEffect`).
    var partKeys: [(path: String, part: ScenarioPart)] = []

    /// The scenario's keys that its current rule set has no part for, so they have no effect:
    /// none as written (the parser refuses them), but `dtao run --rules` may switch to a rule
    /// set without the part (e.g. `tao_reservoir` under `head-2026-08`).
    public var keysWithoutEffect: [String] {
        partKeys.filter { !$0.part.isIn(rules) }.map(\.path)
    }

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

    /// Dates of blocks: the start date at the start block, `blocksPerDay` a day.
    public var clock: BlockClock { BlockClock(originBlock: startBlock, originDate: startDate, blocksPerDay: blocksPerDay) }
}

/// Where a scenario's subnets come from.
public enum SubnetSource: Sendable {
    case explicit([SubnetConfiguration])
    case generated(SubnetGenerator)
    /// A chain snapshot (`subnets: {snapshot: FILE, netuids: [..]}`), imported under the run's
    /// rule set when the run starts (`Snapshot.imported`).
    case snapshot(Snapshot, netuids: [UInt16]?, keyPath: ScenarioKeyPath)
}
