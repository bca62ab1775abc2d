import FixedMath

extension SubnetPool {
    /// The trade's outcome under `rules`, without changing the pool: every check, fee and
    /// reserve in native integers (the curve in `mode`'s arithmetic), allocating nothing unless
    /// it refuses.
    ///
    /// A staker's trade pays the rule set's fee and meets its minimum stake; a `.protocol` trade
    /// is fee-less and exempt from the minimum stake, and a 0-rao output is carried out (see
    /// `SwapOrigin`). On a weighted curve `limitRao` caps the final spot price (rao of TAO per
    /// alpha; the rest of the input is returned) and `closingPosition` exempts an unstake of a
    /// whole position from the minimum stake (`weightedQuote`); constant-product curves ignore
    /// both.
    /// - Throws: `SwapRefusal` when the rules refuse it or there is nothing to price.
    public func quote(_ side: SwapSide, amountRao: UInt64, rules: PoolRules, origin: SwapOrigin = .staker, limitRao: UInt64? = nil,
                      closingPosition: Bool = false, mode: ArithmeticMode = .native) throws(SwapRefusal) -> SwapQuote {
        if case let .weighted(curve) = rules.curve, !isStable {
            return try weightedQuote(side, amountRao: amountRao, rules: rules, curve: curve, origin: origin, limitRao: limitRao,
                                     closingPosition: closingPosition, mode: mode)
        }
        guard amountRao > 0 else { throw .emptyTrade(reason: "the amount to \(side.rawValue) must be more than 0 rao") }
        if !isStable, taoReserveRao == 0 || alphaReserveRao == 0 {
            throw .emptyTrade(reason: "the pool is empty: both reserves must be more than 0 rao to price a trade")
        }
        if side == .unstake, amountRao > alphaOutstandingRao {
            throw .exceedsOutstanding(amountRao: amountRao, outstandingRao: alphaOutstandingRao)
        }
        let fee: FeeModel = origin == .protocol ? .none : rules.fee
        if side == .stake, origin == .staker, rules.minimumStakeRao > 0 {
            let flatFee: UInt64 = if case let .flatTao(rao) = fee { rao } else { 0 }
            let (needed, overflow) = rules.minimumStakeRao.addingReportingOverflow(flatFee)
            if overflow || amountRao < needed { throw .belowMinimumStake(amountRao: amountRao, minimumRao: needed) }
        }

        // Input-side fee.
        var inputFee: UInt64 = 0
        switch fee {
        case .none, .toBlockAuthor: break  // author fees belong to the weighted curve
        case let .flatTao(rao): if side == .stake { inputFee = rao }
        case let .proportional(numerator, denominator):
            inputFee = NativeExact.multiplyDivideFloor(amountRao, numerator, denominator, mode: mode)?.quotient ?? 0
        }
        guard inputFee < amountRao else { throw .feeExceedsAmount(amountRao: amountRao, feeRao: inputFee) }
        let swappedIn = amountRao - inputFee

        let (inputReserve, outputReserve) = side == .stake ? (taoReserveRao, alphaReserveRao) : (alphaReserveRao, taoReserveRao)
        let curveOut = try isStable ? swappedIn : rules.curve.output(
            inputReserveRao: inputReserve, outputReserveRao: outputReserve, inputRao: swappedIn, side: side,
            minimumOutputReserveRao: rules.minimumOutputReserveRao, mode: mode)
        guard curveOut > 0 || origin == .protocol else { throw .zeroOutput }
        if !isStable, case .constantProduct(.exactFloor) = rules.curve, outputReserve - curveOut < rules.minimumOutputReserveRao {
            throw .belowMinimumReserve(side: side, reserveAfterRao: String(outputReserve - curveOut), minimumRao: rules.minimumOutputReserveRao)
        }

        // Output-side fee: a flat TAO fee on an unstake comes out of the TAO paid.
        var outputFee: UInt64 = 0
        if side == .unstake, case let .flatTao(rao) = fee { outputFee = rao }
        if side == .unstake, origin == .staker, rules.minimumStakeRao > 0, curveOut <= rules.minimumStakeRao {
            throw .belowMinimumStake(amountRao: curveOut, minimumRao: rules.minimumStakeRao + 1)
        }
        guard outputFee < curveOut || (outputFee == 0 && origin == .protocol) else {
            throw .feeExceedsAmount(amountRao: curveOut, feeRao: outputFee)
        }
        let amountOut = curveOut - outputFee

        // Reserves after: the input reserve takes the whole amount in (fee included); the
        // output reserve pays the curve output and keeps an output-side fee.
        let taoAfter: UInt64, alphaAfter: UInt64, outstandingAfter: UInt64
        switch side {
        case .stake:
            let (tao, overflow) = taoReserveRao.addingReportingOverflow(amountRao)
            guard !overflow else { throw .outOfRange("the TAO reserve would exceed 18446744073709551615 rao") }
            let (outstanding, outstandingOverflow) = alphaOutstandingRao.addingReportingOverflow(amountOut)
            guard !outstandingOverflow else { throw .outOfRange("alpha outstanding would exceed 18446744073709551615 rao") }
            taoAfter = tao
            alphaAfter = isStable ? alphaReserveRao : alphaReserveRao - curveOut
            outstandingAfter = outstanding
        case .unstake:
            let (alpha, overflow) = alphaReserveRao.addingReportingOverflow(isStable ? 0 : amountRao)
            guard !overflow else { throw .outOfRange("the alpha reserve would exceed 18446744073709551615 rao") }
            guard curveOut <= taoReserveRao else { throw .zeroOutput }
            taoAfter = taoReserveRao - curveOut + outputFee
            alphaAfter = alpha
            outstandingAfter = alphaOutstandingRao - amountRao
        }
        return SwapQuote(
            side: side, amountInRao: amountRao, feeRao: inputFee + outputFee, swappedInRao: swappedIn, curveOutRao: curveOut,
            amountOutRao: amountOut, taoReserveBeforeRao: taoReserveRao, alphaReserveBeforeRao: alphaReserveRao,
            taoReserveAfterRao: taoAfter, alphaReserveAfterRao: alphaAfter, alphaOutstandingAfterRao: outstandingAfter,
            isStable: isStable)
    }

    /// Carries out the trade: the pool becomes the quote's "after" state.
    /// - Throws: `SwapRefusal`, leaving the pool untouched.
    @discardableResult
    public mutating func swap(_ side: SwapSide, amountRao: UInt64, rules: PoolRules, origin: SwapOrigin = .staker, limitRao: UInt64? = nil,
                              closingPosition: Bool = false, mode: ArithmeticMode = .native) throws(SwapRefusal) -> SwapQuote {
        let result = try quote(side, amountRao: amountRao, rules: rules, origin: origin, limitRao: limitRao, closingPosition: closingPosition, mode: mode)
        apply(result)
        return result
    }
}
