extension RuleSet {
    /// `launch-2025-02`: the chain as launched in February 2025 (subtensor f9254ea63).
    public static let launch2025_02 = RuleSet(
        name: "launch-2025-02",
        summary: "The chain as launched (Feb 2025): issuance-driven halvings, EMA-price routing, I96F32/I110F18 rounding, root sells.",
        replays: SpecReplay(specVersions: nil, versions: "the launch runtime (subtensor f9254ea63, 2025-02-15)",
                            evidence: "the chain's code at that commit and its tests (emission, launch AMM, coinbase vectors)"),
        halving: .issuance, issuance: .injectedOnly, coinbase: .injectThenSplit, shares: .emaPriceI96F32, gate: nil,
        reservoirs: .refuse, pool: .launch2025_02, split: .launchI96F32(ownerCutU16: 11_796),
        root: .sellEveryBlock(taoWeightU64: 3_320_413_933_267_719_290), consensus: ConsensusRules(epochCode: .launch),
        tempo: 360, epochs: .staggered, initialMovingPrice: .cappedSpotThenZero,
        registration: RegistrationRules(
            minimumLockRao: 1_000_000_000, lockReductionIntervalBlocks: 100_800,
            poolInitialisation: .recycleAboveMinimum, subnetLimit: nil, immunityBlocks: 0),
        notes: [
            "Miner and validator alpha is paid by fixed shares from the scenario (equal by default): a stand-in for Yuma consensus, which the chain ran at each epoch (a scenario's consensus: runs it).",
            "Validators get 50% minus the root share, as after the 2025-02-24 fix: the launch code's double payment of the root share is not reproduced.",
            "Alpha lost to the chain's floors (owner, miner, validator and root parts of alpha_out) is kept in an explicit per-subnet dust account.",
            "A root sell the pool refuses (below its minimum reserve) leaves that alpha in the dust account, as the chain left it uncredited.",
            "Tempo 360 throughout; the chain used 99 from 2025-02-13 to 2025-02-24.",
            "Pools whose k exceeds I110F18 (about 2.5e16 rao on each side) refuse trades instead of saturating.",
            "alpha_in is the unfloored I96F32 tao_in over the truncated I96F32 price, but only ⌊tao_in⌋ TAO is injected, as on the chain: an uncapped injection can lower the pool's price by less than one rao of TAO over the alpha reserve. The injection invariant is checked in the chain's arithmetic.",
        ],
        sources: [
            .tempo: "DefaultTempo 360 (the chain's 99 of 2025-02-13…24 is not used)",
            .subnetMovingAlpha: "mainnet storage SubnetMovingAlpha (1,288,490 / 2^32; the code default 0.000003 was not used on mainnet)",
            .taoWeight: "mainnet storage TaoWeight set by migrate_rao (0.18)",
            .subnetOwnerCut: "runtime SubnetOwnerCut 11,796",
            .networkMinLockCost: "migrate_rao (1 TAO)",
            .networkLockReductionInterval: "runtime InitialNetworkLockReductionInterval (14 · 7,200)",
        ])
}
