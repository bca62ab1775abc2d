import FixedMath
@testable import Simulation
import TaoEconomics
import Testing

@Suite struct SimulationRunTests {
    static func run(_ text: String, seed: UInt64? = nil) throws -> (MemorySink, RunOutcome) {
        var scenario = try ScenarioText.parse(text)
        if let seed { scenario.seed = seed }
        var simulation = try SimulationRun(scenario: scenario)
        var sink = MemorySink()
        let outcome = try simulation.run(into: &sink)
        return (sink, outcome)
    }

    @Test func samplesAtStartEverySampleAndEnd() throws {
        let (sink, outcome) = try Self.run(ScenarioText.valid)
        #expect(sink.samples.map(\.block) == [100, 600, 1_100, 1_600])
        #expect(sink.samples.allSatisfy { $0.subnets.count == 2 })
        #expect(outcome.ledgerViolations.isEmpty)
        // Flows since the previous row add up to the whole run's injection.
        let injected = sink.samples.reduce(0) { $0 + $1.subnets.reduce(0) { $0 + $1.taoInRao } }
        #expect(injected == 1_500 * 1_000_000_000)
        #expect(sink.samples.last!.totalIssuanceRao == 50_000_000_000_000 + 1_500 * 1_000_000_000)
    }

    @Test func flowsHappenAndAreRecorded() throws {
        let (sink, _) = try Self.run(ScenarioText.valid)
        let stake = try #require(sink.events.first { $0.kind == .stake && $0.holder == "others" })
        #expect(stake.block == 300 && stake.amountInRao == 500_000_000_000 && stake.amountOutRao > 0)
        let whale = try #require(sink.events.first { $0.holder == "whale" })
        #expect(whale.kind == .unstake && whale.amountInRao == 10_000_000_000_000)
        #expect(sink.events.contains { $0.holder == "market" || ($0.holder == "others" && $0.block != 300) })
    }

    @Test func sameSeedIsIdenticalAndAnotherSeedChangesOnlyRandomParts() throws {
        let (a, _) = try Self.run(ScenarioText.valid)
        let (b, _) = try Self.run(ScenarioText.valid)
        #expect(a.samples == b.samples && a.events == b.events)
        let (c, _) = try Self.run(ScenarioText.valid, seed: 4)
        #expect(c.events != a.events)
        // Without random flows the seed changes nothing.
        let fixed = ScenarioText.variant("  - {stochastic: {netuids: all, every_blocks: 400, mean_tao: 0, sd_tao: 10}}", "")
        let (d, _) = try Self.run(fixed)
        let (e, _) = try Self.run(fixed, seed: 99)
        #expect(d.samples == e.samples && d.events == e.events)
    }

    /// Tempo and day steps give exactly the emission and issuance of block stepping; with no
    /// flows, everything is identical.
    @Test func coarseStepsAreExact() throws {
        let noFlows = ScenarioText.valid.components(separatedBy: "flows:").first!
        var results: [[NetworkSample]] = []
        for step in ["block", "tempo", "day"] {
            let text = noFlows.replacingOccurrences(of: "step: block", with: "step: \(step)")
            results.append(try Self.run(text).0.samples)
        }
        #expect(results[0] == results[1] && results[1] == results[2])
        var withFlows: [[NetworkSample]] = []
        for step in ["block", "day"] {
            withFlows.append(try Self.run(ScenarioText.valid.replacingOccurrences(of: "step: block", with: "step: \(step)")).0.samples)
        }
        #expect(withFlows[0].map(\.totalIssuanceRao) == withFlows[1].map(\.totalIssuanceRao))
        #expect(withFlows[0].map(\.emissionRaoPerBlock) == withFlows[1].map(\.emissionRaoPerBlock))
    }

    @Test func spreadExitSellsTheWholePositionInEqualChunks() throws {
        let text = ScenarioText.variant("{block: 700, netuid: 1, holder: whale, unstake_percent: 50}",
                                        "{block: 700, netuid: 1, holder: whale, unstake_percent: 100, over_blocks: 300, every_blocks: 100}")
        let (sink, _) = try Self.run(text)
        let chunks = sink.events.filter { $0.holder == "whale" }
        #expect(chunks.map(\.block) == [700, 800, 900])
        #expect(chunks.reduce(0) { $0 + $1.amountInRao } == 20_000_000_000_000)
        #expect(Set(chunks.map(\.amountInRao)).count <= 2)
    }

    @Test func refusedFlowsAreRecordedNotFatal() throws {
        // 60,000 TAO is more than the free TAO (50,000 − pools − root).
        let text = ScenarioText.variant("stake_tao: 500}", "stake_tao: 60000}")
        let (sink, outcome) = try Self.run(text)
        let refused = try #require(sink.events.first { $0.kind == .refused })
        #expect(refused.detail.contains("free TAO"))
        #expect(outcome.eventCounts[.refused] == 1)
        #expect(outcome.ledgerViolations.isEmpty)
    }

