import FixedMath
import PropertyBased
import TaoEconomics
import Testing

/// A small deterministic generator so one random seed drives a whole sequence of operations.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func next(in range: ClosedRange<UInt64>) -> UInt64 {
        range.lowerBound + next() % (range.upperBound - range.lowerBound + 1)
    }
}

@Suite struct NetworkPropertyTests {
    static let rules: [RuleSet] = [.card, .launch2025_02]

    /// A random network: 1–12 subnets with pools from 1 TAO to 1M TAO and prices spread widely.
    static func randomNetwork(_ random: inout SplitMix64, rules: RuleSet, mode: ArithmeticMode = .native) throws -> Network {
        let count = Int(random.next(in: 1...12))
        var configurations: [SubnetConfiguration] = []
        var total: UInt64 = 0
        for netuid in 1...count {
            let tao = random.next(in: 1_000_000_000...1_000_000_000_000_000)
            let alpha = random.next(in: 1_000_000_000...4_000_000_000_000_000)
            let outstanding = random.next(in: 0...1_000_000_000_000_000)
            let named = random.next(in: 0...outstanding)
            total += tao
            configurations.append(SubnetConfiguration(
                netuid: UInt16(netuid * 2), taoReserveRao: tao, alphaReserveRao: alpha, alphaOutstandingRao: outstanding,
                registeredAtBlock: 0, minerWeights: [random.next(in: 1...5), random.next(in: 0...5)],
                validatorWeights: [random.next(in: 1...9)], holders: [(name: "whale", alphaRao: named)]))
        }
        let root = random.next(in: 0...5_000_000_000_000_000)
        let free = random.next(in: 0...2_000_000_000_000_000)
        return try Network(rules: rules, startBlock: random.next(in: 0...20_000_000), startIssuanceRao: total + root + free,
                           rootStakeRao: root, subnets: configurations, mode: mode)
    }

    /// Applies one random operation; refusals are allowed (and must leave the network untouched).
    static func randomOperation(_ network: inout Network, _ random: inout SplitMix64) throws {
        let before = network
        let subnet = network.subnets.isEmpty ? nil : network.subnets[Int(random.next() % UInt64(network.subnets.count))]
        do {
            switch random.next() % 8 {
            case 0, 1, 2: try network.step(blocks: random.next(in: 1...20))
            case 3:
                if let subnet { try network.stake(netuid: subnet.netuid, holder: .staker("whale"), taoRao: random.next(in: 1...max(1, network.tao.freeRao / 4 + 1))) }
            case 4:
                if let subnet { try network.unstake(netuid: subnet.netuid, holder: .staker("whale"), alphaRao: random.next(in: 1...max(1, subnet.holders.balance(of: .staker("whale"))))) }
            case 5: try network.registerSubnet(minerWeights: [1, 2], validatorWeights: [1])
            case 6: try network.recycleTao(random.next(in: 0...network.tao.freeRao / 100))
            default: try network.burnTao(random.next(in: 0...network.tao.freeRao / 100))
            }
        } catch {
            #expect(network == before, "a refused operation changed the network: \(error)")
        }
    }

    @Test(arguments: rules)
    func ledgerBalancesAfterRandomSequences(_ rules: RuleSet) async {
        await propertyCheck(count: 60, input: Gen.uint64()) { seed in
            var random = SplitMix64(state: seed)
            guard var network = try? Self.randomNetwork(&random, rules: rules) else {
                Issue.record("could not build a network")
                return
            }
            for _ in 0..<25 {
                try? Self.randomOperation(&network, &random)
                let violations = network.checkConservation()
                #expect(violations.isEmpty, "\(violations)")
                if !violations.isEmpty { return }
            }
        }
    }

