import FixedMath

/// One subnet's share of a HEAD block, computed without changing anything (`headBlockQuote`).
struct HeadSubnetCoinbase: Sendable {
    /// The subnet's share of the block's TAO, U64F64 raw (gated under a gate).
    let shareRaw: UInt128
    /// The share before the gate, U64F64 raw (equal to `shareRaw` without a gate).
    let ungatedShareRaw: UInt128
    /// tao_emission, U96F32 raw.
    let taoEmissionRaw: UInt128
    /// The re-weighting injection and the chain buy.
    let injection: CoinbaseInjection
    /// alpha_out: the alpha emission at the subnet's issuance, alpha rao.
    let alphaEmissionRao: UInt64
    /// alpha_out's parts, each floored to rao.
    let ownerRao: UInt64, minersRao: UInt64, validatorsRao: UInt64, rootAlphaRao: UInt64
    /// root_prop after the block's minting (the one the root alpha uses), U96F32 raw.
    let rootProportionRaw: UInt128

    /// What the floors of alpha_out's parts leave: outstanding, credited to nobody.
    var dustRao: UInt64 { alphaEmissionRao - ownerRao - minersRao - validatorsRao - rootAlphaRao }
}

/// A whole HEAD block's coinbase, computed without changing the network.
struct HeadBlockQuote: Sendable {
    /// The TAO emission minted as the block's credit, rao.
    let emissionRao: UInt64
    /// Per subnet, in `subnets` order; nil for a subnet that does not emit.
    let coinbases: [HeadSubnetCoinbase?]
    /// Σ EMA prices of the emitting subnets > 1: root alpha accrues (else it is recycled).
    let rootSell: Bool
    /// The gate's bar this block (nil without a gate).
    let thetaRaw: UInt128?
    /// Σ max(0, ⌊gated tao_emission⌋ − ⌊ungated tao_emission⌋): what the gate moved, rao.
    let gateMovedTaoRao: UInt64
}

extension Network {
    /// The current block's HEAD coinbase (§2.1–§2.3), computed without changing the network: the
    /// shares of the emitting subnets (`HeadShares`, then the gate), and per subnet the terms,
    /// the injection with its chain buy, and alpha_out's split.
    func headBlockQuote(emissionRao: UInt64) -> HeadBlockQuote {
        switch mode {
        case .native: return headBlockQuote(emissionRao: emissionRao, NativeI96F32.self, NativeU64F64.self)
        case .reference: return headBlockQuote(emissionRao: emissionRao, ReferenceI96F32.self, ReferenceU64F64.self)
        }
    }

    func headBlockQuote<I: I96F32Arithmetic, U: U64F64Arithmetic>(emissionRao: UInt64, _ i: I.Type, _ u: U.Type) -> HeadBlockQuote {
        let emitting = subnets.indices.filter { subnets[$0].emits(atBlock: block) }
        let inputs = emitting.map { index in
            HeadShares.Input(emaPriceRaw: subnets[index].pool.emaPriceRaw, minerBurnedRaw: subnets[index].minerBurnedRaw,
                             emissionEnabled: subnets[index].emissionEnabled)
        }
        let ungated = HeadShares.shares(inputs, arithmetic: U.self)
        var shares = ungated
        var theta: UInt128?
        if let gate = rules.gate {
            let bar = gateThetaRaw.flatMap { gate.recomputes(atBlock: block) ? nil : $0 } ?? gate.theta(shares: ungated)
            theta = bar
            shares = gate.gated(shares: ungated, theta: bar)
        }
        let emaTotal = inputs.reduce(U.zero) { U.add($0, U.fromRaw32($1.emaPriceRaw)) }
        let rootSell = emaTotal > U.one
        let terms = LaunchTerms<I>(rules: rules, rootStakeRao: tao.rootStakeRao)
        var coinbases = [HeadSubnetCoinbase?](repeating: nil, count: subnets.count)
        var moved: UInt64 = 0
        for (position, index) in emitting.enumerated() {
            let taoEmission = HeadShares.taoEmissionRaw(emissionRao: emissionRao, shareRaw: shares[position], arithmetic: U.self)
            if theta != nil {
                let ungatedTao = HeadShares.taoEmissionRaw(emissionRao: emissionRao, shareRaw: ungated[position], arithmetic: U.self)
                if taoEmission >> 32 > ungatedTao >> 32 { moved += UInt64(taoEmission >> 32 - ungatedTao >> 32) }
            }
            coinbases[index] = Network.headCoinbase(of: subnets[index], shareRaw: shares[position], ungatedShareRaw: ungated[position],
                                                    taoEmissionRaw: taoEmission, terms: terms, rules: rules, mode: mode)
        }
        return HeadBlockQuote(emissionRao: emissionRao, coinbases: coinbases, rootSell: rootSell, thetaRaw: theta, gateMovedTaoRao: moved)
    }

