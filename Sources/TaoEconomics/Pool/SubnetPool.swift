import FixedMath

/// One subnet's constant-product pool: TAO reserve T, alpha reserve A (`SubnetTAO`,
/// `SubnetAlphaIn`), alpha outstanding (`SubnetAlphaOut`: alpha held by participants) and the
/// moving (EMA) price. The root subnet (netuid 0) is a stable 1:1 pool.
///
/// Every amount is integer rao. Operations that can fail leave the pool untouched.
public struct SubnetPool: Sendable, Equatable {
    public let netuid: UInt16
    public internal(set) var taoReserveRao: UInt64
    public internal(set) var alphaReserveRao: UInt64
    public internal(set) var alphaOutstandingRao: UInt64
    /// The moving price's raw I96F32 value (price · 2^32); never negative.
    public internal(set) var emaPriceRaw: UInt128

    /// The moving price in TAO per alpha, stored as the chain stores it (I96F32).
    public internal(set) var emaPrice: FixedPoint<I96F32> {
        get { FixedPoint(saturatingRaw: BigInteger(emaPriceRaw)) }
        set { emaPriceRaw = newValue.raw.isNegative ? 0 : newValue.raw.uint128Value ?? .max }
    }

    public init(netuid: UInt16, taoReserveRao: UInt64, alphaReserveRao: UInt64, alphaOutstandingRao: UInt64 = 0,
                emaPrice: FixedPoint<I96F32> = .zero) {
        self.netuid = netuid
        self.taoReserveRao = taoReserveRao
        self.alphaReserveRao = alphaReserveRao
        self.alphaOutstandingRao = alphaOutstandingRao
        self.emaPriceRaw = emaPrice.raw.isNegative ? 0 : emaPrice.raw.uint128Value ?? .max
    }

    /// The root subnet trades 1:1 and has no curve.
    public var isStable: Bool { netuid == 0 }

    /// Spot price in TAO per alpha: T/A exactly; 1 for the root subnet; 0 when A is 0.
    public var spotPrice: PriceRatio {
        isStable ? PriceRatio(taoRao: 1, alphaRao: 1) : PriceRatio(taoRao: taoReserveRao, alphaRao: alphaReserveRao)
    }

    /// k = T · A, exactly.
    public var constantProduct: BigInteger { BigInteger(taoReserveRao) * BigInteger(alphaReserveRao) }

    /// Spot price as the launch chain computes it (`get_alpha_price`): T/A in I96F32, truncated;
    /// 1 for the root subnet and 0 when A is 0.
    public var chainSpotPrice: FixedPoint<I96F32> {
        isStable ? .one : spotPrice.fixedPoint(I96F32.self, rounding: .towardZero)
    }
}
