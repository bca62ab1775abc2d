import FixedMath
import PropertyBased
import TaoEconomics
import Testing

/// The chain's coinbase vectors at launch (the numbers `opentensor/subtensor`'s own tests assert) and unit cases.
@Suite struct CoinbaseVectorTests {
    static func launchNetwork(_ pools: [(tao: UInt64, alpha: UInt64, ema: Double)]) throws -> Network {
        let configurations = try pools.enumerated().map { index, pool in
            SubnetConfiguration(netuid: UInt16(index + 1), taoReserveRao: pool.tao, alphaReserveRao: pool.alpha,
                                alphaOutstandingRao: 0, emaPrice: try FixedPoint<I96F32>(pool.ema))
        }
        let total = pools.reduce(0) { $0 + $1.tao }
        return try Network(rules: .launch2025_02, startBlock: 1, startIssuanceRao: total, subnets: configurations)
    }

    @Test func oneSubnetTakesTheWholeEmission() throws {
        var network = try Self.launchNetwork([(1_000_000_000, 1_000_000_000, 1)])
        try network.step(emissionRao: 1_234_567)
        #expect(network.subnets[0].taoInjectedRao == 1_234_567)
        #expect(network.subnets[0].pool.taoReserveRao == 1_001_234_567)
        #expect(network.tao.issuanceRao == 1_001_234_567)
        #expect(network.tao.poolsRao == 1_001_234_567)
    }

    @Test func threeEqualPricesSplitEvenly() throws {
        var network = try Self.launchNetwork([(1_000_000_000, 1_000_000_000, 1), (1_000_000_000, 1_000_000_000, 1), (1_000_000_000, 1_000_000_000, 1)])
        let before = network.tao.issuanceRao
        try network.step(emissionRao: 3_333_333)
        #expect(network.subnets.map(\.taoInjectedRao) == [1_111_111, 1_111_111, 1_111_111])
        #expect(network.tao.issuanceRao - before == 3_333_333)
        #expect(network.lastBlock?.unissuedRemainderRao == 0)
    }

    @Test func pricesOneAndTwoSplitOneToTwo() throws {
        var network = try Self.launchNetwork([(1_000_000_000, 1_000_000_000, 1), (1_000_000_000, 1_000_000_000, 2)])
        try network.step(emissionRao: 100_000_000)
        #expect(network.subnets.map(\.taoInjectedRao) == [33_333_333, 66_666_666])
        #expect(network.lastBlock?.unissuedRemainderRao == 1)
    }

    @Test func injectionKeepsThePriceOfOneToOnePools() throws {
        var equal = try Self.launchNetwork([(1_000_000, 1_000_000, 1), (1_000_000, 1_000_000, 1)])
        try equal.step(emissionRao: 1_000_000)
        #expect(equal.subnets.map(\.pool.alphaReserveRao) == [1_500_000, 1_500_000])
        var weighted = try Self.launchNetwork([(1_000_000, 1_000_000, 1), (1_000_000, 1_000_000, 2)])
        try weighted.step(emissionRao: 1_000_000)
        #expect(weighted.subnets.map(\.pool.alphaReserveRao) == [1_333_333, 1_666_666])
    }

    @Test func rootProportionVector() {
        // Root TAO 1e12, tao weight 0.18, alpha issuance 1e11 → ≈ 0.642857.
        let proportion = Network.rootProportion(rootStakeRao: 1_000_000_000_000, alphaIssuanceRao: 100_000_000_000,
                                                taoWeightU64: 3_320_413_933_267_719_290)
        #expect(proportion.decimalString(fractionDigits: 6, rounding: .halfEven) == "0.642857")
        #expect(Network.rootProportion(rootStakeRao: 0, alphaIssuanceRao: 0, taoWeightU64: 3_320_413_933_267_719_290) == .zero)
    }

    @Test func launchSplitSellsTheRootShareAndKeepsTheLedger() throws {
        var network = try Network(rules: .launch2025_02, startIssuanceRao: 2_000_000_000_000, rootStakeRao: 1_000_000_000_000,
                                  subnets: [SubnetConfiguration(netuid: 1, taoReserveRao: 50_000_000_000, alphaReserveRao: 50_000_000_000,
                                                                alphaOutstandingRao: 50_000_000_000, emaPrice: .one)])
        try network.step(emissionRao: 0)
        let subnet = network.subnets[0]
        // alpha_out = 1e9; rest = 1e9 − ⌊1e9·11796/65535⌋-ish; miners = rest/2; root = prop·rest/2.
        let owner = subnet.pendingOwnerRao
        #expect(owner == 179_995_422)
        // In I96F32: cut = ⌊11796·2^32/65535⌋·2^−32, owner = 1e9 ⊗ cut (exact here), rest =
        // 1e9 − owner keeps the fraction, miners = ⌊rest/2⌋.
        let cutRaw = (11_796 << 32) / 65_535 as UInt64
        let restRaw = BigInteger(1_000_000_000 as UInt64).shiftedLeft(by: 32) - BigInteger(1_000_000_000 as UInt64) * BigInteger(cutRaw)
        #expect(BigInteger(subnet.pendingMinerRao) == restRaw.shiftedRightFloor(by: 33))
        let rest = 1_000_000_000 - owner
        let proportion = Network.rootProportion(rootStakeRao: 1_000_000_000_000, alphaIssuanceRao: 101_000_000_000, taoWeightU64: 3_320_413_933_267_719_290)
        let expectedRoot = proportion.approximateDouble * Double(rest) / 2
        #expect(abs(Double(1_000_000_000 - owner - subnet.pendingMinerRao - subnet.pendingValidatorRao) - expectedRoot) <= 3)
        #expect(subnet.rootTaoSoldRao > 0)
        #expect(subnet.pendingRootTaoRao == subnet.rootTaoSoldRao)
        #expect(network.checkConservation().isEmpty)
    }

