/// A named, versioned bundle of the rules a run follows (design principle 2).
///
/// Every parameter is fixed by shared/spec/rule-sets.md; a change is a new rule set, never a
/// silent edit. `notes` records where the engine deviates from the source and why.
public struct RuleSet: Sendable, Equatable {
    /// The rule set's name (`--rules`, scenario `rules:`).
    public let name: String
    /// One line for `dtao rules`.
    public let summary: String
    /// What makes the emission halve.
    public let halving: HalvingTrigger
    /// What a block's emission adds to issuance.
    public let issuance: IssuanceAccounting
    /// How the block's TAO is split across subnets.
    public let shares: ShareRule
    /// The pools' rules.
    public let pool: PoolRules
    /// How alpha_out is split.
    public let split: EmissionSplit
    /// What root stake earns.
    public let root: RootDividends
    /// The default tempo of a subnet's epoch (scenario subnets may set their own).
    public let tempo: UInt64
    /// When a subnet's epoch runs.
    public let epochs: EpochSchedule
    /// The emission gate on the shares (`head-2026-08`); nil for none.
    public let gate: EmissionGate?
    /// The EMA a subnet starts with when none is given.
    public let initialMovingPrice: InitialMovingPrice
    /// Subnet registration, limit and pruning.
    public let registration: RegistrationRules
    /// Deviations and stand-ins, printed by `dtao rules NAME`.
    public let notes: [String]

    /// `card`, the default: the product card's rules.
    public static let card = RuleSet(
        name: "card",
        summary: "The product card: halving every 10.5M blocks, TAO routed by pool TAO, V2 pools, 18/41/41 split, no root dividends.",
        halving: .blocks, issuance: .wholeEmission, shares: .taoReserveLargestRemainder, pool: .card,
        split: .exactPercent(ownerNumerator: 18, ownerDenominator: 100), root: .none, tempo: 360,
        epochs: .staggered, gate: nil, initialMovingPrice: .spot,
        registration: RegistrationRules(
            minimumLockRao: 1_000_000_000, lockReductionIntervalBlocks: 100_800,
            poolInitialisation: .wholeLockAtMedianPrice, subnetLimit: 128, immunityBlocks: 864_000),
        notes: [
            "Miner and validator alpha is paid by fixed shares from the scenario (equal by default): a stand-in until a consensus mechanism exists.",
            "With no subnet to receive it, a block's emission is not issued.",
        ])

    /// `launch-2025-02`: the chain as launched in February 2025 (subtensor f9254ea63).
    public static let launch2025_02 = RuleSet(
        name: "launch-2025-02",
        summary: "The chain as launched (Feb 2025): issuance-driven halvings, EMA-price routing, I96F32/I110F18 rounding, root sells.",
        halving: .issuance, issuance: .injectedOnly, shares: .emaPriceI96F32, pool: .launch2025_02,
        split: .launchI96F32(ownerCutU16: 11_796), root: .sellEveryBlock(taoWeightU64: 3_320_413_933_267_719_290),
        tempo: 360, epochs: .staggered, gate: nil, initialMovingPrice: .cappedSpotThenZero,
        registration: RegistrationRules(
            minimumLockRao: 1_000_000_000, lockReductionIntervalBlocks: 100_800,
            poolInitialisation: .recycleAboveMinimum, subnetLimit: nil, immunityBlocks: 0),
        notes: [
            "Miner and validator alpha is paid by fixed shares from the scenario (equal by default): a stand-in for Yuma consensus, which the chain ran at each epoch.",
            "Validators get 50% minus the root share, as after the 2025-02-24 fix: the launch code's double payment of the root share is not reproduced.",
            "Alpha lost to the chain's floors (owner, miner, validator and root parts of alpha_out) is kept in an explicit per-subnet dust account.",
            "A root sell the pool refuses (below its minimum reserve) leaves that alpha in the dust account, as the chain left it uncredited.",
            "Tempo 360 throughout; the chain used 99 from 2025-02-13 to 2025-02-24.",
            "Pools whose k exceeds I110F18 (about 2.5e16 rao on each side) refuse trades instead of saturating.",
            "alpha_in is the unfloored I96F32 tao_in over the truncated I96F32 price, but only ⌊tao_in⌋ TAO is injected, as on the chain: an uncapped injection can lower the pool's price by less than one rao of TAO over the alpha reserve. The injection invariant is checked in the chain's arithmetic.",
        ])

