import FixedMath
@testable import TaoEconomics
import Testing

/// Subnets paid from Yuma epochs in a running network: the ledger, the invariant, the owner's
/// burn, UIDs reused by new miners, and the behaviour model's roles.
@Suite struct ConsensusPayoutTests {
    static func settings(_ mechanism: YumaMechanism = .yuma3, validators: Int = 8, copiers: Double = 0, seed: UInt64 = 1) -> ConsensusSettings {
        ConsensusSettings(parameters: YumaParameters(mechanism: mechanism, liquidAlpha: LiquidAlpha()),
                          validatorAlphaRao: (1...validators).map { UInt64(1_000_000_000_000 / $0) },
                          behaviour: WeightBehaviour(qualitySigma: 0.5, drift: 0.05, noise: 0.2, exponent: 2, copierStakeShare: copiers), seed: seed)
    }

    static func cardNetwork(miners: Int = 16) throws -> Network {
        let subnet = SubnetConfiguration(netuid: 1, taoReserveRao: 100_000_000_000_000, alphaReserveRao: 1_000_000_000_000_000,
                                         alphaOutstandingRao: 1_000_000_000_000_000, minerWeights: Array(repeating: 1, count: miners))
        return try Network(rules: .card, startBlock: 1_000_000, startIssuanceRao: 9_000_000_000_000_000, subnets: [subnet])
    }

    /// Every epoch pays all pending miners' and validators' alpha (UIDs + dust), the checker
    /// sees each epoch and passes, and the ledger balances.
    @Test(arguments: [YumaMechanism.yuma, .yuma3])
    func epochsPayEveryRaoAndKeepTheInvariants(_ mechanism: YumaMechanism) throws {
        var network = try Self.cardNetwork()
        try network.setConsensus(netuid: 1, settings: Self.settings(mechanism, copiers: 0.2))
        var checker = InvariantChecker()
        checker.prepare(&network)
        var epochs = 0
        for _ in 0..<(361 * 6) {
            try network.step()
            epochs += network.observations.epochs.count
            if let violation = checker.checkBlock(&network) { Issue.record("\(violation)"); return }
        }
        #expect(epochs == 6)
        #expect(network.checkConservation().isEmpty)
        let consensus = try #require(network.subnets[0].consensus)
        #expect(consensus.epochs == 6)
        #expect(consensus.scores?.incentive.reduce(0) { $0 + Int($1) } ?? 0 > 60_000)
        // Miners earned by incentive, not equally: their holdings differ.
        let holdings = (0..<16).map { network.subnets[0].holders.balance(of: .miner($0)) }
        #expect(Set(holdings).count > 8)
        #expect((0..<8).allSatisfy { network.subnets[0].holders.balance(of: .validator($0)) > 0 })
    }

    /// The checker reports an epoch whose payout or scores are off.
    @Test func theInvariantCatchesABrokenEpoch() {
        let good = EpochObservation(netuid: 1, uids: 4, incentiveSumRaw: EpochFixed.one - 2, dividendsSumRaw: 0, bondRangeRaw: (0, EpochFixed.one),
                                    pendingRao: 100, paidRao: 97, withheldRao: 2, dustRao: 1)
        #expect(InvariantChecker.epochProblem(good) == nil)
        let lost = EpochObservation(netuid: 1, uids: 4, incentiveSumRaw: EpochFixed.one, dividendsSumRaw: 0, bondRangeRaw: (0, 1),
                                    pendingRao: 100, paidRao: 97, withheldRao: 2, dustRao: 0)
        #expect(InvariantChecker.epochProblem(lost)?.contains("pending 100") == true)
        let short = EpochObservation(netuid: 1, uids: 4, incentiveSumRaw: EpochFixed.one - 5, dividendsSumRaw: 0, bondRangeRaw: (0, 1),
                                     pendingRao: 0, paidRao: 0, withheldRao: 0, dustRao: 0)
        #expect(InvariantChecker.epochProblem(short)?.contains("incentive") == true)
        let bond = EpochObservation(netuid: 1, uids: 4, incentiveSumRaw: 0, dividendsSumRaw: 0, bondRangeRaw: (0, EpochFixed.one + 1),
                                    pendingRao: 0, paidRao: 0, withheldRao: 0, dustRao: 0)
        #expect(InvariantChecker.epochProblem(bond)?.contains("bonds") == true)
    }

