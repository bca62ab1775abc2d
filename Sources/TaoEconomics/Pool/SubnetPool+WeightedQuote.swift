import FixedMath

/// One step of a weighted swap as the chain's `BasicSwapStep` computes it.
struct WeightedStep {
    /// What enters the pool (`amount_paid_in`), the fee, and what leaves it (`amount_paid_out`).
    let paidInRao: UInt64
    let feeRao: UInt64
    let paidOutRao: UInt64
}

extension SubnetPool {
    /// A trade on a weighted pool, in the chain's order (subtensor 14bc6f9f9 `do_swap`,
    /// `swap_inner`, `BasicSwapStep`, and `stake_into_subnet` / `unstake_from_subnet`):
    ///
    /// 1. fee = ⌊amount ⊗ r⌋ (r = numerator ÷ 65535, 0 for a protocol swap); the net input may be
    ///    at most 1000 × the input reserve (`SwapInputTooLarge`);
    /// 2. the output reserve must hold at least the minimum (`ReservesTooLow`), and the price
    ///    must be short of the limit (`PriceLimitExceeded`; by default the highest price for a
    ///    buy, the lowest for a sell);
    /// 3. if the whole net input ends at or inside the limit it all goes in; otherwise only what
    ///    reaches the limit (`calculate_quote_delta_in` / `calculate_base_delta_in`), with the fee
    ///    recomputed on it (⌊Δ ⊗ r/(65535 − r)⌋), and the rest is returned; a buy whose whole input
///    would empty the alpha reserve has no finite price after it, so it is beyond every limit
///    and stops at the limit (`BalancerMath.buyTargetPrice`: where the chain's `price_target`
///    reads 0 from `safe_div` and pays out the whole reserve, dtao does not model a drain);
    /// 4. the output is ⌊R_out·(1 − e)⌋ with e the power term (`BalancerMath.power`); a non-zero
    ///    input with a zero output is refused (`ReservesTooLow`), and so is an output above the
    ///    reserve (`InsufficientLiquidity`);
    /// 5. the fee goes to the block author: a buy's TAO fee directly; a sell's alpha fee is sold
    ///    fee-less at the lowest price on the pool the sale left, and that TAO goes to the author
    ///    (a failure there refuses the whole unstake, as the chain's extrinsic reverts). This
    ///    sale comes after the staker's limit stop (subtensor 14bc6f9f9 `stake_utils.rs`
    ///    `unstake_from_subnet`: `swap_alpha_for_tao(…, min_price, true)` for
    ///    `fee_to_block_author`), so the final price may pass the staker's limit; fee alpha it
    ///    cannot sell stays issued, held by nobody (`authorAlphaUnsoldRao`).
    ///
    /// A staker's stake needs at least the minimum stake plus its fee and must put at least the
    /// minimum stake into the pool; an unstake must pay at least the minimum stake in TAO unless
    /// `closingPosition`.
    func weightedQuote(_ side: SwapSide, amountRao: UInt64, rules: PoolRules, curve: WeightedCurveRules, origin: SwapOrigin,
                       limitRao: UInt64?, closingPosition: Bool, mode: ArithmeticMode) throws(SwapRefusal) -> SwapQuote {
        guard amountRao > 0 else { throw .emptyTrade(reason: "the amount to \(side.rawValue) must be more than 0 rao") }
        if side == .unstake, amountRao > alphaOutstandingRao {
            throw .exceedsOutstanding(amountRao: amountRao, outstandingRao: alphaOutstandingRao)
        }
        let weight = quoteWeight ?? .half
        let rate: UInt64 = if origin == .staker, case let .toBlockAuthor(numerator) = rules.fee { numerator } else { 0 }
        let limit = SubnetPool.limitPrice(rao: limitRao ?? (side == .stake ? curve.maximumPriceRao : curve.minimumPriceRao))
        let step = try weightedStep(side, amountRao: amountRao, tao: taoReserveRao, alpha: alphaReserveRao, weight: weight, rate: rate,
                                    limit: limit, rules: rules, curve: curve, mode: mode)
        if origin == .staker, rules.minimumStakeRao > 0 {
            try checkMinimumStake(side, amountRao: amountRao, step: step, weight: weight, rate: rate, limited: limitRao != nil,
                                  closingPosition: closingPosition, rules: rules, curve: curve, mode: mode)
        }
        let fee = step.paidInRao > 0 ? step.feeRao : 0
        let refunded = amountRao - min(amountRao, step.paidInRao &+ step.feeRao)
        var tao = taoReserveRao, alpha = alphaReserveRao, outstanding = alphaOutstandingRao
        var authorTao: UInt64 = 0, unsoldFee: UInt64 = 0
        switch side {
        case .stake:
            let (sum, overflow) = tao.addingReportingOverflow(step.paidInRao)
            let (held, heldOverflow) = outstanding.addingReportingOverflow(step.paidOutRao)
            guard !overflow, !heldOverflow else { throw .outOfRange("a reserve would exceed 18446744073709551615 rao") }
            tao = sum
            alpha -= step.paidOutRao
            outstanding = held
            authorTao = fee
        case .unstake:
            let (sum, overflow) = alpha.addingReportingOverflow(step.paidInRao)
            guard !overflow else { throw .outOfRange("the alpha reserve would exceed 18446744073709551615 rao") }
            alpha = sum
            outstanding -= step.paidInRao
            tao -= step.paidOutRao
            // The author's alpha fee, sold fee-less at the lowest price.
            let feeSale = try weightedStep(.unstake, amountRao: fee, tao: tao, alpha: alpha, weight: weight, rate: 0,
                                           limit: SubnetPool.limitPrice(rao: curve.minimumPriceRao), rules: rules, curve: curve, mode: mode)
            let (afterFee, feeOverflow) = alpha.addingReportingOverflow(feeSale.paidInRao)
            guard !feeOverflow else { throw .outOfRange("the alpha reserve would exceed 18446744073709551615 rao") }
            alpha = afterFee
            outstanding -= min(outstanding, feeSale.paidInRao)
            tao -= feeSale.paidOutRao
            authorTao = feeSale.paidOutRao
            unsoldFee = fee - min(fee, feeSale.paidInRao)
        }
        return SwapQuote(side: side, amountInRao: amountRao, feeRao: fee, swappedInRao: step.paidInRao, curveOutRao: step.paidOutRao,
                         amountOutRao: step.paidOutRao, taoReserveBeforeRao: taoReserveRao, alphaReserveBeforeRao: alphaReserveRao,
                         taoReserveAfterRao: tao, alphaReserveAfterRao: alpha, alphaOutstandingAfterRao: outstanding, isStable: false,
                         refundedRao: refunded, authorTaoRao: authorTao, authorAlphaUnsoldRao: unsoldFee, quoteWeight: weight)
    }

