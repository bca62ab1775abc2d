import FixedMath
@testable import TaoEconomics
import Testing

/// Every invariant can fail: each test breaks one thing through a test-only path (internal
/// state or a forged observation, never reachable from a scenario) and expects the checker to
/// name that invariant.
@Suite struct InvariantCheckerTests {
    static func network(_ rules: RuleSet = .card) throws -> Network {
        var network = try Network(rules: rules, startBlock: 100, startIssuanceRao: 10_000_000_000_000, rootStakeRao: 1_000_000_000_000,
                                  subnets: [SubnetConfiguration(netuid: 1, taoReserveRao: 1_000_000_000_000, alphaReserveRao: 3_000_000_000_000,
                                                                alphaOutstandingRao: 1_000_000_000_000, emaPrice: .one),
                                            SubnetConfiguration(netuid: 2, taoReserveRao: 50_000_000_000, alphaReserveRao: 900_000_000_000,
                                                                alphaOutstandingRao: 10_000_000_000, emaPrice: .one)])
        InvariantChecker().prepare(&network)
        try network.step()
        return network
    }

    static func violation(_ network: inout Network, only invariant: Invariant) -> InvariantViolation? {
        var checker = InvariantChecker(enabled: [invariant])
        return checker.checkBlock(&network)
    }

    @Test(arguments: [RuleSet.card, .launch2025_02])
    func aCorrectNetworkPassesEveryInvariantEveryBlock(_ rules: RuleSet) throws {
        var network = try Self.network(rules)
        var checker = InvariantChecker()
        checker.prepare(&network)
        for block in 0..<800 {
            if block % 97 == 0 {
                try network.stake(netuid: 1, holder: .staker("a"), taoRao: 5_000_000_000)
                try network.unstake(netuid: 2, holder: .staker("others"), alphaRao: 1_000_000_000)
                #expect(checker.checkOperations(&network) == nil)
            }
            try network.step()
            let violation = checker.checkBlock(&network)
            #expect(violation == nil, "\(violation!)")
            if violation != nil { return }
        }
    }

    @Test func supplyCapCatchesIssuanceAboveTwentyOneMillion() throws {
        var network = try Self.network()
        network.tao.mintedRao = Supply.capRao + 1
        #expect(Self.violation(&network, only: .supplyCap)?.invariant == .supplyCap)
        var alpha = try Self.network()
        try alpha.subnets[0].pool.mintOutstanding(Supply.capRao)
        #expect(Self.violation(&alpha, only: .supplyCap)?.netuid == 1)
    }

    @Test func taoConservationCatchesOneLostRao() throws {
        var network = try Self.network()
        network.tao.freeRao -= 1
        let violation = Self.violation(&network, only: .taoConservation)
        #expect(violation?.invariant == .taoConservation)
        #expect(violation?.details.contains("free") == true)
        var drifted = try Self.network()
        try drifted.subnets[1].pool.apply(drifted.subnets[1].pool.injectionQuote(tao: TaoInjection(rao: 1), alphaCapRao: 0, rounding: .exactFloor))
        #expect(Self.violation(&drifted, only: .taoConservation)?.details.contains("running totals") == true)
    }

    @Test func alphaConservationCatchesOneUnaccountedRao() throws {
        var network = try Self.network()
        try network.subnets[1].pool.mintOutstanding(1)
        let violation = Self.violation(&network, only: .alphaConservation)
        #expect(violation?.invariant == .alphaConservation && violation?.netuid == 2)
        var minted = try Self.network()
        minted.subnets[0].alphaMintedRao += 1
        #expect(Self.violation(&minted, only: .alphaConservation)?.netuid == 1)
    }

