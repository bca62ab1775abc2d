import FixedMath

/// One subnet's part of a HEAD block, computed without changing anything (`headCoinbase`).
struct HeadSubnetCoinbase: Sendable {
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

/// The block-wide part of a HEAD block's coinbase, computed without changing the network
/// (`headBlockPlan`); each emitting subnet's own part follows from it and the subnet's pool
/// alone (`headCoinbase`).
struct HeadBlockPlan: Sendable {
    /// The TAO emission minted as the block's credit, rao.
    let emissionRao: UInt64
    /// The emitting subnets' indices in `subnets`, in order; the arrays below follow it.
    let emitting: [Int]
    /// Each emitting subnet's share of the block's TAO, U64F64 raw (gated under a gate).
    let sharesRaw: [UInt128]
    /// The shares before the gate, U64F64 raw (equal to `sharesRaw` without a gate).
    let ungatedSharesRaw: [UInt128]
    /// Each emitting subnet's tao_emission, U96F32 raw.
    let taoEmissionsRaw: [UInt128]
    /// Σ EMA prices of the emitting subnets > 1: root alpha accrues (else it is recycled).
    let rootSell: Bool
    /// The gate's bar this block (nil without a gate).
    let thetaRaw: UInt128?
    /// Σ max(0, ⌊gated tao_emission⌋ − ⌊ungated tao_emission⌋): what the gate moved, rao.
    let gateMovedTaoRao: UInt64
}

extension Network {
    /// The current block's HEAD shares (§2.1–§2.3), computed without changing the network: the
    /// emitting subnets, their shares (`HeadShares`, then the gate) and tao_emission.
    func headBlockPlan(emissionRao: UInt64) -> HeadBlockPlan {
        switch mode {
        case .native: return headBlockPlan(emissionRao: emissionRao, NativeU64F64.self)
        case .reference: return headBlockPlan(emissionRao: emissionRao, ReferenceU64F64.self)
        }
    }

    func headBlockPlan<U: U64F64Arithmetic>(emissionRao: UInt64, _ u: U.Type) -> HeadBlockPlan {
        var emitting: [Int] = [], inputs: [HeadShares.Input] = []
        emitting.reserveCapacity(subnets.count)
        inputs.reserveCapacity(subnets.count)
        for index in subnets.indices where subnets[index].emits(atBlock: block) {
            emitting.append(index)
            inputs.append(HeadShares.Input(emaPriceRaw: subnets[index].pool.emaPriceRaw, minerBurnedRaw: subnets[index].minerBurnedRaw,
                                           emissionEnabled: subnets[index].emissionEnabled))
        }
        let ungated = HeadShares.shares(inputs, arithmetic: U.self)
        var shares = ungated
        var theta: UInt128?
        if let gate = rules.gate {
            // θ is state: kept between recomputation blocks, recomputed while unset or 0.
            let bar = gateThetaRaw.flatMap { gate.recomputes(atBlock: block) || $0 == 0 ? nil : $0 } ?? gate.theta(shares: ungated)
            theta = bar
            shares = gate.gated(shares: ungated, theta: bar, mode: mode)
        }
        let emaTotal = inputs.reduce(U.zero) { U.add($0, U.fromRaw32($1.emaPriceRaw)) }
        let taoEmissions = shares.map { HeadShares.taoEmissionRaw(emissionRao: emissionRao, shareRaw: $0, arithmetic: U.self) }
        var moved: UInt64 = 0
        if theta != nil {
            for (position, taoEmission) in taoEmissions.enumerated() {
                let ungatedTao = HeadShares.taoEmissionRaw(emissionRao: emissionRao, shareRaw: ungated[position], arithmetic: U.self)
                if taoEmission >> 32 > ungatedTao >> 32 { moved += UInt64(taoEmission >> 32 - ungatedTao >> 32) }
            }
        }
        return HeadBlockPlan(emissionRao: emissionRao, emitting: emitting, sharesRaw: shares, ungatedSharesRaw: ungated,
                             taoEmissionsRaw: taoEmissions, rootSell: emaTotal > U.one, thetaRaw: theta, gateMovedTaoRao: moved)
    }

