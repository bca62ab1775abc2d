import Foundation
@testable import Simulation
import TaoEconomics
import Testing

/// `--set key.path=value`: an override is read as if it were written in the file, and is
/// refused as the file would be, naming the override.
@Suite struct ScenarioOverrideTests {
    static func override(_ text: String) -> ScenarioOverride { ScenarioOverride(parsing: text)! }

    @Test func parsesKeyPathsAndValues() {
        let parsed = Self.override("subnets[0].miners.sell_fraction=0.5")
        #expect(parsed.keyPath == "subnets[0].miners.sell_fraction")
        #expect(parsed.valueText == "0.5")
        #expect(Self.override("name=a=b").valueText == "a=b")  // the first = separates
        #expect(Self.override("description=").valueText == "")
        for bad in ["novalue", "=1", "a..b=1", "a[x]=1", "[0]=1", "a b=1"] {
            #expect(ScenarioOverride(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test func anOverrideEqualsWritingTheValueInTheFile() throws {
        let overridden = try ScenarioParser.parse(ScenarioText.valid, file: "t.yaml", overrides: [
            Self.override("horizon.blocks=900"), Self.override("market.tao_usd.constant=300"),
            Self.override("subnets[1].tao_reserve=4000"), Self.override("flows[0].stake_tao=7"),
        ])
        let written = try ScenarioText.parse(ScenarioText.valid
            .replacingOccurrences(of: "horizon: {blocks: 1500}", with: "horizon: {blocks: 900}")
            .replacingOccurrences(of: "{constant: 250}", with: "{constant: 300}")
            .replacingOccurrences(of: "tao_reserve: 2500.5", with: "tao_reserve: 4000")
            .replacingOccurrences(of: "stake_tao: 500", with: "stake_tao: 7"))
        #expect(overridden.horizonBlocks == 900 && written.horizonBlocks == 900)
        #expect(overridden.market == written.market)
        #expect(overridden.flows == written.flows)
        guard case let .explicit(a) = overridden.subnets, case let .explicit(b) = written.subnets else { Issue.record("explicit subnets"); return }
        #expect(a == b && a[1].taoReserveRao == 4_000_000_000_000)
        #expect(overridden.overrides.map(\.description) == ["horizon.blocks=900", "market.tao_usd.constant=300", "subnets[1].tao_reserve=4000", "flows[0].stake_tao=7"])
    }

    @Test func aMissingKeyIsAddedAndLaterOverridesWin() throws {
        let scenario = try ScenarioParser.parse(ScenarioText.valid, file: "t.yaml", overrides: [
            Self.override("network_seed=11"), Self.override("seed=5"), Self.override("seed=6"),
        ])
        #expect(scenario.networkSeed == 11 && scenario.seed == 6)
    }

    @Test func badOverridesAreRefusedNamingTheOverride() {
        func refusal(_ text: String) -> ScenarioError? {
            do { _ = try ScenarioParser.parse(ScenarioText.valid, file: "t.yaml", overrides: [Self.override(text)]); return nil } catch { return error }
        }
        let unknown = refusal("horizon.weeks=2")
        #expect(unknown?.file == "t.yaml with --set horizon.weeks=2" && unknown?.keyPath == "horizon.weeks")
        let wrongType = refusal("seed=abc")
        #expect(wrongType?.keyPath == "seed" && wrongType?.expected.contains("seed") == true && wrongType?.file.contains("--set seed=abc") == true)
        let pastTheEnd = refusal("subnets[5].tao_reserve=1")
        #expect(pastTheEnd?.keyPath == "subnets[5]" && pastTheEnd?.expected.contains("2 item(s)") == true)
        #expect(refusal("seed.x=1")?.expected.contains("a mapping") == true)
        #expect(refusal("market[0]=1")?.expected.contains("a list") == true)
        #expect(refusal("seed=[1, 2")?.expected.contains("a YAML value") == true)
        #expect(refusal("seed=-1") != nil)
    }

    static let generated = """
        name: generated
        rules: card
        seed: 3
        horizon: {blocks: 21600}
        step: block
        sample_every: 3600
        start: {block: 100, issuance: 9000000, date: 2025-03-01, blocks_per_day: 7200}
        market:
          tao_usd: {gbm: {start: 250, drift: 0, volatility: 0.8}}
        root: {tao: 1000}
        subnets:
          generate:
            count: 12
            price: {median: 0.003, sum: 0.1}
            alpha_reserve: {median: 600000, sigma: 0.6}
            alpha_outstanding: {median: 100000, sigma: 0.3}
            fitted_to: "a test network"
        flows:
          - {stochastic: {netuids: all, every_blocks: 400, mean_tao: 0, sd_tao: 10}}
        """

    static func samples(_ scenario: Scenario) throws -> [NetworkSample] {
        var simulation = try SimulationRun(scenario: scenario)
        var sink = MemorySink()
        _ = try simulation.run(into: &sink)
        return sink.samples
    }

    @Test func theRunSeedNeverChangesTheGeneratedNetwork() throws {
        var scenario = try ScenarioParser.parse(Self.generated, file: "g.yaml")
        #expect(scenario.networkSeed == 3)
        let first = try SimulationRun(scenario: scenario).network
        scenario.seed = 99  // what --seed and a sweep do
        let second = try SimulationRun(scenario: scenario).network
        #expect(first.subnets.map(\.pool) == second.subnets.map(\.pool))
        // The market path does follow the run seed.
        #expect(try Self.samples(scenario).map(\.taoUsdMicro) != Self.samples(ScenarioParser.parse(Self.generated, file: "g.yaml")).map(\.taoUsdMicro))
        // network_seed, written or set, picks another network.
        let reseeded = try ScenarioParser.parse(Self.generated, file: "g.yaml", overrides: [Self.override("network_seed=4")])
        #expect(try SimulationRun(scenario: reseeded).network.subnets.map(\.pool) != first.subnets.map(\.pool))
    }

    @Test func commonRandomNumbersAcrossAParameter() throws {
        // Two runs with one seed and a different flow size see the same TAO/USD path.
        let small = try ScenarioParser.parse(Self.generated, file: "g.yaml", overrides: [Self.override("flows[0].stochastic.sd_tao=1")])
        let large = try ScenarioParser.parse(Self.generated, file: "g.yaml", overrides: [Self.override("flows[0].stochastic.sd_tao=50")])
        let (a, b) = (try Self.samples(small), try Self.samples(large))
        #expect(a.map(\.taoUsdMicro) == b.map(\.taoUsdMicro))
        #expect(a.map(\.freeTaoRao) != b.map(\.freeTaoRao))
    }
}
