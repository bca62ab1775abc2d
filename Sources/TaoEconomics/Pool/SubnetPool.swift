import FixedMath

/// One subnet's pool: TAO reserve T, alpha reserve A (`SubnetTAO`, `SubnetAlphaIn`), alpha
/// outstanding (`SubnetAlphaOut`: alpha held by participants) and the moving (EMA) price. The
/// root subnet (netuid 0) is a stable 1:1 pool.
///
/// Every amount is integer rao. The pool owns its arithmetic: quotes (`quote`,
/// `injectionQuote`, the limits) are pure and live in the `SubnetPool+…` files; the only ways
/// to change the state are the few primitives in this file, each applying something the pool
/// itself computed. Operations that can fail leave the pool untouched.
public struct SubnetPool: Sendable, Equatable, Codable {
    /// The subnet (0: root, a stable 1:1 pool).
    public let netuid: UInt16
    /// T: TAO in the pool (`SubnetTAO`), rao.
    public private(set) var taoReserveRao: UInt64
    /// A: alpha in the pool (`SubnetAlphaIn`), alpha rao.
    public private(set) var alphaReserveRao: UInt64
    /// Alpha held by participants (`SubnetAlphaOut`), alpha rao.
    public private(set) var alphaOutstandingRao: UInt64
    /// The moving price's raw I96F32 value (price · 2^32); never negative.
    public private(set) var emaPriceRaw: UInt128
    /// The quote (TAO) weight of a weighted pool (`SwapBalancer`); nil for a constant-product
    /// pool. Swaps keep it; injections re-weight it.
    public private(set) var quoteWeight: Perquintill?
    /// Issued TAO the pool's weights could not take yet (`Swap.BalancerTaoReservoir`), rao;
    /// outside the reserves, so outside the price (`ReservoirPolicy.park`).
    public private(set) var taoReservoirRao: UInt64 = 0
    /// Minted alpha the pool's weights could not take yet (`Swap.BalancerAlphaReservoir`), alpha
    /// rao; outside the reserves, but part of the subnet's alpha issuance.
    public private(set) var alphaReservoirRao: UInt64 = 0

    /// A pool with the given reserves, outstanding alpha, moving price (TAO per alpha, as the
    /// chain stores it in I96F32; a negative value is stored as 0) and, for a weighted pool, its
    /// quote weight.
    public init(netuid: UInt16, taoReserveRao: UInt64, alphaReserveRao: UInt64, alphaOutstandingRao: UInt64 = 0,
                emaPrice: FixedPoint<I96F32> = .zero, quoteWeight: Perquintill? = nil) {
        self.netuid = netuid
        self.taoReserveRao = taoReserveRao
        self.alphaReserveRao = alphaReserveRao
        self.alphaOutstandingRao = alphaOutstandingRao
        self.emaPriceRaw = Self.storedRaw(emaPrice)
        self.quoteWeight = quoteWeight
    }

    /// The moving price in TAO per alpha, as the chain stores it (I96F32).
    public var emaPrice: FixedPoint<I96F32> { FixedPoint(saturatingRaw: BigInteger(emaPriceRaw)) }

    /// The root subnet trades 1:1 and has no curve.
    public var isStable: Bool { netuid == 0 }

    /// Spot price in TAO per alpha: T/A exactly for a constant-product pool; the chain's U64F64
    /// (w1 ÷ w2) ⊗ (T ÷ A) for a weighted pool, as the exact ratio raw / 2^64; 1 for the root
    /// subnet; 0 when A is 0.
    public var spotPrice: PriceRatio {
        if isStable { return PriceRatio(taoRao: 1, alphaRao: 1) }
        if let quoteWeight {
            return PriceRatio(u64f64Raw: BalancerMath.price(alphaReserveRao: alphaReserveRao, taoReserveRao: taoReserveRao, quoteWeight: quoteWeight))
        }
        return PriceRatio(taoRao: taoReserveRao, alphaRao: alphaReserveRao)
    }

    /// Alpha issuance as the chain's `get_alpha_issuance` counts it: pool alpha + outstanding +
    /// the alpha reservoir.
    public var alphaIssuanceRao: UInt64 { alphaReserveRao &+ alphaOutstandingRao &+ alphaReservoirRao }

    /// k = T · A, exactly.
    public var constantProduct: BigInteger { BigInteger(taoReserveRao) * BigInteger(alphaReserveRao) }

    /// Spot price as the launch chain computes it (`get_alpha_price`): T/A in I96F32, truncated;
    /// 1 for the root subnet and 0 when A is 0.
    public var chainSpotPrice: FixedPoint<I96F32> {
        isStable ? .one : spotPrice.fixedPoint(I96F32.self, rounding: .towardZero)
    }

    static func storedRaw(_ price: FixedPoint<I96F32>) -> UInt128 {
        price.raw.isNegative ? 0 : price.raw.uint128Value ?? .max
    }
}

// MARK: - The primitives that change a pool