    /// One subnet's terms (`get_subnet_terms`, U96F32), injection and alpha_out split:
    ///
    ///     alpha_emission = the emission function at the subnet's alpha issuance
    ///     price          = U96F32(spot price), truncated
    ///     alpha_in       = tao_emission ÷ price (0 when the price is 0)
    ///     cap            = root_prop ⊗ alpha_emission
    ///     if alpha_in > cap: alpha_in = cap, tao_in = alpha_in ⊗ price   (else tao_in = tao_emission)
    ///     excess         = tao_emission − tao_in
    ///
    /// then the injection of (⌊tao_in⌋, ⌊alpha_in⌋) with a chain buy of ⌊excess⌋, and the split
    /// of alpha_out with root_prop recomputed at the issuance after this block's minting.
    static func headCoinbase<I: I96F32Arithmetic>(of subnet: SubnetState, shareRaw: UInt128, ungatedShareRaw: UInt128, taoEmissionRaw: UInt128,
                                                  terms: LaunchTerms<I>, rules: RuleSet, mode: ArithmeticMode) -> HeadSubnetCoinbase {
        let pool = subnet.pool
        let issuance = subnet.alphaIssuanceRao
        let alphaEmission = Supply.clippedToCap(BlockEmission.forIssuance(issuance), issuanceRao: issuance)
        let spotRaw = pool.quoteWeight.map { BalancerMath.price(alphaReserveRao: pool.alphaReserveRao, taoReserveRao: pool.taoReserveRao, quoteWeight: $0) }
            ?? NativeExact.ratioU64F64(pool.taoReserveRao, pool.alphaReserveRao, mode: mode)
        let price = I.fromRaw(spotRaw >> 32)
        let taoEmission = I.fromRaw(taoEmissionRaw)
        var alphaIn = I.isZero(price) ? I.zero : (I.divide(taoEmission, price) ?? I.zero)
        var taoIn = taoEmission
        let proportionBefore = terms.rootTaoWeight.map { rootProportion(taoWeight: $0, alphaIssuanceRao: issuance, arithmetic: I.self) } ?? I.zero
        let cap = I.multiply(proportionBefore, I.integer(alphaEmission))
        if alphaIn > cap {
            alphaIn = cap
            taoIn = I.multiply(alphaIn, price)
        }
        let excess = I.subtract(taoEmission, taoIn)
        let injection = pool.coinbaseInjectionQuote(taoRao: I.floorUInt64(taoIn), alphaRao: I.floorUInt64(alphaIn),
                                                    excessTaoRao: I.floorUInt64(excess), rules: rules.pool, mode: mode)
        let issuanceAfter = issuance &+ injection.reweighting.alphaAddedRao &+ alphaEmission
        let parts = launchSplit(alphaOutRao: alphaEmission, terms: terms, alphaIssuanceAfterRao: issuanceAfter)
        let proportionAfter = terms.rootTaoWeight.map { rootProportion(taoWeight: $0, alphaIssuanceRao: issuanceAfter, arithmetic: I.self) } ?? I.zero
        return HeadSubnetCoinbase(shareRaw: shareRaw, ungatedShareRaw: ungatedShareRaw, taoEmissionRaw: taoEmissionRaw, injection: injection,
                                  alphaEmissionRao: alphaEmission, ownerRao: parts.owner, minersRao: parts.miners, validatorsRao: parts.validators,
                                  rootAlphaRao: parts.root, rootProportionRaw: I.raw(proportionAfter))
    }

