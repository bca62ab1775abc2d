import FixedMath

/// Which way a trade goes.
public enum SwapSide: String, Sendable, CaseIterable {
    /// TAO in, alpha out.
    case stake
    /// Alpha in, TAO out.
    case unstake
}

/// Why a trade is not carried out. The pool is left untouched.
public enum SwapRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    /// Zero input, or a pool with an empty reserve: there is nothing to price (bad input).
    case emptyTrade(reason: String)
    /// Below the rule set's minimum stake.
    case belowMinimumStake(amountRao: UInt64, minimumRao: UInt64)
    /// The fee takes the whole amount.
    case feeExceedsAmount(amountRao: UInt64, feeRao: UInt64)
    /// The output-side reserve would fall below the rule set's minimum.
    case belowMinimumReserve(side: SwapSide, reserveAfterRao: String, minimumRao: UInt64)
    /// The trade would pay out nothing.
    case zeroOutput
    /// Unstaking more alpha than participants hold.
    case exceedsOutstanding(amountRao: UInt64, outstandingRao: UInt64)
    /// A reserve would leave the range the rules can represent (u64 rao, or I110F18 at launch).
    case outOfRange(String)

    /// True for refusals caused by malformed input rather than by the rules.
    public var isBadInput: Bool {
        if case .emptyTrade = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case let .emptyTrade(reason): return reason
        case let .belowMinimumStake(amount, minimum):
            return "amount \(amount) rao is below the minimum stake: the rules need at least \(minimum) rao"
        case let .feeExceedsAmount(amount, fee):
            return "the fee of \(fee) rao takes the whole amount of \(amount) rao"
        case let .belowMinimumReserve(side, after, minimum):
            let reserve = side == .stake ? "alpha" : "TAO"
            return "the \(reserve) reserve would fall to \(after) rao, below the minimum of \(minimum) rao"
        case .zeroOutput: return "the trade would pay out 0 rao"
        case let .exceedsOutstanding(amount, outstanding):
            return "cannot unstake \(amount) rao of alpha: only \(outstanding) rao is outstanding"
        case let .outOfRange(what): return what
        }
    }
}

/// The full result of a trade, computed without changing the pool.
public struct SwapQuote: Sendable, Equatable {
    public let side: SwapSide
    /// What the trader pays in (TAO for a stake, alpha for an unstake).
    public let amountInRao: UInt64
    /// The fee, in TAO rao for a flat fee, in the input token for a proportional one.
    public let feeRao: UInt64
    /// The input that goes through the curve (amount in less an input-side fee).
    public let swappedInRao: UInt64
    /// What the curve pays out before an output-side fee.
    public let curveOutRao: UInt64
    /// What the trader receives.
    public let amountOutRao: UInt64
    public let taoReserveAfterRao: UInt64
    public let alphaReserveAfterRao: UInt64
    public let alphaOutstandingAfterRao: UInt64
    public let priceBefore: PriceRatio
    public let priceAfter: PriceRatio
    /// ⌊swapped in × spot price before⌋ − curve out, in the output token's rao, never negative:
    /// what the curve cost against trading at the spot price (fees are reported separately).
    public let slippageRao: UInt64

    /// price after / price before − 1 with `fractionDigits` decimals, rounded toward zero
    /// (negative for an unstake); "0" with decimals when the price before is 0.
    public func priceImpact(fractionDigits: Int = 18) -> String {
        let (before, after) = (priceBefore._normalized, priceAfter._normalized)
        // (Tₐ·A_b − T_b·Aₐ) / (T_b·Aₐ)
        let numerator = after.tao * before.alpha - before.tao * after.alpha
        let denominator = before.tao * after.alpha
        let scaled = (try? numerator.multipliedDivided(by: .power(10, fractionDigits), dividedBy: denominator, rounding: .towardZero)) ?? .zero
        return DecimalText.format(scaled: scaled, fractionDigits: fractionDigits)
    }
}

