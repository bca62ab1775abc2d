import FixedMath

extension SubnetPool {
    /// `alphaRao` valued at the spot price, in TAO rao: ⌊alpha · p⌋ exactly with p the spot price
    /// (T/A for a constant-product pool, the chain's U64F64 price for a weighted one; 0 when
    /// A is 0; 1:1 on the root subnet). Mark-to-market: no slippage, no fee.
    public func taoValueRao(ofAlphaRao alphaRao: BigInteger) -> BigInteger {
        if isStable { return alphaRao }
        guard alphaReserveRao > 0 else { return .zero }
        let price = spotPrice
        return (try? alphaRao.multipliedDivided(by: price.taoRao, dividedBy: price.alphaRao, rounding: .floor)) ?? .zero
    }

    /// `taoValueRao(ofAlphaRao:)` on 64/128-bit integers, saturating at 2^64 − 1: the same
    /// ⌊alpha · p⌋ without allocating (the block loop's root-claim threshold uses it; a test holds
    /// it equal to the GMP form).
    public func taoValueRao(ofAlphaRao alphaRao: UInt64) -> UInt64 {
        if isStable { return alphaRao }
        guard alphaReserveRao > 0 else { return 0 }
        guard let quoteWeight else { return NativeExact.multiplyDivideFloor(alphaRao, taoReserveRao, alphaReserveRao)?.quotient ?? .max }
        let price = BalancerMath.price(alphaReserveRao: alphaReserveRao, taoReserveRao: taoReserveRao, quoteWeight: quoteWeight)
        // ⌊alpha · raw / 2^64⌋ from the 256-bit product.
        let product = WideArithmetic.multiply(UInt128(alphaRao), price)
        guard product.high >> 64 == 0 else { return .max }
        let value = product.high << 64 | product.low >> 64
        return value > UInt128(UInt64.max) ? .max : UInt64(value)
    }

    /// The alpha that `taoRao` is worth at the spot price, in alpha rao: ⌊tao / p⌋ (0 when the
    /// price is 0; 1:1 on the root subnet), saturating at 2^64 − 1.
    public func alphaWorthRao(ofTaoRao taoRao: UInt64) -> UInt64 {
        if isStable { return taoRao }
        guard taoReserveRao > 0, alphaReserveRao > 0 else { return 0 }
        if quoteWeight == nil { return NativeExact.multiplyDivideFloor(taoRao, alphaReserveRao, taoReserveRao)?.quotient ?? .max }
        let price = spotPrice
        guard !price.taoRao.isZero else { return 0 }
        return (try? BigInteger(taoRao).multipliedDivided(by: price.alphaRao, dividedBy: price.taoRao, rounding: .floor))?.uint64Value ?? .max
    }
}
