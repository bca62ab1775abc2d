extension RuleSet {
    /// The parts every HEAD rule set shares (the chain from its 2026-06-30 code on): issuance-driven
    /// halvings with the emission minted as a credit, EMA-price shares net of miner burn, balancer
    /// pools, the U96F32 split, the mainnet TaoWeight, tempo 360, HEAD registration.
    enum HeadParts {
        /// TaoWeight as mainnet storage holds it since `migrate_rao`: 0.18.
        static let taoWeightU64: UInt64 = 3_320_413_933_267_719_290

        /// HEAD registration (§5): min lock 1 TAO, interval 57,600 ⊗ E/1e9, one per 28,800
        /// blocks, the whole lock as pool TAO at the median price, start_call the next block with
        /// TAO-side emission off, limit 128 pruning the lowest EMA price (immunity 864,000).
        static let registration = RegistrationRules(
            minimumLockRao: 1_000_000_000, lockReductionIntervalBlocks: 57_600, lockIntervalHalvesWithEmission: true,
            defaultLastLockRao: 1_250_000_000_000, rateLimitBlocks: 28_800, poolInitialisation: .wholeLockAtMedianPriceU64F64,
            activation: .startCallNextBlockEmissionOff, subnetLimit: 128, immunityBlocks: 864_000, dissolution: .protocolShareRecycled)

        /// Where the HEAD parameters' values come from.
        static let sources: [ChainParameter: String] = [
            .tempo: "DefaultTempo 360 (runtime prod_or_fast!(360, 10))",
            .subnetMovingAlpha: "mainnet storage SubnetMovingAlpha 1,288,490 / 2^32 (fixture b9198000: 0x2aa91300…)",
            .emaPriceHalvingBlocks: "runtime InitialEmaPriceHalvingPeriod 201,600",
            .taoWeight: "mainnet storage TaoWeight 0.18 (migrate_rao; fixture b9198000: 0x7a14ae47e17a142e)",
            .subnetOwnerCut: "runtime SubnetOwnerCut 11,796 (mainnet storage unset)",
            .feeRate: "swap DefaultFeeRate 33 (mainnet FeeRate unset)",
            .networkMinLockCost: "migrate_rao 1 TAO (fixture b9198000: 0x00ca9a3b…)",
            .networkLockReductionInterval: "migrate_network_lock_reduction_interval 57,600 (fixture b9198000: 0x00c20100…)",
            .networkRateLimit: "migrate_network_lock_reduction_interval 28,800 (fixture b9198000: 0x40380000…)",
            .networkImmunityPeriod: "migrate_network_immunity_period 864,000 (fixture b9198000: 0x002f0d00…)",
            .subnetLimit: "DefaultSubnetLimit 128 (fixture b9198000: 0x8000)",
            .maxEpochsPerBlock: "runtime SubtensorMaxEpochsPerBlock 2",
            .rootClaimableThreshold: "RootClaimableThreshold default 500,000 (I96F32)",
        ]

        /// Stand-ins and choices every HEAD rule set shares.
        static let notes = [
            "Miner and validator alpha is paid by fixed shares from the scenario (equal by default): a stand-in for Yuma consensus, which the chain runs at each epoch (a scenario's consensus: runs it); a subnet's miner_burned fraction of the miners' alpha stands for the owner hotkey's incentive, burned.",
            "The swap pallet's ReservesTooLow guard is taken as the code has it: the output reserve must hold at least 1,000,000 rao before a swap.",
            "Where the power term's series does not converge on the chain (a trade of about 1000 times the reserve at a quote weight near 0.01 or 0.99), the engine reproduces the chain's value through its exact port, whatever it is.",
            "The coinbase's U96F32 values are carried in I96F32 arithmetic; both floor and truncate alike for the non-negative amounts below 2^95 that occur.",
        ]

        /// The claim stand-in of the rule sets before spec 475.
        static let claimNote = "Root stakers are one aggregate: root dividends are credited as claimable alpha at each epoch and claimed in full at that epoch (after the block's EMA update), standing in for the chain's random auto-claims; validators' delegate takes on root dividends and the per-coldkey rate rounding are not modelled."

        /// The scheduler stand-in of the rule sets before spec 475.
        static let schedulerNote = "The chain's epoch safety net (BlocksSinceLastStep > 50,400) and owner-triggered epochs are not modelled: with every epoch's inputs consistent, the tempo rule fires first."
    }
}
