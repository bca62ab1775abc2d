import FixedMath
import Simulation
import TaoEconomics
import Testing

@Suite struct ScenarioParserTests {
    @Test func validScenarioParsesExactly() throws {
        let scenario = try ScenarioText.parse(ScenarioText.valid)
        #expect(scenario.name == "tiny")
        #expect(scenario.rules == .card)
        #expect(scenario.horizonBlocks == 1_500 && scenario.endBlock == 1_600)
        #expect(scenario.startIssuanceRao == 50_000_000_000_000)
        guard case let .explicit(subnets) = scenario.subnets else {
            Issue.record("expected explicit subnets")
            return
        }
        // 2500.5 TAO is parsed from its text, exactly.
        #expect(subnets[1].taoReserveRao == 2_500_500_000_000)
        #expect(scenario.flows.count == 2)
        #expect(scenario.stochasticFlows.count == 1)
        #expect(scenario.holders.first?.alphaRao == 20_000_000_000_000)
    }

    @Test func daysHorizonUsesBlocksPerDay() throws {
        let scenario = try ScenarioText.parse(ScenarioText.variant("horizon: {blocks: 1500}", "horizon: {days: 2}"))
        #expect(scenario.horizonBlocks == 14_400)
    }

    @Test func jsonIsAcceptedToo() throws {
        let json = """
            {"name": "j", "horizon": {"blocks": 10}, "start": {"issuance": "100", "date": "2025-01-01"},
             "market": {"tao_usd": {"constant": 250}},
             "subnets": [{"netuid": 1, "tao_reserve": 10, "alpha_reserve": 10}]}
            """
        let scenario = try ScenarioText.parse(json)
        #expect(scenario.horizonBlocks == 10)
    }

    /// At least ten kinds of mistake, each reported with the key path and what was expected.
    @Test(arguments: [
        ("horizon: {blocks: 1500}", "horizon: {blocks: 1500}\ncolour: blue", "colour", "one of the keys"),
        ("tao_reserve: 10000,", "tao_reserve: -5,", "subnets[0].tao_reserve", "non-negative amount of TAO"),
        ("tao_reserve: 10000,", "tao_reserve: 0.0000000001,", "subnets[0].tao_reserve", "at most 9 decimals"),
        ("tao_reserve: 10000,", "tao_reserve: [1, 2],", "subnets[0].tao_reserve", "amount of TAO"),
        ("horizon: {blocks: 1500}", "horizon: {blocks: 0}", "horizon.blocks", "positive whole number"),
        ("horizon: {blocks: 1500}", "horizon: {blocks: 10, days: 1}", "horizon", "exactly one of"),
        ("rules: card", "rules: v3", "rules", "one of the rule sets"),
        ("date: 2025-03-01", "date: 2025-02-30", "start.date", "YYYY-MM-DD"),
        ("{netuid: 2,", "{netuid: 1,", "subnets[1].netuid", "not used by another subnet"),
        ("{block: 300, netuid: 1, stake_tao: 500}", "{block: 99999, netuid: 1, stake_tao: 500}", "flows[0]", "within the run"),
        ("{block: 300, netuid: 1, stake_tao: 500}", "{block: 300, netuid: 9, stake_tao: 500}", "flows[0].netuid", "netuid of a subnet"),
        ("holder: whale, unstake_percent: 50", "holder: nobody, unstake_percent: 50", "flows[1].holder", "listed under 'holders'"),
        ("unstake_percent: 50", "unstake_percent: 150", "flows[1].unstake_percent", "at most 100"),
        ("{constant: 250}", "{constant: 0}", "market.tao_usd.constant", "from 0.000001 to 10000000000"),
        ("{constant: 250}", "{constant: 1e30}", "market.tao_usd.constant", "from 0.000001 to 10000000000"),
        ("{constant: 250}", "{constant: 0.0000001}", "market.tao_usd.constant", "at most 6 decimals"),
        ("{constant: 250}", "{gbm: {start: 250}}", "market.tao_usd.gbm", "volatility"),
        ("{constant: 250}", "{piecewise: [{block: 100, price: 250}, {block: 900, price: 1e11}]}", "market.tao_usd.piecewise[1].price", "to 10000000000"),
        ("seed: 3", "seed: -3", "seed", "non-negative integer seed"),
        ("step: block", "step: hour", "step", "block, tempo or day"),
        ("sample_every: 500", "sample_every: 0", "sample_every", "positive number"),
        ("{stochastic: {netuids: all, every_blocks: 400, mean_tao: 0, sd_tao: 10}}", "{stochastic: {netuids: all, every_blocks: 400, mean_tao: 0, sd_tao: -1}}", "flows[2].stochastic.sd_tao", "non-negative"),
        ("name: tiny", "name: tiny\nname: again", "", "valid YAML"),
        ("stake_tao: 500}", "stake_tao: 1e-10}", "flows[0].stake_tao", "at most 9 decimals"),
    ])
    func mistakesAreReportedWithPathAndExpectation(_ old: String, _ new: String, _ path: String, _ expected: String) {
        do {
            _ = try ScenarioText.parse(ScenarioText.variant(old, new), file: "broken.yaml")
            Issue.record("accepted: \(new)")
        } catch {
            #expect(error.keyPath.description == path, "\(error)")
            #expect(error.expected.contains(expected), "\(error)")
            #expect(error.file == "broken.yaml")
            #expect(error.description.hasPrefix("broken.yaml:"))
        }
    }

