import FixedMath

/// The launch split's values that are the same for every subnet in a block.
struct LaunchTerms<A: I96F32Arithmetic> {
    /// cut ⊘ 65535 (`get_float_subnet_owner_cut`).
    let ownerCut: A.Value
    /// root TAO ⊗ (taoWeight ⊘ u64::MAX), or nil without root dividends.
    let rootTaoWeight: A.Value?

    init(rules: RuleSet, rootStakeRao: UInt64) {
        if case let .launchI96F32(cut) = rules.split {
            ownerCut = A.divide(A.integer(cut), A.integer(65_535)) ?? A.zero
        } else {
            ownerCut = A.zero
        }
        if case let .sellEveryBlock(weight) = rules.root {
            rootTaoWeight = Self.rootTaoWeight(rootStakeRao: rootStakeRao, taoWeightU64: weight)
        } else {
            rootTaoWeight = nil
        }
    }

    /// root TAO ⊗ (taoWeight ⊘ u64::MAX), with `safe_div` giving 0 on a zero divisor.
    static func rootTaoWeight(rootStakeRao: UInt64, taoWeightU64: UInt64) -> A.Value {
        A.multiply(A.integer(rootStakeRao), A.divide(A.integer(taoWeightU64), A.integer(.max)) ?? A.zero)
    }
}

