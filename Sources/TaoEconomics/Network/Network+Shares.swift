import FixedMath

extension Network {
    /// This block's TAO emission under the rule set's halving trigger (clipped to the cap).
    public func blockEmissionRao() -> UInt64 {
        schedule.emission(block: block, issuanceRao: tao.issuanceRao)
    }

    /// tao_in per subnet (same order as `subnets`) under the share rule: the rao injected, and
    /// for the launch rule the unfloored I96F32 value (raw, ·2^32) that alpha_in is computed from.
    func taoShares(emissionRao: UInt64) -> [TaoInjection] {
        var buffers = BlockScratch()
        taoShares(emissionRao: emissionRao, into: &buffers)
        return buffers.taoIn
    }

    /// The same shares written into `buffers.taoIn` (replacing what it held), with the other
    /// buffers as working storage.
    func taoShares(emissionRao: UInt64, into buffers: inout BlockScratch) {
        buffers.taoIn.removeAll(keepingCapacity: true)
        guard !subnets.isEmpty, emissionRao > 0 else { buffers.taoIn.append(contentsOf: repeatElement(.zero, count: subnets.count)); return }
        switch rules.shares {
        case .taoReserveLargestRemainder:
            buffers.weightsRao.removeAll(keepingCapacity: true)
            for index in subnets.indices { buffers.weightsRao.append(subnets[index].pool.taoReserveRao) }
            LargestRemainder.split(emissionRao, among: buffers.weightsRao, into: &buffers.parts, remainders: &buffers.remainders, mode: mode)
            for part in buffers.parts { buffers.taoIn.append(TaoInjection(rao: part)) }
        case .emaPriceNetOfMinerBurn:
            // HEAD blocks compute their shares in `headBlockPlan`.
            buffers.taoIn.append(contentsOf: repeatElement(.zero, count: subnets.count))
        case .emaPriceI96F32:
            switch mode {
            case .native: emaPriceShares(emissionRao, into: &buffers.taoIn, arithmetic: NativeI96F32.self)
            case .reference: emaPriceShares(emissionRao, into: &buffers.taoIn, arithmetic: ReferenceI96F32.self)
            }
        }
    }

    /// (E ⊗ p_i) ⊘ Σp in I96F32 (`run_coinbase` step 3 at launch); checked_div's None gives 0.
    /// Appended to `taoIn`.
    func emaPriceShares<A: I96F32Arithmetic>(_ emissionRao: UInt64, into taoIn: inout [TaoInjection], arithmetic: A.Type) {
        var total = A.zero
        for index in subnets.indices { total = A.add(total, A.fromRaw(subnets[index].pool.emaPriceRaw)) }
        let emission = A.integer(emissionRao)
        for index in subnets.indices {
            let share = A.divide(A.multiply(emission, A.fromRaw(subnets[index].pool.emaPriceRaw)), total) ?? A.zero
            taoIn.append(TaoInjection(rao: A.floorUInt64(share), fixedRawI96F32: A.raw(share)))
        }
    }
}
