extension RuleSet {
    /// `card`, the default: the product card's rules. Halvings every 10.5M blocks, TAO routed
    /// by pool TAO, exact constant-product pools, an 18/41/41 split, no root dividends.
    public static let card = RuleSet(
        name: "card",
        summary: "The product card: halving every 10.5M blocks, TAO routed by pool TAO, V2 pools, 18/41/41 split, no root dividends.",
        replays: nil,
        halving: .blocks, issuance: .wholeEmission, coinbase: .injectThenSplit, shares: .taoReserveLargestRemainder, gate: nil,
        reservoirs: .refuse, pool: .card, split: .exactFraction(ownerNumerator: 18, ownerDenominator: 100), root: .none,
        consensus: ConsensusRules(epochCode: .head), tempo: 360, epochs: .staggered, initialMovingPrice: .spot,
        registration: RegistrationRules(
            minimumLockRao: 1_000_000_000, lockReductionIntervalBlocks: 100_800,
            poolInitialisation: .wholeLockAtMedianPrice, subnetLimit: 128, immunityBlocks: 864_000),
        notes: [
            "Miner and validator alpha is paid by fixed shares from the scenario (equal by default), or by Yuma epochs when the scenario asks for consensus.",
            "With no subnet to receive it, a block's emission is not issued.",
        ],
        sources: [
            .tempo: "the product card (360, the chain's DefaultTempo)",
            .subnetMovingAlpha: "the product card: ⌊0.0003 · 2^64⌋ in U64F64 (a scenario's value is read as the chain's I96F32)",
            .subnetOwnerCut: "the product card: 18/100 exactly (a scenario's value N is read as N/65535, floored exactly)",
            .feeRate: "the product card: 5/10,000 kept in the pool (a scenario's value N is read as N/65535)",
            .networkMinLockCost: "migrate_rao (1 TAO)",
            .networkLockReductionInterval: "the runtime's InitialNetworkLockReductionInterval (14 · 7,200)",
            .networkImmunityPeriod: "migrate_network_immunity_period (864,000)",
            .subnetLimit: "DefaultSubnetLimit (128)",
        ])
}
