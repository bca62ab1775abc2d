extension RuleSet {
    /// `head-2026-08`: `head-2026-06` with the Hill emission gate the chain has run since July–
    /// August 2026 (§2.2b): rank bar N = 32, h = 3, θ every 360 blocks; the coinbase still
    /// injects before it buys (specs 440–443).
    public static let head2026_08 = RuleSet(
        name: "head-2026-08",
        summary: "head-2026-06 plus the Hill emission gate the chain has run since Aug 2026 (rank bar 32, exponent 3, θ every 360 blocks).",
        replays: SpecReplay(specVersions: 440...443, versions: "440 (q-mass gate) – 443 (rank gate), inject-then-buy",
                            evidence: "recorded block 8,766,000 (spec 441): the quote weights after the block match inject-first"),
        halving: .issuance, issuance: .creditUnspentRecycled, coinbase: .injectThenBuy, shares: .emaPriceNetOfMinerBurn, gate: .head2026_08,
        reservoirs: .refuse, pool: .head2026_06, split: .headU96F32(ownerCutU16: 11_796),
        root: .claimable(taoWeightU64: HeadParts.taoWeightU64), consensus: ConsensusRules(epochCode: .head),
        tempo: 360, epochs: .sinceLastEpoch(maximumPerBlock: 2), initialMovingPrice: .cappedSpotThenZero,
        registration: HeadParts.registration,
        notes: HeadParts.notes + [
            HeadParts.claimNote, HeadParts.schedulerNote,
            "The gate is restated from public reconstructions of the chain's v440–v443 code; the engine computes it in U64F64 with the roundings printed under emission_gate, and recycles what the floors leave.",
        ],
        sources: HeadParts.sources.merging([
            .emissionBarRank: "EmissionBarRank unset on mainnet: the code's 32 (spec 441+)",
            .emissionBarQuantile: "mainnet storage EmissionBarQuantile 0.75 (inert in rank mode; fixture b9198000: 0x…c000…)",
            .emissionGateExponent: "EmissionGateExponent unset on mainnet: the code's 3",
            .emissionGateBar: "EmissionGateBar is state: unset, θ is computed at the first block",
        ]) { $1 })
}
