import FixedMath

/// One block's HEAD injection into a weighted pool, in the chain's order (subtensor 14bc6f9f9
/// `inject_and_maybe_swap`): (1) `adjust_protocol_liquidity` re-weights the pool for
/// (⌊tao_in⌋, ⌊alpha_in⌋), or refuses; (2) the excess TAO buys alpha fee-less at the highest
/// price limit against the pool as it then stands: the new weight, the old reserves (the
/// reserves grow only after the buy); (3) the injected TAO and alpha join the reserves.
public struct CoinbaseInjection: Sendable, Equatable {
    /// Step 1, on the reserves before the block (refused: nothing injected).
    public let reweighting: Reweighting
    /// ⌊excess TAO⌋ moved to the subnet's account for the chain buy, rao.
    public let excessTaoRao: UInt64
    /// Step 2; nil without excess or when the pool refused the buy.
    public let chainBuy: SwapQuote?
    /// Why the pool refused the buy, if it did.
    public let chainBuyRefusal: SwapRefusal?

    /// Alpha the buy bought for the protocol, alpha rao.
    public var boughtAlphaRao: UInt64 { chainBuy?.amountOutRao ?? 0 }
    /// Excess TAO that entered the pool through the buy, rao.
    public var buyTaoInRao: UInt64 { chainBuy?.swappedInRao ?? 0 }
    /// Excess TAO the buy did not spend (refused, or stopped at its limit): it stays in the
    /// subnet's account, outside the pool, rao.
    public var unspentExcessRao: UInt64 { excessTaoRao - buyTaoInRao }
}

extension SubnetPool {
    /// The HEAD injection of `taoRao` and `alphaRao` with a chain buy of `excessTaoRao`, without
    /// changing the pool (see `CoinbaseInjection`).
    public func coinbaseInjectionQuote(taoRao: UInt64, alphaRao: UInt64, excessTaoRao: UInt64, rules: PoolRules,
                                       mode: ArithmeticMode = .native) -> CoinbaseInjection {
        let reweighting = reweightingQuote(taoRao: taoRao, alphaRao: alphaRao)
        var buy: SwapQuote?, refusal: SwapRefusal?
        if excessTaoRao > 0 {
            let pool = reweighting.quoteWeightAfter.map { withQuoteWeight($0) } ?? self
            do { buy = try pool.quote(.stake, amountRao: excessTaoRao, rules: rules, origin: .protocol, mode: mode) } catch { refusal = error }
        }
        return CoinbaseInjection(reweighting: reweighting, excessTaoRao: excessTaoRao, chainBuy: buy, chainBuyRefusal: refusal)
    }
}
