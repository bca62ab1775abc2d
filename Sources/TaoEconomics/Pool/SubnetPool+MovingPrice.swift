import FixedMath

extension SubnetPool {
    /// One block's moving-price update (§4):
    ///
    ///     s     = spot price in U64F64 (the chain's I96F32 T/A, widened), min(s, 1) when capped
    ///     α_eff = α, or α · b / (b + h) with the warm-up (b = `blocksSinceStart`)
    ///     P     ← α_eff·s + (1 − α_eff)·P      (U64F64: multiplications floor, additions saturate)
    ///
    /// and the result is stored truncated to I96F32. The root subnet's EMA stays at 1.
    public mutating func updateMovingPrice(_ parameters: EMAParameters, blocksSinceStart: UInt64 = 0) {
        if isStable {
            emaPrice = .one
            return
        }
        var spot = chainSpotPrice.saturatingConverted(to: U64F64.self, rounding: .floor)
        if parameters.capsSpotAtOne { spot = min(spot, .one) }
        var smoothing = parameters.smoothing
        if let halving = parameters.warmUpHalvingBlocks {
            let blocks = BigInteger(blocksSinceStart)
            let factor = (try? FixedPoint<U64F64>(numerator: blocks, denominator: blocks + BigInteger(halving), rounding: .towardZero)) ?? .zero
            smoothing = smoothing.saturatingMultiplied(by: factor)
        }
        let previous = emaPrice.saturatingConverted(to: U64F64.self, rounding: .floor)
        let keep = FixedPoint<U64F64>.one.saturatingSubtracting(smoothing)
        let updated = smoothing.saturatingMultiplied(by: spot).saturatingAdding(keep.saturatingMultiplied(by: previous))
        emaPrice = updated.saturatingConverted(to: I96F32.self, rounding: .towardZero)
    }
}
