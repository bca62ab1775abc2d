import FixedMath
@testable import Simulation
import TaoEconomics
import Testing

/// A sink that keeps miner rows.
struct MinerSink: RunSink {
    var rows: [(block: UInt64, row: MinerSample)] = []
    mutating func sample(_ sample: NetworkSample) throws(OutputFailure) {}
    mutating func event(_ event: RunEvent) throws(OutputFailure) {}
    mutating func miners(_ rows: [MinerSample], at sample: NetworkSample) throws(OutputFailure) {
        self.rows += rows.map { (sample.block, $0) }
    }
}

@Suite struct MinerTests {
    /// One subnet at price exactly 1 (T = A, injection keeps it), one epoch a day
    /// (blocks_per_day = tempo + 1 = 361), 100 equal miners at $48 a day, TAO at $250.
    static let handScenario = """
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

    static func run(_ text: String) throws -> (MinerSink, RunOutcome) {
        var simulation = try SimulationRun(scenario: try ScenarioParser.parse(text, file: "m.yaml"))
        var sink = MinerSink()
        let outcome = try simulation.run(into: &sink)
        return (sink, outcome)
    }

    @Test func breakEvenMatchesAHandCalculation() throws {
        let (sink, outcome) = try Self.run(Self.handScenario)
        #expect(sink.rows.map(\.block) == [0, 361, 722, 1_083, 1_444])
        // Day 1 (blocks 361…721): the epoch at block 720 pays 361 blocks × 41% of 1 alpha.
        let day = sink.rows[2].row
        #expect(day.revenueAlphaRao == 361 * 410_000_000)
        #expect(day.revenueTaoRao == BigInteger(361 * 410_000_000 as UInt64))  // price exactly 1
        #expect(day.revenueUsdMicro == BigInteger(37_002_500_000 as UInt64))    // 148.01 TAO × $250
        #expect(day.costUsdMicro == BigInteger(4_800_000_000 as UInt64))        // 100 × $48
        #expect(day.profitUsdMicro == BigInteger(32_202_500_000 as UInt64))
        #expect(outcome.miners.first?.exits == 0)
        // Day 0's epoch (block 359) paid 360 blocks.
        #expect(sink.rows[1].row.revenueAlphaRao == 360 * 410_000_000)
    }

    @Test func exitsLowerTheCountAndNeverBelowZero() throws {
        let text = Self.handScenario
            .replacingOccurrences(of: "cost_usd_per_day: 48", with: "cost_usd_per_day: 5000")
            .replacingOccurrences(of: "exits: false", with: "exits: {window_days: 1, max_per_day: 40, probability: 1}")
            .replacingOccurrences(of: "horizon: {days: 4}", with: "horizon: {days: 6}")
        let (sink, outcome) = try Self.run(text)
        let counts = sink.rows.map(\.row.miners)
        #expect(counts.first == 100)
        #expect(counts.last == 0)
        #expect(zip(counts, counts.dropFirst()).allSatisfy { $0 >= $1 })
        #expect(outcome.miners.first?.exits == 100)
        #expect(outcome.ledgerViolations.isEmpty)
    }

    @Test func entriesRaiseTheCountUpToTheSlots() throws {
        let text = Self.handScenario
            .replacingOccurrences(of: "count: 100", with: "count: 10")
            .replacingOccurrences(of: "cost_usd_per_day: 48", with: "cost_usd_per_day: 1, slots: 30")
            .replacingOccurrences(of: "entries: false", with: "entries: {max_per_day: 8, probability: 1}")
        let (sink, outcome) = try Self.run(text)
        let counts = sink.rows.map(\.row.miners)
        #expect(counts.first == 10)
        #expect(counts.last == 30)
        #expect(zip(counts, counts.dropFirst()).allSatisfy { $0 <= $1 && $1 <= 30 })
        #expect(outcome.miners.first?.entries == 20)
    }

    @Test func realisedNeverExceedsMarkToMarketWhenSelling() throws {
        let text = Self.handScenario.replacingOccurrences(of: "sell_fraction: 0", with: "sell_fraction: 1")
            .replacingOccurrences(of: "tao_reserve: 1000000, alpha_reserve: 1000000", with: "tao_reserve: 200, alpha_reserve: 90000")
        let (sink, outcome) = try Self.run(text)
        let selling = sink.rows.filter { $0.row.revenueAlphaRao > 0 }
        #expect(!selling.isEmpty)
        for (_, row) in selling {
            #expect(row.realisedUsdMicro <= row.revenueUsdMicro)
            #expect(row.realisedUsdMicro.signum > 0)
        }
        #expect(outcome.ledgerViolations.isEmpty)
    }

    @Test func hardwareCostsFromTheGPUTable() {
        let cost = MinerCost.hardware(gpu: "h100", gpus: 1, gpuHour: StepPath(baseMicro: GPUCatalog.usdPerHourMicro["h100"]!),
                                      hoursPerDayMicro: 24_000_000, fixedPerMonthMicro: 50_000_000)
        // $2.00 × 24 h + $50 × 12 / 365 = $48 + $1.643835 = $49.643835
        #expect(cost.perMinerPerDayMicro(atBlock: 0) == 49_643_835)
        let shocked = MinerCost.perDay(StepPath(baseMicro: 10, points: [(100, 20)]))
        #expect(shocked.perMinerPerDayMicro(atBlock: 99) == 10 && shocked.perMinerPerDayMicro(atBlock: 100) == 20)
    }

    @Test func distributionsWeightByRank() {
        #expect(MinerDistribution.equal.weights(count: 3) == [1, 1, 1])
        let power = MinerDistribution.powerLaw(exponent: 1).weights(count: 4)
        #expect(power[0] == 2 * power[1] && power[0] == 4 * power[3])
        #expect(MinerDistribution.shares([5, 3]).weights(count: 4) == [5, 3, 3, 3])
    }
}

@Suite struct MinerCostPathTests {
    @Test func costPathAndCostCSVChangeTheRateOnTheirDays() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dtao-cost-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "date,usd\n2025-01-03,96\n".write(to: directory.appendingPathComponent("costs.csv"), atomically: true, encoding: .utf8)
        let withCSV = MinerTests.handScenario.replacingOccurrences(of: "cost_usd_per_day: 48,", with: "cost_usd_per_day: 48, cost_csv: costs.csv,")
        let scenario = try ScenarioParser.parse(withCSV, file: "c.yaml", directory: directory.path)
        guard case let .perDay(path)? = scenario.minerModels[1]?.cost else {
            Issue.record("expected a per-day cost")
            return
        }
        // 2025-01-03 is day 2 at 361 blocks a day: block 722.
        #expect(path.micro(atBlock: 721) == 48_000_000 && path.micro(atBlock: 722) == 96_000_000)
        let withPath = MinerTests.handScenario.replacingOccurrences(
            of: "cost_usd_per_day: 48,", with: "gpu: h100, hours_per_day: 12, cost_path: [{date: 2025-01-02, usd_per_gpu_hour: 4}],")
        let hardware = try ScenarioParser.parse(withPath, file: "p.yaml")
        let cost = try #require(hardware.minerModels[1]?.cost)
        #expect(cost.perMinerPerDayMicro(atBlock: 0) == 24_000_000)    // $2.00 × 12 h
        #expect(cost.perMinerPerDayMicro(atBlock: 361) == 48_000_000)  // $4.00 × 12 h from day 1
        #expect(throws: ScenarioError.self) {
            try ScenarioParser.parse(MinerTests.handScenario.replacingOccurrences(of: "cost_usd_per_day: 48,", with: "cost_usd_per_day: 48, gpu: h100,"), file: "x.yaml")
        }
        #expect(throws: ScenarioError.self) {
            try ScenarioParser.parse(MinerTests.handScenario.replacingOccurrences(of: "count: 100", with: "count: 193"), file: "x.yaml")
        }
    }
}

import Foundation

@Suite struct MinerDistributionParsingTests {
    @Test(arguments: [("equal", MinerDistribution.equal), ("{power_law: 1.5}", .powerLaw(exponent: 1.5)), ("{shares: [5, 3, 1]}", .shares([5, 3, 1]))])
    func distributionsParse(_ text: String, _ expected: MinerDistribution) throws {
        let scenario = try ScenarioParser.parse(
            MinerTests.handScenario.replacingOccurrences(of: "sell_fraction: 0,", with: "sell_fraction: 0, distribution: \(text),"), file: "d.yaml")
        #expect(scenario.minerModels[1]?.distribution == expected)
    }
}

@Suite struct ValueCSVTests {
    @Test func costCSVAllowsZeroAndMarketCSVDoesNot() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dtao-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "2025-01-02,0\n".write(to: directory.appendingPathComponent("zero.csv"), atomically: true, encoding: .utf8)
        let costs = MinerTests.handScenario.replacingOccurrences(of: "cost_usd_per_day: 48,", with: "cost_usd_per_day: 48, cost_csv: zero.csv,")
        let scenario = try ScenarioParser.parse(costs, file: "c.yaml", directory: directory.path)
        #expect(scenario.minerModels[1]?.cost.perMinerPerDayMicro(atBlock: 361) == 0)
        let market = MinerTests.handScenario.replacingOccurrences(of: "{constant: 250}", with: "{csv: zero.csv}")
        do {
            _ = try ScenarioParser.parse(market, file: "m.yaml", directory: directory.path)
            Issue.record("a zero TAO price was accepted")
        } catch {
            #expect(error.expected.contains("USD price from 0.000001"))
        }
    }
}
