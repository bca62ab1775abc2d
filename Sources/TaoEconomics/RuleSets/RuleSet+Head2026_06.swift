extension RuleSet {
    /// `head-2026-06`: the chain at its 2026-06-30 code (subtensor 14bc6f9f9): weighted (balancer)
    /// pools, EMA-price shares net of miner burn, the root-proportion injection cap with chain
    /// buys after the re-weighting, claimable root dividends, recycling of unspent emission.
    public static let head2026_06 = RuleSet(
        name: "head-2026-06",
        summary: "The chain at its 2026-06-30 code (subtensor 14bc6f9f9): balancer pools, EMA-price shares net of miner burn, root-capped injection with chain buys, root claims, unspent emission recycled.",
        replays: SpecReplay(specVersions: nil, versions: "the code of 2026-06-30 (subtensor 14bc6f9f9), before the emission gate",
                            evidence: "the chain's code at that commit and its tests (coinbase, balancer, epoch)"),
        halving: .issuance, issuance: .creditUnspentRecycled, coinbase: .injectThenBuy, shares: .emaPriceNetOfMinerBurn, gate: nil,
        reservoirs: .refuse, pool: .head2026_06, split: .headU96F32(ownerCutU16: 11_796),
        root: .claimable(taoWeightU64: HeadParts.taoWeightU64), consensus: ConsensusRules(epochCode: .head),
        tempo: 360, epochs: .sinceLastEpoch(maximumPerBlock: 2), initialMovingPrice: .cappedSpotThenZero,
        registration: HeadParts.registration,
        notes: HeadParts.notes + [HeadParts.claimNote, HeadParts.schedulerNote],
        sources: HeadParts.sources)
}
