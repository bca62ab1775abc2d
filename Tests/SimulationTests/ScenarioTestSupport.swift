import Foundation
@testable import Simulation

/// A small valid scenario as YAML text; tests change one thing in it.
enum ScenarioText {
    static let valid = """
        name: tiny
        rules: card
        seed: 3
        horizon: {blocks: 1500}
        step: block
        sample_every: 500
        start: {block: 100, issuance: 50000, date: 2025-03-01, blocks_per_day: 7200}
        market:
          tao_usd: {constant: 250}
        root: {tao: 1000}
        subnets:
          - {netuid: 1, tao_reserve: 10000, alpha_reserve: 90000, alpha_outstanding: 50000}
          - {netuid: 2, tao_reserve: 2500.5, alpha_reserve: 1000000, alpha_outstanding: 20000}
        holders:
          - {name: whale, netuid: 1, alpha: 20000}
        flows:
          - {block: 300, netuid: 1, stake_tao: 500}
          - {block: 700, netuid: 1, holder: whale, unstake_percent: 50}
          - {stochastic: {netuids: all, every_blocks: 400, mean_tao: 0, sd_tao: 10}}
        """

    static func parse(_ text: String, file: String = "test.yaml") throws(ScenarioError) -> Scenario {
        try ScenarioParser.parse(text, file: file)
    }

    /// The valid text with `old` replaced by `new` (which must be present).
    static func variant(_ old: String, _ new: String) -> String {
        precondition(valid.contains(old), "test text does not contain \(old)")
        return valid.replacingOccurrences(of: old, with: new)
    }
}

/// Collects a run's output in memory.
struct MemorySink: RunSink {
    var samples: [NetworkSample] = []
    var events: [RunEvent] = []
    var minerRows: [(block: UInt64, rows: [MinerSample])] = []
    var states: [RunState] = []
    mutating func sample(_ sample: NetworkSample) throws(OutputFailure) { samples.append(sample) }
    mutating func event(_ event: RunEvent) throws(OutputFailure) { events.append(event) }
    mutating func miners(_ rows: [MinerSample], at sample: NetworkSample) throws(OutputFailure) { minerRows.append((sample.block, rows)) }
    mutating func checkpoint(_ state: RunState) throws(OutputFailure) { states.append(state) }
}