/// One subnet's TAO for a block: the rao injected and the I96F32 value (raw) it came from.
struct TaoShare {
    let rao: UInt64
    let fixedRaw: UInt128
}

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
        let taoIn = taoShares(emissionRao: emission)
        var updated = subnets
        let (issued, rootSoldTotal) = switch mode {
        case .native: try runSubnets(&updated, taoIn: taoIn, arithmetic: NativeI96F32.self)
        case .reference: try runSubnets(&updated, taoIn: taoIn, arithmetic: ReferenceI96F32.self)
        }
        // Apply.
        subnets = updated
        tao.mintedRao += issued
        tao.poolsRao = tao.poolsRao + issued - rootSoldTotal
        tao.pendingRootRao += rootSoldTotal
        lastBlock = BlockSummary(block: block, emissionRao: emission, taoInjectedRao: issued,
                                 unissuedRemainderRao: emission - issued, issuedRao: issued)
        for index in subnets.indices where rules.runsEpoch(netuid: subnets[index].netuid, block: block, tempo: subnets[index].tempo) {
            try payPending(at: index)
        }
        block += 1
    }

    /// Every subnet's coinbase for this block, into `updated`; returns the TAO issued and the
    /// TAO taken out of pools by root sells.
    mutating func runSubnets<A: I96F32Arithmetic>(_ updated: inout [SubnetState], taoIn: [TaoShare], arithmetic: A.Type)
        throws(NetworkError) -> (issued: UInt64, rootSold: UInt64) {
        // The launch split's block-wide constants, computed once per block, not per subnet.
        let terms = LaunchTerms<A>(rules: rules, rootStakeRao: tao.rootStakeRao)
        var issued: UInt64 = 0, rootSold: UInt64 = 0
        for index in updated.indices {
            let result = try Network.runCoinbase(on: &updated[index], taoIn: taoIn[index], rules: rules, terms: terms, mode: mode)
            issued += taoIn[index].rao
            rootSold += result.rootSoldTaoRao
            if isObserving {
                observations.injections.append(result.injection)
                if let swap = result.rootSell { observations.swaps.append(swap) }
            }
        }
        return (issued, rootSold)
    }

    /// This block's TAO emission under the rule set's halving trigger (clipped to the cap).
    public func blockEmissionRao() -> UInt64 {
        schedule.emission(block: block, issuanceRao: tao.issuanceRao)
    }

    /// tao_in per subnet (same order as `subnets`) under the share rule: the rao injected, and
    /// for the launch rule the unfloored I96F32 value (raw, ·2^32) that alpha_in is computed from.
    func taoShares(emissionRao: UInt64) -> [TaoShare] {
        guard !subnets.isEmpty, emissionRao > 0 else { return subnets.map { _ in TaoShare(rao: 0, fixedRaw: 0) } }
        switch rules.shares {
        case .taoReserveLargestRemainder:
            return Network.largestRemainderShares(emissionRao, weights: subnets.map(\.pool.taoReserveRao), mode: mode)
                .map { TaoShare(rao: $0, fixedRaw: UInt128($0) << 32) }
        case .emaPriceI96F32:
            switch mode {
            case .native: return emaPriceShares(emissionRao, arithmetic: NativeI96F32.self)
            case .reference: return emaPriceShares(emissionRao, arithmetic: ReferenceI96F32.self)
            }
        }
    }

    /// (E ⊗ p_i) ⊘ Σp in I96F32 (`run_coinbase` step 3 at launch); checked_div's None gives 0.
    func emaPriceShares<A: I96F32Arithmetic>(_ emissionRao: UInt64, arithmetic: A.Type) -> [TaoShare] {
        let prices = subnets.map { A.fromRaw($0.pool.emaPriceRaw) }
        let total = prices.reduce(A.zero, A.add)
        let emission = A.integer(emissionRao)
        return prices.map { price in
            let share = A.divide(A.multiply(emission, price), total) ?? A.zero
            return TaoShare(rao: A.floorUInt64(share), fixedRaw: A.raw(share))
        }
    }

    /// ⌊E·w_i/Σw⌋ plus one rao each for the largest remainders (ties: lower index): Σ = E
    /// whenever Σw > 0.
    static func largestRemainderShares(_ emissionRao: UInt64, weights: [UInt64], mode: ArithmeticMode) -> [UInt64] {
        // The same rule as the fixed-share payout; it falls back to GMP when Σw passes 2^64.
        mode == .native ? FixedSharePayout.split(emissionRao, among: weights) : FixedSharePayout.splitWide(emissionRao, among: weights)
    }

    /// What one subnet's coinbase did, for the caller's totals and the invariant checker.
    struct CoinbaseResult {
        let rootSoldTaoRao: UInt64
        let injection: InjectionObservation
        let rootSell: SwapObservation?
    }

    /// One subnet's share of the block: injection, alpha_out and its split, root sell (launch)
    /// and moving price.
    static func runCoinbase<A: I96F32Arithmetic>(on subnet: inout SubnetState, taoIn: TaoShare, rules: RuleSet, terms: LaunchTerms<A>,
                                                 mode: ArithmeticMode) throws(NetworkError) -> CoinbaseResult {
        let taoInRao = taoIn.rao
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
            alphaIn = launchAlphaIn(pool: pool, taoInRaw: taoIn.fixedRaw, alphaEmissionRao: alphaEmission, arithmetic: A.self)
        }
        let injection = InjectionObservation(
            netuid: pool.netuid, taoBeforeRao: pool.taoReserveRao, alphaBeforeRao: pool.alphaReserveRao, taoInRao: taoInRao,
            alphaInRao: alphaIn, alphaCapRao: alphaEmission, taoInFixedRaw: taoIn.fixedRaw, rounding: rules.pool.injection)
        let (taoAfter, taoOverflow) = pool.taoReserveRao.addingReportingOverflow(taoInRao)
        let (alphaAfter, alphaOverflow) = pool.alphaReserveRao.addingReportingOverflow(alphaIn)
        guard !taoOverflow, !alphaOverflow else { throw .overflow("subnet \(pool.netuid)'s reserves") }
        pool.taoReserveRao = taoAfter
        pool.alphaReserveRao = alphaAfter
        pool.alphaOutstandingRao += alphaEmission

        // alpha_out's split.
        var rootSoldTao: UInt64 = 0
        var rootSell: SwapObservation?
        switch rules.split {
        case let .exactPercent(numerator, denominator):
            let owner = NativeExact.multiplyDivideFloor(alphaEmission, numerator, denominator, mode: mode)?.quotient ?? 0
            let rest = alphaEmission - owner
            let miners = rest / 2
            subnet.pendingOwnerRao += owner
            subnet.pendingMinerRao += miners
            subnet.pendingValidatorRao += rest - miners
        case .launchI96F32:
            let parts = launchSplit(alphaOutRao: alphaEmission, terms: terms, alphaIssuanceAfterRao: pool.alphaReserveRao &+ pool.alphaOutstandingRao)
            subnet.pendingOwnerRao += parts.owner
            subnet.pendingMinerRao += parts.miners
            subnet.pendingValidatorRao += parts.validators
            var dust = alphaEmission - parts.owner - parts.miners - parts.validators - parts.root
            if parts.root > 0 {
                let sellRules = rules.pool.with(fee: .none)
                if let taoOut = try? SubnetPool.curveOutput(inputReserveRao: pool.alphaReserveRao, outputReserveRao: pool.taoReserveRao,
                                                            inputRao: parts.root, side: .unstake, rules: sellRules, mode: mode) {
                    rootSell = SwapObservation(
                        netuid: pool.netuid, side: .unstake, taoBeforeRao: pool.taoReserveRao, alphaBeforeRao: pool.alphaReserveRao,
                        taoAfterRao: pool.taoReserveRao - taoOut, alphaAfterRao: pool.alphaReserveRao &+ parts.root,
                        newInputReserveRao: pool.alphaReserveRao &+ parts.root, outputReserveAfterRao: pool.taoReserveRao - taoOut,
                        minimumOutputReserveRao: sellRules.minimumOutputReserveRao, rounding: sellRules.rounding)
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
        return CoinbaseResult(rootSoldTaoRao: rootSoldTao, injection: injection, rootSell: rootSell)
    }

    /// alpha_in at launch: tao_in ⊘ price in I96F32 (price = T ⊘ A, 0 when A is 0), capped at
    /// the alpha emission, floored; a failed division (zero price) gives the alpha emission.
    static func launchAlphaIn<A: I96F32Arithmetic>(pool: SubnetPool, taoInRaw: UInt128, alphaEmissionRao: UInt64, arithmetic: A.Type) -> UInt64 {
        let price = pool.alphaReserveRao == 0 ? A.zero : (A.divide(A.integer(pool.taoReserveRao), A.integer(pool.alphaReserveRao)) ?? A.zero)
        let cap = A.integer(alphaEmissionRao)
        guard let neutral = A.divide(A.fromRaw(taoInRaw), price) else { return alphaEmissionRao }
        return A.floorUInt64(min(neutral, cap))
    }

    /// The launch split of alpha_out in I96F32, each part floored to rao.
    static func launchSplit<A: I96F32Arithmetic>(alphaOutRao: UInt64, terms: LaunchTerms<A>, alphaIssuanceAfterRao: UInt64)
        -> (owner: UInt64, miners: UInt64, validators: UInt64, root: UInt64) {
        let alphaOut = A.integer(alphaOutRao)
        let ownerCut = A.multiply(alphaOut, terms.ownerCut)
        let rest = A.subtract(alphaOut, ownerCut)
        var rootAlpha = A.zero
        if let taoWeight = terms.rootTaoWeight {
            let proportion = rootProportion(taoWeight: taoWeight, alphaIssuanceRao: alphaIssuanceAfterRao, arithmetic: A.self)
            rootAlpha = A.multiply(A.multiply(proportion, rest), A.half)
        }
        let miners = A.multiply(rest, A.half)
        let validators = A.subtract(A.subtract(rest, miners), rootAlpha)
        return (A.floorUInt64(ownerCut), A.floorUInt64(miners), A.floorUInt64(validators), A.floorUInt64(rootAlpha))
    }

    /// tw·root / (tw·root + alpha issuance), given tw·root; 0 when the denominator is 0.
    static func rootProportion<A: I96F32Arithmetic>(taoWeight: A.Value, alphaIssuanceRao: UInt64, arithmetic: A.Type) -> A.Value {
        A.divide(taoWeight, A.add(taoWeight, A.integer(alphaIssuanceRao))) ?? A.zero
    }

    /// The launch root proportion in I96F32: tw·root / (tw·root + alpha issuance) with
    /// tw = taoWeight ⊘ u64::MAX (`safe_div`), root TAO ⊗ tw floored; 0 when the denominator is 0.
    public static func rootProportion(rootStakeRao: UInt64, alphaIssuanceRao: UInt64, taoWeightU64: UInt64) -> FixedPoint<I96F32> {
        let taoWeight = LaunchTerms<ReferenceI96F32>.rootTaoWeight(rootStakeRao: rootStakeRao, taoWeightU64: taoWeightU64)
        return rootProportion(taoWeight: taoWeight, alphaIssuanceRao: alphaIssuanceRao, arithmetic: ReferenceI96F32.self)
    }

    /// Pays a subnet's pending emission: the owner cut to the owner, miners' and validators'
    /// parts by their fixed weights, and root TAO to root stakers.
    mutating func payPending(at index: Int) throws(NetworkError) {
        var subnet = subnets[index]
        try subnet.holders.credit(.owner, subnet.pendingOwnerRao)
        var validatorsPart = subnet.pendingValidatorRao
        if subnet.holders.minerWeights.contains(where: { $0 > 0 }) {
            for (rank, amount) in FixedSharePayout.split(subnet.pendingMinerRao, among: subnet.holders.minerWeights).enumerated() {
                try subnet.holders.credit(.miner(subnet.holders.minerIDs[rank]), amount)
            }
        } else {
            // No miner to pay: validators take the miners' part, as the chain gives them all
            // of it when no miner has incentive (`distribute_emission`).
            validatorsPart += subnet.pendingMinerRao
        }
        for (validator, amount) in FixedSharePayout.split(validatorsPart, among: subnet.holders.validatorWeights).enumerated() {
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
