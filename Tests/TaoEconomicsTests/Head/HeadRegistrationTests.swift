import FixedMath
@testable import TaoEconomics
import Testing

/// HEAD registration (§5.1–§5.2), start call and emission switch, pruning and dissolution (§5.4).
@Suite struct HeadRegistrationTests {
    static let startBlock: UInt64 = 8_000_000

    static func subnet(_ netuid: Int, taoRao: UInt64 = 400_000_000_000_000, registeredAt: UInt64 = 0) -> SubnetConfiguration {
        SubnetConfiguration(netuid: UInt16(netuid), taoReserveRao: taoRao, alphaReserveRao: 1_000_000_000_000_000,
                            alphaOutstandingRao: 4_000_000_000_000_000, registeredAtBlock: registeredAt)
    }

    static func network(_ subnets: [SubnetConfiguration], options: NetworkOptions = NetworkOptions()) throws -> Network {
        try Network(rules: .head2026_06, startBlock: startBlock, startIssuanceRao: 10_950_000_000_000_000,
                    rootStakeRao: 4_500_000_000_000_000, subnets: subnets, options: options)
    }

    @Test func theLockStartsAt2500TaoAndDecaysOverTheHalvedInterval() throws {
        var network = try Self.network([Self.subnet(1)])
        // Last lock 1,250 TAO at the start block: ×2, decaying by ⌊1,250e9 / 28,800⌋ a block
        // (the 57,600-block interval halved at 0.5 TAO a block).
        #expect(network.lockReductionIntervalBlocks == 28_800)
        #expect(network.lockCostRao == 2_500_000_000_000)
        try network.step(blocks: 1_000)
        #expect(network.lockCostRao == 2_500_000_000_000 - 1_250_000_000_000 / 28_800 * 1_000)
    }

    @Test func aRegistrationWithinTheRateLimitIsRefused() throws {
        var network = try Self.network([Self.subnet(1)])
        let before = network
        #expect(throws: NetworkError.rateLimited(lastBlock: Self.startBlock, nextBlock: Self.startBlock + 28_800)) {
            try network.registerSubnet()
        }
        #expect(network == before)
        // With no earlier registration (last lock block 0), the first one passes at ×1.
        var fresh = try Self.network([Self.subnet(1)], options: NetworkOptions(lastLockBlock: 0))
        #expect(fresh.lockCostRao == 1_250_000_000_000)
        #expect(throws: Never.self) { try fresh.registerSubnet() }
    }

    @Test func aNewSubnetHoldsTheWholeLockAtTheMedianPriceAndWaitsForRoot() throws {
        // Spot prices (weights ½) 0.4, 0.2, 0.1: median 0.2.
        var network = try Self.network([Self.subnet(1), Self.subnet(2, taoRao: 200_000_000_000_000), Self.subnet(4, taoRao: 100_000_000_000_000)],
                                       options: NetworkOptions(lastLockBlock: 0))
        let median = network.medianSpotPriceU64F64()
        #expect(median == BalancerMath.price(alphaReserveRao: 1_000_000_000_000_000, taoReserveRao: 200_000_000_000_000, quoteWeight: .half))
        let registration = try network.registerSubnet()
        #expect(registration.netuid == 3)
        #expect(registration.taoReserveRao == registration.lockRao)
        #expect(registration.recycledRao == 0)
        #expect(UInt128(registration.alphaReserveRao) == (UInt128(registration.lockRao) << 64) / median)
        let subnet = try #require(network.subnet(3))
        #expect(subnet.pool.quoteWeight == .half)
        #expect(subnet.pool.emaPriceRaw == 0)
        #expect(subnet.startCallBlock == Self.startBlock + 1)
        #expect(!subnet.emissionEnabled)
        #expect(subnet.lastEpochBlock == Self.startBlock - 3)
        // This block it does not emit; the next it mints alpha_out but gets no TAO.
        try network.step()
        #expect(network.subnet(3)?.alphaOutRao == 0)
        try network.step()
        #expect(network.subnet(3)?.alphaOutRao == 1_000_000_000)
        #expect(network.subnet(3)?.taoInjectedRao == 0)
        #expect(network.subnet(3)?.chainBuyTaoRao == 0)
        // Once root enables it, it gets a TAO share (its EMA started at 0 and has warmed up a little).
        try network.enableEmission(netuid: 3)
        try network.step(blocks: 10)
        let enabled = try #require(network.subnet(3))
        #expect(enabled.taoInjectedRao + enabled.chainBuyTaoRao > 0)
        #expect(network.checkConservation().isEmpty)
        #expect(throws: NetworkError.unknownSubnet(9)) { try network.enableEmission(netuid: 9) }
    }

    @Test func pruningPaysTheStakersAndRecyclesTheProtocolsShare() throws {
        let subnets = (1...128).map { Self.subnet($0, taoRao: 10_000_000_000_000 + UInt64($0) * 100_000_000_000) }
        var network = try Self.network(subnets, options: NetworkOptions(lastLockBlock: 0))
        // Some chain buys first, so the protocol holds alpha on every subnet.
        try network.step(blocks: 5)
        let victim = try #require(network.subnet(1))
        #expect(victim.holders.balance(of: .protocol) > 0)
        let payouts = network.dissolutionPayouts(netuid: 1)
        let protocolPart = try #require(payouts.first { $0.holder == .protocol }).taoRao
        #expect(payouts.reduce(0) { $0 + $1.taoRao } == victim.pool.taoReserveRao)
        // The protocol weighs pool alpha + protocol alpha.
        let weights = victim.holders.positiveBalances.filter { ![.dust, .protocol, .rootClaimable].contains($0.holder) }.reduce(0) { $0 + $1.rao }
        let protocolWeight = victim.pool.alphaReserveRao + victim.holders.balance(of: .protocol)
        let exact = Double(victim.pool.taoReserveRao) * Double(protocolWeight) / Double(weights + protocolWeight)
        #expect(abs(Double(protocolPart) - exact) <= 1)
        let before = network
        let registration = try network.registerSubnet()
        #expect(registration.prunedNetuid == 1)
        #expect(registration.netuid == 1)
        #expect(registration.prunedPayoutRao == victim.pool.taoReserveRao - protocolPart)
        #expect(network.tao.recycledRao == before.tao.recycledRao + protocolPart + victim.accountTaoRao)
        #expect(network.tao.freeRao == before.tao.freeRao + registration.prunedPayoutRao - registration.lockRao)
        #expect(network.checkConservation().isEmpty)
    }

    @Test func aSubnetStartsEmittingAtItsStartCall() throws {
        var configuration = Self.subnet(2)
        configuration.startCallBlock = Self.startBlock + 3
        configuration.emaPrice = .zero
        var network = try Self.network([Self.subnet(1), configuration])
        try network.step(blocks: 3)
        #expect(network.subnet(2)?.alphaOutRao == 0)
        let ema = network.subnet(2)?.pool.emaPriceRaw
        try network.step()  // the start-call block: it emits; b = 0 leaves its EMA where it was
        #expect(network.subnet(2)?.alphaOutRao == 1_000_000_000)
        #expect(network.subnet(2)?.pool.emaPriceRaw == ema)
        try network.step()
        #expect(network.subnet(2)?.pool.emaPriceRaw != ema)
        var early = Self.subnet(3, registeredAt: 10)
        early.startCallBlock = 5
        #expect(throws: NetworkError.self) { try Self.network([early]) }
    }
}
