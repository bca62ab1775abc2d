import FixedMath
import Foundation
@testable import Simulation
@testable import TaoEconomics
import Testing

/// The HEAD scenario keys (Scenarios/README.md): weighted pools, miner burn, emission switches,
/// start calls, root claims, the last lock, and the gate; and a HEAD run end to end.
@Suite struct HeadScenarioTests {
    static let head = """
        name: head-tiny
        rules: head-2026-06
        seed: 5
        horizon: {blocks: 1500}
        sample_every: 500
        start: {block: 8000000, issuance: 10900000, date: 2026-07-01, blocks_per_day: 7200, last_lock_tao: 100, last_lock_block: 7900000}
        market:
          tao_usd: {constant: 220}
        root: {tao: 4000000, claim: keep}
        subnets:
          - {netuid: 1, tao_reserve: 300000, alpha_reserve: 1000000, alpha_outstanding: 3000000, quote_weight: 0.45, miner_burned: 0.3, tempo: 100}
          - {netuid: 2, tao_reserve: 200000, alpha_reserve: 1000000, alpha_outstanding: 3000000, price: 0.25}
          - {netuid: 3, tao_reserve: 600000, alpha_reserve: 1000000, alpha_outstanding: 3000000, emission_enabled: false}
          - {netuid: 5, tao_reserve: 500000, alpha_reserve: 1000000, alpha_outstanding: 3000000, registered_at: 7000000, started_at: 8000400}
        registrations:
          - {block: 8000200}
        flows:
          - {block: 8000300, netuid: 4, enable_emission: true}
          - {block: 8000350, netuid: 9, enable_emission: true}
          - {block: 8000100, netuid: 1, stake_tao: 50}
        """

    static func variant(_ old: String, _ new: String) -> String {
        precondition(head.contains(old), "test text does not contain \(old)")
        return head.replacingOccurrences(of: old, with: new)
    }

    static func refusal(_ text: String) -> ScenarioError? {
        do { _ = try ScenarioParser.parse(text, file: "bad.yaml"); return nil } catch { return error }
    }

    @Test func theKeysReachTheNetwork() throws {
        let scenario = try ScenarioParser.parse(Self.head, file: "head.yaml")
        #expect(scenario.rootClaim == .keep)
        #expect(scenario.lastLockRao == 100_000_000_000 && scenario.lastLockBlock == 7_900_000)
        guard case let .explicit(subnets) = scenario.subnets else { Issue.record("explicit subnets"); return }
        #expect(subnets[0].quoteWeight == Perquintill(parts: 450_000_000_000_000_000))
        #expect(subnets[0].minerBurnFraction == Perquintill(parts: 300_000_000_000_000_000))
        // price 0.25 with y = 200,000 TAO, x = 1,000,000 alpha: w2 = y / (p·x + y) = 4/9, floored.
        #expect(subnets[1].quoteWeight == Perquintill(parts: 444_444_444_444_444_444))
        #expect(!subnets[2].emissionEnabled)
        #expect(subnets[3].startCallBlock == 8_000_400)
        let run = try SimulationRun(scenario: scenario)
        #expect(run.network.lastLockRao == 100_000_000_000)
        #expect(run.network.rootClaim == .keep)
        #expect(run.network.subnet(2)?.pool.spotPrice.decimalString(fractionDigits: 6) == "0.250000")
    }