    @Test func registrationsAddSubnetsMidRun() throws {
        let text = ScenarioText.valid + "\nregistrations:\n  - {block: 1000}\n"
        let (sink, outcome) = try Self.run(text)
        #expect(sink.samples.last?.subnets.count == 3)
        #expect(outcome.eventCounts[.registration] == 1)
        #expect(outcome.ledgerViolations.isEmpty)
    }
}

@Suite struct MarketAndGeneratorTests {
    @Test func piecewiseIsLinearAndExact() throws {
        let points: [(block: UInt64, price: FixedDecimal<Decimal18>)] = [(100, try FixedDecimal(parsing: "250")), (200, try FixedDecimal(parsing: "150"))]
        var path = TaoUsdPath(model: .piecewise(points), startBlock: 0, blocksPerDay: 7_200, seed: 1)
        #expect(path.microUsd(atBlock: 0) == 250_000_000)
        #expect(path.microUsd(atBlock: 150) == 200_000_000)
        #expect(path.microUsd(atBlock: 133) == 217_000_000)
        #expect(path.microUsd(atBlock: 1_000) == 150_000_000)
    }

    @Test func gbmIsSeededAndMovesDaily() {
        var a = TaoUsdPath(model: .gbm(start: 250, drift: 0, volatility: 0.8), startBlock: 0, blocksPerDay: 100, seed: 5)
        var b = TaoUsdPath(model: .gbm(start: 250, drift: 0, volatility: 0.8), startBlock: 0, blocksPerDay: 100, seed: 5)
        var c = TaoUsdPath(model: .gbm(start: 250, drift: 0, volatility: 0.8), startBlock: 0, blocksPerDay: 100, seed: 6)
        #expect(a.microUsd(atBlock: 99) == 250_000_000)
        let pathA = (1...30).map { a.microUsd(atBlock: UInt64($0) * 100) }
        let pathB = (1...30).map { b.microUsd(atBlock: UInt64($0) * 100) }
        let pathC = (1...30).map { c.microUsd(atBlock: UInt64($0) * 100) }
        #expect(pathA == pathB)
        #expect(pathA != pathC)
        #expect(Set(pathA).count > 20)
    }

    @Test func generatorMeetsTheMedianAndTheSum() {
        let generator = SubnetGenerator(count: 128, medianPrice: 0.003, priceSum: 1.05, priceSigma: nil, alphaReserveMedianRao: 6e14,
                                        alphaReserveSigma: 0.6, alphaOutstandingMedianRao: 1.4e15, alphaOutstandingSigma: 0.3)
        let subnets = generator.subnets(seed: 42)
        let prices = subnets.map { Double($0.taoReserveRao) / Double($0.alphaReserveRao) }
        #expect(abs(prices.reduce(0, +) - 1.05) < 0.001)
        let sorted = prices.sorted()
        #expect(abs((sorted[63] + sorted[64]) / 2 - 0.003) < 0.0002)
        #expect(prices[0] == sorted.last)  // the largest price gets the lowest netuid
        #expect(subnets == generator.subnets(seed: 42))
        #expect(subnets != generator.subnets(seed: 43))
    }

    @Test func inverseNormalIsAccurate() {
        #expect(abs(SubnetGenerator.inverseNormal(0.5)) < 1e-12)
        #expect(abs(SubnetGenerator.inverseNormal(0.975) - 1.959963984540054) < 1e-9)
        #expect(abs(SubnetGenerator.inverseNormal(0.001) + 3.090232306167813) < 1e-9)
    }
}

@Suite struct PruneEventTests {
    /// Under card, registering past 128 subnets prunes the lowest EMA price and says so.
    @Test func pruningIsRecordedWithTheHoldersPayouts() throws {
        var lines = ["name: prune", "rules: card", "horizon: {blocks: 20}", "start: {block: 1000000, issuance: 1000000, date: 2025-01-01}",
                     "market:", "  tao_usd: {constant: 250}", "subnets:"]
        for netuid in 1...128 {
            lines.append("  - {netuid: \(netuid), tao_reserve: 1000, alpha_reserve: \(netuid * 1000), alpha_outstanding: 10}")
        }
        lines.append("registrations:\n  - {block: 1000005}")
        var simulation = try SimulationRun(scenario: try ScenarioParser.parse(lines.joined(separator: "\n"), file: "p.yaml"))
        var sink = MemorySink()
        let outcome = try simulation.run(into: &sink)
        let prune = try #require(sink.events.first { $0.kind == .prune })
        #expect(prune.netuid == 128)
        #expect(prune.amountOutRao > 1_000_000_000_000)
        #expect(prune.detail.contains("staker others"))
        #expect(sink.events.last { $0.kind == .registration }?.netuid == 128)
        #expect(outcome.ledgerViolations.isEmpty)
    }
}
