import FixedMath

extension SubnetPool {
    /// `alphaRao` valued at the spot price, in TAO rao: ⌊alpha · T / A⌋ exactly (0 when A is 0;
    /// 1:1 on the root subnet). Mark-to-market: no slippage, no fee.
    public func taoValueRao(ofAlphaRao alphaRao: BigInteger) -> BigInteger {
        if isStable { return alphaRao }
        guard alphaReserveRao > 0 else { return .zero }
        return (try? alphaRao.multipliedDivided(by: BigInteger(taoReserveRao), dividedBy: BigInteger(alphaReserveRao), rounding: .floor)) ?? .zero
    }

    /// The alpha that `taoRao` is worth at the spot price, in alpha rao: ⌊tao · A / T⌋
    /// (0 when T is 0; 1:1 on the root subnet), saturating at 2^64 − 1.
    public func alphaWorthRao(ofTaoRao taoRao: UInt64) -> UInt64 {
        if isStable { return taoRao }
        guard taoReserveRao > 0 else { return 0 }
        return NativeExact.multiplyDivideFloor(taoRao, alphaReserveRao, taoReserveRao)?.quotient ?? .max
    }
}
