import FixedMath

extension SubnetPool {
    /// The moving price after one block's update (§4), as a raw I96F32 value:
    ///
    ///     s     = spot price, min(s, 1) when capped
    ///     α_eff = α, or α · b / (b + h) with the warm-up (b = `blocksSinceStart`)
    ///     P     ← α_eff·s + (1 − α_eff)·P   (multiplications floor, additions saturate)
    ///
    /// In I96F32 arithmetic (launch) s is the chain's I96F32 T/A and every step is I96F32. In
    /// U64F64 arithmetic s = ⌊T·2^64/A⌋ (saturating) for a constant-product pool and the chain's
    /// U64F64 balancer price for a weighted one, the warm-up factor is ⌊b·2^64/(b + h)⌋, and the
    /// result is stored truncated to I96F32. The root subnet's EMA stays at 1.
    public func nextMovingPriceRaw(_ parameters: EMAParameters, blocksSinceStart: UInt64 = 0, mode: ArithmeticMode = .native) -> UInt128 {
        if mode == .native, parameters.arithmetic == .u64f64, !isStable {
            return nextMovingPriceNativeU64F64(parameters, blocksSinceStart: blocksSinceStart)
        }
        if isStable { return NativeI96F32.one }
        if mode == .native, parameters.arithmetic == .i96f32, parameters.warmUpHalvingBlocks == nil {
            // The launch update without warm-up: its α is fixed, no GMP needed.
            return nextMovingPriceI96F32(alphaRaw: parameters.smoothingRawI96F32, capsSpotAtOne: parameters.capsSpotAtOne, arithmetic: NativeI96F32.self)
        }
        var smoothing = parameters.smoothing
        if let halving = parameters.warmUpHalvingBlocks {
            let blocks = BigInteger(blocksSinceStart)
            let factor = (try? FixedPoint<U64F64>(numerator: blocks, denominator: blocks + BigInteger(halving), rounding: .towardZero)) ?? .zero
            smoothing = smoothing.saturatingMultiplied(by: factor)
        }
        switch parameters.arithmetic {
        case .i96f32:
            // U64F64 → I96F32, floored: drop 32 fractional bits.
            let alphaRaw = parameters.warmUpHalvingBlocks == nil ? parameters.smoothingRawI96F32
                : smoothing.saturatingConverted(to: I96F32.self, rounding: .floor).raw.uint128Value ?? 0
            switch mode {
            case .native: return nextMovingPriceI96F32(alphaRaw: alphaRaw, capsSpotAtOne: parameters.capsSpotAtOne, arithmetic: NativeI96F32.self)
            case .reference: return nextMovingPriceI96F32(alphaRaw: alphaRaw, capsSpotAtOne: parameters.capsSpotAtOne, arithmetic: ReferenceI96F32.self)
            }
        case .u64f64:
            var spot = taoReserveRao == 0 || alphaReserveRao == 0 ? FixedPoint<U64F64>.zero
                : FixedPoint<U64F64>(saturatingRaw: (try? BigInteger(taoReserveRao).shiftedLeft(by: 64).divided(by: BigInteger(alphaReserveRao), rounding: .floor)) ?? .zero)
            if let quoteWeight {
                spot = FixedPoint<U64F64>(saturatingRaw: BigInteger(BalancerMath.price(alphaReserveRao: alphaReserveRao, taoReserveRao: taoReserveRao, quoteWeight: quoteWeight)))
            }
            if parameters.capsSpotAtOne { spot = min(spot, .one) }
            let previous = emaPrice.saturatingConverted(to: U64F64.self, rounding: .floor)
            let keep = FixedPoint<U64F64>.one.saturatingSubtracting(smoothing)
            let updated = smoothing.saturatingMultiplied(by: spot).saturatingAdding(keep.saturatingMultiplied(by: previous))
            return SubnetPool.storedRaw(updated.saturatingConverted(to: I96F32.self, rounding: .towardZero))
        }
    }

    /// The launch update (`update_moving_price` at f9254ea63), all in I96F32:
    /// α ⊗ min(T ⊘ A, 1) + (1 − α) ⊗ P.
    func nextMovingPriceI96F32<A: I96F32Arithmetic>(alphaRaw: UInt128, capsSpotAtOne: Bool, arithmetic: A.Type) -> UInt128 {
        let alpha = A.fromRaw(alphaRaw)
        var spot = alphaReserveRao == 0 ? A.zero : (A.divide(A.integer(taoReserveRao), A.integer(alphaReserveRao)) ?? A.zero)
        if capsSpotAtOne { spot = min(spot, A.one) }
        let keep = A.subtract(A.one, alpha)
        return A.raw(A.add(A.multiply(alpha, spot), A.multiply(keep, A.fromRaw(emaPriceRaw))))
    }

    /// The U64F64 update on native 128-bit integers, bit-identical to the GMP path above
    /// (proven by a differential test).
    func nextMovingPriceNativeU64F64(_ parameters: EMAParameters, blocksSinceStart: UInt64) -> UInt128 {
        let one: UInt128 = 1 << 64
        var smoothing = parameters.smoothingRawU64F64
        if let halving = parameters.warmUpHalvingBlocks {
            // b / (b + h) as U64F64 (truncating; 0 when both are 0), then α ⊗ it (flooring).
            let total = UInt128(blocksSinceStart) + UInt128(halving)
            let factor = total == 0 ? 0 : BalancerMath.divide(UInt128(blocksSinceStart) << 64, total << 64)
            smoothing = NativeExact.multiplyU64F64(smoothing, factor)
        }
        var spot: UInt128
        if let quoteWeight {
            spot = BalancerMath.price(alphaReserveRao: alphaReserveRao, taoReserveRao: taoReserveRao, quoteWeight: quoteWeight)
        } else {
            spot = taoReserveRao == 0 || alphaReserveRao == 0 ? 0 : NativeExact.ratioU64F64(taoReserveRao, alphaReserveRao)
        }
        if parameters.capsSpotAtOne { spot = min(spot, one) }
        // I96F32 raw → U64F64 raw: ×2^32, saturating.
        let previous = emaPriceRaw >> 96 == 0 ? emaPriceRaw << 32 : .max
        let keep = smoothing >= one ? 0 : one - smoothing
        let (sum, overflow) = NativeExact.multiplyU64F64(smoothing, spot).addingReportingOverflow(NativeExact.multiplyU64F64(keep, previous))
        let updated = overflow ? UInt128.max : sum
        // Truncate to 32 fractional bits; I96F32 holds any value below 2^95.
        return min(updated >> 32, (1 << 127) - 1)
    }
}