    @Test func constantProductCatchesAFallingKAndALowReserve() throws {
        var network = try Self.network()
        network.observations.swaps.append(SwapObservation(
            netuid: 1, side: .stake, taoBeforeRao: 1_000, alphaBeforeRao: 1_000, taoAfterRao: 1_100, alphaAfterRao: 900,
            newInputReserveRao: 1_100, outputReserveAfterRao: 900, minimumOutputReserveRao: 0, curve: .constantProduct(.exactFloor)))
        #expect(Self.violation(&network, only: .constantProduct)?.details.contains("k fell") == true)
        var launch = try Self.network()
        // Under I110F18 k may fall by less than the new input reserve (1,100), not by 1,100.
        launch.observations.swaps.append(SwapObservation(
            netuid: 1, side: .stake, taoBeforeRao: 1_000, alphaBeforeRao: 1_000, taoAfterRao: 1_100, alphaAfterRao: 908,
            newInputReserveRao: 1_100, outputReserveAfterRao: 908, minimumOutputReserveRao: 0, curve: .constantProduct(.launchI110F18)))
        #expect(Self.violation(&launch, only: .constantProduct)?.invariant == .constantProduct)
        var low = try Self.network()
        low.observations.swaps.append(SwapObservation(
            netuid: 2, side: .unstake, taoBeforeRao: 1_000, alphaBeforeRao: 1_000, taoAfterRao: 500, alphaAfterRao: 2_000,
            newInputReserveRao: 2_000, outputReserveAfterRao: 500, minimumOutputReserveRao: 1_000, curve: .constantProduct(.exactFloor)))
        #expect(Self.violation(&low, only: .constantProduct)?.details.contains("below the minimum") == true)
    }

    @Test func injectionCatchesAFallingPriceAndAShortAlphaIn() throws {
        var network = try Self.network()
        network.observations.injections.append(Injection(
            netuid: 1, taoBeforeRao: 1_000, alphaBeforeRao: 1_000, taoInRao: 100, alphaInRao: 101, alphaCapRao: 1_000,
            taoInFixedRaw: 100 << 32, rounding: .exactFloor, capped: false))
        #expect(Self.violation(&network, only: .injection)?.details.contains("price fell") == true)
        var short = try Self.network()
        short.observations.injections.append(Injection(
            netuid: 1, taoBeforeRao: 1_000, alphaBeforeRao: 1_000, taoInRao: 100, alphaInRao: 98, alphaCapRao: 1_000,
            taoInFixedRaw: 100 << 32, rounding: .exactFloor, capped: false))
        #expect(Self.violation(&short, only: .injection)?.details.contains("short of price-neutral") == true)
        var launch = try Self.network()
        launch.observations.injections.append(Injection(
            netuid: 1, taoBeforeRao: 1_000, alphaBeforeRao: 1_000, taoInRao: 100, alphaInRao: 102, alphaCapRao: 1_000,
            taoInFixedRaw: 100 << 32, rounding: .launchI96F32, capped: false))
        #expect(Self.violation(&launch, only: .injection)?.invariant == .injection)
    }

    @Test func sharesSumCatchesALostRao() throws {
        var network = try Self.network()
        let summary = try #require(network.lastBlock)
        network.lastBlock = BlockSummary(block: summary.block, emissionRao: summary.emissionRao, taoInjectedRao: summary.taoInjectedRao - 1,
                                         unissuedRemainderRao: 0, issuedRao: summary.issuedRao)
        #expect(Self.violation(&network, only: .sharesSum)?.invariant == .sharesSum)
        var unrouted = try Self.network()
        unrouted.lastBlock = BlockSummary(block: summary.block, emissionRao: summary.emissionRao, taoInjectedRao: summary.taoInjectedRao - 1,
                                          unissuedRemainderRao: 1, issuedRao: summary.issuedRao)
        #expect(Self.violation(&unrouted, only: .sharesSum)?.details.contains("unrouted") == true)
    }

    @Test func emissionScheduleCatchesAWrongEmission() throws {
        var network = try Self.network(.launch2025_02)
        let summary = try #require(network.lastBlock)
        network.lastBlock = BlockSummary(block: summary.block, emissionRao: summary.emissionRao + 1, taoInjectedRao: summary.taoInjectedRao,
                                         unissuedRemainderRao: 1, issuedRao: summary.issuedRao)
        #expect(Self.violation(&network, only: .emissionSchedule)?.invariant == .emissionSchedule)
        // And a rising emission while issuance grows, through a forged history.
        var rising = try Self.network()
        var checker = InvariantChecker(enabled: [.emissionSchedule])
        checker.previousEmission = (block: 50, issuance: 0, emission: 500_000_000)
        #expect(checker.checkBlock(&rising)?.details.contains("rose") == true)
    }
}