    @Test func aHeadRunHoldsEveryInvariantAndRecordsTheSwitches() throws {
        var simulation = try SimulationRun(scenario: try ScenarioParser.parse(Self.head, file: "head.yaml"))
        simulation.checker = InvariantChecker()
        var sink = MemorySink()
        let outcome = try simulation.run(into: &sink)
        #expect(outcome.ledgerViolations.isEmpty)
        let registration = try #require(sink.events.first { $0.kind == .registration })
        #expect(registration.netuid == 4)
        // The rate limit counts from the last lock block the scenario gives.
        let refusedEarly = try ScenarioParser.parse(Self.variant("last_lock_block: 7900000}", "last_lock_block: 7990000}"), file: "head.yaml")
        var early = try SimulationRun(scenario: refusedEarly)
        var earlySink = MemorySink()
        _ = try early.run(into: &earlySink)
        #expect(earlySink.events.contains { $0.kind == .refused && $0.detail.contains("rate limit allows the next one from block 8018800") })
        #expect(sink.events.contains { $0.kind == .emission && $0.netuid == 4 })
        let refused = try #require(sink.events.first { $0.kind == .refused && $0.netuid == 9 })
        #expect(refused.detail.contains("there is no subnet 9"))
        let network = simulation.network
        #expect(network.subnet(4)?.emissionEnabled == true)
        #expect(network.subnet(3)?.taoInjectedRao == 0)
        #expect((network.subnet(5)?.alphaOutRao ?? 0) == 1_100 * 1_000_000_000)
        #expect(outcome.head?.rootClaim == .keep)
        #expect(outcome.head?.enabledSubnets == 4)
        #expect(outcome.emissionTotals.emittedRao == outcome.emissionTotals.injectedRao + outcome.emissionTotals.chainBuyRao + outcome.emissionTotals.recycledRao)
        // Samples carry the HEAD columns.
        let last = try #require(sink.samples.last)
        #expect(last.authorFeesRao != nil && last.rootKeptAlphaTaoRao != nil)
        #expect(last.subnets.allSatisfy { $0.quoteWeight != nil && $0.protocolAlphaRao != nil && $0.chainBuyTaoRao != nil })
        #expect(last.subnets.first { $0.netuid == 1 }?.rootProportionRaw != nil)
        #expect(last.gateThetaRaw == nil)
    }

    @Test func theGateSettingsApplyUnderTheGatedRuleSet() throws {
        let text = Self.variant("rules: head-2026-06", "rules: head-2026-08\ngate: {q: 0.75, exponent: 2}")
        let run = try SimulationRun(scenario: try ScenarioParser.parse(text, file: "head.yaml"))
        #expect(run.network.rules.gate == EmissionGate(bar: .mass(quantileRaw: 3 << 62), exponent: 2))
        #expect(run.network.rules.overrides.map(\.parameter) == [.emissionBarRank, .emissionBarQuantile, .emissionGateExponent])
        let rank = try SimulationRun(scenario: try ScenarioParser.parse(Self.variant("rules: head-2026-06", "rules: head-2026-08\ngate: {rank: 3}"), file: "head.yaml"))
        #expect(rank.network.rules.gate == EmissionGate(bar: .rank(3), exponent: 3))
        // Under a rule set without the gate, the settings are a scenario error naming the key:
        // when the file says so, while parsing; when `--rules` switches rule sets, on the switch.
        let parsed = Self.refusal(Self.variant("root: {", "gate: {rank: 3}\nroot: {"))
        #expect(parsed?.keyPath == "gate")
        var switched = try ScenarioParser.parse(Self.variant("rules: head-2026-06", "rules: head-2026-08\ngate: {rank: 3}"), file: "head.yaml")
        #expect(throws: ScenarioError.self) { try switched.rebase(on: .head2026_06) }
        do { try switched.rebase(on: .head2026_06) } catch {
            #expect(error.keyPath == "rules.parameters.emission_bar_rank")
            #expect(error.expected.contains("head-2026-08"))
        }
        // A rule set that has the parameter takes it along.
        try switched.rebase(on: .head2026_10)
        #expect(switched.rules.name == "head-2026-10" && switched.rules.gate?.barRank == 3)
    }

    static func startFailure(_ scenario: Scenario) -> RunError? {
        do {
            _ = try SimulationRun(scenario: scenario)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        ("quote_weight: 0.45,", "quote_weight: 0.45, price: 0.3,", "subnets[0]"),
        ("quote_weight: 0.45,", "quote_weight: 0.995,", "subnets[0].quote_weight"),
        ("price: 0.25}", "price: 0.00001}", "subnets[1].price"),
        ("miner_burned: 0.3,", "miner_burned: 1.5,", "subnets[0].miner_burned"),
        ("emission_enabled: false}", "emission_enabled: maybe}", "subnets[2].emission_enabled"),
        ("started_at: 8000400}", "started_at: 6000000}", "subnets[3].started_at"),
        ("claim: keep}", "claim: hold}", "root.claim"),
        ("last_lock_block: 7900000}", "last_lock_block: 8000001}", "start.last_lock_block"),
        ("{block: 8000300, netuid: 4, enable_emission: true}", "{block: 8000300, netuid: 4, enable_emission: false}", "flows[0].enable_emission"),
        ("{block: 8000300, netuid: 4, enable_emission: true}", "{block: 8000300, netuid: 4, enable_emission: true, stake_tao: 3}", "flows[0]"),
    ])
    func badHeadKeysAreRefusedWithTheirPath(_ old: String, _ new: String, _ path: String) throws {
        let error = try #require(Self.refusal(Self.variant(old, new)))
        #expect(error.keyPath.description == path, "\(error)")
    }

