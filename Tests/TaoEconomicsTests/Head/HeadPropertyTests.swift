import FixedMath
import PropertyBased
@testable import TaoEconomics
import Testing

/// Properties of the HEAD rule sets over random networks and random sequences of blocks,
/// trades, registrations, emission switches and root claims.
@Suite struct HeadPropertyTests {
    static let rules: [RuleSet] = [.head2026_06, .head2026_08, .head2026_10]

    /// 1–8 subnets with weighted pools at random weights, Σ prices often above 1 (so root
    /// dividends accrue and are claimed), some burning miners' alpha, some not yet enabled.
    static func randomNetwork(_ random: inout SplitMix64, rules: RuleSet, mode: ArithmeticMode = .native) throws -> Network {
        let count = Int(random.next(in: 1...8))
        var configurations: [SubnetConfiguration] = []
        var total: UInt64 = 0
        for netuid in 1...count {
            let tao = random.next(in: 1_000_000_000_000...300_000_000_000_000)
            let alpha = random.next(in: 100_000_000_000_000...2_000_000_000_000_000)
            let outstanding = random.next(in: 0...4_000_000_000_000_000)
            total += tao
            configurations.append(SubnetConfiguration(
                netuid: UInt16(netuid), taoReserveRao: tao, alphaReserveRao: alpha, alphaOutstandingRao: outstanding,
                registeredAtBlock: 0, minerWeights: [random.next(in: 1...5), random.next(in: 0...5)], validatorWeights: [1, 2],
                holders: [(name: "whale", alphaRao: random.next(in: 0...outstanding))], tempo: random.next(in: 0...1) == 0 ? random.next(in: 1...40) : nil,
                quoteWeight: Perquintill(parts: random.next(in: 100_000_000_000_000_000...900_000_000_000_000_000)),
                minerBurnFraction: Perquintill(parts: random.next(in: 0...1) == 0 ? 0 : random.next(in: 0...1_000_000_000_000_000_000))!,
                emissionEnabled: random.next(in: 0...4) != 0))
            if rules.reservoirs == .park {
                // October 2026: pools near the weight bound (so reservoirs fill and drain), Null
                // epochs, validators partly off root, and reservoirs already holding TAO and alpha.
                var configuration = configurations[configurations.count - 1]
                if random.next(in: 0...2) == 0 { configuration.quoteWeight = Perquintill(parts: random.next(in: 10_000_000_000_000_000...12_000_000_000_000_000)) }
                configuration.epochConsensus = random.next(in: 0...2) == 0 ? .none : .yuma
                configuration.rootRegisteredFraction = Perquintill(parts: random.next(in: 0...3) == 0 ? 0 : random.next(in: 0...1_000_000_000_000_000_000))!
                configuration.taoReservoirRao = random.next(in: 0...1) == 0 ? 0 : random.next(in: 0...tao / 100)
                configuration.alphaReservoirRao = random.next(in: 0...1) == 0 ? 0 : random.next(in: 0...alpha / 100)
                total += configuration.taoReservoirRao
                configurations[configurations.count - 1] = configuration
            }
        }
        let root = random.next(in: 0...5_000_000_000_000_000)
        let free = random.next(in: 10_000_000_000_000...1_000_000_000_000_000)
        let claim: RootClaim = random.next(in: 0...1) == 0 ? .swap : .keep
        return try Network(rules: rules, startBlock: random.next(in: 1_000_000...9_000_000), startIssuanceRao: total + root + free,
                           rootStakeRao: root, subnets: configurations, options: NetworkOptions(rootClaim: claim, lastLockBlock: 0), mode: mode)
    }

