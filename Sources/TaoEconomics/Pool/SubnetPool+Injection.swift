import FixedMath

/// What one price-preserving injection put into a pool.
public struct Injection: Sendable, Equatable {
    public let taoInRao: UInt64
    public let alphaInRao: UInt64
    /// True when alpha_in was cut to the cap (the price then rises).
    public let capped: Bool
    public let priceBefore: PriceRatio
    public let priceAfter: PriceRatio
}

/// Why an injection could not be made. The pool is left untouched.
public enum InjectionError: Error, Equatable, Sendable, CustomStringConvertible {
    case reserveOverflow
    public var description: String { "the injection would take a reserve past 18446744073709551615 rao" }
}

extension SubnetPool {
    /// The alpha that keeps the price unchanged for `taoRao`, before any cap:
    /// ⌊tao · A / T⌋ (exact), or tao / (T/A) in I96F32 truncated at each step (launch).
    /// 0 when the price is 0.
    public func priceNeutralAlphaRao(forTaoRao taoRao: UInt64, rounding: InjectionRounding) -> UInt64 {
        if isStable { return taoRao }
        guard taoReserveRao > 0, alphaReserveRao > 0 else { return 0 }
        switch rounding {
        case .exactFloor:
            let value = try? BigInteger(taoRao).multipliedDivided(by: BigInteger(alphaReserveRao), dividedBy: BigInteger(taoReserveRao), rounding: .floor)
            return value?.uint64Value ?? .max
        case .launchI96F32:
            let price = chainSpotPrice
            guard !price.isZero, let tao = try? FixedPoint<I96F32>(taoRao) else { return 0 }
            return (try? tao.divided(by: price))?.saturatingUInt64() ?? .max
        }
    }

    /// Adds `taoRao` and the price-neutral alpha, capped at `alphaCapRao`, to the reserves.
    /// When capped, all the TAO still goes in, so the price rises; it never falls under exact
    /// rounding (under the launch rounding it can fall by at most one rao of alpha's worth).
    /// - Throws: `InjectionError.reserveOverflow`, leaving the pool untouched.
    @discardableResult
    public mutating func inject(taoRao: UInt64, alphaCapRao: UInt64, rounding: InjectionRounding) throws(InjectionError) -> Injection {
        let neutral = priceNeutralAlphaRao(forTaoRao: taoRao, rounding: rounding)
        let alphaIn = min(neutral, alphaCapRao)
        let before = spotPrice
        let (tao, taoOverflow) = taoReserveRao.addingReportingOverflow(taoRao)
        let (alpha, alphaOverflow) = alphaReserveRao.addingReportingOverflow(alphaIn)
        guard !taoOverflow, !alphaOverflow else { throw .reserveOverflow }
        taoReserveRao = tao
        alphaReserveRao = alpha
        return Injection(taoInRao: taoRao, alphaInRao: alphaIn, capped: neutral > alphaCapRao, priceBefore: before, priceAfter: spotPrice)
    }
}
