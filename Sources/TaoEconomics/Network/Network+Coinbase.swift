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
    /// pay out their pending emission. Then `block` advances. The HEAD rule sets run their own
    /// coinbase (`stepHead`).
    ///
    /// The block is checked to fit 64-bit rao first (`checkBlockFits`), so a throw leaves the
    /// network untouched, and then runs in place.
    ///
    /// - Parameter emissionRao: replaces the schedule's emission for this block (the chain's
    ///   `run_coinbase(block_emission)`); nil, the default, uses the schedule.
    public mutating func step(emissionRao: UInt64? = nil) throws(NetworkError) {
        let emission = emissionRao ?? blockEmissionRao()
        if rules.coinbase.isCredit {
            try stepHead(emissionRao: emission)
            block += 1
            return
        }
        let issuanceBefore = tao.issuanceRao
        var buffers = scratch
        scratch = BlockScratch()  // so that `buffers` holds the only reference and fills in place
        taoShares(emissionRao: emission, into: &buffers)
        try checkBlockFits(emissionRao: emission)
        // In place: nothing below can fail once the block fits.
        let (issued, rootSoldTotal) = switch mode {
        case .native: try runSubnets(taoIn: buffers.taoIn, arithmetic: NativeI96F32.self)
        case .reference: try runSubnets(taoIn: buffers.taoIn, arithmetic: ReferenceI96F32.self)
        }
        scratch = buffers
        tao.mintedRao += issued
        tao.poolsRao = tao.poolsRao + issued - rootSoldTotal
        tao.pendingRootRao += rootSoldTotal
        lastBlock = BlockSummary(block: block, emissionRao: emission, taoInjectedRao: issued,
                                 unissuedRemainderRao: emission - issued, issuanceBeforeRao: issuanceBefore, issuedRao: issued)
        emissionTotals.add(lastBlock!)
        let rules = self.rules  // one copy a block, not one per subnet
        for index in subnets.indices where rules.runsEpoch(netuid: subnets[index].pool.netuid, block: block, tempo: subnets[index].tempo) {
            try payPending(at: index)
        }
        block += 1
    }

    /// Refuses a block that could take a reserve, outstanding alpha or a holder total past
    /// 2^64 rao, before anything changes; a network the engine built can never get there (TAO and
    /// each alpha stay within 21,000,000), so a block that fits runs to the end in place.
    func checkBlockFits(emissionRao: UInt64) throws(NetworkError) {
        for index in subnets.indices {
            let pool = subnets[index].pool
            // A block adds at most E TAO to a pool and mints at most 2 · alpha emission (≤ 2 alpha);
            // a chain buy moves at most the alpha reserve to outstanding alpha and its holders.
            let (_, taoOverflow) = pool.taoReserveRao.addingReportingOverflow(emissionRao)
            let alphaRoom = UInt128(UInt64.max - 2 * Supply.initialBlockEmissionRao)
            let reserve = UInt128(pool.alphaReserveRao)
            guard !taoOverflow, reserve + UInt128(pool.alphaOutstandingRao) <= alphaRoom,
                  reserve + UInt128(subnets[index].holders.totalRao) <= alphaRoom else {
                throw .overflow("subnet \(pool.netuid)'s reserves")
            }
        }
    }

    /// Every subnet's coinbase for this block, in place; returns the TAO issued and the TAO
    /// taken out of pools by root sells. Call only after `checkBlockFits`.
    mutating func runSubnets<A: I96F32Arithmetic>(taoIn: [TaoInjection], arithmetic: A.Type)
        throws(NetworkError) -> (issued: UInt64, rootSold: UInt64) {
        // The launch split's block-wide constants, computed once per block, not per subnet, and
        // the rules read once (reading `self.rules` while a subnet is borrowed inout copies it).
        let rules = self.rules, mode = self.mode
        let terms = LaunchTerms<A>(rules: rules, rootStakeRao: tao.rootStakeRao)
        var issued: UInt64 = 0, rootSold: UInt64 = 0
        for index in subnets.indices {
            let result = try Network.runCoinbase(on: &subnets[index], taoIn: taoIn[index], rules: rules, terms: terms, mode: mode)
            issued += taoIn[index].rao
            rootSold += result.rootSoldTaoRao
            if isObserving {
                observations.injections.append(result.injection)
                if let swap = result.rootSell { observations.swaps.append(swap) }
            }
        }
        return (issued, rootSold)
    }

    /// What one subnet's coinbase did, for the caller's totals and the invariant checker.
    struct CoinbaseResult {
        let rootSoldTaoRao: UInt64
        let injection: Injection
        let rootSell: SwapObservation?
    }

    /// One subnet's share of the block, all through the pool's own operations: the injection
    /// (`SubnetPool.injectionQuote`), alpha_out minted and split, the launch root sell (a
    /// protocol `unstake` quote), and the moving price.
    static func runCoinbase<A: I96F32Arithmetic>(on subnet: inout SubnetState, taoIn: TaoInjection, rules: RuleSet, terms: LaunchTerms<A>,
                                                 mode: ArithmeticMode) throws(NetworkError) -> CoinbaseResult {
        var pool = subnet.pool
        let alphaIssuance = subnet.alphaIssuanceRao
        let alphaEmission = Supply.clippedToCap(BlockEmission.forIssuance(alphaIssuance), issuanceRao: alphaIssuance)

        // Injection at the price before it, then alpha_out.
        let injection = pool.injectionQuote(tao: taoIn, alphaCapRao: alphaEmission, rounding: rules.pool.injection, arithmetic: A.self, mode: mode)
        do {
            try pool.apply(injection)
            try pool.mintOutstanding(alphaEmission)
        } catch {
            throw .overflow("subnet \(pool.netuid)'s reserves")
        }

        // alpha_out's split.
        var rootSoldTao: UInt64 = 0
        var rootSell: SwapObservation?
        switch rules.split {
        case let .exactFraction(numerator, denominator):
            let owner = NativeExact.multiplyDivideFloor(alphaEmission, numerator, denominator, mode: mode)?.quotient ?? 0
            let rest = alphaEmission - owner
            let miners = rest / 2
            subnet.pendingOwnerRao += owner
            subnet.pendingMinerRao += miners
            subnet.pendingValidatorRao += rest - miners
        case .headU96F32:
            break  // HEAD blocks run through `stepHead`
        case .launchI96F32:
            let parts = launchSplit(alphaOutRao: alphaEmission, terms: terms, alphaIssuanceAfterRao: pool.alphaReserveRao &+ pool.alphaOutstandingRao)
            subnet.pendingOwnerRao += parts.owner
            subnet.pendingMinerRao += parts.miners
            subnet.pendingValidatorRao += parts.validators
            var dust = alphaEmission - parts.owner - parts.miners - parts.validators - parts.root
            if parts.root > 0 {
                // The root share is sold through the pool, fee-less; a sale the pool refuses
                // leaves that alpha uncredited (dust), as the chain did.
                if let quote = try? pool.quote(.unstake, amountRao: parts.root, rules: rules.pool, origin: .protocol, mode: mode) {
                    rootSell = SwapObservation(netuid: pool.netuid, quote: quote, rules: rules.pool)
                    pool.apply(quote)
                    subnet.pendingRootTaoRao += quote.amountOutRao
                    subnet.rootTaoSoldRao += quote.amountOutRao
                    rootSoldTao = quote.amountOutRao
                } else {
                    dust += parts.root
                }
            }
            try subnet.holders.credit(.dust, dust)
        }
        pool.updateMovingPrice(rules.pool.ema, mode: mode)

        subnet.pool = pool
        subnet.alphaMintedRao += injection.alphaInRao + alphaEmission
        subnet.taoInjectedRao += injection.taoInRao
        subnet.alphaInjectedRao += injection.alphaInRao
        subnet.alphaOutRao += alphaEmission
        return CoinbaseResult(rootSoldTaoRao: rootSoldTao, injection: injection, rootSell: rootSell)
    }
}