extension SubnetPool {
    /// Carries out a trade this pool quoted (`quote`): the reserves and outstanding alpha
    /// become the quote's "after" values. The quote must come from this pool's current state.
    public mutating func apply(_ quote: SwapQuote) {
        taoReserveRao = quote.taoReserveAfterRao
        alphaReserveRao = quote.alphaReserveAfterRao
        alphaOutstandingRao = quote.alphaOutstandingAfterRao
    }

    /// Adds an injection this pool quoted (`injectionQuote`) to the reserves.
    /// - Throws: `ReserveOverflow`, leaving the pool untouched.
    public mutating func apply(_ injection: Injection) throws(ReserveOverflow) {
        let (tao, taoOverflow) = taoReserveRao.addingReportingOverflow(injection.taoInRao)
        let (alpha, alphaOverflow) = alphaReserveRao.addingReportingOverflow(injection.alphaInRao)
        guard !taoOverflow, !alphaOverflow else { throw ReserveOverflow() }
        taoReserveRao = tao
        alphaReserveRao = alpha
    }

    /// Applies a re-weighting injection this pool quoted (`reweightingQuote`): the reserves grow
    /// and the quote weight moves; a refused one changes nothing.
    /// - Throws: `ReserveOverflow`, leaving the pool untouched.
    public mutating func apply(_ reweighting: Reweighting) throws(ReserveOverflow) {
        guard let weight = reweighting.quoteWeightAfter else { return }
        let (tao, taoOverflow) = taoReserveRao.addingReportingOverflow(reweighting.taoInRao)
        let (alpha, alphaOverflow) = alphaReserveRao.addingReportingOverflow(reweighting.alphaInRao)
        guard !taoOverflow, !alphaOverflow else { throw ReserveOverflow() }
        taoReserveRao = tao
        alphaReserveRao = alpha
        quoteWeight = weight
    }

    /// Applies a HEAD coinbase injection this pool quoted (`coinbaseInjectionQuote`): the chain
    /// buy and the new weight (in the injection's order; each applies to different fields), then
    /// the placed reserves and the reservoirs.
    /// - Throws: `ReserveOverflow`, leaving the pool untouched.
    public mutating func apply(_ injection: CoinbaseInjection) throws(ReserveOverflow) {
        var next = self
        if let weight = injection.reweighting.quoteWeightAfter { next.quoteWeight = weight }
        if let buy = injection.chainBuy { next.apply(buy) }
        let (tao, taoOverflow) = next.taoReserveRao.addingReportingOverflow(injection.taoPlacedRao)
        let (alpha, alphaOverflow) = next.alphaReserveRao.addingReportingOverflow(injection.alphaPlacedRao)
        guard !taoOverflow, !alphaOverflow else { throw ReserveOverflow() }
        next.taoReserveRao = tao
        next.alphaReserveRao = alpha
        next.taoReservoirRao = injection.taoReservoirAfterRao
        next.alphaReservoirRao = injection.alphaReservoirAfterRao
        self = next
    }

    /// Sets the reservoirs (a snapshot's or a scenario's starting values).
    mutating func setReservoirs(taoRao: UInt64, alphaRao: UInt64) {
        taoReservoirRao = taoRao
        alphaReservoirRao = alphaRao
    }

    /// This pool with another quote weight and nothing else changed: how a chain buy sees the
    /// pool between the re-weighting and the injection.
    func withQuoteWeight(_ weight: Perquintill) -> SubnetPool {
        var copy = self
        copy.quoteWeight = weight
        return copy
    }

    /// Mints `alphaRao` of alpha to participants (alpha_out, counted as outstanding when minted).
    /// - Throws: `ReserveOverflow` when outstanding would pass 2^64 rao.
    public mutating func mintOutstanding(_ alphaRao: UInt64) throws(ReserveOverflow) {
        let (outstanding, overflow) = alphaOutstandingRao.addingReportingOverflow(alphaRao)
        guard !overflow else { throw ReserveOverflow() }
        alphaOutstandingRao = outstanding
    }

    /// Removes `alphaRao` of outstanding alpha from issuance (a recycle). At most the outstanding
    /// alpha is removed; callers debit a holder first, so it is always covered.
    public mutating func retireOutstanding(_ alphaRao: UInt64) {
        alphaOutstandingRao -= min(alphaRao, alphaOutstandingRao)
    }

    /// One block's moving-price update (`nextMovingPriceRaw`, §4).
    public mutating func updateMovingPrice(_ parameters: EMAParameters, blocksSinceStart: UInt64 = 0, mode: ArithmeticMode = .native) {
        emaPriceRaw = nextMovingPriceRaw(parameters, blocksSinceStart: blocksSinceStart, mode: mode)
    }
}

/// A change that would take a reserve or outstanding alpha past 18446744073709551615 rao. The
/// pool is left untouched.
public struct ReserveOverflow: Error, Equatable, Sendable, CustomStringConvertible {
    public init() {}
    public var description: String { "the change would take a reserve past 18446744073709551615 rao" }
}