    /// Each emitting subnet's coinbase under `plan`, computed without changing the network, in
    /// `plan.emitting` order (for projections; the block itself computes and applies them one
    /// subnet at a time in `stepHead`).
    func headCoinbases(_ plan: HeadBlockPlan) -> [HeadSubnetCoinbase] {
        switch mode {
        case .native: return headCoinbases(plan, NativeI96F32.self)
        case .reference: return headCoinbases(plan, ReferenceI96F32.self)
        }
    }

    func headCoinbases<I: I96F32Arithmetic>(_ plan: HeadBlockPlan, _ i: I.Type) -> [HeadSubnetCoinbase] {
        let terms = LaunchTerms<I>(rules: rules, rootStakeRao: tao.rootStakeRao)
        return plan.emitting.indices.map { position in
            Network.headCoinbase(of: subnets[plan.emitting[position]].pool, plan: plan, position: position, terms: terms, rules: rules, mode: mode)
        }
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
    /// then the injection of (⌊tao_in⌋, ⌊alpha_in⌋) with a chain buy of ⌊excess⌋ in the rule
    /// set's coinbase order, and the split of alpha_out with root_prop recomputed at the issuance
    /// after this block's minting. The alpha issuance counts the alpha reservoir (§2.2c).
    static func headCoinbase<I: I96F32Arithmetic>(of pool: SubnetPool, plan: HeadBlockPlan, position: Int, terms: LaunchTerms<I>,
                                                  rules: RuleSet, mode: ArithmeticMode) -> HeadSubnetCoinbase {
        let taoEmissionRaw = plan.taoEmissionsRaw[position]
        let issuance = pool.alphaIssuanceRao
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
                                                    excessTaoRao: I.floorUInt64(excess), order: rules.coinbase, rules: rules.pool, mode: mode)
        let issuanceAfter = issuance &+ injection.alphaMintedRao &+ alphaEmission
        let parts = launchSplit(alphaOutRao: alphaEmission, terms: terms, alphaIssuanceAfterRao: issuanceAfter)
        let proportionAfter = terms.rootTaoWeight.map { rootProportion(taoWeight: $0, alphaIssuanceRao: issuanceAfter, arithmetic: I.self) } ?? I.zero
        return HeadSubnetCoinbase(taoEmissionRaw: taoEmissionRaw, injection: injection,
                                  alphaEmissionRao: alphaEmission, ownerRao: parts.owner, minersRao: parts.miners, validatorsRao: parts.validators,
                                  rootAlphaRao: parts.root, rootProportionRaw: I.raw(proportionAfter))
    }

    /// Runs one HEAD block (§2.1): the block's shares (`headBlockPlan`), then per emitting
    /// subnet its coinbase (`headCoinbase`: re-weighting, chain buy, injection, alpha_out minted
    /// and split, root alpha kept or recycled), applied as soon as it is computed (it depends on
    /// that subnet's pool alone); unspent credit is recycled, due epochs pay out (`dueEpochs`,
    /// `runEpochs`), the emitting subnets' EMA prices update with their warm-up, and root stakers
    /// claim what the epochs paid them. Everything that could fail is checked before anything
    /// changes, so a throw leaves the network untouched; then the block runs in place.
    mutating func stepHead(emissionRao requested: UInt64) throws(NetworkError) {
        let issuanceBefore = tao.issuanceRao
        let emission = Supply.clippedToCap(requested, issuanceRao: issuanceBefore)
        let plan = headBlockPlan(emissionRao: emission)
        try checkBlockFits(emissionRao: emission)
        let due = try dueEpochs()
        // In place from here: nothing below can fail once the block fits.
        let totals = switch mode {
        case .native: try runHeadSubnets(plan, NativeI96F32.self)
        case .reference: try runHeadSubnets(plan, ReferenceI96F32.self)
        }
        let (injected, spent, buys, buyTaoIn, unspent) = (totals.injected, totals.spent, totals.buys, totals.buyTaoIn, totals.unspent)
        let recycled = emission - spent - buys
        tao.mintedRao += emission
        tao.recycledRao += recycled
        tao.poolsRao += injected + buyTaoIn
        tao.subnetAccountsRao += unspent
        // TAO spent on the injection that the pools did not take waits in the reservoirs
        // (reservoir TAO placed this block left them): Σ reservoirs grows by spent − injected.
        tao.reservoirsRao = tao.reservoirsRao + spent - injected
        gateThetaRaw = plan.thetaRaw
        gateMovedTaoRao += plan.gateMovedTaoRao
        // The block's emission spent on injection, placed or parked: reservoir TAO placed now was
        // counted in the block that parked it.
        lastBlock = BlockSummary(block: block, emissionRao: emission, taoInjectedRao: spent, unissuedRemainderRao: 0,
                                 chainBuyTaoRao: buys, recycledRao: recycled, issuanceBeforeRao: issuanceBefore, issuedRao: emission - recycled)
        emissionTotals.add(lastBlock!)
        try runEpochs(due)
        let ema = rules.pool.ema
        for index in subnets.indices {
            guard let start = subnets[index].startCallBlock, block >= start else { continue }
            subnets[index].pool.updateMovingPrice(ema, blocksSinceStart: block - start, mode: mode)
        }
        for index in due.paid { try claimRootDividends(at: index) }
    }

