import FixedMath

extension Network {
    /// Runs `count` blocks.
    public mutating func step(blocks count: UInt64) throws(NetworkError) {
        for _ in 0..<count { try step() }
    }

    /// Runs one block (§2): the TAO emission is split across subnets and injected with
    /// price-neutral alpha (capped at the subnet's alpha emission), alpha_out is minted and
    /// split into pending owner, miner and validator parts (and, under the launch rules, a root
    /// part sold for TAO), moving prices update, and subnets whose epoch falls on this block
    /// pay out their pending emission. Then `block` advances.
    ///
    /// Every new amount is computed before any is applied, so a throw (only possible when a
    /// reserve would pass 2^64 rao) leaves the network untouched.
    ///
    /// - Parameter emissionRao: replaces the schedule's emission for this block (the chain's
    ///   `run_coinbase(block_emission)`); nil, the default, uses the schedule.
    public mutating func step(emissionRao: UInt64? = nil) throws(NetworkError) {
        let emission = emissionRao ?? blockEmissionRao()
        let taoIn = try taoShares(emissionRao: emission)
        var updated = subnets
        var issued: UInt64 = 0
        var rootSoldTotal: UInt64 = 0
        for index in updated.indices {
            let sold = try Network.runCoinbase(on: &updated[index], taoInRao: taoIn[index], rules: rules, rootStakeRao: tao.rootStakeRao, mode: mode)
            issued += taoIn[index]
            rootSoldTotal += sold
        }
        // Apply.
        subnets = updated
        tao.mintedRao += issued
        tao.poolsRao = tao.poolsRao + issued - rootSoldTotal
        tao.pendingRootRao += rootSoldTotal
        lastBlock = BlockSummary(block: block, emissionRao: emission, taoInjectedRao: issued,
                                 unissuedRemainderRao: emission - issued, issuedRao: issued)
        for index in subnets.indices where rules.runsEpoch(netuid: subnets[index].netuid, block: block) {
            try payPending(at: index)
        }
        block += 1
    }

    /// This block's TAO emission under the rule set's halving trigger (clipped to the cap).
    public func blockEmissionRao() -> UInt64 {
        schedule.emission(block: block, issuanceRao: tao.issuanceRao)
    }

    /// tao_in per subnet (same order as `subnets`) under the share rule.
    func taoShares(emissionRao: UInt64) throws(NetworkError) -> [UInt64] {
        guard !subnets.isEmpty, emissionRao > 0 else { return subnets.map { _ in 0 } }
        switch rules.shares {
        case .taoReserveLargestRemainder:
            return Network.largestRemainderShares(emissionRao, weights: subnets.map(\.pool.taoReserveRao), mode: mode)
        case .emaPriceI96F32:
            let total = subnets.reduce(FixedPoint<I96F32>.zero) { $0.saturatingAdding($1.pool.emaPrice) }
            guard !total.isZero, let emission = try? FixedPoint<I96F32>(emissionRao) else { return subnets.map { _ in 0 } }
            return subnets.map { subnet in
                // (E ⊗ p_i) ⊘ Σp, floored to rao; checked_div's None gives 0.
                (try? emission.saturatingMultiplied(by: subnet.pool.emaPrice).divided(by: total))?.saturatingUInt64() ?? 0
            }
        }
    }

    /// ⌊E·w_i/Σw⌋ plus one rao each for the largest remainders (ties: lower index): Σ = E
    /// whenever Σw > 0.
    static func largestRemainderShares(_ emissionRao: UInt64, weights: [UInt64], mode: ArithmeticMode) -> [UInt64] {
        // The same rule as the fixed-share payout; it falls back to GMP when Σw passes 2^64.
        mode == .native ? FixedSharePayout.split(emissionRao, among: weights) : FixedSharePayout.splitWide(emissionRao, among: weights)
    }

