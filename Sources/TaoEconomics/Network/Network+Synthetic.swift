extension Network {
    /// A deterministic mid-2025-like network for measurements: `subnets` subnets (netuids 1…n),
    /// pools of ~600 to ~100,000 TAO divided by ⌈n/128⌉ (so that large networks stay under the
    /// cap), larger pools pricier (alpha per TAO from ~300 down to 4, prices ~0.003 to ~0.25
    /// TAO), a third of each pool's alpha outstanding, four equal miners and two equal
    /// validators per subnet, 1,000,000 TAO on root, started at block 5,000,000 with
    /// 9,000,000 TAO issued. The same `subnets`, `rules` and `mode` always give the same network.
    public static func synthetic(subnets: Int = 128, rules: RuleSet, mode: ArithmeticMode = .native) throws(NetworkError) -> Network {
        precondition((1...4_096).contains(subnets), "synthetic networks have 1 to 4,096 subnets")
        let scaleDown = UInt64((subnets + 127) / 128)
        let configurations = (1...subnets).map { netuid in
            let taoWhole = UInt64(600 + (netuid * 7_919) % 99_400) / scaleDown
            let taoRao = taoWhole * 1_000_000_000
            let alphaRao = taoRao * (4 + 300 * (100_000 - min(taoWhole, 100_000)) / 100_000)
            return SubnetConfiguration(netuid: UInt16(netuid), taoReserveRao: taoRao, alphaReserveRao: alphaRao,
                                       alphaOutstandingRao: alphaRao / 3, minerWeights: [1, 1, 1, 1], validatorWeights: [1, 1])
        }
        return try Network(rules: rules, startBlock: 5_000_000, startIssuanceRao: 9_000_000_000_000_000, rootStakeRao: 1_000_000_000_000_000,
                           subnets: configurations, mode: mode)
    }
}

extension SubnetPool {
    /// A deterministic pool for measurements: 100,000 TAO against 400,000 alpha with 100,000
    /// alpha outstanding; under a weighted rule set, at quote weight 0.481234567890123457 (not a
    /// small fraction, so the power term takes the chain's series path).
    public static func synthetic(rules: RuleSet) -> SubnetPool {
        var quoteWeight: Perquintill?
        if case .weighted = rules.pool.curve { quoteWeight = Perquintill(parts: 481_234_567_890_123_457) }
        return SubnetPool(netuid: 1, taoReserveRao: 100_000_000_000_000, alphaReserveRao: 400_000_000_000_000,
                          alphaOutstandingRao: 100_000_000_000_000, quoteWeight: quoteWeight)
    }
}
