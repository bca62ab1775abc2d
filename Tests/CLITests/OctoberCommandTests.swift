import Foundation
import Testing

/// `head-2026-10` and chain parameters in scenarios, from the command line.
@Suite struct OctoberCommandTests {
    static let scenario = """
        name: cli-october
        rules: {base: head-2026-10, parameters: {tao_weight: 3320413933267719290, subnet_owner_cut: 6553}}
        seed: 5
        horizon: {blocks: 800}
        sample_every: 200
        start: {block: 9240000, issuance: 11597622, date: 2026-10-09, last_lock_block: 0}
        market:
          tao_usd: {constant: 230}
        root: {tao: 5000000, claim: swap, claim_slice: 0.5}
        subnets:
          - {netuid: 1, tao_reserve: 300000, alpha_reserve: 1000000, alpha_outstanding: 3000000, tempo: 100}
          - {netuid: 2, tao_reserve: 10000, alpha_reserve: 1000000, alpha_outstanding: 3000000, quote_weight: 0.0101, alpha_reservoir: 20000}
          - {netuid: 3, tao_reserve: 600000, alpha_reserve: 1000000, alpha_outstanding: 3000000, epoch_consensus: none, tempo: 100}
          - {netuid: 4, tao_reserve: 50000, alpha_reserve: 1000000, alpha_outstanding: 3000000, root_registered_fraction: 0}
        """