extension SubnetPool {
    /// The trade's outcome under `rules`, without changing the pool.
    /// - Throws: `SwapRefusal` when the rules refuse it or there is nothing to price.
    public func quote(_ side: SwapSide, amountRao: UInt64, rules: PoolRules) throws(SwapRefusal) -> SwapQuote {
        guard amountRao > 0 else { throw .emptyTrade(reason: "the amount to \(side.rawValue) must be more than 0 rao") }
        if !isStable, taoReserveRao == 0 || alphaReserveRao == 0 {
            throw .emptyTrade(reason: "the pool is empty: both reserves must be more than 0 rao to price a trade")
        }
        if side == .unstake, amountRao > alphaOutstandingRao {
            throw .exceedsOutstanding(amountRao: amountRao, outstandingRao: alphaOutstandingRao)
        }
        if side == .stake, rules.minimumStakeRao > 0 {
            let flatFee: UInt64 = if case let .flatTao(rao) = rules.fee { rao } else { 0 }
            let (needed, overflow) = rules.minimumStakeRao.addingReportingOverflow(flatFee)
            if overflow || amountRao < needed { throw .belowMinimumStake(amountRao: amountRao, minimumRao: needed) }
        }

        // Input-side fee.
        var inputFee: UInt64 = 0
        switch rules.fee {
        case .none: break
        case let .flatTao(rao): if side == .stake { inputFee = rao }
        case let .proportional(numerator, denominator):
            inputFee = (try? BigInteger(amountRao).multipliedDivided(by: BigInteger(numerator), dividedBy: BigInteger(denominator), rounding: .floor))?.uint64Value ?? 0
        }
        guard inputFee < amountRao else { throw .feeExceedsAmount(amountRao: amountRao, feeRao: inputFee) }
        let swappedIn = amountRao - inputFee

        let (inputReserve, outputReserve) = side == .stake ? (taoReserveRao, alphaReserveRao) : (alphaReserveRao, taoReserveRao)
        let curveOut = try isStable ? swappedIn : SubnetPool.curveOutput(
            inputReserveRao: inputReserve, outputReserveRao: outputReserve, inputRao: swappedIn, side: side, rules: rules)
        guard curveOut > 0 else { throw .zeroOutput }
        if !isStable, outputReserve - curveOut < rules.minimumOutputReserveRao, rules.rounding == .exactFloor {
            throw .belowMinimumReserve(side: side, reserveAfterRao: String(outputReserve - curveOut), minimumRao: rules.minimumOutputReserveRao)
        }

        // Output-side fee: a flat TAO fee on an unstake comes out of the TAO paid.
        var outputFee: UInt64 = 0
        if side == .unstake, case let .flatTao(rao) = rules.fee { outputFee = rao }
        if side == .unstake, rules.minimumStakeRao > 0, curveOut <= rules.minimumStakeRao {
            throw .belowMinimumStake(amountRao: curveOut, minimumRao: rules.minimumStakeRao + 1)
        }
        guard outputFee < curveOut else { throw .feeExceedsAmount(amountRao: curveOut, feeRao: outputFee) }
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

        let priceBefore = spotPrice
        let after = SubnetPool(netuid: netuid, taoReserveRao: taoAfter, alphaReserveRao: alphaAfter,
                               alphaOutstandingRao: outstandingAfter, emaPrice: emaPrice)
        // Spot-implied output of the swapped input: ⌊swappedIn · out-reserve / in-reserve⌋.
        let implied: BigInteger = isStable ? BigInteger(swappedIn)
            : ((try? BigInteger(swappedIn).multipliedDivided(by: BigInteger(outputReserve), dividedBy: BigInteger(inputReserve), rounding: .floor)) ?? .zero)
        let slippage = implied > BigInteger(curveOut) ? (implied - BigInteger(curveOut)).uint64Value ?? .max : 0
        return SwapQuote(
            side: side, amountInRao: amountRao, feeRao: inputFee + outputFee, swappedInRao: swappedIn,
            curveOutRao: curveOut, amountOutRao: amountOut, taoReserveAfterRao: taoAfter, alphaReserveAfterRao: alphaAfter,
            alphaOutstandingAfterRao: outstandingAfter, priceBefore: priceBefore, priceAfter: after.spotPrice,
            slippageRao: slippage)
    }

    /// Carries out the trade: the pool becomes the quote's "after" state.
    /// - Throws: `SwapRefusal`, leaving the pool untouched.
    @discardableResult
    public mutating func swap(_ side: SwapSide, amountRao: UInt64, rules: PoolRules) throws(SwapRefusal) -> SwapQuote {
        let result = try quote(side, amountRao: amountRao, rules: rules)
        taoReserveRao = result.taoReserveAfterRao
        alphaReserveRao = result.alphaReserveAfterRao
        alphaOutstandingRao = result.alphaOutstandingAfterRao
        return result
    }

