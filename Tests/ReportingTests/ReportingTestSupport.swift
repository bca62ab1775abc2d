import Foundation
@testable import Reporting
import Simulation

/// Fixtures for the report tests.
enum ReportFixtures {
    /// One subnet at price exactly 1 (T = A, injection keeps it), one epoch a day
    /// (blocks_per_day = tempo + 1 = 361), 100 equal miners at $48 a day, TAO at $250.
    static let minersAtPriceOne = """
        name: hand
        rules: card
        horizon: {days: 4}
        sample_every: 361
        start: {block: 0, issuance: 3000000, date: 2025-01-01, blocks_per_day: 361}
        market:
          tao_usd: {constant: 250}
        subnets:
          - {netuid: 1, tao_reserve: 1000000, alpha_reserve: 1000000, alpha_outstanding: 0,
             miners: {count: 100, cost_usd_per_day: 48, sell_fraction: 0, exits: false, entries: false}}
        """

    /// A sink that keeps everything in memory.
    struct Sink: RunSink {
        var samples: [NetworkSample] = []
        var events: [RunEvent] = []
        var miners: [MinerRow] = []
        mutating func sample(_ sample: NetworkSample) throws(OutputFailure) { samples.append(sample) }
        mutating func event(_ event: RunEvent) throws(OutputFailure) { events.append(event) }
        mutating func miners(_ rows: [MinerSample], at sample: NetworkSample) throws(OutputFailure) {
            miners += rows.map { MinerRow(sample: sample, miners: $0) }
        }
    }

    static func run(_ text: String, file: String = "hand.yaml") throws -> (Scenario, Sink, RunOutcome) {
        let scenario = try ScenarioParser.parse(text, file: file)
        var simulation = try SimulationRun(scenario: scenario)
        var sink = Sink()
        let outcome = try simulation.run(into: &sink)
        return (scenario, sink, outcome)
    }

    /// A fresh temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dtao-reporting-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
