import FixedMath
@testable import TaoEconomics
import Testing

@Suite struct HeadCoinbaseTests {
    /// One subnet at price 1 (w2 = ½, 1e15 : 1e15) with `rootRao` on root, at block 1,000,000.
    static func priceOneNetwork(rootRao: UInt64, rules: RuleSet = .head2026_06) throws -> Network {
        let subnet = SubnetConfiguration(netuid: 1, taoReserveRao: 1_000_000_000_000_000, alphaReserveRao: 1_000_000_000_000_000,
                                         alphaOutstandingRao: 0, emaPrice: .one, registeredAtBlock: 0)
        return try Network(rules: rules, startBlock: 1_000_000, startIssuanceRao: 15_000_000_000_000_000,
                           rootStakeRao: rootRao, subnets: [subnet])
    }

    /// root_prop in U96F32 as the chain computes it, from first principles with GMP.
    static func rootProportion(rootRao: UInt64, issuanceRao: UInt64) throws -> FixedPoint<U96F32> {
        let weight = try FixedPoint<U96F32>(BigInteger(3_320_413_933_267_719_290 as UInt64)).divided(by: FixedPoint<U96F32>(BigInteger(UInt64.max)))
        let taoWeight = try FixedPoint<U96F32>(BigInteger(rootRao)).multiplied(by: weight)
        return try taoWeight.divided(by: taoWeight.adding(FixedPoint<U96F32>(BigInteger(issuanceRao))))
    }

    @Test func belowTheCapTheWholeEmissionIsInjected() throws {
        var network = try Self.priceOneNetwork(rootRao: 10_000_000_000_000_000)
        try network.step(emissionRao: 100_000_000)
        let subnet = network.subnets[0]
        #expect(subnet.taoInjectedRao == 100_000_000)
        #expect(subnet.alphaInjectedRao == 100_000_000)
        #expect(subnet.chainBuyTaoRao == 0)
        #expect(subnet.holders.balance(of: .protocol) == 0)
        #expect(network.lastBlock?.recycledRao == 0)
        #expect(network.checkConservation().isEmpty)
    }

    @Test func aboveTheCapTheRestBuysAlphaForTheProtocol() throws {
        let root: UInt64 = 10_000_000_000_000_000
        var network = try Self.priceOneNetwork(rootRao: root)
        try network.step(emissionRao: 10_000_000_000)
        let subnet = network.subnets[0]
        let cap = try Self.rootProportion(rootRao: root, issuanceRao: 1_000_000_000_000_000)
            .multiplied(by: FixedPoint<U96F32>(BigInteger(1_000_000_000 as UInt64)))
        // alpha_in = root_prop ⊗ alpha_emission ≈ 0.642857 alpha, and tao_in = alpha_in ⊗ 1.
        #expect(subnet.alphaInjectedRao == cap.saturatingUInt64())
        #expect(subnet.alphaInjectedRao == 642_857_142)
        #expect(subnet.taoInjectedRao == cap.saturatingUInt64())
        // The excess ⌊1e10 − tao_in⌋ buys alpha for the protocol; the two floors leave 1 rao,
        // which is recycled.
        let excess = try FixedPoint<U96F32>(BigInteger(10_000_000_000 as UInt64)).subtracting(cap).saturatingUInt64()
        #expect(subnet.chainBuyTaoRao == excess)
        #expect(subnet.holders.balance(of: .protocol) > 0)
        #expect(network.lastBlock?.recycledRao == 10_000_000_000 - excess - cap.saturatingUInt64())
        #expect(network.lastBlock?.recycledRao == 1)
        #expect(network.checkConservation().isEmpty)
    }

    @Test func blocksKeepTheLedgerBalanced() throws {
        var configurations: [SubnetConfiguration] = []
        for netuid in 1...6 {
            configurations.append(SubnetConfiguration(
                netuid: UInt16(netuid), taoReserveRao: UInt64(netuid) * 200_000_000_000_000, alphaReserveRao: 2_000_000_000_000_000,
                alphaOutstandingRao: 3_000_000_000_000_000, registeredAtBlock: 0, minerWeights: [1, 2],
                minerBurnFraction: Perquintill(parts: UInt64(netuid) * 100_000_000_000_000_000)!, emissionEnabled: netuid != 6))
        }
        var network = try Network(rules: .head2026_08, startBlock: 7_000_000, startIssuanceRao: 10_900_000_000_000_000,
                                  rootStakeRao: 4_000_000_000_000_000, subnets: configurations)
        for _ in 0..<800 {
            try network.step()
            #expect(network.checkConservation().isEmpty)
            let summary = try #require(network.lastBlock)
            #expect(summary.taoInjectedRao + summary.chainBuyTaoRao + summary.recycledRao == summary.emissionRao)
        }
        #expect(network.tao.rootStakeRao > 4_000_000_000_000_000)
        #expect(network.subnets[5].taoInjectedRao == 0)
    }
}

/// The HEAD EMA (§4) and the vectors of the chain's `test_update_moving_price_*`.
@Suite struct HeadMovingPriceTests {
    /// A pool at price 1 (T = A = 1e6, quote weight ½) with its EMA at 0.
    static let pool = SubnetPool(netuid: 1, taoReserveRao: 1_000_000, alphaReserveRao: 1_000_000, quoteWeight: .half)
    /// α = 0.5 with the warm-up b/(b + 201,600), spot capped at 1, U64F64.
    static let parameters = EMAParameters(smoothing: FixedPoint<U64F64>(saturatingRaw: BigInteger.powerOfTwo(63)), capsSpotAtOne: true,
                                          warmUpHalvingBlocks: 201_600, arithmetic: .u64f64)

