extension RuleSet {
    /// `head-2026-10`: the chain since spec 475 (2026-10-08, block 9,233,846; buy-first since
    /// spec 472 at the latest), §2.2c: `head-2026-08`'s shares and gate, but each subnet's chain
    /// buy comes first and this block's TAO and alpha are placed through reservoirs; root
    /// dividends go to root-registered validators only and accumulate as baskets; subnets may
    /// run the Null epoch consensus; the spec-475 epoch scheduler.
    public static let head2026_10 = RuleSet(
        name: "head-2026-10",
        summary: "The chain since Oct 2026 (spec 475): head-2026-08's gated shares, chain buy before injection, reservoirs, root dividends to root-registered validators as baskets, Null epochs.",
        replays: SpecReplay(specVersions: 472...475, versions: "472 (buy-first seen) – 475",
                            evidence: "recorded blocks 9,198,000 (spec 472) and 9,221,720 (spec 473): the quote weights after the block match buy-first only"),
        halving: .issuance, issuance: .creditUnspentRecycled, coinbase: .buyThenInject, shares: .emaPriceNetOfMinerBurn, gate: .head2026_08,
        reservoirs: .park, pool: .head2026_06, split: .headU96F32(ownerCutU16: 11_796),
        root: .rootRegisteredBaskets(taoWeightU64: HeadParts.taoWeightU64), consensus: ConsensusRules(epochCode: .head, nullEpochs: true),
        tempo: 360, epochs: .spec475(maximumPerBlock: 2), initialMovingPrice: .cappedSpotThenZero,
        registration: HeadParts.registration,
        notes: HeadParts.notes + [
            "The gate is restated from public reconstructions of the chain's v440–v475 code; the engine computes it in U64F64 with the roundings printed under emission_gate, and recycles what the floors leave.",
            "Root registration is per hotkey on the chain; here each subnet's root_registered_fraction (default 1) of its validators' root stake stands for the root-registered hotkeys: that share of the pending root alpha is paid, the rest recycled (all of it when 0).",
            "Root baskets are per coldkey on the chain; here one aggregate basket per subnet holds the root stakers' alpha, and at each epoch the claim sells a pro-rata slice of it (root.claim_slice of the basket, default the whole basket) fee-less for root TAO, once the slice reaches RootClaimableThreshold; keep holds it.",
            "Registrations are prepaid into escrow on the chain and settle later; here a registration settles in its block: the new pool holds exactly the lock paid.",
            "epoch_consensus: none runs the chain's Null epoch: miners get budget − ⌊budget/2⌋ by the top validator's weights (the fixed miner weights without a consensus: block), validators ⌊budget/2⌋ by stake (the fixed validator weights without one), both by largest remainder; bonds are kept.",
        ],
        sources: HeadParts.sources.merging([
            .emissionBarRank: "EmissionBarRank unset on mainnet: the code's 32 (fixture b9221720)",
            .emissionBarQuantile: "mainnet storage EmissionBarQuantile 0.75 (inert in rank mode; fixture b9221720)",
            .emissionGateExponent: "EmissionGateExponent unset on mainnet: the code's 3 (fixture b9221720)",
            .emissionGateBar: "EmissionGateBar is state: unset, θ is computed at the first block (a snapshot gives the chain's)",
        ]) { $1 })
}
