/// A named, versioned bundle of the rules a run follows (design principle 2): a value composed
/// of named parts, each a small type of its own, and the chain parameters they carry.
///
/// Every consumer asks the part it needs (the coinbase asks `coinbase`, the epoch scheduler
/// `epochs`, the parser `root` or `shares`); nothing infers one part from another, and nothing
/// outside `RuleSets/` asks which rule set this is. A bundled rule set is one file composing
/// parts (`RuleSet+Card.swift`, ...); a scenario may derive from one and override its chain
/// parameters (`setting(_:to:)`), which `overrides` records for manifests and state files.
public struct RuleSet: Sendable, Equatable {
    /// The bundled rule set this one is or derives from (`--rules`, scenario `rules:`).
    public let name: String
    /// One line for `dtao rules`.
    public let summary: String
    /// Which of the chain's runtime versions it replays (`dtao rules --specs`); nil for `card`.
    public let replays: SpecReplay?
    /// The parameters a scenario changed from the bundled rule set, in catalogue order.
    public internal(set) var overrides: [ParameterOverride] = []

    /// What makes the emission halve.
    public let halving: HalvingTrigger
    /// A fixed TAO emission per block instead of the halving function (`block_emission`).
    public internal(set) var fixedBlockEmissionRao: UInt64?
    /// What a block's emission adds to issuance.
    public let issuance: IssuanceAccounting
    /// The order of each subnet's coinbase.
    public let coinbase: CoinbaseOrder
    /// How the block's TAO is split across subnets.
    public let shares: ShareRule
    /// The emission gate on the shares (`head-2026-08` on); nil for none.
    public internal(set) var gate: EmissionGate?
    /// What an injection a weighted pool's bounds cannot take does.
    public let reservoirs: ReservoirPolicy
    /// The pools' rules: curve, fee, swap guards, injection rounding and the EMA.
    public internal(set) var pool: PoolRules
    /// How alpha_out is split.
    public internal(set) var split: EmissionSplit
    /// What root stake earns.
    public internal(set) var root: RootDividends
    /// Who decides the miners' and validators' shares at an epoch.
    public let consensus: ConsensusRules
    /// The default tempo of a subnet's epoch (scenario subnets may set their own; `tempo`).
    public internal(set) var tempo: UInt64
    /// When a subnet's epoch runs.
    public internal(set) var epochs: EpochSchedule
    /// A root claim waits for at least this much claimable alpha (`RootClaimableThreshold`,
    /// `root_claimable_threshold`): alpha rao as I96F32 raw (value · 2^32).
    public internal(set) var rootClaimThresholdRaw: UInt128
    /// The EMA a subnet starts with when none is given.
    public let initialMovingPrice: InitialMovingPrice
    /// Subnet registration, limit and pruning.
    public internal(set) var registration: RegistrationRules
    /// Deviations and stand-ins, printed by `dtao rules NAME`.
    public let notes: [String]
    /// Where each parameter's value comes from, for `dtao rules NAME` (the chain's storage or
    /// code the value was read at); a parameter without an entry is the engine's own choice.
    public let sources: [ChainParameter: String]

    /// A rule set composed of these parts.
    public init(name: String, summary: String, replays: SpecReplay?, halving: HalvingTrigger, issuance: IssuanceAccounting,
                coinbase: CoinbaseOrder, shares: ShareRule, gate: EmissionGate?, reservoirs: ReservoirPolicy, pool: PoolRules,
                split: EmissionSplit, root: RootDividends, consensus: ConsensusRules, tempo: UInt64, epochs: EpochSchedule,
                rootClaimThresholdRaw: UInt128 = RootClaim.defaultThresholdRaw, initialMovingPrice: InitialMovingPrice,
                registration: RegistrationRules, notes: [String], sources: [ChainParameter: String]) {
        self.name = name
        self.summary = summary
        self.replays = replays
        self.halving = halving
        self.issuance = issuance
        self.coinbase = coinbase
        self.shares = shares
        self.gate = gate
        self.reservoirs = reservoirs
        self.pool = pool
        self.split = split
        self.root = root
        self.consensus = consensus
        self.tempo = tempo
        self.epochs = epochs
        self.rootClaimThresholdRaw = rootClaimThresholdRaw
        self.initialMovingPrice = initialMovingPrice
        self.registration = registration
        self.notes = notes
        self.sources = sources
    }

    /// The rule set's name with its overrides, for run headers: `head-2026-10` or
    /// `head-2026-10 + tao_weight=0, tempo=99`.
    public var label: String {
        overrides.isEmpty ? name : name + " + " + overrides.map { "\($0.parameter.name)=\($0.value.decimalText)" }.joined(separator: ", ")
    }

    /// The bundled rule set this one derives from (itself when it overrides nothing).
    public var base: RuleSet { RuleSet.named(name) ?? self }

    /// Whether `claimableRao` reaches the root-claim threshold (compared exactly with its I96F32
    /// value).
    public func reachesClaimThreshold(_ claimableRao: UInt64) -> Bool { UInt128(claimableRao) << 32 >= rootClaimThresholdRaw }

    /// Under the staggered schedule: whether subnet `netuid` runs its epoch (pays out pending
    /// emission) at `block`, with the rule set's tempo or a subnet's own (owners can set theirs
    /// on the chain); tempo 0 never runs.
    public func runsEpoch(netuid: UInt16, block: UInt64, tempo subnetTempo: UInt64? = nil) -> Bool {
        let tempo = subnetTempo ?? self.tempo
        guard tempo > 0, tempo < .max else { return false }
        return (block &+ UInt64(netuid) &+ 1) % (tempo + 1) == 0
    }
}

/// Which runtime versions of the chain a rule set replays, and why we know.
public struct SpecReplay: Sendable, Equatable {
    /// The first and last runtime spec version it replays; nil where the versions are not known
    /// by number (the chain's code snapshots before the recorded blocks).
    public let specVersions: ClosedRange<Int>?
    /// The versions in words (`440–443`, `the launch runtime of 2025-02-15`).
    public let versions: String
    /// What shows it.
    public let evidence: String

    /// A replay of these versions.
    public init(specVersions: ClosedRange<Int>?, versions: String, evidence: String) {
        self.specVersions = specVersions
        self.versions = versions
        self.evidence = evidence
    }
}