    static func ema(afterBlocksSinceStart blocks: UInt64, mode: ArithmeticMode) -> Double {
        var pool = Self.pool
        pool.updateMovingPrice(parameters, blocksSinceStart: blocks, mode: mode)
        return pool.emaPrice.approximateDouble
    }

    @Test(arguments: [ArithmeticMode.native, .reference])
    func theWarmUpHoldsTheEmaBackRightAfterTheStartCall(_ mode: ArithmeticMode) {
        // FirstEmissionBlockNumber 500 (start call at 499), block 510: b = 11.
        #expect(Self.ema(afterBlocksSinceStart: 11, mode: mode) < 0.001)
    }

    @Test(arguments: [ArithmeticMode.native, .reference])
    func longAfterTheStartCallTheFullSmoothingApplies(_ mode: ArithmeticMode) {
        // Block 144,000,500 with FirstEmissionBlockNumber 500: b = 144,000,001.
        #expect(abs(Self.ema(afterBlocksSinceStart: 144_000_001, mode: mode) - 0.5) < 0.001)
    }

    @Test func theEmaUpdatesAfterTheCoinbaseUsedIt() throws {
        // A subnet whose EMA is 0 gets no share this block even though its spot price is high.
        let subnets = [
            SubnetConfiguration(netuid: 1, taoReserveRao: 1_000_000_000_000_000, alphaReserveRao: 1_000_000_000_000_000, alphaOutstandingRao: 0, emaPrice: .zero),
            SubnetConfiguration(netuid: 2, taoReserveRao: 1_000_000_000_000_000, alphaReserveRao: 1_000_000_000_000_000, alphaOutstandingRao: 0, emaPrice: .one),
        ]
        var network = try Network(rules: .head2026_06, startBlock: 1_000_000, startIssuanceRao: 10_000_000_000_000_000,
                                  rootStakeRao: 4_000_000_000_000_000, subnets: subnets)
        try network.step()
        #expect(network.subnets[0].taoInjectedRao + network.subnets[0].chainBuyTaoRao == 0)
        #expect(network.subnets[0].pool.emaPriceRaw > 0)
    }

    @Test func nativeAndReferenceBlocksAgree() throws {
        func run(_ mode: ArithmeticMode) throws -> Network {
            var configurations: [SubnetConfiguration] = []
            for netuid in 1...5 {
                configurations.append(SubnetConfiguration(
                    netuid: UInt16(netuid), taoReserveRao: UInt64(netuid) * 300_000_000_000_000, alphaReserveRao: 1_500_000_000_000_000,
                    alphaOutstandingRao: 3_000_000_000_000_000, quoteWeight: Perquintill(parts: 400_000_000_000_000_000 + UInt64(netuid) * 30_000_000_000_000_000),
                    minerBurnFraction: Perquintill(parts: UInt64(netuid) * 150_000_000_000_000_000)!, emissionEnabled: netuid != 4))
            }
            var network = try Network(rules: .head2026_08, startBlock: 7_999_990, startIssuanceRao: 10_900_000_000_000_000,
                                      rootStakeRao: 4_000_000_000_000_000, subnets: configurations, mode: mode)
            try network.step(blocks: 400)
            return network
        }
        let native = try run(.native), reference = try run(.reference)
        #expect(native.subnets == reference.subnets)
        #expect(native.tao == reference.tao)
        #expect(native.gateThetaRaw == reference.gateThetaRaw)
    }
}

/// The gate on a running network (§2.2b).
@Suite struct HeadGateNetworkTests {
    @Test func thetaIsTheRankedShareAtEachRecomputationAndHeldBetween() throws {
        var configurations: [SubnetConfiguration] = []
        for netuid in 1...40 {
            configurations.append(SubnetConfiguration(
                netuid: UInt16(netuid), taoReserveRao: UInt64(41 - netuid) * 1_000_000_000_000, alphaReserveRao: 1_000_000_000_000_000,
                alphaOutstandingRao: 3_000_000_000_000_000))
        }
        let rules = try RuleSet.head2026_08.setting(.emissionBarRank, to: .integer(8))
        var network = try Network(rules: rules, startBlock: 7_999_990, startIssuanceRao: 10_900_000_000_000_000,
                                  rootStakeRao: 4_000_000_000_000_000, subnets: configurations)
        func rankedShare() -> UInt128 {
            let inputs = network.subnets.map { HeadShares.Input(emaPriceRaw: $0.pool.emaPriceRaw, minerBurnedRaw: $0.minerBurnedRaw, emissionEnabled: true) }
            return HeadShares.shares(inputs, arithmetic: NativeU64F64.self).sorted(by: >)[7]
        }
        // The first block computes θ; it holds until block 8,000,000 recomputes it.
        let first = rankedShare()
        try network.step()
        #expect(network.gateThetaRaw == first)
        try network.step(blocks: 8)
        #expect(network.gateThetaRaw == first)
        let atRecompute = rankedShare()
        try network.step()  // block 8,000,000
        #expect(network.gateThetaRaw == atRecompute)
        #expect(network.gateMovedTaoRao > 0)
        // The subnets above the bar get more than the ungated share would give them.
        let projection = network.projectBlock()
        #expect(projection.subnetsBelowBar == 32)
        #expect(network.checkConservation().isEmpty)
    }
}
