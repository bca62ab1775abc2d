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
        let prices = inputs.map { A.fromRaw32($0.emaPriceRaw) }
        let total = prices.reduce(A.zero, A.add)
        let priceShares = prices.map { A.divide($0, total) ?? A.zero }
        let weighted = zip(priceShares, inputs).map { share, input in
            A.multiply(share, A.subtract(A.one, min(A.fromRaw32(input.minerBurnedRaw), A.one)))
        }
        let totalWeight = weighted.reduce(A.zero, A.add)
        var shares = totalWeight > A.zero ? weighted.map { A.divide($0, totalWeight) ?? A.zero } : priceShares
        if inputs.contains(where: { !$0.emissionEnabled }) {
            let enabledTotal = zip(shares, inputs).filter { $1.emissionEnabled }.map(\.0).reduce(A.zero, A.add)
            shares = zip(shares, inputs).map { share, input in
                input.emissionEnabled && enabledTotal > A.zero ? (A.divide(share, enabledTotal) ?? A.zero) : A.zero
            }
        }
        return shares.map(A.raw)
    }

    /// A subnet's TAO emission, U96F32 raw: U64F64(E) ⊗ share, truncated to 32 fractional bits.
    static func taoEmissionRaw<A: U64F64Arithmetic>(emissionRao: UInt64, shareRaw: UInt128, arithmetic: A.Type) -> UInt128 {
        A.raw32(A.multiply(A.integer(emissionRao), A.fromRaw(shareRaw)))
    }
}
