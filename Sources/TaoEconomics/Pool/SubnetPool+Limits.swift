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
        let oneTao = BigInteger(Supply.initialBlockEmissionRao)
        if isStable { return limit >= Supply.initialBlockEmissionRao ? .max : 0 }
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
        let oneTao = BigInteger(Supply.initialBlockEmissionRao)
        if isStable { return limit <= Supply.initialBlockEmissionRao ? .max : 0 }
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
