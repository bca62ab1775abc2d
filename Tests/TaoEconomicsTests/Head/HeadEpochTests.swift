import FixedMath
@testable import TaoEconomics
import Testing

/// HEAD's epochs (§2.5): the scheduler, the payout with miner burn, root claims.
@Suite struct HeadEpochTests {
    static let startBlock: UInt64 = 8_000_000

    /// Subnets 1…count with Σ EMA prices above 1 (root alpha accrues) and 4.5M TAO on root.
    static func network(count: Int = 4, rules: RuleSet = .head2026_06, claim: RootClaim = .swap, burn: Perquintill = .zero,
                        tempo: UInt64? = nil) throws -> Network {
        let subnets = (1...count).map { netuid in
            SubnetConfiguration(netuid: UInt16(netuid), taoReserveRao: 400_000_000_000_000, alphaReserveRao: 1_000_000_000_000_000,
                                alphaOutstandingRao: 4_000_000_000_000_000, tempo: tempo, minerBurnFraction: netuid == 1 ? burn : .zero)
        }
        return try Network(rules: rules, startBlock: startBlock, startIssuanceRao: 10_950_000_000_000_000, rootStakeRao: 4_500_000_000_000_000,
                           subnets: subnets, options: NetworkOptions(rootClaim: claim))
    }

    @Test func epochsAreStaggeredByNetuidFromTheStart() throws {
        var network = try Self.network()
        // LastEpochBlock = start − (netuid mod 360): subnet k's first epoch is at start + 360 − k.
        #expect(network.subnets.map(\.lastEpochBlock) == (1...4).map { Self.startBlock - UInt64($0) })
        try network.step(blocks: 356)
        #expect(network.subnets[3].lastEpochBlock == Self.startBlock - 4)
        try network.step()  // block start + 356
        #expect(network.subnets[3].lastEpochBlock == Self.startBlock + 356)
        #expect(network.subnets[3].pendingAlphaRao == 0)
        #expect(network.subnets[0].lastEpochBlock == Self.startBlock - 1)
        #expect(network.checkConservation().isEmpty)
    }

    @Test func atMostTwoEpochsRunInABlockAndTheRestWaitOne() throws {
        // Tempo 4, netuids 4, 8, 12: each stagger is 0, so all three are due together.
        let subnets = [4, 8, 12].map { netuid in
            SubnetConfiguration(netuid: UInt16(netuid), taoReserveRao: 400_000_000_000_000, alphaReserveRao: 1_000_000_000_000_000,
                                alphaOutstandingRao: 4_000_000_000_000_000, tempo: 4)
        }
        var network = try Network(rules: .head2026_06, startBlock: Self.startBlock, startIssuanceRao: 10_950_000_000_000_000,
                                  rootStakeRao: 4_500_000_000_000_000, subnets: subnets)
        try network.step(blocks: 4)  // blocks start…start+3
        #expect(network.subnets.map(\.lastEpochBlock) == [Self.startBlock, Self.startBlock, Self.startBlock])
        try network.step()  // start + 4: all three due; 4 and 8 run, 12 is deferred
        #expect(network.subnets.map(\.lastEpochBlock) == [Self.startBlock + 4, Self.startBlock + 4, Self.startBlock])
        #expect(network.subnets[2].pendingEpochAt == Self.startBlock + 5)
        try network.step()
        #expect(network.subnets[2].lastEpochBlock == Self.startBlock + 5)
        #expect(network.subnets[2].pendingEpochAt == 0)
    }

    @Test func theOwnerHotkeyBurnsItsFractionOfTheMinersAlphaAndMinerBurnedFollows() throws {
        let quarter = Perquintill(parts: 250_000_000_000_000_000)!
        var network = try Self.network(burn: quarter)
        // MinerBurned starts at the configured fraction, in U96F32.
        #expect(network.subnets[0].minerBurnedRaw == UInt128(1) << 30)
        try network.step(blocks: 359)
        let before = network.subnets[0]
        try network.step()  // subnet 1's epoch
        let after = network.subnets[0]
        let paid = after.holders.balance(of: .miner(0))
        let burned = after.alphaBurnedRao - before.alphaBurnedRao
        // ⌊miners' alpha · ¼⌋ burned, the rest paid: burned = ⌊(paid + burned) / 4⌋.
        #expect(burned == (paid + burned) / 4)
        #expect(after.minerBurnedRaw == (UInt128(burned) << 32) / UInt128(paid + burned))
        #expect(network.checkConservation().isEmpty)
    }

    @Test func burningMinersLosesTaoShare() throws {
        var burning = try Self.network(burn: .one)
        var honest = try Self.network()
        try burning.step()
        try honest.step()
        #expect(burning.subnets[0].taoInjectedRao + burning.subnets[0].chainBuyTaoRao == 0)
        #expect(honest.subnets[0].taoInjectedRao + honest.subnets[0].chainBuyTaoRao > 0)
        #expect(burning.subnets[1].chainBuyTaoRao + burning.subnets[1].taoInjectedRao
                > honest.subnets[1].chainBuyTaoRao + honest.subnets[1].taoInjectedRao)
    }

    @Test func swappedClaimsGrowRootStakeByTheTaoTheySoldFor() throws {
        var network = try Self.network()
        try network.step(blocks: 359)
        let before = network
        try network.step()  // the epoch: root alpha becomes claimable and is claimed at once
        let subnet = network.subnets[0]
        #expect(subnet.holders.balance(of: .rootClaimable) == 0)
        #expect(subnet.rootClaimedAlphaRao > before.subnets[0].rootClaimedAlphaRao)
        #expect(network.rootClaimedAlphaRao - before.rootClaimedAlphaRao == subnet.rootClaimedAlphaRao - before.subnets[0].rootClaimedAlphaRao)
        let rootGain = network.tao.rootStakeRao - before.tao.rootStakeRao
        #expect(rootGain > 0)
        // The TAO came out of the pool: the pool's TAO grew by this block's injection and buy
        // less what the claim sold for.
        let poolIn = (subnet.taoInjectedRao - before.subnets[0].taoInjectedRao)
            + (subnet.chainBuyTaoRao - before.subnets[0].chainBuyTaoRao) - (subnet.accountTaoRao - before.subnets[0].accountTaoRao)
        #expect(subnet.pool.taoReserveRao == before.subnets[0].pool.taoReserveRao + poolIn - rootGain)
        #expect(network.checkConservation().isEmpty)
    }

    @Test func keptClaimsStayAlphaWithTheRootStakers() throws {
        var network = try Self.network(claim: .keep)
        try network.step(blocks: 360)
        let subnet = network.subnets[0]
        #expect(network.tao.rootStakeRao == 4_500_000_000_000_000)
        #expect(subnet.holders.balance(of: .rootStakers) == subnet.rootClaimedAlphaRao)
        #expect(subnet.holders.balance(of: .rootStakers) > 0)
        #expect(network.checkConservation().isEmpty)
    }

    @Test func withPricesSummingToOneOrLessRootAlphaIsRecycled() throws {
        // One subnet at price 0.4: Σ EMA = 0.4 ≤ 1.
        var network = try Self.network(count: 1)
        try network.step(blocks: 400)
        let subnet = network.subnets[0]
        #expect(subnet.alphaRecycledRao > 0)
        #expect(subnet.rootClaimedAlphaRao == 0)
        #expect(network.tao.rootStakeRao == 4_500_000_000_000_000)
        #expect(network.checkConservation().isEmpty)
    }
}
