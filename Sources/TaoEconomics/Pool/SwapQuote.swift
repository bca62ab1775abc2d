import FixedMath

/// Which way a trade goes.
public enum SwapSide: String, Sendable, CaseIterable {
    /// TAO in, alpha out.
    case stake
    /// Alpha in, TAO out.
    case unstake
}

/// Who trades: a staker through the chain's extrinsics, or the protocol itself.
public enum SwapOrigin: Sendable, Equatable {
    /// A staker: the rule set's fee, minimum stake and every refusal apply.
    case staker
    /// The chain's own swaps (the launch root sell, HEAD's chain buys): fee-less (`drop_fees`),
    /// no minimum stake, and a 0-rao output is carried out rather than refused, as the chain's
    /// `swap_alpha_for_tao` did; the curve's own limits (minimum reserve, range) still apply.
    case `protocol`
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
    /// The net input is more than the curve accepts (the chain's `SwapInputTooLarge`).
    case inputTooLarge(netInputRao: UInt64, maximumRao: UInt64)
    /// The output reserve is below the minimum, or a non-zero input would pay nothing (the
    /// chain's `ReservesTooLow`).
    case reservesTooLow(String)
    /// The price is already at or beyond the limit (the chain's `PriceLimitExceeded`).
    case priceLimitExceeded(currentPrice: PriceRatio, limitPrice: PriceRatio, side: SwapSide)
    /// The output would exceed the reserve (the chain's `InsufficientLiquidity`).
    case insufficientLiquidity(outRao: UInt64, reserveRao: UInt64)

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
        case let .inputTooLarge(net, maximum):
            return "SwapInputTooLarge: the net input of \(net) rao is more than 1000 times the input reserve (\(maximum) rao)"
        case let .reservesTooLow(reason): return "ReservesTooLow: \(reason)"
        case let .priceLimitExceeded(current, limit, side):
            return "PriceLimitExceeded: the price \(current.decimal18) TAO per alpha is already \(side == .stake ? "at or above" : "at or below") the limit \(limit.decimal18)"
        case let .insufficientLiquidity(out, reserve):
            return "InsufficientLiquidity: the output of \(out) rao is more than the reserve of \(reserve) rao"
        }
    }
}

/// The full result of a trade, computed without changing the pool (`SubnetPool.quote`), and
/// carried out by `SubnetPool.apply`. Every stored field is an integer; the prices, slippage
/// and price impact are derived from them on demand, so a quote allocates nothing.
public struct SwapQuote: Sendable, Equatable {
    /// Which way the trade goes.
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
    /// T before, rao.
    public let taoReserveBeforeRao: UInt64
    /// A before, alpha rao.
    public let alphaReserveBeforeRao: UInt64
    /// T after, rao.
    public let taoReserveAfterRao: UInt64
    /// A after, alpha rao.
    public let alphaReserveAfterRao: UInt64
    /// Outstanding alpha after, alpha rao.
    public let alphaOutstandingAfterRao: UInt64
    /// True on the root subnet's 1:1 pool, whose price is always 1.
    public let isStable: Bool
    /// Input returned to the trader when a limit stopped the trade early (weighted pools).
    public var refundedRao: UInt64 = 0
    /// TAO paid to the block author: a buy's fee, or what a sell's alpha fee sold for.
    public var authorTaoRao: UInt64 = 0
    /// A sell's alpha fee the fee sale could not sell (at the lowest price): issued, held by
    /// nobody.
    public var authorAlphaUnsoldRao: UInt64 = 0
    /// The weighted pool's quote weight (unchanged by a swap); nil for a constant-product pool.
    public var quoteWeight: Perquintill?

    /// The spot price before the trade (T/A exactly; 1 on the root subnet).
    public var priceBefore: PriceRatio { price(taoRao: taoReserveBeforeRao, alphaRao: alphaReserveBeforeRao) }
    /// The spot price after the trade.
    public var priceAfter: PriceRatio { price(taoRao: taoReserveAfterRao, alphaRao: alphaReserveAfterRao) }