    /// HEAD with miner burn: validators give the owner's UID the burn share, its incentive is
    /// withheld and burned, and MinerBurned is what the epoch withheld.
    @Test func theOwnerUIDsIncentiveIsBurnedAndSetsMinerBurned() throws {
        let quarter = Perquintill(parts: 250_000_000_000_000_000)!
        var network = try HeadEpochTests.network(count: 1, burn: quarter)
        try network.setMiners(netuid: 1, ids: Array(0..<12), weights: Array(repeating: 1, count: 12))
        try network.setConsensus(netuid: 1, settings: Self.settings(.yuma3))
        let burnedBefore = network.subnets[0].alphaBurnedRao
        try network.step(blocks: 360)
        let subnet = network.subnets[0]
        let consensus = try #require(subnet.consensus)
        #expect(consensus.ownerUID == 8 && consensus.epochs == 1)
        let withheld = subnet.alphaBurnedRao - burnedBefore
        #expect(withheld > 0)
        #expect(consensus.earnedRao[8] == withheld)
        // The owner UID got about a quarter of the incentive (the honest validators' burn share;
        // clipping the miners' columns moves it a little).
        let incentive = try #require(consensus.scores?.incentive)
        #expect(abs(Double(incentive[8]) / 65_535 - 0.25) < 0.05)
        #expect(subnet.minerBurnedRaw > 0 && subnet.minerBurnedRaw < UInt128(1) << 31)
        #expect(network.checkConservation().isEmpty)
    }

    /// A miner that leaves frees its UID; the next newcomer takes it, registered at that block,
    /// so the validators' bonds on the UID no longer count for it.
    @Test func newMinersReuseFreedUIDs() throws {
        var network = try Self.cardNetwork(miners: 4)
        try network.setConsensus(netuid: 1, settings: Self.settings(.yuma, validators: 2))
        try network.step(blocks: 361 * 2)
        var consensus = try #require(network.subnets[0].consensus)
        #expect(consensus.minerInUID == [0, 1, 2, 3])
        try network.setMiners(netuid: 1, ids: [0, 2, 3, 9], weights: [1, 1, 1, 1])
        try network.step(blocks: 361)
        consensus = try #require(network.subnets[0].consensus)
        #expect(consensus.minerInUID == [0, 9, 2, 3])
        let uid = consensus.firstMinerUID + 1
        #expect(consensus.registeredAt[uid] > consensus.registeredAt[uid + 1])
        #expect(consensus.logQuality[1] == nil && consensus.logQuality[9] != nil)
        #expect(network.checkConservation().isEmpty)
    }

    /// Roles by stake: copiers from the largest stake down while within their share.
    @Test func rolesFillTheirStakeShares() {
        let roles = ValidatorRole.assign(stakes: [50, 30, 10, 10], copierShare: 0.4, colluderShare: 0.1)
        #expect(roles == [.honest, .copier, .copier, .colluder])
        #expect(ValidatorRole.assign(stakes: [1, 1], copierShare: 0, colluderShare: 0) == [.honest, .honest])
    }

    /// The same seed gives the same epochs; another seed other weights.
    @Test func theBehaviourIsSeeded() throws {
        func run(_ seed: UInt64) throws -> [UInt16] {
            var network = try Self.cardNetwork()
            try network.setConsensus(netuid: 1, settings: Self.settings(seed: seed))
            try network.step(blocks: 361 * 3)
            return network.subnets[0].consensus?.scores?.incentive ?? []
        }
        #expect(try run(5) == run(5))
        #expect(try run(5) != run(6))
    }
}