    @Test(arguments: [
        ("alpha_outstanding: 50000}", "alpha_outstanding: 50000, quote_weight: 0.4}", "subnets[0].quote_weight"),
        ("alpha_outstanding: 50000}", "alpha_outstanding: 50000, miner_burned: 0.1}", "subnets[0].miner_burned"),
        ("alpha_outstanding: 50000}", "alpha_outstanding: 50000, started_at: 5}", "subnets[0].started_at"),
        ("root: {tao: 1000}", "root: {tao: 1000, claim: keep}", "root.claim"),
        ("root: {tao: 1000}", "root: {tao: 1000}\ngate: {rank: 4}", "gate"),
        ("flows:\n", "flows:\n  - {block: 200, netuid: 1, enable_emission: true}\n", "flows[0].enable_emission"),
    ])
    func headKeysAreRefusedUnderRulesWhereTheyDoNothing(_ old: String, _ new: String, _ path: String) throws {
        let error = try #require(Self.refusal(ScenarioText.variant(old, new)))
        #expect(error.keyPath.description == path, "\(error)")
        #expect(error.expected.contains("head-2026"))
    }

    @Test(arguments: ["gate: {rank: 0}", "gate: {q: 0}", "gate: {q: 1.5}", "gate: {exponent: 9}", "gate: {rank: 3, q: 0.5}", "gate: {}", "gate: {bar: 3}"])
    func badGateSettingsAreRefused(_ gate: String) throws {
        let error = try #require(Self.refusal(Self.variant("root: {", "\(gate)\nroot: {")))
        #expect(error.keyPath.description.hasPrefix("gate"), "\(error)")
    }

    @Test func theGeneratorWithholdsAndDisablesAsAsked() throws {
        let text = """
            name: gen
            rules: head-2026-06
            horizon: {blocks: 10}
            market: {tao_usd: {constant: 1}}
            subnets:
              generate:
                count: 20
                price: {median: 0.01, sigma: 1}
                alpha_reserve: {median: 100000, sigma: 0.5}
                alpha_outstanding: {median: 100000, sigma: 0.5}
                miner_burned: {subnets: 7, min: 0.2, max: 0.6}
                emission_disabled: 5
                fitted_to: test
            """
        let scenario = try ScenarioParser.parse(text, file: "gen.yaml")
        guard case let .generated(generator) = scenario.subnets else { Issue.record("generated subnets"); return }
        let subnets = generator.subnets(seed: 11)
        let burning = subnets.filter { $0.minerBurnFraction > .zero }
        #expect(burning.count == 7)
        #expect(burning.allSatisfy { $0.minerBurnFraction.parts >= 200_000_000_000_000_000 && $0.minerBurnFraction.parts <= 600_000_000_000_000_000 })
        #expect(subnets.filter { !$0.emissionEnabled }.map(\.netuid) == [16, 17, 18, 19, 20])
        #expect(generator.subnets(seed: 11) == subnets)
        // The HEAD settings leave the pools as they were without them.
        let plain = try ScenarioParser.parse(text.replacingOccurrences(of: "    miner_burned: {subnets: 7, min: 0.2, max: 0.6}\n    emission_disabled: 5\n", with: ""), file: "gen.yaml")
        guard case let .generated(plainGenerator) = plain.subnets else { return }
        #expect(plainGenerator.subnets(seed: 11).map(\.taoReserveRao) == subnets.map(\.taoReserveRao))
        #expect(Self.refusal(text.replacingOccurrences(of: "emission_disabled: 5", with: "emission_disabled: 20"))?.keyPath.description == "subnets.generate.emission_disabled")
    }
}
