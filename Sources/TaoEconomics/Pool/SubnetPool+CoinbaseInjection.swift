import FixedMath

/// One block's HEAD injection into a weighted pool, in the order the rule set's coinbase part
/// names:
///
/// - `injectThenBuy` (subtensor 14bc6f9f9 `inject_and_maybe_swap`): (1) `adjust_protocol_liquidity`
///   re-weights the pool for (⌊tao_in⌋, ⌊alpha_in⌋), or refuses; (2) the excess TAO buys alpha
///   fee-less at the highest price limit against the pool as it then stands (the new weight,
///   the old reserves); (3) the injected TAO and alpha join the reserves.
/// - `buyThenInject` (spec 472–475 `inject_pool_liquidity_and_swap_excess`): (1) the excess buys
///   first, against the pool before the block; (2) with P_τ = TAO reservoir + ⌊tao_in⌋ and P_α =
///   alpha reservoir + ⌊alpha_in⌋ the pool re-weights for (P_τ, P_α), else (0, P_α), else
///   (P_τ, 0), each tried on the reserves after the buy; what it does not take stays in the
///   reservoirs (`ReservoirPolicy.park`); (3) the placed TAO and alpha join the reserves.
public struct CoinbaseInjection: Sendable, Equatable {
    /// The order the parts ran in.
    public let order: CoinbaseOrder
    /// ⌊tao_in⌋ and ⌊alpha_in⌋: this block's injection, rao.
    public let taoInRao: UInt64, alphaInRao: UInt64
    /// The re-weighting that placed liquidity (or the refused one when nothing was placed), on
    /// the reserves it saw.
    public let reweighting: Reweighting
    /// ⌊excess TAO⌋ for the chain buy, rao.
    public let excessTaoRao: UInt64
    /// The chain buy; nil without excess or when the pool refused it.
    public let chainBuy: SwapQuote?
    /// Why the pool refused the buy, if it did.
    public let chainBuyRefusal: SwapRefusal?
    /// The reservoirs after the block (`buyThenInject`; unchanged otherwise), rao.
    public let taoReservoirAfterRao: UInt64, alphaReservoirAfterRao: UInt64

    /// Alpha the buy bought for the protocol, alpha rao.
    public var boughtAlphaRao: UInt64 { chainBuy?.amountOutRao ?? 0 }
    /// Excess TAO that entered the pool through the buy, rao (`SubnetExcessTao`).
    public var buyTaoInRao: UInt64 { chainBuy?.swappedInRao ?? 0 }
    /// Excess TAO spent from the block's credit: all of it under `injectThenBuy` (a refused buy
    /// leaves it in the subnet's account); under `buyThenInject` none when the buy is refused
    /// (the TAO returns to the credit).
    public var excessSpentRao: UInt64 { order == .buyThenInject && chainBuy == nil ? 0 : excessTaoRao }
    /// Excess TAO spent but not taken by the pool (refused under `injectThenBuy`, or stopped at
    /// its limit): it stays in the subnet's account, outside the pool, rao.
    public var unspentExcessRao: UInt64 { excessSpentRao - buyTaoInRao }
    /// TAO and alpha that joined the reserves this block (`SubnetTaoInEmission`,
    /// `SubnetAlphaInEmission`), reservoir amounts included.
    public var taoPlacedRao: UInt64 { reweighting.taoAddedRao }
    /// See `taoPlacedRao`.
    public var alphaPlacedRao: UInt64 { reweighting.alphaAddedRao }
    /// This block's TAO spent from the credit for the injection: ⌊tao_in⌋ under
    /// `buyThenInject` (what the pool does not take waits in the reservoir), the placed TAO
    /// under `injectThenBuy` (a refused injection's TAO is recycled).
    public var taoInjectionSpentRao: UInt64 { order == .buyThenInject ? taoInRao : taoPlacedRao }
    /// Alpha minted for the injection: the whole ⌊alpha_in⌋ under `buyThenInject`, the placed
    /// alpha under `injectThenBuy`.
    public var alphaMintedRao: UInt64 { order == .buyThenInject ? alphaInRao : alphaPlacedRao }
}

extension SubnetPool {
    /// The HEAD injection of `taoRao` and `alphaRao` with a chain buy of `excessTaoRao` in
    /// `order`, without changing the pool (see `CoinbaseInjection`).
    public func coinbaseInjectionQuote(taoRao: UInt64, alphaRao: UInt64, excessTaoRao: UInt64, order: CoinbaseOrder, rules: PoolRules,
                                       mode: ArithmeticMode = .native) -> CoinbaseInjection {
        switch order {
        case .buyThenInject:
            var buy: SwapQuote?, refusal: SwapRefusal?
            var afterBuy = self
            if excessTaoRao > 0 {
                do {
                    let quote = try quote(.stake, amountRao: excessTaoRao, rules: rules, origin: .protocol, mode: mode)
                    buy = quote
                    afterBuy.apply(quote)
                } catch { refusal = error }
            }
            let pendingTao = taoReservoirRao &+ taoRao, pendingAlpha = alphaReservoirRao &+ alphaRao
            // The four tries of `adjust_protocol_liquidity`, on the reserves after the buy.
            // A one-sided try is the first try again when the other side is 0, so it runs only
            // when both sides are pending; when nothing is taken the first refusal is reported.
            var placed = afterBuy.reweightingQuote(taoRao: pendingTao, alphaRao: pendingAlpha)
            if !placed.accepted, pendingTao > 0, pendingAlpha > 0 {
                let refused = placed
                placed = afterBuy.reweightingQuote(taoRao: 0, alphaRao: pendingAlpha)
                if !placed.accepted { placed = afterBuy.reweightingQuote(taoRao: pendingTao, alphaRao: 0) }
                if !placed.accepted { placed = refused }
            }
            return CoinbaseInjection(order: order, taoInRao: taoRao, alphaInRao: alphaRao, reweighting: placed, excessTaoRao: excessTaoRao,
                                     chainBuy: buy, chainBuyRefusal: refusal,
                                     taoReservoirAfterRao: pendingTao - placed.taoAddedRao, alphaReservoirAfterRao: pendingAlpha - placed.alphaAddedRao)
        case .injectThenBuy, .injectThenSplit:
            let reweighting = reweightingQuote(taoRao: taoRao, alphaRao: alphaRao)
            var buy: SwapQuote?, refusal: SwapRefusal?
            if excessTaoRao > 0 {
                let pool = reweighting.quoteWeightAfter.map { withQuoteWeight($0) } ?? self
                do { buy = try pool.quote(.stake, amountRao: excessTaoRao, rules: rules, origin: .protocol, mode: mode) } catch { refusal = error }
            }
            return CoinbaseInjection(order: order, taoInRao: taoRao, alphaInRao: alphaRao, reweighting: reweighting, excessTaoRao: excessTaoRao,
                                     chainBuy: buy, chainBuyRefusal: refusal,
                                     taoReservoirAfterRao: taoReservoirRao, alphaReservoirAfterRao: alphaReservoirRao)
        }
    }
}
