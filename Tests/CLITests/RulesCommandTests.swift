import Foundation
import Testing

@Suite struct RulesCommandTests {
    @Test func listsEveryRuleSetWithTheDefaultMarked() throws {
        let result = try CLI.run(["rules"])
        #expect(result.exitCode == 0)
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("card") && lines[0].hasSuffix("(default)"))
        #expect(lines[1].hasPrefix("launch-2025-02"))
        #expect(lines[2].hasPrefix("head-2026-06"))
        #expect(lines[3].hasPrefix("head-2026-08"))
    }

    @Test func headPrintsTheWeightedCurveAndItsDeviations() throws {
        let result = try CLI.run(["rules", "head-2026-06", "--format", "json"])
        #expect(result.exitCode == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: String])
        #expect(object["swap_curve"]?.contains("pow_ratio_scaled") == true)
        #expect(object["swap_fee"]?.contains("33 ÷ 65535") == true)
        #expect(object["alpha_injection"]?.contains("re-weights") == true)
        #expect(object.keys.contains { $0.hasPrefix("note_") })
    }

    @Test func launchPrintsEveryParameterAndTheYumaStandIn() throws {
        let result = try CLI.run(["rules", "launch-2025-02", "--format", "json"])
        #expect(result.exitCode == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: String])
        for key in ["halving", "issued_tao", "subnet_share", "alpha_injection", "owner_cut", "miners_validators", "root_dividends",
                    "tempo", "payout", "swap_rounding", "swap_fee", "minimum_output_reserve_rao", "minimum_stake_rao", "ema",
                    "ema_default", "lock_cost", "new_pool", "subnet_limit"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(object["payout"]?.contains("stand-in for Yuma consensus") == true)
        #expect(object["swap_fee"]?.contains("50000") == true)
        #expect(object["owner_cut"]?.contains("11796/65535") == true)
    }

    @Test func cardPrintsItsParameters() throws {
        let result = try CLI.run(["rules", "card"])
        #expect(result.exitCode == 0)
        #expect(result.standardOutput.contains("⌊alpha_out·18/100⌋"))
        #expect(result.standardOutput.contains("128 non-root subnets"))
    }

    @Test func unknownRuleSetIsBadInput() throws {
        let result = try CLI.run(["rules", "v3"])
        #expect(result.exitCode == 2)
        #expect(result.standardError.contains("The value 'v3' is invalid"))
        #expect(result.standardError.contains("'card'"))
    }
}