    @Test func missingRequiredKeysAndBrokenYAML() {
        #expect(throws: ScenarioError.self) { try ScenarioText.parse("name: x") }
        #expect(throws: ScenarioError.self) { try ScenarioText.parse("name: [unclosed") }
        #expect(throws: ScenarioError.self) { try ScenarioText.parse("") }
        #expect(throws: ScenarioError.self) { try ScenarioText.parse("- just\n- a list") }
    }

    @Test func impossibleNetworksAreScenarioErrors() throws {
        // The whale holds more than subnet 1's outstanding alpha.
        let scenario = try ScenarioText.parse(ScenarioText.variant("{name: whale, netuid: 1, alpha: 20000}", "{name: whale, netuid: 1, alpha: 60000}"))
        #expect(throws: RunError.self) { try SimulationRun(scenario: scenario) }
        // Issuance below the TAO in the pools.
        let short = try ScenarioText.parse(ScenarioText.variant("issuance: 50000", "issuance: 100"))
        #expect(throws: RunError.self) { try SimulationRun(scenario: short) }
    }
}

@Suite struct ScenarioParserExtremeTests {
    /// Far dates, huge intervals and spans are errors or saturate; none traps.
    @Test(arguments: [
        ("{block: 300, netuid: 1, stake_tao: 500}", "{date: 9999-12-31, netuid: 1, stake_tao: 500}"),
        ("{block: 700, netuid: 1, holder: whale, unstake_percent: 50}", "{block: 700, netuid: 1, holder: whale, unstake_percent: 50, over_days: 18446744073709551615, every_blocks: 18446744073709551615}"),
        ("{block: 700, netuid: 1, holder: whale, unstake_percent: 50}", "{block: 700, netuid: 1, holder: whale, unstake_percent: 50, over_blocks: 100, every_blocks: 1}"),
        ("{constant: 250}", "{piecewise: [{date: 9999-12-31, price: 1}, {date: 1970-01-01, price: 2}]}"),
        ("blocks_per_day: 7200", "blocks_per_day: 18446744073709551615"),
        ("horizon: {blocks: 1500}", "horizon: {blocks: 18446744073709551615}"),
    ])
    func extremesDoNotTrap(_ old: String, _ new: String) {
        _ = try? ScenarioText.parse(ScenarioText.variant(old, new))
    }
}

@Suite struct SubnetOverrideParsingTests {
    @Test func tempoOverrideIsReadAndBounded() throws {
        let scenario = try ScenarioText.parse(ScenarioText.variant("alpha_outstanding: 20000}", "alpha_outstanding: 20000, tempo: 99}"))
        guard case let .explicit(subnets) = scenario.subnets else { return }
        #expect(subnets[1].tempo == 99 && subnets[0].tempo == nil)
        #expect(throws: ScenarioError.self) { try ScenarioText.parse(ScenarioText.variant("alpha_outstanding: 20000}", "alpha_outstanding: 20000, tempo: 60000}")) }
    }
}