    static func manifest(_ url: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url.appendingPathComponent("manifest.json"))) as? [String: Any])
    }

    @Test func anOctoberScenarioWithParametersRunsAndNamesItsOverrides() throws {
        let work = try RunCommandTests.workspace(Self.scenario)
        defer { try? FileManager.default.removeItem(at: work) }
        let result = try CLI.run(["run", "s.yaml", "--out", "a"], in: work)
        #expect(result.exitCode == 0, "\(result.standardError)")
        let rules = try #require(try Self.manifest(work.appendingPathComponent("a"))["rules"] as? [String: Any])
        #expect(rules["name"] as? String == "head-2026-10 + tao_weight=3320413933267719290, subnet_owner_cut=6553")
        #expect(rules["base"] as? String == "head-2026-10")
        #expect((rules["overrides"] as? [String: String]) == ["tao_weight": "3320413933267719290", "subnet_owner_cut": "6553"])
        #expect((rules["parameters"] as? [String: String])?["subnet_owner_cut"] == "6553")
        let summary = try String(contentsOf: work.appendingPathComponent("a/summary.md"), encoding: .utf8)
        #expect(summary.contains("head-2026-10 + tao_weight=3320413933267719290, subnet_owner_cut=6553"))
        let report = try String(contentsOf: work.appendingPathComponent("a/report.html"), encoding: .utf8)
        #expect(report.contains("subnet_owner_cut=6553"))
        // The alpha reservoir of subnet 2 is reported; the other pools' are 0.
        let subnets = try HeadCommandTests.rows(work.appendingPathComponent("a/subnets.csv"))
        let column = try #require(subnets[0].firstIndex(of: "alpha_reservoir_rao"))
        let first = try #require(subnets.first { $0[0] == "9240000" && $0[2] == "2" })
        #expect(first[column] == "20000000000000")
        #expect(subnets.dropFirst().filter { $0[2] == "1" }.allSatisfy { $0[column] == "0" })
        // Every invariant holds every block.
        let check = try CLI.run(["check", "s.yaml"], in: work)
        #expect(check.exitCode == 0, "\(check.standardOutput)\(check.standardError)")
    }

    /// `--rules` to a rule set without reservoirs, Null epochs or baskets: the keys that lose
    /// their effect are named on stderr, in the manifest, the summary and the report, as are the
    /// `--set` overrides and the price model.
    @Test func keysARuleSetCannotUseAreNamedWithTheOverridesAndTheMarket() throws {
        let work = try RunCommandTests.workspace(Self.scenario)
        defer { try? FileManager.default.removeItem(at: work) }
        let result = try CLI.run(["run", "s.yaml", "--out", "a", "--rules", "head-2026-08", "--set", "seed=6"], in: work)
        #expect(result.exitCode == 0, "\(result.standardError)")
        let ignored = ["root.claim_slice", "subnets[1].alpha_reservoir", "subnets[2].epoch_consensus", "subnets[3].root_registered_fraction"]
        #expect(result.standardError.contains("warning: under head-2026-08 these scenario keys have no effect"), "\(result.standardError)")
        let manifest = try Self.manifest(work.appendingPathComponent("a"))
        #expect(manifest["keys_without_effect"] as? [String] == ignored)
        #expect(manifest["overrides"] as? [String] == ["seed=6"])
        #expect(manifest["market"] as? String == "constant $230")
        let summary = try String(contentsOf: work.appendingPathComponent("a/summary.md"), encoding: .utf8)
        #expect(summary.contains("TAO/USD: constant $230."))
        #expect(summary.contains("Overrides: `--set seed=6`."))
        #expect(summary.contains("`subnets[1].alpha_reservoir`"))
        let report = try String(contentsOf: work.appendingPathComponent("a/report.html"), encoding: .utf8)
        #expect(report.contains("--set seed=6") && report.contains("subnets[3].root_registered_fraction"))
        // Under its own rule set nothing is ignored.
        #expect(try CLI.run(["run", "s.yaml", "--out", "b"], in: work).standardError.isEmpty)
        #expect(try Self.manifest(work.appendingPathComponent("b"))["keys_without_effect"] as? [String] == [])
    }

    /// A starting TAO reservoir drains into its pool from the first block; that TAO came from
    /// earlier emission, so shares-sum must not count it again (it used to fail at block 9,240,000:
    /// Σ tao_in 500,351,160,274 ≠ emission 500,000,000).
    @Test func aDrainingTaoReservoirKeepsSharesSum() throws {
        let work = try RunCommandTests.workspace(Self.scenario.replacingOccurrences(of: "alpha_reservoir: 20000}", with: "alpha_reservoir: 20000, tao_reservoir: 500}"))
        defer { try? FileManager.default.removeItem(at: work) }
        let check = try CLI.run(["check", "s.yaml"], in: work)
        #expect(check.exitCode == 0, "\(check.standardOutput)")
    }

    @Test func theOwnerCutParameterChangesTheRun() throws {
        let work = try RunCommandTests.workspace(Self.scenario)
        defer { try? FileManager.default.removeItem(at: work) }
        #expect(try CLI.run(["run", "s.yaml", "--out", "a"], in: work).exitCode == 0)
        let set = try CLI.run(["run", "s.yaml", "--out", "b", "--set", "rules.parameters.subnet_owner_cut=11796"], in: work)
        #expect(set.exitCode == 0, "\(set.standardError)")
        let plain = try String(contentsOf: work.appendingPathComponent("a/network.csv"), encoding: .utf8)
        let changed = try String(contentsOf: work.appendingPathComponent("b/network.csv"), encoding: .utf8)
        #expect(plain != changed)
        let rules = try #require(try Self.manifest(work.appendingPathComponent("b"))["rules"] as? [String: Any])
        #expect((rules["overrides"] as? [String: String])?["subnet_owner_cut"] == "11796")
    }

    @Test func setAddsParametersWhicheverFormRulesHas() throws {
        let named = Self.scenario.replacingOccurrences(of: "rules: {base: head-2026-10, parameters: {tao_weight: 3320413933267719290, subnet_owner_cut: 6553}}",
                                                       with: "rules: head-2026-10")
        let work = try RunCommandTests.workspace(named)
        defer { try? FileManager.default.removeItem(at: work) }
        let result = try CLI.run(["run", "s.yaml", "--out", "a", "--set", "rules.parameters.fee_rate=0"], in: work)
        #expect(result.exitCode == 0, "\(result.standardError)")
        let rules = try #require(try Self.manifest(work.appendingPathComponent("a"))["rules"] as? [String: Any])
        #expect(rules["name"] as? String == "head-2026-10 + fee_rate=0")
    }

    @Test func rulesOnTheCommandLineKeepTheOverridesOrRefuseThem() throws {
        let work = try RunCommandTests.workspace(HeadCommandTests.scenario.replacingOccurrences(
            of: "rules: head-2026-08", with: "rules: {base: head-2026-08, parameters: {fee_rate: 0}}"))
        defer { try? FileManager.default.removeItem(at: work) }
        let rebased = try CLI.run(["run", "s.yaml", "--out", "a", "--rules", "head-2026-10"], in: work)
        #expect(rebased.exitCode == 0, "\(rebased.standardError)")
        let rules = try #require(try Self.manifest(work.appendingPathComponent("a"))["rules"] as? [String: Any])
        #expect(rules["name"] as? String == "head-2026-10 + fee_rate=0, emission_bar_rank=2")
        // head-2026-06 has no gate, so the scenario's gate: alias cannot move to it.
        let refused = try CLI.run(["run", "s.yaml", "--out", "b", "--rules", "head-2026-06"], in: work)
        #expect(refused.exitCode == 2)
        #expect(refused.standardError.contains("emission_bar_rank"))
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("b").path))
    }

    @Test(arguments: [
        ("rules: {base: head-2026-10, parameters: {tao_wieght: 0}}", "rules.parameters.tao_wieght"),
        ("rules: {base: head-2026-10, parameters: {fee_rate: 10001}}", "rules.parameters.fee_rate"),
        ("rules: {base: head-2026-10, parameters: {subnet_moving_alpha: 1.5}}", "rules.parameters.subnet_moving_alpha"),
        ("rules: {base: head-2026-10, parameters: {tempo: -1}}", "rules.parameters.tempo"),
        ("rules: {base: head-2026-06, parameters: {emission_bar_rank: 8}}", "rules.parameters.emission_bar_rank"),
        ("rules: {base: card, parameters: {root_claimable_threshold: 5}}", "rules.parameters.root_claimable_threshold"),
        ("rules: {base: head-2026-11}", "rules.base"),
        ("rules: {parameters: {fee_rate: 0}}", "rules"),
        ("rules: {base: head-2026-10, parameters: {emission_bar_rank: 8}}\ngate: {rank: 4}", "rules.parameters.emission_bar_rank"),
        ("rules: head-2026-08\ngate: {rank: 4, q: 0.5}", "gate"),
    ])
    func badParametersAreBadInputWithTheKeyPath(_ rules: String, _ keyPath: String) throws {
        let text = Self.scenario.replacingOccurrences(of: "rules: {base: head-2026-10, parameters: {tao_weight: 3320413933267719290, subnet_owner_cut: 6553}}", with: rules)
            .replacingOccurrences(of: ", epoch_consensus: none", with: "").replacingOccurrences(of: ", root_registered_fraction: 0", with: "")
            .replacingOccurrences(of: ", quote_weight: 0.0101, alpha_reservoir: 20000", with: "")
            .replacingOccurrences(of: ", claim: swap, claim_slice: 0.5", with: "")
        let work = try RunCommandTests.workspace(text)
        defer { try? FileManager.default.removeItem(at: work) }
        let result = try CLI.run(["run", "s.yaml", "--out", "a"], in: work)
        #expect(result.exitCode == 2, "\(rules): \(result.standardError)")
        #expect(result.standardError.contains(keyPath), "\(rules): \(result.standardError)")
        let check = try CLI.run(["check", "s.yaml", "--format", "json"], in: work)
        #expect(check.exitCode == 2)
        let error = try #require((try CheckForCITests.json(check))["error"] as? [String: Any])
        #expect((error["key_path"] as? String)?.hasPrefix(keyPath) == true, "\(rules): \(error)")
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("a").path))
    }

    @Test func octoberKeysUnderEarlierRulesAreBadInput() throws {
        let work = try RunCommandTests.workspace(Self.scenario.replacingOccurrences(
            of: "rules: {base: head-2026-10, parameters: {tao_weight: 3320413933267719290, subnet_owner_cut: 6553}}", with: "rules: head-2026-08"))
        defer { try? FileManager.default.removeItem(at: work) }
        let result = try CLI.run(["run", "s.yaml", "--out", "a"], in: work)
        #expect(result.exitCode == 2)
        #expect(result.standardError.contains("head-2026-10"))
    }
}
