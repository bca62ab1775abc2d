import FixedMath
import Foundation
@testable import Simulation
import TaoEconomics
import Testing

/// Every bad input found by trying it is refused with the file, line, key path and what was
/// expected, before a run starts.
@Suite struct BadInputTests {
    static func refusal(_ text: String, directory: String = ".") -> ScenarioError? {
        do {
            _ = try ScenarioParser.parse(text, file: "bad.yaml", directory: directory)
            return nil
        } catch {
            return error
        }
    }

    @Test func anEMAPriceTooLargeForI96F32IsRefusedNotReplaced() throws {
        let error = try #require(Self.refusal(ScenarioText.variant("alpha_outstanding: 50000}", "alpha_outstanding: 50000, ema_price: 40000000000000000000000000000000}")))
        #expect(error.keyPath == "subnets[0].ema_price")
        #expect(error.expected.contains("below 2^95"))
        #expect(error.line == 12)
        // Just below the bound is kept exactly.
        let scenario = try ScenarioText.parse(ScenarioText.variant("alpha_outstanding: 50000}", "alpha_outstanding: 50000, ema_price: 0.5}"))
        guard case let .explicit(subnets) = scenario.subnets else { Issue.record("explicit subnets"); return }
        #expect(subnets[0].emaPrice == FixedPoint<I96F32>(saturatingRaw: BigInteger(1 << 31)))
    }

    @Test(arguments: ["horizon: {blocks: 1000000000000}", "horizon: {days: 1000000000000}", "horizon: {blocks: 18446744073709551615}",
                      "horizon: {days: 18446744073709551615}", "horizon: {blocks: 315000001}"])
    func horizonsBeyondTheLimitAreRefused(_ horizon: String) throws {
        let error = try #require(Self.refusal(ScenarioText.variant("horizon: {blocks: 1500}", horizon)))
        #expect(error.keyPath.description.hasPrefix("horizon"))
        #expect(error.expected.contains("315000000 blocks"))
        #expect(error.expected.contains("Scenarios/README.md"))
    }

    @Test func theLongestHorizonIsAccepted() throws {
        let scenario = try ScenarioText.parse(ScenarioText.variant("horizon: {blocks: 1500}", "horizon: {blocks: 315000000}"))
        #expect(scenario.horizonBlocks == ScenarioParser.Defaults.maximumHorizonBlocks)
    }

    @Test func runsThatWouldEndAfterTheYear9999AreRefused() throws {
        let error = try #require(Self.refusal(ScenarioText.variant("date: 2025-03-01", "date: 9999-12-31").replacingOccurrences(of: "{blocks: 1500}", with: "{days: 2}")))
        #expect(error.keyPath == "horizon")
        #expect(error.expected.contains("9999-12-31"))
        // Ending on the last day is fine: the last row's date has four digits.
        let scenario = try ScenarioText.parse(ScenarioText.variant("date: 2025-03-01", "date: 9999-12-31").replacingOccurrences(of: "{blocks: 1500}", with: "{blocks: 7199}"))
        #expect(scenario.clock.date(ofBlock: scenario.endBlock).description == "9999-12-31")
    }

    @Test func startHasTheDocumentedDefaults() throws {
        let text = ScenarioText.valid.replacingOccurrences(of: "start: {block: 100, issuance: 50000, date: 2025-03-01, blocks_per_day: 7200}\n", with: "")
            .replacingOccurrences(of: "block: 300", with: "block: 10").replacingOccurrences(of: "block: 700", with: "block: 20")
        let scenario = try ScenarioText.parse(text)
        #expect(scenario.startBlock == 0)
        #expect(scenario.startIssuanceRao == 10_950_000_000_000_000)
        #expect(scenario.startDate.description == "2026-07-01")
        #expect(scenario.blocksPerDay == 7_200)
    }

    @Test func scientificNotationIsReadExactly() throws {
        let scenario = try ScenarioText.parse(ScenarioText.variant("stake_tao: 500}", "stake_tao: 5e-06}"))
        guard case let .stakeTao(rao) = scenario.flows[0].action else { Issue.record("a stake"); return }
        #expect(rao == 5_000)
        let sd = try ScenarioText.parse(ScenarioText.variant("sd_tao: 10}", "sd_tao: 1E1}"))
        #expect(sd.stochasticFlows[0].sdTao == 10)
    }

    @Test func gbmDriftBeyondTheBoundIsRefused() throws {
        let error = try #require(Self.refusal(ScenarioText.variant("{constant: 250}", "{gbm: {start: 250, drift: 1000, volatility: 0.5}}")))
        #expect(error.keyPath == "market.tao_usd.gbm.drift")
        #expect(error.expected.contains("-5.0 to 5.0"))
    }

