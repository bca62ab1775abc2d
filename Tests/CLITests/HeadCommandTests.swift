import Foundation
import Testing

/// The HEAD rule sets from the command line: run, check, rules, and the schedule with recycling.
@Suite struct HeadCommandTests {
    static let scenario = """
        name: cli-head
        rules: head-2026-08
        seed: 4
        horizon: {blocks: 900}
        sample_every: 300
        start: {block: 8000000, issuance: 10900000, date: 2026-07-01, last_lock_block: 0}
        market:
          tao_usd: {constant: 220}
        root: {tao: 4000000, claim: keep}
        gate: {rank: 2}
        subnets:
          - {netuid: 1, tao_reserve: 300000, alpha_reserve: 1000000, alpha_outstanding: 3000000, tempo: 100}
          - {netuid: 2, tao_reserve: 200000, alpha_reserve: 1000000, alpha_outstanding: 3000000, miner_burned: 0.5}
          - {netuid: 3, tao_reserve: 600000, alpha_reserve: 1000000, alpha_outstanding: 3000000}
          - {netuid: 4, tao_reserve: 50000, alpha_reserve: 1000000, alpha_outstanding: 3000000, emission_enabled: false}
        registrations:
          - {block: 8000100}
        flows:
          - {block: 8000200, netuid: 5, enable_emission: true}
        """

    static func rows(_ url: URL) throws -> [[String]] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test func aHeadScenarioRunsAndItsReportsCarryTheNewColumns() throws {
        let work = try RunCommandTests.workspace(Self.scenario)
        defer { try? FileManager.default.removeItem(at: work) }
        let result = try CLI.run(["run", "s.yaml", "--out", "a"], in: work)
        #expect(result.exitCode == 0, "\(result.standardError)")
        let subnets = try Self.rows(work.appendingPathComponent("a/subnets.csv"))
        let header = subnets[0]
        func column(_ name: String) throws -> Int { try #require(header.firstIndex(of: name)) }
        let last = subnets.filter { $0[0] == "8000900" }
        #expect(last.count == 5)
        for row in last {
            #expect(!row[try column("quote_weight")].isEmpty)
            #expect(!row[try column("protocol_alpha_rao")].isEmpty)
            #expect(!row[try column("chain_buy_tao_rao")].isEmpty)
            #expect(!row[try column("gate_theta")].isEmpty)
            #expect(!row[try column("gated_share")].isEmpty)
        }
        // The new subnet got its TAO share once enabled; the disabled one never did.
        let newSubnet = try #require(last.first { $0[2] == "5" })
        #expect(newSubnet[try column("gated_share")] != "0.000000000000000000")
        let disabled = try #require(last.first { $0[2] == "4" })
        #expect(disabled[try column("gated_share")] == "0.000000000000000000")
        let network = try Self.rows(work.appendingPathComponent("a/network.csv"))
        let feesColumn = try #require(network[0].firstIndex(of: "author_fees_rao"))
        let keptColumn = try #require(network[0].firstIndex(of: "root_kept_alpha_tao_rao"))
        #expect(network.dropFirst().allSatisfy { !$0[feesColumn].isEmpty && !$0[keptColumn].isEmpty })
        #expect(network.last.map { UInt64($0[keptColumn]) ?? 0 } ?? 0 > 0)
        let summary = try String(contentsOf: work.appendingPathComponent("a/summary.md"), encoding: .utf8)
        #expect(summary.contains("Emission gate: bar θ"))
        #expect(summary.contains("kept as alpha"))
        let events = try String(contentsOf: work.appendingPathComponent("a/events.csv"), encoding: .utf8)
        #expect(events.contains(",5,emission,root,"))
    }

    @Test func checkHoldsEveryInvariantOnAHeadScenario() throws {
        let work = try RunCommandTests.workspace(Self.scenario)
        defer { try? FileManager.default.removeItem(at: work) }
        let result = try CLI.run(["check", "s.yaml"], in: work)
        #expect(result.exitCode == 0, "\(result.standardOutput)\(result.standardError)")
        #expect(result.standardOutput.contains("invariants: ok"))
    }

    @Test func gateSettingsUnderARuleSetWithoutTheGateAreBadInput() throws {
        let work = try RunCommandTests.workspace(Self.scenario.replacingOccurrences(of: "rules: head-2026-08", with: "rules: head-2026-06"))
        defer { try? FileManager.default.removeItem(at: work) }
        let result = try CLI.run(["run", "s.yaml", "--out", "a"], in: work)
        #expect(result.exitCode == 2)
        #expect(result.standardError.contains("gate"))
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("a").path))
    }

    @Test func rulesPrintTheGateAndTheStandIns() throws {
        let (_, gated, _) = try RulesCommandTests.describe(["head-2026-08"])
        #expect(gated["emission_gate"]?.contains("ranked 32 from the largest") == true)
        let (head, parts, _) = try RulesCommandTests.describe(["head-2026-06"])
        #expect(parts["emission_gate"] == nil)
        let notes = head["notes"] as? [String] ?? []
        #expect(notes.contains { $0.contains("stand-in for Yuma") })
        #expect(notes.contains { $0.contains("claimed in full at that epoch") })
        for key in ["root_claims", "registration_rate_limit", "last_lock_default", "new_subnet_start", "miner_burn", "emitting_subnets"] {
            #expect(parts[key] != nil, "\(key)")
        }
    }

    @Test func recyclingDelaysTheHalving() throws {
        let base = ["schedule", "--from-issuance", "10950000000000000", "--from-date", "2026-07-01", "--format", "csv"]
        let plain = try CLI.run(base)
        let none = try CLI.run(base + ["--recycled-tao-per-day", "0"])
        #expect(none.standardOutput == plain.standardOutput)
        let recycled = try CLI.run(base + ["--recycled-tao-per-day", "100"])
        #expect(recycled.exitCode == 0)
        let firstEra = recycled.standardOutput.split(separator: "\n")[1].split(separator: ",")
        // 4.8M TAO to go at 3,600 − 100 TAO a day: the threshold is first reached during day 1,371.
        let blocks = UInt64(firstEra[5]) ?? 0
        #expect(blocks > 1_371 * 7_200 && blocks <= 1_372 * 7_200)
        #expect(recycled.standardError.contains("has not ended"))
        let blocksTrigger = try CLI.run(["schedule", "--halving", "blocks", "--recycled-tao-per-day", "1"])
        #expect(blocksTrigger.exitCode == 2)
    }
}

@Suite struct ScheduleRulesTests {
    @Test func theScheduleTakesItsTriggerFromTheRuleSet() throws {
        let head = try CLI.run(["schedule", "--rules", "head-2026-06", "--format", "csv"])
        let issuance = try CLI.run(["schedule", "--halving", "issuance", "--format", "csv"])
        #expect(head.exitCode == 0 && head.standardOutput == issuance.standardOutput)
        let card = try CLI.run(["schedule", "--rules", "card", "--format", "csv"])
        #expect(card.standardOutput == (try CLI.run(["schedule", "--halving", "blocks", "--format", "csv"])).standardOutput)
        let contradiction = try CLI.run(["schedule", "--rules", "card", "--halving", "issuance"])
        #expect(contradiction.exitCode == 2)
        #expect(try CLI.run(["schedule", "--rules", "card", "--recycled-tao-per-day", "5"]).exitCode == 2)
        #expect(try CLI.run(["schedule", "--rules", "head-2026-08", "--recycled-tao-per-day", "5", "--format", "csv"]).exitCode == 0)
    }
}