    @Test func cardSharesFollowPoolTaoAndSumExactly() throws {
        let configurations = [(1, 100_000_000_000), (2, 200_000_000_000), (3, 300_000_000_000)].map {
            SubnetConfiguration(netuid: UInt16($0.0), taoReserveRao: UInt64($0.1), alphaReserveRao: UInt64($0.1), alphaOutstandingRao: 0)
        }
        var network = try Network(rules: .card, startIssuanceRao: 600_000_000_000, subnets: configurations)
        try network.step(emissionRao: 1_000_000_000)
        // 1e9·1/6 = 166,666,666.67, ·2/6 = 333,333,333.33, ·3/6 = 500,000,000: the leftover rao
        // goes to the largest fractional part (subnet 1).
        #expect(network.subnets.map(\.taoInjectedRao) == [166_666_667, 333_333_333, 500_000_000])
        #expect(network.lastBlock?.taoInjectedRao == 1_000_000_000)
        #expect(network.tao.issuanceRao == 601_000_000_000)
    }

    @Test func cardSplitsAlphaOut18_41_41() throws {
        var network = try Network(rules: .card, startIssuanceRao: 1_000_000_000_000,
                                  subnets: [SubnetConfiguration(netuid: 1, taoReserveRao: 1_000_000_000_000, alphaReserveRao: 1_000_000_000_000, alphaOutstandingRao: 0)])
        try network.step()
        let subnet = network.subnets[0]
        #expect(subnet.pendingOwnerRao == 180_000_000)
        #expect(subnet.pendingMinerRao == 410_000_000)
        #expect(subnet.pendingValidatorRao == 410_000_000)
        #expect(subnet.pool.alphaOutstandingRao == 1_000_000_000)
    }

    @Test func epochPaysPendingByFixedShares() throws {
        // netuid 1, tempo 360: epochs at blocks with (block + 2) mod 361 = 0, i.e. 359, 720, …
        var network = try Network(rules: .card, startBlock: 355, startIssuanceRao: 1_000_000_000_000,
                                  subnets: [SubnetConfiguration(netuid: 1, taoReserveRao: 1_000_000_000_000, alphaReserveRao: 1_000_000_000_000,
                                                                alphaOutstandingRao: 0, minerWeights: [3, 1], validatorWeights: [1, 1, 1])])
        try network.step(blocks: 4)  // 355…358
        #expect(network.subnets[0].holders.totalRao == 0)
        try network.step()  // 359: epoch
        let holders = network.subnets[0].holders
        #expect(holders.balance(of: .owner) == 5 * 180_000_000)
        #expect(holders.balance(of: .miner(0)) == 5 * 410_000_000 * 3 / 4)
        #expect(holders.balance(of: .miner(1)) == 5 * 410_000_000 / 4)
        #expect(holders.balance(of: .validator(0)) + holders.balance(of: .validator(1)) + holders.balance(of: .validator(2)) == 5 * 410_000_000)
        #expect(network.subnets[0].pendingAlphaRao == 0)
        #expect(network.checkConservation().isEmpty)
    }

    @Test func cappedInjectionRaisesThePriceUnderBothRules() throws {
        for rules in [RuleSet.card, .launch2025_02] {
            // A price of 0.001 TAO: 1 TAO of emission would need 1,000 alpha, capped at 1.
            var network = try Network(rules: rules, startIssuanceRao: 1_000_000_000_000,
                                      subnets: [SubnetConfiguration(netuid: 1, taoReserveRao: 1_000_000_000_000, alphaReserveRao: 1_000_000_000_000_000,
                                                                    alphaOutstandingRao: 0, emaPrice: .one)])
            let before = network.subnets[0].pool.spotPrice
            try network.step()
            #expect(network.subnets[0].alphaInjectedRao == 1_000_000_000)
            #expect(network.subnets[0].pool.spotPrice > before)
        }
    }
}

@Suite struct SubnetTempoTests {
    @Test func aSubnetsOwnTempoSetsItsEpochs() throws {
        // netuid 1 with tempo 9: epochs where (block + 2) mod 10 = 0, i.e. 8, 18, …
        var network = try Network(rules: .card, startIssuanceRao: 1_000_000_000_000,
                                  subnets: [SubnetConfiguration(netuid: 1, taoReserveRao: 1_000_000_000_000, alphaReserveRao: 1_000_000_000_000,
                                                                alphaOutstandingRao: 0, tempo: 9)])
        try network.step(blocks: 8)
        #expect(network.subnets[0].holders.totalRao == 0)
        try network.step()
        #expect(network.subnets[0].holders.totalRao == 9 * 1_000_000_000)
        #expect(network.checkConservation().isEmpty)
        var never = try Network(rules: .card, startIssuanceRao: 1_000_000_000_000,
                                subnets: [SubnetConfiguration(netuid: 1, taoReserveRao: 1_000_000_000_000, alphaReserveRao: 1_000_000_000_000,
                                                              alphaOutstandingRao: 0, tempo: 0)])
        try never.step(blocks: 1_000)
        #expect(never.subnets[0].holders.totalRao == 0)
        #expect(never.subnets[0].pendingAlphaRao == 1_000 * 1_000_000_000)
    }
}
