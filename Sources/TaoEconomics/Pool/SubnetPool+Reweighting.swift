import FixedMath

/// A weighted pool's price-preserving injection (`adjust_protocol_liquidity`): TAO and alpha in
/// any proportion join the reserves and the quote weight moves so the spot price stays.
/// It is also what the `injection` invariant checks under the weighted curve.
public struct Reweighting: Sendable, Equatable {
    /// The subnet.
    public let netuid: UInt16
    /// y before, rao.
    public let taoBeforeRao: UInt64
    /// x before, alpha rao.
    public let alphaBeforeRao: UInt64
    /// w2 before.
    public let quoteWeightBefore: Perquintill
    /// What was offered.
    public let taoInRao: UInt64
    /// See `taoInRao`.
    public let alphaInRao: UInt64
    /// The new quote weight; nil when it would leave [0.01, 0.99] and the injection is refused
    /// (nothing enters the pool).
    public let quoteWeightAfter: Perquintill?

    /// Whether the injection went in.
    public var accepted: Bool { quoteWeightAfter != nil }
    /// TAO and alpha that entered the pool (0 when refused).
    public var taoAddedRao: UInt64 { accepted ? taoInRao : 0 }
    /// See `taoAddedRao`.
    public var alphaAddedRao: UInt64 { accepted ? alphaInRao : 0 }

    /// The spot price before, as the chain computes it (U64F64), exactly.
    public var priceBefore: PriceRatio {
        PriceRatio(u64f64Raw: BalancerMath.price(alphaReserveRao: alphaBeforeRao, taoReserveRao: taoBeforeRao, quoteWeight: quoteWeightBefore))
    }

    /// The spot price after (the price before when refused).
    public var priceAfter: PriceRatio {
        guard let weight = quoteWeightAfter else { return priceBefore }
        return PriceRatio(u64f64Raw: BalancerMath.price(alphaReserveRao: alphaBeforeRao &+ alphaInRao, taoReserveRao: taoBeforeRao &+ taoInRao,
                                                        quoteWeight: weight))
    }
}

extension SubnetPool {
    /// The re-weighting injection of `taoRao` and `alphaRao` (`update_weights_for_added_liquidity`,
    /// see `BalancerMath.reweighted`), without changing the pool. A constant-product pool is
    /// treated as weighted at 1/2, as the chain initialises a pool without a weight.
    public func reweightingQuote(taoRao: UInt64, alphaRao: UInt64) -> Reweighting {
        let weight = quoteWeight ?? .half
        let after = BalancerMath.reweighted(taoReserveRao: taoReserveRao, alphaReserveRao: alphaReserveRao, taoDeltaRao: taoRao,
                                            alphaDeltaRao: alphaRao, quoteWeight: weight)
        return Reweighting(netuid: netuid, taoBeforeRao: taoReserveRao, alphaBeforeRao: alphaReserveRao, quoteWeightBefore: weight,
                           taoInRao: taoRao, alphaInRao: alphaRao, quoteWeightAfter: after)
    }

    /// Quotes and applies a re-weighting injection; a refused one changes nothing.
    /// - Throws: `ReserveOverflow`, leaving the pool untouched.
    @discardableResult
    public mutating func reweight(taoRao: UInt64, alphaRao: UInt64) throws(ReserveOverflow) -> Reweighting {
        let reweighting = reweightingQuote(taoRao: taoRao, alphaRao: alphaRao)
        try apply(reweighting)
        return reweighting
    }
}
