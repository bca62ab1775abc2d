import Foundation
import Testing

@Suite struct RulesCommandTests {
    /// `rules NAME --format json` as its object, its parts and its parameters.
    static func describe(_ arguments: [String]) throws -> (object: [String: Any], parts: [String: String], parameters: [String: [String: Any]]) {
        let result = try CLI.run(["rules"] + arguments + ["--format", "json"])
        #expect(result.exitCode == 0, "\(result.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let parts = try #require(object["parts"] as? [String: String])
        let parameters = try #require(object["parameters"] as? [String: [String: Any]])
        return (object, parts, parameters)
    }

    @Test func listsEveryRuleSetOneLineEachWithTheDefaultMarked() throws {
        let result = try CLI.run(["rules"])
        #expect(result.exitCode == 0)
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix("card") && lines[0].hasSuffix("(default)"))
        #expect(lines[1].hasPrefix("launch-2025-02"))
        #expect(lines[2].hasPrefix("head-2026-06"))
        #expect(lines[3].hasPrefix("head-2026-08"))
        #expect(lines[4].hasPrefix("head-2026-10"))
    }

    @Test func specsSayWhichRuleSetReplaysWhichSpecVersion() throws {
        let table = try CLI.run(["rules", "--specs"])
        #expect(table.exitCode == 0)
        #expect(table.standardOutput.contains("head-2026-10"))
        let json = try CLI.run(["rules", "--specs", "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]])
        let byRules = Dictionary(rows.map { (($0["rules"] as? String) ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        #expect(byRules["head-2026-10"]?["last_spec"] as? Int == 475)
        #expect(byRules["head-2026-08"]?["last_spec"] as? Int == 443)
        #expect(byRules["card"] == nil)
        #expect(try CLI.run(["rules", "head-2026-10", "--specs"]).exitCode == 2)
    }

    @Test func headPrintsTheWeightedCurveAndItsDeviations() throws {
        let (object, parts, parameters) = try Self.describe(["head-2026-06"])
        #expect(parts["swap_curve"]?.contains("pow_ratio_scaled") == true)
        #expect(parts["swap_fee"]?.contains("33 ÷ 65535") == true)
        #expect(parts["alpha_injection"]?.contains("re-weights") == true)
        #expect((object["notes"] as? [String])?.isEmpty == false)
        #expect(parameters["fee_rate"]?["value"] as? String == "33")
        #expect(parameters["fee_rate"]?["storage_item"] as? String == "Swap.FeeRate")
        #expect(parameters["emission_gate_exponent"] == nil, "head-2026-06 has no gate")
    }

    @Test func launchPrintsEveryPartAndTheYumaStandIn() throws {
        let (object, parts, _) = try Self.describe(["launch-2025-02"])
        for key in ["halving", "issued_tao", "subnet_share", "alpha_injection", "owner_cut", "miners_validators", "root_dividends",
                    "tempo", "consensus", "swap_rounding", "swap_fee", "minimum_output_reserve_rao", "minimum_stake_rao", "ema",
                    "ema_default", "lock_cost", "new_pool", "subnet_limit", "coinbase_order"] {
            #expect(parts[key] != nil, "missing \(key)")
        }
        #expect((object["notes"] as? [String])?.contains { $0.contains("stand-in for Yuma consensus") } == true)
        #expect(parts["swap_fee"]?.contains("50000") == true)
        #expect(parts["owner_cut"]?.contains("11796/65535") == true)
    }

    @Test func octoberPrintsItsNewParts() throws {
        let (object, parts, parameters) = try Self.describe(["head-2026-10"])
        #expect(parts["coinbase_order"]?.contains("buy alpha with ⌊excess⌋ first") == true)
        #expect(parts["reservoirs"]?.contains("(0, P_α)") == true)
        #expect(parts["root_dividends"]?.contains("root_registered_fraction") == true)
        #expect(parts["consensus"]?.contains("epoch_consensus: none") == true)
        #expect(parts["tempo"]?.contains("BlocksSinceLastStep") == true)
        #expect((object["replays"] as? String)?.contains("475") == true)
        #expect((object["notes"] as? [String])?.contains { $0.contains("one aggregate basket per subnet") } == true)
        for name in ["block_emission", "tempo", "subnet_moving_alpha", "ema_price_halving_blocks", "tao_weight", "subnet_owner_cut",
                     "fee_rate", "emission_bar_rank", "emission_bar_quantile", "emission_gate_exponent", "emission_gate_bar",
                     "network_min_lock_cost", "network_lock_reduction_interval", "network_rate_limit", "network_immunity_period",
                     "subnet_limit", "max_epochs_per_block", "root_claimable_threshold"] {
            let parameter = try #require(parameters[name], "missing \(name)")
            #expect((parameter["source"] as? String)?.isEmpty == false)
            #expect(parameter["overridden"] as? Bool == false)
        }
        #expect(parameters["emission_bar_rank"]?["value"] as? String == "32")
        #expect(parameters["tao_weight"]?["storage_item"] as? String == "SubtensorModule.TaoWeight")
    }

    @Test func aParameterShowsTheRuleSetItGives() throws {
        let (object, parts, parameters) = try Self.describe(["head-2026-10", "--parameter", "tao_weight=0", "--parameter", "subnet_owner_cut=6553"])
        #expect(object["name"] as? String == "head-2026-10 + tao_weight=0, subnet_owner_cut=6553")
        #expect(object["base"] as? String == "head-2026-10")
        #expect(parameters["tao_weight"]?["value"] as? String == "0")
        #expect(parameters["tao_weight"]?["overridden"] as? Bool == true)
        #expect((parameters["tao_weight"]?["source"] as? String)?.contains("the scenario") == true)
        #expect(parts["owner_cut"]?.contains("6553/65535") == true)
        let table = try CLI.run(["rules", "head-2026-10", "--parameter", "fee_rate=0"])
        #expect(table.exitCode == 0)
        #expect(table.standardOutput.contains("head-2026-10 + fee_rate=0"))
    }

    @Test func badParametersAreBadInput() throws {
        for (arguments, message) in [
            (["head-2026-10", "--parameter", "tao_wieght=0"], "tao_wieght"),
            (["head-2026-10", "--parameter", "fee_rate=70000"], "fee_rate"),
            (["head-2026-10", "--parameter", "fee_rate"], "name=value"),
            (["head-2026-06", "--parameter", "emission_bar_rank=8"], "emission_bar_rank"),
            (["--parameter", "fee_rate=1"], "NAME"),
        ] {
            let result = try CLI.run(["rules"] + arguments)
            #expect(result.exitCode == 2, "\(arguments)")
            #expect(result.standardError.contains(message), "\(arguments): \(result.standardError)")
            #expect(result.standardOutput.isEmpty)
        }
    }

    @Test func cardPrintsItsParts() throws {
        let result = try CLI.run(["rules", "card"])
        #expect(result.exitCode == 0)
        #expect(result.standardOutput.contains("⌊alpha_out·18/100⌋"))
        #expect(result.standardOutput.contains("128 non-root subnets"))
        #expect(result.standardOutput.contains("chain parameters"))
    }

    @Test func unknownRuleSetIsBadInput() throws {
        let result = try CLI.run(["rules", "v3"])
        #expect(result.exitCode == 2)
        #expect(result.standardError.contains("The value 'v3' is invalid"))
        #expect(result.standardError.contains("'card'"))
    }
}