    /// Computes and applies each emitting subnet's coinbase in turn; returns the TAO placed in
    /// pools, spent from the credit on injections (placed or parked in reservoirs), spent on chain
    /// buys, taken by the buys into pools, and left unspent in subnet accounts, rao. Call only
    /// after `checkBlockFits`.
    mutating func runHeadSubnets<I: I96F32Arithmetic>(_ plan: HeadBlockPlan, _ i: I.Type)
        throws(NetworkError) -> (injected: UInt64, spent: UInt64, buys: UInt64, buyTaoIn: UInt64, unspent: UInt64) {
        let rules = self.rules, mode = self.mode  // read once, not per subnet
        let terms = LaunchTerms<I>(rules: rules, rootStakeRao: tao.rootStakeRao)
        var injected: UInt64 = 0, spent: UInt64 = 0, buys: UInt64 = 0, buyTaoIn: UInt64 = 0, unspent: UInt64 = 0
        for (position, index) in plan.emitting.enumerated() {
            let coinbase = Network.headCoinbase(of: subnets[index].pool, plan: plan, position: position, terms: terms, rules: rules, mode: mode)
            try Network.applyHeadCoinbase(coinbase, to: &subnets[index], rootSell: plan.rootSell)
            injected += coinbase.injection.taoPlacedRao
            spent += coinbase.injection.taoInjectionSpentRao
            buys += coinbase.injection.excessSpentRao
            buyTaoIn += coinbase.injection.buyTaoInRao
            unspent += coinbase.injection.unspentExcessRao
            if isObserving {
                observations.reweightings.append(coinbase.injection.reweighting)
                if let buy = coinbase.injection.chainBuy {
                    observations.swaps.append(SwapObservation(netuid: subnets[index].netuid, quote: buy, rules: rules.pool))
                }
            }
        }
        return (injected, spent, buys, buyTaoIn, unspent)
    }

    /// Applies one subnet's quoted coinbase to its state: the injection and buy to the pool, the
    /// bought alpha to the protocol, alpha_out minted into pending (root alpha recycled when root
    /// sells are off), the floors' leftovers to dust, and the running counters.
    static func applyHeadCoinbase(_ coinbase: borrowing HeadSubnetCoinbase, to subnet: inout SubnetState, rootSell: Bool) throws(NetworkError) {
        do {
            try subnet.pool.apply(coinbase.injection)
            try subnet.pool.mintOutstanding(coinbase.alphaEmissionRao)
        } catch {
            throw .overflow("subnet \(subnet.netuid)'s reserves")
        }
        try subnet.holders.credit(.protocol, coinbase.injection.boughtAlphaRao)
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
        subnet.accountTaoRao += coinbase.injection.unspentExcessRao
        subnet.alphaMintedRao += coinbase.injection.alphaMintedRao + coinbase.alphaEmissionRao
        subnet.taoInjectedRao += coinbase.injection.taoPlacedRao
        subnet.alphaInjectedRao += coinbase.injection.alphaPlacedRao
        subnet.alphaOutRao += coinbase.alphaEmissionRao
        subnet.chainBuyTaoRao += coinbase.injection.excessSpentRao
    }
}