    /// Output of the constant-product curve for `inputRao` (fees already taken), under the
    /// rules' rounding. R_in, R_out > 0.
    ///
    /// - exact floor: ⌊R_out · Δ / (R_in + Δ)⌋;
    /// - launch: R'_out = k / (R_in + Δ) truncated to 2^−18 (I110F18, k = R_in·R_out must fit),
    ///   output = ⌊R_out − R'_out⌋, refused when R'_out < the minimum reserve.
    static func curveOutput(inputReserveRao: UInt64, outputReserveRao: UInt64, inputRao: UInt64, side: SwapSide,
                            rules: PoolRules, mode: ArithmeticMode = .native) throws(SwapRefusal) -> UInt64 {
        if mode == .native {
            return try nativeCurveOutput(inputReserveRao: inputReserveRao, outputReserveRao: outputReserveRao, inputRao: inputRao, side: side, rules: rules)
        }
        let inReserve = BigInteger(inputReserveRao), outReserve = BigInteger(outputReserveRao), delta = BigInteger(inputRao)
        let denominator = inReserve + delta
        switch rules.rounding {
        case .exactFloor:
            // The denominator is positive, so this cannot throw.
            let out = (try? outReserve.multipliedDivided(by: delta, dividedBy: denominator, rounding: .floor)) ?? .zero
            return out.uint64Value ?? 0
        case .launchI110F18:
            let product = inReserve * outReserve
            guard (try? FixedPoint<I110F18>(product)) != nil else {
                throw .outOfRange("k = \(product) does not fit the launch chain's I110F18 arithmetic (at most 2^109)")
            }
            let newReserveRaw = (try? product.shiftedLeft(by: 18).divided(by: denominator, rounding: .towardZero)) ?? .zero
            if newReserveRaw < BigInteger(rules.minimumOutputReserveRao).shiftedLeft(by: 18) {
                throw .belowMinimumReserve(side: side, reserveAfterRao: DecimalText.format(numerator: newReserveRaw, denominatorPowerOfTwo: 18),
                                           minimumRao: rules.minimumOutputReserveRao)
            }
            // ⌊R_out − raw/2^18⌋ = R_out − ⌈raw/2^18⌉.
            let ceilingReserve = newReserveRaw.shiftedRight(by: 18, rounding: .ceiling)
            return (outReserve - ceilingReserve).uint64Value ?? 0
        }
    }

    /// `curveOutput` on native 128-bit integers: every intermediate fits (products of two u64,
    /// k·2^18 below 2^127 once k fits I110F18), so no fallback is needed. Bit-identical to the
    /// GMP form (differential test).
    static func nativeCurveOutput(inputReserveRao: UInt64, outputReserveRao: UInt64, inputRao: UInt64, side: SwapSide,
                                  rules: PoolRules) throws(SwapRefusal) -> UInt64 {
        let denominator = UInt128(inputReserveRao) + UInt128(inputRao)
        switch rules.rounding {
        case .exactFloor:
            return UInt64(clamping: UInt128(outputReserveRao) * UInt128(inputRao) / denominator)
        case .launchI110F18:
            let product = UInt128(inputReserveRao) * UInt128(outputReserveRao)
            guard product < (1 << 109) else {
                throw .outOfRange("k = \(product) does not fit the launch chain's I110F18 arithmetic (at most 2^109)")
            }
            let newReserveRaw = (product << 18) / denominator
            if newReserveRaw < UInt128(rules.minimumOutputReserveRao) << 18 {
                throw .belowMinimumReserve(side: side, reserveAfterRao: DecimalText.format(numerator: BigInteger(newReserveRaw), denominatorPowerOfTwo: 18),
                                           minimumRao: rules.minimumOutputReserveRao)
            }
            let ceilingReserve = (newReserveRaw + (1 << 18) - 1) >> 18
            return ceilingReserve >= UInt128(outputReserveRao) ? 0 : UInt64(UInt128(outputReserveRao) - ceilingReserve)
        }
    }
}