    /// A limit in rao of TAO per alpha as the chain's U64F64 limit price: ⌊L·2^64 / 10^9⌋.
    static func limitPrice(rao: UInt64) -> UInt128 {
        BalancerMath.divide(UInt128(rao) << 64, UInt128(Supply.raoPerTao) << 64)
    }

    /// One `BasicSwapStep` against reserves (tao, alpha) with the guards of `do_swap` and
    /// `swap_inner`; see `weightedQuote`.
    func weightedStep(_ side: SwapSide, amountRao: UInt64, tao: UInt64, alpha: UInt64, weight: Perquintill, rate: UInt64,
                      limit: UInt128, rules: PoolRules, curve: WeightedCurveRules, mode: ArithmeticMode) throws(SwapRefusal) -> WeightedStep {
        let (inputReserve, outputReserve) = side == .stake ? (tao, alpha) : (alpha, tao)
        let fee = BalancerMath.fee(amountRao: amountRao, rateNumerator: rate)
        let net = amountRao - fee
        let (cap, capOverflow) = inputReserve.multipliedReportingOverflow(by: curve.inputReserveMultiplier)
        guard capOverflow || net <= cap else {
            throw .inputTooLarge(netInputRao: net, maximumRao: cap)
        }
        guard outputReserve >= rules.minimumOutputReserveRao else {
            throw .reservesTooLow(side == .stake ? "the alpha reserve of \(outputReserve) rao is below the minimum of \(rules.minimumOutputReserveRao) rao"
                                                 : "the TAO reserve of \(outputReserve) rao is below the minimum of \(rules.minimumOutputReserveRao) rao")
        }
        let current = BalancerMath.price(alphaReserveRao: alpha, taoReserveRao: tao, quoteWeight: weight)
        guard side == .stake ? current < limit : current > limit else {
            throw .priceLimitExceeded(currentPrice: PriceRatio(u64f64Raw: current), limitPrice: PriceRatio(u64f64Raw: limit), side: side)
        }
        func output(_ delta: UInt64) -> UInt64 {
            let power = BalancerMath.power(reserveRao: inputReserve, deltaRao: delta, sell: side == .unstake, quoteWeight: weight, mode: mode)
            return BalancerMath.output(reserveRao: outputReserve, power: power)
        }
        let requestedOut = output(net)
        let target = side == .stake
            ? BalancerMath.buyTargetPrice(alphaReserveRao: alpha - min(alpha, requestedOut), taoReserveRao: tao.addingReportingOverflow(net).overflow ? .max : tao + net, quoteWeight: weight)
            : BalancerMath.price(alphaReserveRao: alpha.addingReportingOverflow(net).overflow ? .max : alpha + net, taoReserveRao: tao - min(tao, requestedOut), quoteWeight: weight)
        let delta: UInt64, stepFee: UInt64, out: UInt64
        if side == .stake ? target <= limit : target >= limit {
            (delta, stepFee, out) = (net, fee, requestedOut)
        } else {
            delta = side == .stake ? BalancerMath.taoToReachPrice(current: current, target: limit, taoReserveRao: tao, quoteWeight: weight)
                : BalancerMath.alphaToReachPrice(current: current, target: limit, alphaReserveRao: alpha, quoteWeight: weight)
            stepFee = BalancerMath.limitedFee(deltaRao: delta, rateNumerator: rate)
            out = output(delta)
        }
        if delta > 0, out == 0 { throw .reservesTooLow("a non-zero input of \(delta) rao would pay out 0 rao") }
        guard out <= outputReserve else { throw .insufficientLiquidity(outRao: out, reserveRao: outputReserve) }
        return WeightedStep(paidInRao: delta, feeRao: stepFee, paidOutRao: out)
    }