    @Test(arguments: rules)
    func sharesPlusRemainderEqualTheEmission(_ rules: RuleSet) async {
        await propertyCheck(count: 200, input: Gen.uint64(), Gen.uint64(in: 0...1_000_000_000)) { seed, emission in
            var random = SplitMix64(state: seed)
            guard var network = try? Self.randomNetwork(&random, rules: rules) else { return }
            try? network.step(emissionRao: emission)
            guard let summary = network.lastBlock else {
                Issue.record("no block summary")
                return
            }
            #expect(summary.emissionRao == emission)
            #expect(summary.taoInjectedRao + summary.unissuedRemainderRao == emission)
            #expect(network.subnets.reduce(0) { $0 + $1.taoInjectedRao } == summary.taoInjectedRao)
            if rules.shares == .taoReserveLargestRemainder { #expect(summary.unissuedRemainderRao == 0) }
        }
    }

    @Test func cardInjectionKeepsThePriceWhenUncappedAndNeverLowersIt() async {
        await propertyCheck(count: 200, input: Gen.uint64()) { seed in
            var random = SplitMix64(state: seed)
            guard var network = try? Self.randomNetwork(&random, rules: .card) else { return }
            let before = network.subnets
            try? network.step()
            for (old, new) in zip(before, network.subnets) {
                let priceBefore = old.pool.spotPrice
                #expect(new.pool.spotPrice >= priceBefore)
                let alphaIn = new.alphaInjectedRao - old.alphaInjectedRao
                let alphaOut = new.alphaOutRao - old.alphaOutRao
                if alphaIn < alphaOut {
                    let oneMore = PriceRatio(taoRao: new.pool.taoReserveRao, alphaRao: new.pool.alphaReserveRao + 1)
                    #expect(oneMore < priceBefore || new.taoInjectedRao == old.taoInjectedRao)
                }
            }
        }
    }

    /// The native fast path and the GMP reference give identical networks.
    @Test func nativeAndReferenceModesAgree() async {
        await propertyCheck(count: 40, input: Gen.uint64()) { seed in
            for rules in Self.rules {
                var nativeRandom = SplitMix64(state: seed), referenceRandom = SplitMix64(state: seed)
                guard var native = try? Self.randomNetwork(&nativeRandom, rules: rules, mode: .native),
                      var reference = try? Self.randomNetwork(&referenceRandom, rules: rules, mode: .reference) else { return }
                for _ in 0..<10 {
                    try? Self.randomOperation(&native, &nativeRandom)
                    try? Self.randomOperation(&reference, &referenceRandom)
                }
                #expect(native.subnets == reference.subnets)
                #expect(native.tao == reference.tao)
            }
        }
    }

    @Test func registrationLockDoublesAndDecays() throws {
        var network = try Network(rules: .launch2025_02, startIssuanceRao: 10_000_000_000_000, subnets: [])
        #expect(network.lockCostRao == 1_000_000_000)
        let first = try network.registerSubnet()
        #expect(first.netuid == 1 && first.recycledRao == 0 && first.taoReserveRao == 1_000_000_000)
        #expect(network.lockCostRao == 2_000_000_000)
        try network.step(blocks: 50_400)
        // 2e9 − ⌊1e9 / 100,800⌋ · 50,400 = 2e9 − 9,920 · 50,400
        #expect(network.lockCostRao == 2_000_000_000 - 9_920 * 50_400)
        let second = try network.registerSubnet()
        #expect(second.netuid == 2)
        #expect(second.recycledRao == second.lockRao - 1_000_000_000)
        #expect(network.checkConservation().isEmpty)
    }

    @Test func cardRegistrationUsesTheMedianPriceAndPrunesAtTheLimit() throws {
        let configurations = (1...128).map { netuid in
            SubnetConfiguration(netuid: UInt16(netuid), taoReserveRao: 1_000_000_000_000, alphaReserveRao: UInt64(netuid) * 1_000_000_000_000,
                                alphaOutstandingRao: 1_000_000_000, registeredAtBlock: 0)
        }
        var network = try Network(rules: .card, startBlock: 1_000_000, startIssuanceRao: 200_000_000_000_000, subnets: configurations)
        let median = network.medianSpotPrice()
        let registration = try network.registerSubnet()
        // The lowest EMA price is subnet 128's (1/128 TAO); it is pruned and its netuid reused.
        #expect(registration.prunedNetuid == 128)
        #expect(registration.netuid == 128)
        #expect(registration.prunedPayoutRao == 1_000_000_000_000)
        #expect(PriceRatio(taoRao: registration.taoReserveRao, alphaRao: registration.alphaReserveRao) >= median)
        #expect(network.subnets.count == 128)
        #expect(network.checkConservation().isEmpty)
        // Every subnet is now immune or… the new one is immune; the rest are old enough to prune.
        var young = try Network(rules: .card, startBlock: 10, startIssuanceRao: 200_000_000_000_000, subnets: configurations)
        #expect(throws: NetworkError.subnetLimitReached(limit: 128)) { try young.registerSubnet() }
    }

    @Test func recyclingDelaysTheLaunchHalvingAndBurningDoesNot() throws {
        let threshold = BlockEmission.thresholds[1]
        let subnets = [SubnetConfiguration(netuid: 1, taoReserveRao: 1_000_000_000_000, alphaReserveRao: 1_000_000_000_000, alphaOutstandingRao: 0, emaPrice: .one)]
        var recycled = try Network(rules: .launch2025_02, startIssuanceRao: threshold - 1, subnets: subnets)
        var burned = recycled
        try recycled.recycleTao(5_000_000_000)
        try burned.burnTao(5_000_000_000)
        try recycled.step()
        try burned.step()
        try recycled.step()
        try burned.step()
        #expect(recycled.lastBlock?.emissionRao == 1_000_000_000)
        #expect(burned.lastBlock?.emissionRao == 500_000_000)
    }
}
