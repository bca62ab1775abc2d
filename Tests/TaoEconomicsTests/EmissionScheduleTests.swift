import FixedMath
import PropertyBased
import TaoEconomics
import Testing

@Suite struct EmissionScheduleTests {
    static let schedules = [EmissionSchedule(trigger: .issuance), EmissionSchedule(trigger: .blocks)]

    /// The card's vector: emission ends at block 315,000,000 with 20,999,999,863,500,000 rao.
    @Test func cardEndsAtBlock315MillionWithTheVectorTotal() {
        let card = EmissionSchedule(trigger: .blocks)
        #expect(card.issuance(atBlock: 315_000_000) == 20_999_999_863_500_000)
        #expect(card.issuance(atBlock: 400_000_000) == 20_999_999_863_500_000)
        let last = card.segments().last
        #expect(last?.startBlock == 315_000_000)
        #expect(last?.emissionRaoPerBlock == 0)
        #expect(card.segments().count == 31)
    }

    /// Era lengths in issuance mode follow ceil((T_{k+1} − I_k) / e_k) with T from the closed form;
    /// from era 10 the floored emission makes eras slightly longer than 10.5M blocks.
    @Test func issuanceErasFollowTheThresholds() throws {
        let segments = EmissionSchedule(trigger: .issuance).segments()
        #expect(segments.count == 31)
        let cap = BigInteger(Supply.capRao)
        for (k, segment) in segments.enumerated() where k < 30 {
            let power = BigInteger.powerOfTwo(k + 1)
            let nextThreshold = try (cap * (power - .one)).divided(by: power, rounding: .ceiling)
            let emission = BigInteger(Supply.initialBlockEmissionRao >> UInt64(k))
            let expectedLength = try (nextThreshold - BigInteger(segment.startIssuanceRao)).divided(by: emission, rounding: .ceiling)
            #expect(segment.emissionRaoPerBlock == Supply.initialBlockEmissionRao >> UInt64(k))
            #expect(segment.blockCount.map(BigInteger.init) == expectedLength, "era \(k)")
        }
        #expect(segments[9].blockCount == 10_500_000)
        #expect(segments[10].emissionRaoPerBlock == 976_562)
        #expect(segments[10].blockCount == 10_500_006)
        #expect(segments[30].emissionRaoPerBlock == 0)
        #expect(segments[30].startIssuanceRao == 20_999_999_980_442_226)
    }

    /// Fast-forward equals the per-block walk: around every era boundary of both modes,
    /// issuance(b + 1) = issuance(b) + emission(b, issuance(b)), and reaching a value agrees.
    @Test(arguments: schedules)
    func fastForwardEqualsPerBlockWalkAtEveryBoundary(_ schedule: EmissionSchedule) {
        for segment in schedule.segments() {
            let start = segment.startBlock >= 5 ? segment.startBlock - 5 : 0
            var issuance = schedule.issuance(atBlock: start)
            for block in start..<(segment.startBlock + 5) {
                #expect(schedule.issuance(atBlock: block) == issuance, "block \(block)")
                #expect(schedule.firstBlock(reachingIssuance: issuance).map { $0 <= block } == true)
                issuance += schedule.emission(block: block, issuanceRao: issuance)
            }
        }
    }

    /// A whole era walked block by block (era 29, the longest in issuance mode but with tiny
    /// emission, is too long for a debug test; era 0 of a late start is walked instead).
    @Test func fullWalkFromALateStartMatches() {
        let schedule = EmissionSchedule(trigger: .issuance)
        let startIssuance: UInt64 = 20_999_999_960_000_000
        var issuance = startIssuance
        for block in 0..<200_000 as Range<UInt64> {
            if block % 9_973 == 0 {
                #expect(schedule.issuance(atBlock: block, issuanceRao: startIssuance) == issuance)
            }
            issuance += schedule.emission(block: block, issuanceRao: issuance)
        }
        #expect(schedule.issuance(atBlock: 200_000, issuanceRao: startIssuance) == issuance)
    }

    @Test(arguments: schedules)
    func issuanceNeverPassesTheCap(_ schedule: EmissionSchedule) async {
        await propertyCheck(count: 1_000, input: Gen.uint64(in: 0...21_000_000_000_000_000), Gen.uint64(in: 0...1_000_000_000)) { start, blocks in
            let end = schedule.issuance(atBlock: blocks, from: 0, issuanceRao: start)
            #expect(end <= Supply.capRao)
            #expect(end >= start)
        }
        // A start just below the cap in block mode is clipped, not overshot.
        let nearCap = Supply.capRao - 10
        #expect(EmissionSchedule(trigger: .blocks).issuance(atBlock: 5, issuanceRao: nearCap) == Supply.capRao)
        #expect(EmissionSchedule(trigger: .blocks).emission(block: 0, issuanceRao: Supply.capRao) == 0)
    }