    /// `validate_add_stake` / `validate_remove_stake`'s minimum-stake checks.
    func checkMinimumStake(_ side: SwapSide, amountRao: UInt64, step: WeightedStep, weight: Perquintill, rate: UInt64, limited: Bool,
                           closingPosition: Bool, rules: PoolRules, curve: WeightedCurveRules, mode: ArithmeticMode) throws(SwapRefusal) {
        let minimum = rules.minimumStakeRao
        // The chain validates with a simulated swap at the default limit.
        let defaultLimit = SubnetPool.limitPrice(rao: side == .stake ? curve.maximumPriceRao : curve.minimumPriceRao)
        let full = limited ? try weightedStep(side, amountRao: amountRao, tao: taoReserveRao, alpha: alphaReserveRao, weight: weight,
                                              rate: rate, limit: defaultLimit, rules: rules, curve: curve, mode: mode) : step
        switch side {
        case .stake:
            let needed = minimum &+ BalancerMath.fee(amountRao: minimum, rateNumerator: rate)
            guard amountRao >= needed else { throw .belowMinimumStake(amountRao: amountRao, minimumRao: needed) }
            guard full.paidInRao >= minimum else { throw .belowMinimumStake(amountRao: full.paidInRao, minimumRao: minimum) }
            guard full.paidOutRao > 0 else { throw .zeroOutput }
        case .unstake:
            guard !closingPosition else { return }
            guard full.paidOutRao >= minimum else { throw .belowMinimumStake(amountRao: full.paidOutRao, minimumRao: minimum) }
        }
    }
}
