import FixedMath

/// The HEAD split of the block's TAO across the subnets that emit (§2.2, subtensor 14bc6f9f9
/// `get_shares`, `get_shares_price_ema`, `get_subnet_block_emissions`), in U64F64:
///
///     p_i     = EMA price (I96F32, widened exactly)
///     s_i     = p_i ÷ Σp                       (0 when Σp = 0)
///     w_i     = s_i ⊗ (1 − min(MinerBurned_i, 1))
///     share_i = w_i ÷ Σw                       (s_i when Σw = 0)
///     if any subnet has emission disabled: share_i = enabled ? share_i ÷ Σ_enabled share : 0
///     tao_i   = U96F32(U64F64(E) ⊗ share_i)     (truncated to 32 fractional bits)
///
/// Every sum saturates and every product floors, as the chain's. The shares add up to at most
/// one; what the floors leave is recycled by the coinbase.
enum HeadShares {
    /// One emitting subnet's inputs, in the coinbase's (netuid) order.
    struct Input {
        /// The EMA price, I96F32 raw.
        let emaPriceRaw: UInt128
        /// `MinerBurned`, U96F32 raw.
        let minerBurnedRaw: UInt128
        /// `SubnetEmissionEnabled`.
        let emissionEnabled: Bool
    }

    /// The shares as U64F64 raw values, in the inputs' order.
    static func shares<A: U64F64Arithmetic>(_ inputs: [Input], arithmetic: A.Type) -> [UInt128] {
        let total = inputs.reduce(A.zero) { A.add($0, A.fromRaw32($1.emaPriceRaw)) }
        // One buffer: s_i first (Σw summed alongside), then share_i in place; w_i is recomputed
        // from the stored s_i (U64F64 raw values round-trip exactly) rather than kept.
        var shares: [UInt128] = []
        shares.reserveCapacity(inputs.count)
        var totalWeight = A.zero
        for input in inputs {
            let priceShare = A.divide(A.fromRaw32(input.emaPriceRaw), total) ?? A.zero
            shares.append(A.raw(priceShare))
            totalWeight = A.add(totalWeight, weight(priceShare, input, arithmetic: A.self))
        }
        if totalWeight > A.zero {
            for position in shares.indices {
                let weighted = weight(A.fromRaw(shares[position]), inputs[position], arithmetic: A.self)
                shares[position] = A.raw(A.divide(weighted, totalWeight) ?? A.zero)
            }
        }
        if inputs.contains(where: { !$0.emissionEnabled }) {
            var enabledTotal = A.zero
            for (share, input) in zip(shares, inputs) where input.emissionEnabled { enabledTotal = A.add(enabledTotal, A.fromRaw(share)) }
            for position in shares.indices {
                let enabled = inputs[position].emissionEnabled && enabledTotal > A.zero
                shares[position] = enabled ? A.raw(A.divide(A.fromRaw(shares[position]), enabledTotal) ?? A.zero) : A.raw(A.zero)
            }
        }
        return shares
    }

    /// w_i = s_i ⊗ (1 − min(MinerBurned_i, 1)).
    private static func weight<A: U64F64Arithmetic>(_ priceShare: A.Value, _ input: Input, arithmetic: A.Type) -> A.Value {
        A.multiply(priceShare, A.subtract(A.one, min(A.fromRaw32(input.minerBurnedRaw), A.one)))
    }

    /// A subnet's TAO emission, U96F32 raw: U64F64(E) ⊗ share, truncated to 32 fractional bits.
    static func taoEmissionRaw<A: U64F64Arithmetic>(emissionRao: UInt64, shareRaw: UInt128, arithmetic: A.Type) -> UInt128 {
        A.raw32(A.multiply(A.integer(emissionRao), A.fromRaw(shareRaw)))
    }
}