    @Test(arguments: schedules)
    func firstBlockReachingIsTheInverseOfIssuance(_ schedule: EmissionSchedule) async {
        await propertyCheck(count: 1_000, input: Gen.uint64(in: 0...20_999_999_800_000_000)) { target in
            guard let block = schedule.firstBlock(reachingIssuance: target) else {
                Issue.record("target \(target) never reached")
                return
            }
            #expect(schedule.issuance(atBlock: block) >= target)
            if block > 0 { #expect(schedule.issuance(atBlock: block - 1) < target) }
        }
        #expect(schedule.firstBlock(reachingIssuance: Supply.capRao) == nil)
    }
}

/// Recycling and burning are operations on the network's TAO ledger.
@Suite struct RecycleAndBurnTests {
    static func network(issuanceRao: UInt64, rules: RuleSet = .launch2025_02) throws -> Network {
        try Network(rules: rules, startIssuanceRao: issuanceRao,
                    subnets: [SubnetConfiguration(netuid: 1, taoReserveRao: 1_000_000_000_000, alphaReserveRao: 1_000_000_000_000,
                                                  alphaOutstandingRao: 0, emaPrice: .one)])
    }

    @Test func recyclingLowersIssuanceAndBurningDoesNot() throws {
        let threshold = BlockEmission.thresholds[1]
        var recycled = try Self.network(issuanceRao: threshold - 1)
        var burned = recycled
        try recycled.recycleTao(5_000_000_000)
        try burned.burnTao(5_000_000_000)
        #expect(recycled.tao.issuanceRao == threshold - 1 - 5_000_000_000)
        #expect(burned.tao.issuanceRao == threshold - 1 && burned.tao.burnedRao == 5_000_000_000)
        #expect(recycled.checkConservation().isEmpty && burned.checkConservation().isEmpty)
        // And the schedule from the recycled point reaches the halving 5 blocks later than without it.
        let schedule = EmissionSchedule(trigger: .issuance)
        let withRecycling = schedule.firstBlock(reachingIssuance: threshold, issuanceRao: threshold - 1 - 5_000_000_000)
        let without = schedule.firstBlock(reachingIssuance: threshold, issuanceRao: threshold - 1)
        #expect(withRecycling == 6 && without == 1)
    }

    @Test func refusesToRecycleOrBurnMoreThanIsFreeAndNeverPassesTheCap() throws {
        var network = try Self.network(issuanceRao: 1_000_000_000_010)
        let before = network
        #expect(throws: NetworkError.insufficientFreeTao(availableRao: 10, requestedRao: 11)) { try network.recycleTao(11) }
        #expect(throws: NetworkError.insufficientFreeTao(availableRao: 10, requestedRao: 11)) { try network.burnTao(11) }
        #expect(network == before)
        try network.burnTao(4)
        #expect(throws: NetworkError.self) { try network.recycleTao(7) }
        #expect(network.tao.freeRao == 6 && network.tao.issuanceRao == 1_000_000_000_010)
        // Near the cap the block's emission is clipped: issuance lands exactly on 21M TAO.
        var nearCap = try Self.network(issuanceRao: Supply.capRao - 10, rules: .card)
        try nearCap.step(blocks: 3)
        #expect(nearCap.tao.issuanceRao == Supply.capRao)
        #expect(nearCap.checkConservation().isEmpty)
    }
}

/// `projectedEras`: the schedule with a fixed recycling at every day boundary.
@Suite struct RecyclingScheduleTests {
    @Test func withoutRecyclingTheErasAreTheSegments() {
        let schedule = EmissionSchedule(trigger: .issuance)
        let eras = schedule.projectedEras(from: 0, issuanceRao: 10_950_000_000_000_000, recycledRaoPerDay: 0, blocksPerDay: 7_200,
                                          horizonBlocks: 1_000_000_000)
        let segments = schedule.segments(from: 0, issuanceRao: 10_950_000_000_000_000)
        #expect(eras.map(\.startBlock) == segments.map(\.startBlock))
        #expect(eras.map(\.emissionRaoPerBlock) == segments.map(\.emissionRaoPerBlock))
        #expect(eras.map(\.endIssuanceRao) == segments.map(\.endIssuanceRao))
    }

    @Test(arguments: [0, 1_000_000_000, 2_000_000_000, 4_000_000_000, 5_000_000_000] as [UInt64])
    func aHalvingWithRecyclingMatchesABlockByBlockWalk(_ recycled: UInt64) {
        // 10 blocks a day, 100.3 TAO below the second threshold: 5 TAO a day at 0.5 TAO a block.
        let threshold = BlockEmission.thresholds[2]
        let start = threshold - 100_000_000_000 - 300_000_000
        let eras = EmissionSchedule(trigger: .issuance).projectedEras(from: 0, issuanceRao: start, recycledRaoPerDay: recycled, blocksPerDay: 10,
                                                                     horizonBlocks: 2_000)
        // Net growth per day is 5 TAO − recycled before the threshold.
        if recycled >= 5_000_000_000 {
            #expect(eras.count == 1 && eras[0].blockCount == nil)
            return
        }
        let netPerDay = 5_000_000_000 - recycled
        // The threshold is reached in the day whose start issuance is within one day's emission of it.
        var issuance = start, block: UInt64 = 0
        while issuance + 5_000_000_000 < threshold {
            issuance += netPerDay
            block += 10
        }
        while issuance < threshold {
            issuance += 500_000_000
            block += 1
        }
        #expect(eras[1].startBlock == block)
        #expect(eras[1].startIssuanceRao == issuance)
        #expect(eras[0].blockCount == block && eras[0].endIssuanceRao == issuance)
        #expect(eras[1].emissionRaoPerBlock == 250_000_000)
    }
}
