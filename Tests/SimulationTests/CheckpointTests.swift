import FixedMath
import Foundation
@testable import Simulation
@testable import TaoEconomics
import Testing

/// Checkpoints and resume: a run split at any checkpoint gives the unbroken run's rows, under
/// every rule set, with miners, registrations, random flows and a random TAO price.
@Suite struct CheckpointTests {
    /// A small scenario that exercises every kind of state: miners that sell, leave and join,
    /// registrations and pruning, scheduled and spread and random flows, a GBM price.
    static func scenario(rules: String) -> String {
        let head = rules.hasPrefix("head")
        return """
            name: split
            rules: \(rules)
            seed: 17
            horizon: {blocks: 3000}
            step: block
            sample_every: 250
            start: {block: 1000, issuance: 60000, date: 2026-07-01, blocks_per_day: 600\(head ? ", last_lock_block: 0" : "")}
            market:
              tao_usd: {gbm: {start: 250, drift: 0.1, volatility: 1.5}}
            root: {tao: 5000\(head ? ", claim: keep" : "")}
            subnets:
              - {netuid: 1, tao_reserve: 10000, alpha_reserve: 90000, alpha_outstanding: 50000, tempo: 100,
                 miners: {count: 6, cost_usd_per_day: 40, sell_fraction: 0.5, exits: {window_days: 1, max_per_day: 2}, entries: {max_per_day: 1}}}
              - {netuid: 2, tao_reserve: 2500.5, alpha_reserve: 1000000, alpha_outstanding: 20000\(head ? ", miner_burned: 0.4" : "")}
              - {netuid: 3, tao_reserve: 9000, alpha_reserve: 30000, alpha_outstanding: 60000}
            holders:
              - {name: whale, netuid: 1, alpha: 20000}
            registrations:
              - {block: 1700}
            flows:
              - {block: 1300, netuid: 1, stake_tao: 500}
              - {block: 1450, netuid: 1, holder: whale, unstake_percent: 50, over_blocks: 900, every_blocks: 90}
              - {stochastic: {netuids: all, every_blocks: 200, mean_tao: 0, sd_tao: 30}}
            """
    }

    static func run(_ scenario: Scenario, every: UInt64? = nil) throws -> MemorySink {
        var simulation = try SimulationRun(scenario: scenario)
        simulation.checkpointEveryBlocks = every
        var sink = MemorySink()
        _ = try simulation.run(into: &sink)
        return sink
    }

    @Test(arguments: ["card", "launch-2025-02", "head-2026-06", "head-2026-08"])
    func aSplitRunEqualsTheUnbrokenOne(_ rules: String) throws {
        let scenario = try ScenarioParser.parse(Self.scenario(rules: rules), file: "split.yaml")
        let unbroken = try Self.run(scenario, every: 700)
        // Checkpoints at 1700, 2400, 3100, 3800 and the end (4000).
        #expect(unbroken.states.map(\.block) == [1700, 2400, 3100, 3800, 4000])
        let final = try Self.finalNetwork(scenario)
        #expect(unbroken.events.contains { $0.kind == .registration })
        for state in unbroken.states.dropLast() {
            // Through JSON, as a state file carries it.
            let decoded = try JSONDecoder().decode(RunState.self, from: JSONEncoder().encode(state))
            var resumed = try SimulationRun(scenario: scenario, resumingFrom: decoded)
            var sink = MemorySink()
            let outcome = try resumed.run(into: &sink)
            #expect(sink.samples == unbroken.samples.filter { $0.block >= state.block }, "rule set \(rules), resumed at \(state.block)")
            #expect(sink.events == unbroken.events.filter { $0.block >= state.block })
            let minerRows = unbroken.minerRows.filter { $0.block >= state.block }
            #expect(sink.minerRows.map(\.block) == minerRows.map(\.block))
            #expect(sink.minerRows.map(\.rows) == minerRows.map(\.rows))
            #expect(resumed.network == final)
            #expect(outcome.first == unbroken.samples.first)
        }
    }

    static func finalNetwork(_ scenario: Scenario) throws -> Network {
        var simulation = try SimulationRun(scenario: scenario)
        var sink = MemorySink()
        _ = try simulation.run(into: &sink)
        return simulation.network
    }

    @Test func theFinalStateContinuesToTheSameEnd() throws {
        let scenario = try ScenarioParser.parse(Self.scenario(rules: "card"), file: "split.yaml")
        let unbroken = try Self.run(scenario, every: 100_000)
        #expect(unbroken.states.map(\.block) == [4000])
        var resumed = try SimulationRun(scenario: scenario, resumingFrom: unbroken.states[0])
        var sink = MemorySink()
        _ = try resumed.run(into: &sink)
        #expect(sink.samples == [unbroken.samples.last!])
    }

    @Test func aStateOfAnotherRunIsRefused() throws {
        let card = try ScenarioParser.parse(Self.scenario(rules: "card"), file: "split.yaml")
        let state = try Self.run(card, every: 700).states[0]
        var reseeded = card
        reseeded.seed = 18
        #expect(throws: RunError.self) { try SimulationRun(scenario: reseeded, resumingFrom: state) }
        var launch = card
        launch.rules = .launch2025_02
        #expect(throws: RunError.self) { try SimulationRun(scenario: launch, resumingFrom: state) }
        let other = try ScenarioParser.parse(Self.scenario(rules: "card").replacingOccurrences(of: "name: split", with: "name: other"), file: "o.yaml")
        #expect(throws: RunError.self) { try SimulationRun(scenario: other, resumingFrom: state) }
    }

    @Test func aStateWhoseLedgerDoesNotBalanceIsRefused() throws {
        let scenario = try ScenarioParser.parse(Self.scenario(rules: "head-2026-06"), file: "split.yaml")
        let state = try Self.run(scenario, every: 700).states[0]
        var json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(state)) as! [String: Any]
        var network = json["network"] as! [String: Any]
        var tao = network["tao"] as! [String: Any]
        tao["freeRao"] = (tao["freeRao"] as! NSNumber).uint64Value + 1
        network["tao"] = tao
        json["network"] = network
        let data = try JSONSerialization.data(withJSONObject: json)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(RunState.self, from: data) }
    }

    @Test func stateEncodingIsStableThroughARoundTrip() throws {
        let scenario = try ScenarioParser.parse(Self.scenario(rules: "head-2026-08"), file: "split.yaml")
        let state = try Self.run(scenario, every: 700).states[1]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let once = try encoder.encode(state)
        let twice = try encoder.encode(try JSONDecoder().decode(RunState.self, from: once))
        #expect(once == twice)
        #expect(try JSONDecoder().decode(RunState.self, from: once).network == state.network)
    }
}