    /// `head-2026-06`: the chain as it runs today (subtensor 14bc6f9f9, 2026-06-30): weighted
    /// (balancer) pools, EMA-price shares net of miner burn, the root-proportion injection cap
    /// with chain buys, claimable root dividends, recycling of unspent emission.
    public static let head2026_06 = head(
        name: "head-2026-06",
        summary: "The chain today (subtensor 14bc6f9f9, 2026-06-30): balancer pools, EMA-price shares net of miner burn, root-capped injection with chain buys, root claims, unspent emission recycled.",
        gate: nil, extraNotes: [])

    /// `head-2026-08`: `head-2026-06` with the Hill emission gate the chain has run since
    /// July–August 2026 (§2.2b): rank bar N = 32, h = 3, θ every 360 blocks.
    public static let head2026_08 = head(
        name: "head-2026-08",
        summary: "head-2026-06 plus the Hill emission gate the chain has run since Aug 2026 (rank bar 32, exponent 3, θ every 360 blocks).",
        gate: .head2026_08,
        extraNotes: [
            "The gate is restated from public reconstructions of the chain's v440–v443 code, which is not in the code snapshot; its fixed-point formats are not public, so the engine computes it in U64F64 with the roundings printed under emission_gate, and recycles what the floors leave.",
        ])

    /// The HEAD rule sets' shared parts.
    static func head(name: String, summary: String, gate: EmissionGate?, extraNotes: [String]) -> RuleSet {
        RuleSet(
            name: name, summary: summary,
            halving: .issuance, issuance: .creditUnspentRecycled, shares: .emaPriceNetOfMinerBurn, pool: .head2026_06,
            split: .headU96F32(ownerCutU16: 11_796), root: .claimable(taoWeightU64: 3_320_413_933_267_719_290),
            tempo: 360, epochs: .sinceLastEpoch(maximumPerBlock: 2), gate: gate, initialMovingPrice: .cappedSpotThenZero,
            registration: RegistrationRules(
                minimumLockRao: 1_000_000_000, lockReductionIntervalBlocks: 57_600, lockIntervalHalvesWithEmission: true,
                rateLimitBlocks: 28_800, poolInitialisation: .wholeLockAtMedianPriceU64F64, activation: .startCallNextBlockEmissionOff,
                subnetLimit: 128, immunityBlocks: 864_000, dissolution: .protocolShareRecycled),
            notes: [
                "Miner and validator alpha is paid by fixed shares from the scenario (equal by default): a stand-in for Yuma consensus, which the chain runs at each epoch; a subnet's miner_burned fraction of the miners' alpha stands for the owner hotkey's incentive, burned.",
                "Root stakers are one aggregate: root dividends are credited as claimable alpha at each epoch and claimed in full at that epoch (after the block's EMA update), standing in for the chain's random auto-claims; validators' delegate takes on root dividends and the per-coldkey rate rounding are not modelled.",
                "The chain's epoch safety net (BlocksSinceLastStep > 50,400) and owner-triggered epochs are not modelled: with every epoch's inputs consistent, the tempo rule fires first.",
                "The swap pallet's ReservesTooLow guard is taken as the code has it: the output reserve must hold at least 1,000,000 rao before a swap (rule-sets.md says after).",
                "Where the power term's series does not converge on the chain (a trade of about 1000 times the reserve at a quote weight near 0.01 or 0.99), the engine reproduces the chain's value through its exact port, whatever it is.",
                "The coinbase's U96F32 values are carried in I96F32 arithmetic; both floor and truncate alike for the non-negative amounts below 2^95 that occur.",
            ] + extraNotes)
    }

    /// Every rule set, default first.
    public static let all: [RuleSet] = [.card, .launch2025_02, .head2026_06, .head2026_08]

    /// The rule set called `name`, or nil.
    public static func named(_ name: String) -> RuleSet? { all.first { $0.name == name } }

    /// The same rule set with another emission gate (a scenario's `gate:` overrides).
    public func with(gate: EmissionGate?) -> RuleSet {
        RuleSet(name: name, summary: summary, halving: halving, issuance: issuance, shares: shares, pool: pool, split: split, root: root,
                tempo: tempo, epochs: epochs, gate: gate, initialMovingPrice: initialMovingPrice, registration: registration, notes: notes)
    }

    /// Under the staggered schedule: whether subnet `netuid` runs its epoch (pays out pending
    /// emission) at `block`, with the rule set's tempo or a subnet's own (owners can set theirs
    /// on the chain); tempo 0 never runs.
    public func runsEpoch(netuid: UInt16, block: UInt64, tempo subnetTempo: UInt64? = nil) -> Bool {
        let tempo = subnetTempo ?? self.tempo
        guard tempo > 0, tempo < .max else { return false }
        return (block &+ UInt64(netuid) &+ 1) % (tempo + 1) == 0
    }
}