    func price(taoRao: UInt64, alphaRao: UInt64) -> PriceRatio {
        if isStable { return PriceRatio(taoRao: 1, alphaRao: 1) }
        if let quoteWeight { return PriceRatio(u64f64Raw: BalancerMath.price(alphaReserveRao: alphaRao, taoReserveRao: taoRao, quoteWeight: quoteWeight)) }
        return PriceRatio(taoRao: taoRao, alphaRao: alphaRao)
    }

    /// ⌊swapped in × spot price before⌋ − curve out, in the output token's rao, never negative
    /// and saturating at 2^64 − 1: what the curve cost against trading at the spot price (fees
    /// are reported separately).
    public var slippageRao: UInt64 {
        let implied: UInt128
        if isStable {
            implied = UInt128(swappedInRao)
        } else if let quoteWeight {
            // At the U64F64 spot price p: a buy gets Δ/p alpha, a sell Δ·p TAO.
            let price = BalancerMath.price(alphaReserveRao: alphaReserveBeforeRao, taoReserveRao: taoReserveBeforeRao, quoteWeight: quoteWeight)
            implied = side == .stake ? (price == 0 ? 0 : (UInt128(swappedInRao) << 64) / price) : BalancerMath.multiply(UInt128(swappedInRao) << 64, price) >> 64
        } else {
            let (inputReserve, outputReserve) = side == .stake
                ? (taoReserveBeforeRao, alphaReserveBeforeRao) : (alphaReserveBeforeRao, taoReserveBeforeRao)
            // Both factors are below 2^64, so the product fits 128 bits exactly.
            implied = UInt128(swappedInRao) * UInt128(outputReserve) / UInt128(inputReserve)
        }
        return implied > UInt128(curveOutRao) ? UInt64(clamping: implied - UInt128(curveOutRao)) : 0
    }

    /// The chain's slippage as its `sim_swap_*` runtime calls report it (`SimSwapResult`'s
    /// `alpha_slippage` and `tao_slippage`), in the output token's rao: a stake's
    /// ⌊paid in ÷ spot⌋ − out in alpha, an unstake's ⌊paid in × spot⌋ − out in TAO, with *paid
    /// in* the input before the fee (less any refund) and *spot* the exact spot price before the
    /// trade (U64F64 on a weighted pool, T/A exactly on a constant-product pool), both floored;
    /// 0 where the output is larger, and the other side's figure 0. The stake side is the chain's
    /// (SN1 at block 9,240,388: a 1-TAO stake's `alpha_slippage` 83,337,619); the unstake side is
    /// its mirror, not yet held against a recorded block.
    public var chainSlippageRao: (taoRao: UInt64, alphaRao: UInt64) {
        let paidIn = UInt128(amountInRao - min(amountInRao, refundedRao))
        let implied: UInt128
        if isStable {
            implied = paidIn
        } else if let quoteWeight {
            let price = BalancerMath.price(alphaReserveRao: alphaReserveBeforeRao, taoReserveRao: taoReserveBeforeRao, quoteWeight: quoteWeight)
            implied = side == .stake ? (price == 0 ? 0 : (paidIn << 64) / price) : BalancerMath.multiply(paidIn << 64, price) >> 64
        } else {
            let (inputReserve, outputReserve) = side == .stake
                ? (taoReserveBeforeRao, alphaReserveBeforeRao) : (alphaReserveBeforeRao, taoReserveBeforeRao)
            implied = inputReserve == 0 ? 0 : paidIn * UInt128(outputReserve) / UInt128(inputReserve)
        }
        let slippage = implied > UInt128(amountOutRao) ? UInt64(clamping: implied - UInt128(amountOutRao)) : 0
        return side == .stake ? (0, slippage) : (slippage, 0)
    }

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
