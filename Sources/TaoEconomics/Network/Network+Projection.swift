import FixedMath

/// What the current block's coinbase will use for one subnet, computed without running it
/// (`Network.projectBlock`), for reports that describe a block by the state at its start.
public struct SubnetProjection: Sendable, Equatable {
    /// The subnet.
    public let netuid: UInt16
    /// root_prop as the block's root alpha uses it, after the block's minting: 32 fractional
    /// bits, raw (I96F32 at launch, U96F32 under HEAD); nil under rules without root dividends
    /// and, under HEAD, for a subnet that does not emit (it mints no alpha_out this block).
    public let rootProportionRaw: UInt128?
    /// HEAD: the subnet's share of the block's TAO (gated under a gate), U64F64 raw; 0 for a
    /// subnet that does not emit; nil under other rules.
    public let shareRaw: UInt128?
}

/// What the current block's coinbase will use, per subnet and network-wide.
public struct BlockProjection: Sendable, Equatable {
    /// Per subnet, in `subnets` order.
    public let subnets: [SubnetProjection]
    /// The gate's bar θ the block uses, U64F64 raw; nil without a gate.
    public let gateThetaRaw: UInt128?
    /// How many of the emitting subnets' ungated shares are below θ; nil without a gate.
    public let subnetsBelowBar: Int?
}

extension Network {
    /// The current block's coinbase terms (at this block's emission), without running it.
    public func projectBlock() -> BlockProjection {
        let emission = blockEmissionRao()
        if rules.coinbase.isCredit {
            let plan = headBlockPlan(emissionRao: emission)
            var projections = subnets.map { SubnetProjection(netuid: $0.netuid, rootProportionRaw: nil, shareRaw: 0) }
            for (position, coinbase) in headCoinbases(plan).enumerated() {
                let index = plan.emitting[position]
                projections[index] = SubnetProjection(netuid: subnets[index].netuid, rootProportionRaw: coinbase.rootProportionRaw,
                                                      shareRaw: plan.sharesRaw[position])
            }
            let below = plan.thetaRaw.map { theta in plan.ungatedSharesRaw.filter { $0 < theta }.count }
            return BlockProjection(subnets: projections, gateThetaRaw: plan.thetaRaw, subnetsBelowBar: below)
        }
        guard rules.root.taoWeightU64 != nil else {
            return BlockProjection(subnets: subnets.map { SubnetProjection(netuid: $0.netuid, rootProportionRaw: nil, shareRaw: nil) },
                                   gateThetaRaw: nil, subnetsBelowBar: nil)
        }
        let taoIn = taoShares(emissionRao: emission)
        let projections = subnets.indices.map { index in
            let subnet = subnets[index]
            let alphaEmission = Supply.clippedToCap(BlockEmission.forIssuance(subnet.alphaIssuanceRao), issuanceRao: subnet.alphaIssuanceRao)
            let injection = subnet.pool.injectionQuote(tao: taoIn[index], alphaCapRao: alphaEmission, rounding: rules.pool.injection, mode: mode)
            return SubnetProjection(netuid: subnet.netuid, rootProportionRaw: rootProportionAfterMintingRaw(of: subnet, alphaInRao: injection.alphaInRao),
                                    shareRaw: nil)
        }
        return BlockProjection(subnets: projections, gateThetaRaw: nil, subnetsBelowBar: nil)
    }

    /// root_prop at the subnet's alpha issuance after `alphaInRao` is injected and its alpha
    /// emission minted (32 fractional bits, raw), with this block's root stake.
    func rootProportionAfterMintingRaw(of subnet: SubnetState, alphaInRao: UInt64) -> UInt128 {
        let issuance = subnet.alphaIssuanceRao
        let alphaEmission = Supply.clippedToCap(BlockEmission.forIssuance(issuance), issuanceRao: issuance)
        let terms = LaunchTerms<ReferenceI96F32>(rules: rules, rootStakeRao: tao.rootStakeRao)
        guard let weight = terms.rootTaoWeight else { return 0 }
        let proportion = Network.rootProportion(taoWeight: weight, alphaIssuanceRao: issuance &+ alphaInRao &+ alphaEmission, arithmetic: ReferenceI96F32.self)
        return ReferenceI96F32.raw(proportion)
    }
}