    /// One random operation; a refused one must leave the network untouched.
    static func randomOperation(_ network: inout Network, _ random: inout SplitMix64) {
        let before = network
        let subnet = network.subnets.isEmpty ? nil : network.subnets[Int(random.next() % UInt64(network.subnets.count))]
        do {
            switch random.next() % 9 {
            case 0, 1, 2, 3: try network.step(blocks: random.next(in: 1...8))
            case 4:
                if let subnet { try network.stake(netuid: subnet.netuid, holder: .staker("whale"), taoRao: random.next(in: 1...max(1, network.tao.freeRao / 8))) }
            case 5:
                if let subnet { try network.unstake(netuid: subnet.netuid, holder: .staker("whale"), alphaRao: random.next(in: 1...max(1, subnet.holders.balance(of: .staker("whale"))))) }
            case 6: try network.registerSubnet(minerWeights: [1, 2], validatorWeights: [1])
            case 7: if let subnet { try network.enableEmission(netuid: subnet.netuid) }
            default: try network.recycleTao(random.next(in: 0...network.tao.freeRao / 100))
            }
        } catch {
            #expect(network == before, "a refused operation changed the network: \(error)")
        }
    }

    @Test(arguments: rules)
    func theLedgerBalancesAndRootStakeGrowsOnlyByClaims(_ rules: RuleSet) async {
        await propertyCheck(count: 30, input: Gen.uint64()) { seed in
            var random = SplitMix64(state: seed)
            guard var network = try? Self.randomNetwork(&random, rules: rules) else {
                Issue.record("could not build a network")
                return
            }
            let root = network.tao.rootStakeRao
            for _ in 0..<15 {
                Self.randomOperation(&network, &random)
                let violations = network.checkConservation()
                #expect(violations.isEmpty, "\(violations)")
                #expect(network.tao.rootStakeRao == root + network.rootClaimedTaoRao)
                if network.rootClaim == .keep { #expect(network.rootClaimedTaoRao == 0) }
                if !violations.isEmpty { return }
            }
        }
    }

    @Test(arguments: rules)
    func issuanceGrowsByTheEmissionLessWhatIsRecycled(_ rules: RuleSet) async {
        await propertyCheck(count: 40, input: Gen.uint64(), Gen.uint64(in: 0...1_000_000_000)) { seed, emission in
            var random = SplitMix64(state: seed)
            guard var network = try? Self.randomNetwork(&random, rules: rules) else { return }
            for _ in 0..<3 {
                let issuance = network.tao.issuanceRao
                guard (try? network.step(emissionRao: emission)) != nil, let summary = network.lastBlock else {
                    Issue.record("a block failed")
                    return
                }
                #expect(summary.taoInjectedRao + summary.chainBuyTaoRao + summary.recycledRao == emission)
                #expect(network.tao.issuanceRao == issuance + emission - summary.recycledRao)
            }
        }
    }

    @Test(arguments: rules)
    func injectionNeverMovesTheSpotPriceBeyondItsBound(_ rules: RuleSet) async {
        await propertyCheck(count: 40, input: Gen.uint64()) { seed in
            var random = SplitMix64(state: seed)
            guard var network = try? Self.randomNetwork(&random, rules: rules) else { return }
            network.isObserving = true
            for _ in 0..<5 { Self.randomOperation(&network, &random) }
            for reweighting in network.observations.reweightings {
                #expect(InvariantChecker.reweightingProblem(reweighting) == nil)
            }
            for swap in network.observations.swaps {
                #expect(InvariantChecker.swapProblem(swap) == nil)
            }
        }
    }

    @Test func nativeAndReferenceModesAgree() async {
        await propertyCheck(count: 12, input: Gen.uint64()) { seed in
            for rules in Self.rules {
                var nativeRandom = SplitMix64(state: seed), referenceRandom = SplitMix64(state: seed)
                guard var native = try? Self.randomNetwork(&nativeRandom, rules: rules, mode: .native),
                      var reference = try? Self.randomNetwork(&referenceRandom, rules: rules, mode: .reference) else { return }
                for _ in 0..<6 {
                    Self.randomOperation(&native, &nativeRandom)
                    Self.randomOperation(&reference, &referenceRandom)
                }
                #expect(native.subnets == reference.subnets)
                #expect(native.tao == reference.tao)
            }
        }
    }
}