    @Test func aGBMPathThatReachesItsCeilingIsHeldThereAndReported() throws {
        // +500% a year for 10 years: e^50 times $250 passes $10,000,000,000 on day ~1,300.
        let text = ScenarioText.variant("{constant: 250}", "{gbm: {start: 250, drift: 5, volatility: 0}}")
            .replacingOccurrences(of: "horizon: {blocks: 1500}", with: "horizon: {days: 3650}")
            .replacingOccurrences(of: "sample_every: 500", with: "sample_every: 72000")
            .replacingOccurrences(of: "          - {stochastic: {netuids: all, every_blocks: 400, mean_tao: 0, sd_tao: 10}}\n", with: "")
            .replacingOccurrences(of: "blocks_per_day: 7200", with: "blocks_per_day: 10")
        var simulation = try SimulationRun(scenario: try ScenarioText.parse(text))
        var sink = MemorySink()
        _ = try simulation.run(into: &sink)
        let clamps = sink.events.filter { $0.kind == .market }
        #expect(clamps.count == 1)
        #expect(clamps.first?.detail.contains("ceiling of $10000000000.000000") == true)
        #expect(sink.samples.allSatisfy { $0.taoUsdMicro <= TaoUsdPath.ceilingMicro })
        #expect(sink.samples.last?.taoUsdMicro == TaoUsdPath.ceilingMicro)
    }

    @Test func csvFilesWithWindowsLineEndsQuotesAndAByteOrderMarkAreReadRowByRow() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dtao-crlf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = "\u{FEFF}\"date\",\"price\"\r\n2025-03-01,250\r\n\"2025-03-02\",\"260.5\"\r\n\r\n200,1e2\r\n"
        try Data(text.utf8).write(to: directory.appendingPathComponent("prices.csv"))
        let scenario = try ScenarioParser.parse(ScenarioText.variant("{constant: 250}", "{csv: prices.csv}"), file: "s.yaml", directory: directory.path)
        guard case let .piecewise(points) = scenario.market else { Issue.record("a piecewise path"); return }
        #expect(points.map(\.block) == [100, 200, 7_300])
        #expect(points.map { $0.price.description } == ["250.000000000000000000", "100.000000000000000000", "260.500000000000000000"])
        #expect(scenario.inputFiles == [directory.appendingPathComponent("prices.csv").path])
        // A bad row names the file and its row.
        try Data("date,price\r\n2025-03-01,250\r\n2025-03-02,cheap\r\n".utf8).write(to: directory.appendingPathComponent("bad.csv"))
        let error = try #require(Self.refusal(ScenarioText.variant("{constant: 250}", "{csv: bad.csv}"), directory: directory.path))
        #expect(error.file.hasSuffix("bad.csv") && error.line == 3 && error.value == "2025-03-02,cheap")
        #expect(error.keyPath == "market.tao_usd.csv")
    }

    @Test func longValuesKeepTheirEndsInMessages() {
        let value = String(repeating: "9", count: 150) + " rao is less than the TAO in the pools (123456789 rao)"
        let error = ScenarioError(file: "f.yaml", keyPath: "start.issuance", line: nil, value: value, expected: "more")
        #expect(error.description.contains("(123456789 rao)"))
    }

    @Test func networkProblemsPointAtTheirKey() throws {
        // The parser accepts it; the network refuses it, at the key it is about.
        #expect(throws: RunError.self) { try SimulationRun(scenario: try ScenarioText.parse(ScenarioText.variant("issuance: 50000", "issuance: 10"))) }
        do {
            _ = try SimulationRun(scenario: try ScenarioText.parse(ScenarioText.variant("issuance: 50000", "issuance: 10")))
        } catch let RunError.scenario(problem) {
            #expect(problem.keyPath == "start.issuance")
            #expect(problem.value.contains("13500500000000 rao"))
        }
    }
}

@Suite struct TrailingWindowTests {
    @Test func sevenDayColumnsSumTheLastSevenDays() throws {
        let text = """
            name: trailing
            horizon: {days: 12}
            start: {block: 0, issuance: 3000000, date: 2025-01-01, blocks_per_day: 361}
            sample_every: 361
            market: {tao_usd: {constant: 250}}
            subnets:
              - {netuid: 1, tao_reserve: 1000000, alpha_reserve: 1000000, miners: {count: 10, cost_usd_per_day: 48}}
            """
        var simulation = try SimulationRun(scenario: try ScenarioParser.parse(text, file: "t.yaml"))
        var sink = TrailingSink()
        _ = try simulation.run(into: &sink)
        let daily = sink.rows.map(\.revenueUsdMicro)
        for (index, row) in sink.rows.enumerated() {
            let days = min(index, TrailingWindow.days)
            #expect(row.trailing.days == days)
            if days > 0 { #expect(row.trailing.revenueUsdMicro == daily[(index - days + 1)...index].reduce(.zero, +)) }
            #expect(row.trailing.costUsdMicro == BigInteger(UInt64(days) * 480_000_000))
        }
    }

    struct TrailingSink: RunSink {
        var rows: [MinerSample] = []
        mutating func sample(_ sample: NetworkSample) throws(OutputFailure) {}
        mutating func event(_ event: RunEvent) throws(OutputFailure) {}
        mutating func miners(_ rows: [MinerSample], at sample: NetworkSample) throws(OutputFailure) { self.rows += rows }
    }
}
