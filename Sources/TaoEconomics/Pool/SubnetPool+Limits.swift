import FixedMath

extension SubnetPool {
    /// The largest stake (TAO in, fees aside) whose **average** price (TAO paid per alpha
    /// received) stays at or below `limitRaoPerAlpha` (rao of TAO per 10^9 rao of alpha):
    /// (T + Δ)/A ≤ limit/1e9, so Δ = ⌊limit·A/1e9⌋ − T (`get_max_amount_add`).
    ///
    /// 0 when the limit is 0 or already below the price. Under `.launchFlooredPrice` "below the
    /// price" means below ⌊T/A⌋·1e9, the chain's quirk (§10.7). The root subnet: unlimited
    /// (UInt64.max) for a limit ≥ 1e9, else 0. Saturates at UInt64.max.
    public func maxStakeRao(averagePriceLimitRaoPerAlpha limit: UInt64, rules: PoolRules) -> UInt64 {
        let oneTao = BigInteger(Supply.raoPerTao)
        if isStable { return limit >= Supply.raoPerTao ? .max : 0 }
        guard limit > 0 else { return 0 }
        let (tao, alpha, limitValue) = (BigInteger(taoReserveRao), BigInteger(alphaReserveRao), BigInteger(limit))
        switch rules.priceLimit {
        case .exact:
            if limitValue * alpha < tao * oneTao { return 0 }
        case .launchFlooredPrice:
            let wholePrice = (try? tao.divided(by: alpha, rounding: .floor)) ?? .zero
            if limitValue < wholePrice * oneTao { return 0 }
        }
        let reachable = (try? limitValue.multipliedDivided(by: alpha, dividedBy: oneTao, rounding: .floor)) ?? .zero
        guard reachable > tao else { return 0 }
        return (reachable - tao).uint64Value ?? .max
    }

    /// The largest unstake (alpha in) whose **average** price (TAO received per alpha paid)
    /// stays at or above `limitRaoPerAlpha`: T/(A + Δ) ≥ limit/1e9, so Δ = ⌊T·1e9/limit⌋ − A
    /// (`get_max_amount_remove`).
    ///
    /// UInt64.max when the limit is 0; 0 when the limit is at or above the price (⌊T·1e9/A⌋
    /// under `.launchFlooredPrice`, as the chain compares; the exact price otherwise). The root
    /// subnet: unlimited for a limit ≤ 1e9, else 0. Saturates at UInt64.max.
    public func maxUnstakeRao(averagePriceLimitRaoPerAlpha limit: UInt64, rules: PoolRules) -> UInt64 {
        let oneTao = BigInteger(Supply.raoPerTao)
        if isStable { return limit <= Supply.raoPerTao ? .max : 0 }
        guard limit > 0 else { return .max }
        let (tao, alpha, limitValue) = (BigInteger(taoReserveRao), BigInteger(alphaReserveRao), BigInteger(limit))
        switch rules.priceLimit {
        case .exact:
            if limitValue * alpha >= tao * oneTao { return 0 }
        case .launchFlooredPrice:
            let priceRao = (try? (tao * oneTao).divided(by: alpha, rounding: .floor)) ?? .zero
            if limitValue >= priceRao { return 0 }
        }
        let reachable = (try? (tao * oneTao).divided(by: limitValue, rounding: .floor)) ?? .zero
        guard reachable > alpha else { return 0 }
        return (reachable - alpha).uint64Value ?? .max
    }
}

extension SubnetPool {
    /// The chain's `get_max_amount_add` / `get_max_amount_remove` on a weighted pool: the input
    /// (fee included) a swap of 1000 × the input reserve would take before its final spot price
    /// reaches `limitRao` (rao of TAO per alpha): `amount_paid_in + fee_paid` of that simulated
    /// swap. 0 when the price is already at or beyond the limit.
    /// - Throws: `SwapRefusal` when the simulated swap is refused for another reason (a reserve
    ///   below the minimum, a zero output).
    public func maxAmountToFinalPrice(_ side: SwapSide, limitRao: UInt64, rules: PoolRules) throws(SwapRefusal) -> UInt64 {
        guard case let .weighted(curve) = rules.curve else {
            throw .outOfRange("final-price limits belong to the weighted curve; this rule set limits the average price")
        }
        let inputReserve = side == .stake ? taoReserveRao : alphaReserveRao
        let (amount, overflow) = inputReserve.multipliedReportingOverflow(by: curve.inputReserveMultiplier)
        let rate: UInt64 = if case let .toBlockAuthor(numerator) = rules.fee { numerator } else { 0 }
        do {
            let step = try weightedStep(side, amountRao: overflow ? .max : amount, tao: taoReserveRao, alpha: alphaReserveRao,
                                        weight: quoteWeight ?? .half, rate: rate, limit: SubnetPool.limitPrice(rao: limitRao),
                                        rules: rules, curve: curve, mode: .native)
            return step.paidInRao &+ step.feeRao
        } catch {
            if case .priceLimitExceeded = error { return 0 }
            throw error
        }
    }
}