    /// One subnet's share of the block: injection, alpha_out and its split, root sell (launch)
    /// and moving price. Returns the TAO taken out of the pool by the root sell.
    static func runCoinbase(on subnet: inout SubnetState, taoInRao: UInt64, rules: RuleSet, rootStakeRao: UInt64,
                            mode: ArithmeticMode) throws(NetworkError) -> UInt64 {
        var pool = subnet.pool
        let alphaIssuance = subnet.alphaIssuanceRao
        let alphaEmission = min(BlockEmission.forIssuance(alphaIssuance), Supply.capRao - min(alphaIssuance, Supply.capRao))

        // Injection at the price before it.
        let alphaIn: UInt64
        switch rules.pool.injection {
        case .exactFloor:
            let neutral = pool.taoReserveRao == 0 ? 0
                : NativeExact.multiplyDivideFloor(taoInRao, pool.alphaReserveRao, pool.taoReserveRao, mode: mode)?.quotient ?? .max
            alphaIn = min(neutral, alphaEmission)
        case .launchI96F32:
            alphaIn = launchAlphaIn(pool: pool, taoInRao: taoInRao, alphaEmissionRao: alphaEmission)
        }
        let (taoAfter, taoOverflow) = pool.taoReserveRao.addingReportingOverflow(taoInRao)
        let (alphaAfter, alphaOverflow) = pool.alphaReserveRao.addingReportingOverflow(alphaIn)
        guard !taoOverflow, !alphaOverflow else { throw .overflow("subnet \(pool.netuid)'s reserves") }
        pool.taoReserveRao = taoAfter
        pool.alphaReserveRao = alphaAfter
        pool.alphaOutstandingRao += alphaEmission

        // alpha_out's split.
        var rootSoldTao: UInt64 = 0
        switch rules.split {
        case let .exactPercent(numerator, denominator):
            let owner = NativeExact.multiplyDivideFloor(alphaEmission, numerator, denominator, mode: mode)?.quotient ?? 0
            let rest = alphaEmission - owner
            let miners = rest / 2
            subnet.pendingOwnerRao += owner
            subnet.pendingMinerRao += miners
            subnet.pendingValidatorRao += rest - miners
        case let .launchI96F32(ownerCut):
            let parts = launchSplit(alphaOutRao: alphaEmission, ownerCutU16: ownerCut, rules: rules, rootStakeRao: rootStakeRao,
                                    alphaIssuanceAfterRao: pool.alphaReserveRao &+ pool.alphaOutstandingRao)
            subnet.pendingOwnerRao += parts.owner
            subnet.pendingMinerRao += parts.miners
            subnet.pendingValidatorRao += parts.validators
            var dust = alphaEmission - parts.owner - parts.miners - parts.validators - parts.root
            if parts.root > 0 {
                let sellRules = rules.pool.with(fee: .none)
                if let taoOut = try? SubnetPool.curveOutput(inputReserveRao: pool.alphaReserveRao, outputReserveRao: pool.taoReserveRao,
                                                            inputRao: parts.root, side: .unstake, rules: sellRules) {
                    pool.alphaReserveRao += parts.root
                    pool.taoReserveRao -= taoOut
                    pool.alphaOutstandingRao -= parts.root
                    subnet.pendingRootTaoRao += taoOut
                    subnet.rootTaoSoldRao += taoOut
                    rootSoldTao = taoOut
                } else {
                    dust += parts.root
                }
            }
            try subnet.holders.credit(.dust, dust)
        }
        pool.updateMovingPrice(rules.pool.ema, mode: mode)

        subnet.pool = pool
        subnet.alphaMintedRao += alphaIn + alphaEmission
        subnet.taoInjectedRao += taoInRao
        subnet.alphaInjectedRao += alphaIn
        subnet.alphaOutRao += alphaEmission
        return rootSoldTao
    }

