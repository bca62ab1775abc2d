import FixedMath

extension Network {
    /// This block's TAO emission under the rule set's halving trigger (clipped to the cap).
    public func blockEmissionRao() -> UInt64 {
        schedule.emission(block: block, issuanceRao: tao.issuanceRao)
    }

    /// tao_in per subnet (same order as `subnets`) under the share rule: the rao injected, and
    /// for the launch rule the unfloored I96F32 value (raw, ·2^32) that alpha_in is computed from.
    func taoShares(emissionRao: UInt64) -> [TaoInjection] {
        guard !subnets.isEmpty, emissionRao > 0 else { return subnets.map { _ in .zero } }
        switch rules.shares {
        case .taoReserveLargestRemainder:
            return LargestRemainder.split(emissionRao, among: subnets.map(\.pool.taoReserveRao), mode: mode).map(TaoInjection.init(rao:))
        case .emaPriceNetOfMinerBurn:
            // HEAD blocks compute their shares in `headBlockPlan`.
            return subnets.map { _ in .zero }
        case .emaPriceI96F32:
            switch mode {
            case .native: return emaPriceShares(emissionRao, arithmetic: NativeI96F32.self)
            case .reference: return emaPriceShares(emissionRao, arithmetic: ReferenceI96F32.self)
            }
        }
    }

    /// (E ⊗ p_i) ⊘ Σp in I96F32 (`run_coinbase` step 3 at launch); checked_div's None gives 0.
    func emaPriceShares<A: I96F32Arithmetic>(_ emissionRao: UInt64, arithmetic: A.Type) -> [TaoInjection] {
        let prices = subnets.indices.map { A.fromRaw(subnets[$0].pool.emaPriceRaw) }
        let total = prices.reduce(A.zero, A.add)
        let emission = A.integer(emissionRao)
        return prices.map { price in
            let share = A.divide(A.multiply(emission, price), total) ?? A.zero
            return TaoInjection(rao: A.floorUInt64(share), fixedRawI96F32: A.raw(share))
        }
    }
}