    /// Runs one HEAD block (§2.1): the coinbase quoted by `headBlockQuote` is applied subnet by
    /// subnet (re-weighting, chain buy, injection, alpha_out minted and split, root alpha kept or
    /// recycled), unspent credit is recycled, due epochs pay out (`dueEpochs`, `runEpochs`), the
    /// emitting subnets' EMA prices update with their warm-up, and root stakers claim what the
    /// epochs paid them. Everything that could fail is checked before anything changes, so a
    /// throw leaves the network untouched; then the block runs in place.
    mutating func stepHead(emissionRao requested: UInt64) throws(NetworkError) {
        let issuanceBefore = tao.issuanceRao
        let emission = Supply.clippedToCap(requested, issuanceRao: issuanceBefore)
        let quote = headBlockQuote(emissionRao: emission)
        try checkBlockFits(emissionRao: emission)
        let due = try dueEpochs()
        // In place from here: nothing below can fail once the block fits.
        var injected: UInt64 = 0, buys: UInt64 = 0, buyTaoIn: UInt64 = 0, unspent: UInt64 = 0
        for (index, coinbase) in quote.coinbases.enumerated() {
            guard let coinbase else { continue }
            try Network.applyHeadCoinbase(coinbase, to: &subnets[index], rootSell: quote.rootSell)
            injected += coinbase.injection.reweighting.taoAddedRao
            buys += coinbase.injection.excessTaoRao
            buyTaoIn += coinbase.injection.buyTaoInRao
            unspent += coinbase.injection.unspentExcessRao
            if isObserving {
                observations.reweightings.append(coinbase.injection.reweighting)
                if let buy = coinbase.injection.chainBuy {
                    observations.swaps.append(SwapObservation(netuid: subnets[index].netuid, quote: buy, rules: rules.pool))
                }
            }
        }
        let recycled = emission - injected - buys
        tao.mintedRao += emission
        tao.recycledRao += recycled
        tao.poolsRao += injected + buyTaoIn
        tao.subnetAccountsRao += unspent
        gateThetaRaw = quote.thetaRaw
        gateMovedTaoRao += quote.gateMovedTaoRao
        lastBlock = BlockSummary(block: block, emissionRao: emission, taoInjectedRao: injected, unissuedRemainderRao: 0,
                                 chainBuyTaoRao: buys, recycledRao: recycled, issuanceBeforeRao: issuanceBefore, issuedRao: emission - recycled)
        emissionTotals.add(lastBlock!)
        try runEpochs(due)
        for index in subnets.indices {
            guard let start = subnets[index].startCallBlock, block >= start else { continue }
            subnets[index].pool.updateMovingPrice(rules.pool.ema, blocksSinceStart: block - start, mode: mode)
        }
        for index in due.paid { try claimRootDividends(at: index) }
    }

    /// Applies one subnet's quoted coinbase to its state: the injection and buy to the pool, the
    /// bought alpha to the protocol, alpha_out minted into pending (root alpha recycled when root
    /// sells are off), the floors' leftovers to dust, and the running counters.
    static func applyHeadCoinbase(_ coinbase: HeadSubnetCoinbase, to subnet: inout SubnetState, rootSell: Bool) throws(NetworkError) {
        let injection = coinbase.injection
        do {
            try subnet.pool.apply(injection)
            try subnet.pool.mintOutstanding(coinbase.alphaEmissionRao)
        } catch {
            throw .overflow("subnet \(subnet.netuid)'s reserves")
        }
        try subnet.holders.credit(.protocol, injection.boughtAlphaRao)
        try subnet.holders.credit(.dust, coinbase.dustRao)
        subnet.pendingOwnerRao += coinbase.ownerRao
        subnet.pendingMinerRao += coinbase.minersRao
        subnet.pendingValidatorRao += coinbase.validatorsRao
        if rootSell {
            subnet.pendingRootAlphaRao += coinbase.rootAlphaRao
        } else {
            subnet.pool.retireOutstanding(coinbase.rootAlphaRao)
            subnet.alphaRecycledRao += coinbase.rootAlphaRao
        }
        subnet.accountTaoRao += injection.unspentExcessRao
        subnet.alphaMintedRao += injection.reweighting.alphaAddedRao + coinbase.alphaEmissionRao
        subnet.taoInjectedRao += injection.reweighting.taoAddedRao
        subnet.alphaInjectedRao += injection.reweighting.alphaAddedRao
        subnet.alphaOutRao += coinbase.alphaEmissionRao
        subnet.chainBuyTaoRao += injection.excessTaoRao
    }
}