    /// alpha_in at launch: tao_in / price in I96F32 (price = T/A truncated), capped at the
    /// alpha emission, floored; a zero price gives the alpha emission (checked_div's None).
    static func launchAlphaIn(pool: SubnetPool, taoInRao: UInt64, alphaEmissionRao: UInt64) -> UInt64 {
        let price = pool.chainSpotPrice
        guard let taoIn = try? FixedPoint<I96F32>(taoInRao), let cap = try? FixedPoint<I96F32>(alphaEmissionRao) else { return 0 }
        guard !price.isZero, let neutral = try? taoIn.divided(by: price) else { return alphaEmissionRao }
        return min(neutral, cap).saturatingUInt64()
    }

    /// The launch split of alpha_out in I96F32, each part floored to rao.
    static func launchSplit(alphaOutRao: UInt64, ownerCutU16: UInt64, rules: RuleSet, rootStakeRao: UInt64,
                            alphaIssuanceAfterRao: UInt64) -> (owner: UInt64, miners: UInt64, validators: UInt64, root: UInt64) {
        typealias F = FixedPoint<I96F32>
        guard let alphaOut = try? F(alphaOutRao), let cutNumerator = try? F(ownerCutU16), let cutDenominator = try? F(65_535 as UInt64),
              let half = try? F(0.5) else { return (0, 0, 0, 0) }
        let ownerCut = alphaOut.saturatingMultiplied(by: cutNumerator.safeDivided(by: cutDenominator))
        let rest = alphaOut.saturatingSubtracting(ownerCut)
        var rootAlpha = F.zero
        if case let .sellEveryBlock(weightU64) = rules.root {
            let proportion = rootProportion(rootStakeRao: rootStakeRao, alphaIssuanceRao: alphaIssuanceAfterRao, taoWeightU64: weightU64)
            rootAlpha = proportion.saturatingMultiplied(by: rest).saturatingMultiplied(by: half)
        }
        let miners = rest.saturatingMultiplied(by: half)
        let validators = rest.saturatingSubtracting(miners).saturatingSubtracting(rootAlpha)
        return (ownerCut.saturatingUInt64(), miners.saturatingUInt64(), validators.saturatingUInt64(), rootAlpha.saturatingUInt64())
    }

    /// The launch root proportion in I96F32: tw·root / (tw·root + alpha issuance) with
    /// tw = taoWeight / u64::MAX (`safe_div`), root TAO ⊗ tw floored; 0 when the denominator is 0.
    public static func rootProportion(rootStakeRao: UInt64, alphaIssuanceRao: UInt64, taoWeightU64: UInt64) -> FixedPoint<I96F32> {
        typealias F = FixedPoint<I96F32>
        guard let weight = try? F(taoWeightU64), let maximum = try? F(UInt64.max), let rootTao = try? F(rootStakeRao),
              let issuance = try? F(alphaIssuanceRao) else { return .zero }
        let taoWeight = rootTao.saturatingMultiplied(by: weight.safeDivided(by: maximum))
        let denominator = taoWeight.saturatingAdding(issuance)
        return denominator.isZero ? .zero : ((try? taoWeight.divided(by: denominator)) ?? .zero)
    }

    /// Pays a subnet's pending emission: the owner cut to the owner, miners' and validators'
    /// parts by their fixed weights, and root TAO to root stakers.
    mutating func payPending(at index: Int) throws(NetworkError) {
        var subnet = subnets[index]
        try subnet.holders.credit(.owner, subnet.pendingOwnerRao)
        for (miner, amount) in FixedSharePayout.split(subnet.pendingMinerRao, among: subnet.holders.minerWeights).enumerated() {
            try subnet.holders.credit(.miner(miner), amount)
        }
        for (validator, amount) in FixedSharePayout.split(subnet.pendingValidatorRao, among: subnet.holders.validatorWeights).enumerated() {
            try subnet.holders.credit(.validator(validator), amount)
        }
        tao.rootDividendsRao += subnet.pendingRootTaoRao
        tao.pendingRootRao -= subnet.pendingRootTaoRao
        subnet.pendingOwnerRao = 0
        subnet.pendingMinerRao = 0
        subnet.pendingValidatorRao = 0
        subnet.pendingRootTaoRao = 0
        subnets[index] = subnet
    }
}
