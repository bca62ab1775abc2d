import Foundation
@testable import DTaoCommands
import Testing

@Suite struct CheckCommandTests {
    /// A workspace with the tiny scenario and its baseline stored under golden/.
    static func workspaceWithBaseline() throws -> URL {
        let work = try RunCommandTests.workspace()
        let update = try CLI.run(["check", "s.yaml", "--golden", "golden", "--update-golden"], in: work)
        #expect(update.exitCode == 0, "\(update.standardOutput)\(update.standardError)")
        return work
    }

    @Test func passesAgainstItsOwnBaseline() throws {
        let work = try Self.workspaceWithBaseline()
        defer { try? FileManager.default.removeItem(at: work) }
        #expect(try RunCommandTests.contents(work.appendingPathComponent("golden/cli-tiny")) == ["baseline.json", "events.csv", "miners.csv", "network.csv", "subnets.csv"])
        let result = try CLI.run(["check", "s.yaml", "--golden", "golden"], in: work)
        #expect(result.exitCode == 0)
        #expect(result.standardOutput.contains("invariants: ok"))
        #expect(result.standardOutput.contains("reports match"))
        #expect(result.standardOutput.contains("check passed"))
    }

    @Test func aCorruptedGoldenValueFailsWithAReadableDiff() throws {
        let work = try Self.workspaceWithBaseline()
        defer { try? FileManager.default.removeItem(at: work) }
        let file = work.appendingPathComponent("golden/cli-tiny/subnets.csv")
        var lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
        var cells = lines[2].components(separatedBy: ",")
        cells[3] = String(UInt64(cells[3])! + 1)  // tao_reserve_rao, an exact column
        lines[2] = cells.joined(separator: ",")
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["check", "s.yaml", "--golden", "golden"], in: work)
        #expect(result.exitCode == 1)
        #expect(result.standardOutput.contains("DRIFT"))
        #expect(result.standardOutput.contains("subnets.csv line 3 (block 0, date 2025-03-01, netuid 2) column tao_reserve_rao: expected"))
        #expect(result.standardOutput.contains("check FAILED"))
        // The hand edit is blamed on the baseline, not on the engine (it used to say "the engine changed").
        #expect(result.standardOutput.contains("the baseline changed since it was stored: subnets.csv"), "\(result.standardOutput)")
        #expect(!result.standardOutput.contains("the engine changed"))
    }

    /// JUnit XML for CI systems: one test case per scenario, a failure holding the text report.
    @Test func junitNamesEachScenarioAndItsFailure() throws {
        let work = try Self.workspaceWithBaseline()
        defer { try? FileManager.default.removeItem(at: work) }
        let passed = try CLI.run(["check", "s.yaml", "--golden", "golden", "--format", "junit"], in: work)
        #expect(passed.exitCode == 0)
        #expect(passed.standardOutput.hasPrefix(#"<?xml version="1.0" encoding="UTF-8"?>"#))
        #expect(passed.standardOutput.contains(#"<testsuites name="dtao check" tests="1" failures="0" errors="0">"#))
        #expect(passed.standardOutput.contains(#"<testcase classname="dtao.check" name="cli-tiny" file="s.yaml"/>"#))
        try FileManager.default.removeItem(at: work.appendingPathComponent("golden/cli-tiny/events.csv"))
        let failed = try CLI.run(["check", "s.yaml", "--golden", "golden", "--format", "junit"], in: work)
        #expect(failed.exitCode == 1)
        #expect(failed.standardOutput.contains(#"failures="1""#))
        #expect(failed.standardOutput.contains(#"<failure type="missing" message="no baseline in golden/cli-tiny">"#), "\(failed.standardOutput)")
        let again = try CLI.run(["check", "s.yaml", "--golden", "golden", "--format", "junit"], in: work)
        #expect(again.standardOutput == failed.standardOutput)
        #expect(CheckJUnit.escape("a<b & \"c\"\u{1}") == "a&lt;b &amp; &quot;c&quot;")
    }

    @Test func derivedPricesHaveAStatedTolerance() throws {
        let work = try Self.workspaceWithBaseline()
        defer { try? FileManager.default.removeItem(at: work) }
        let file = work.appendingPathComponent("golden/cli-tiny/subnets.csv")
        var lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
        var cells = lines[1].components(separatedBy: ",")
        // price_tao 0.111111111111111111 → …112: a difference far below 1e-9 relative.
        cells[6] = String(cells[6].dropLast()) + "2"
        lines[1] = cells.joined(separator: ",")
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["check", "s.yaml", "--golden", "golden"], in: work).exitCode == 0)
        cells[6] = "0.2"
        lines[1] = cells.joined(separator: ",")
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["check", "s.yaml", "--golden", "golden"], in: work).exitCode == 1)
    }

    @Test func missingBaselineFails() throws {
        let work = try RunCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: work) }
        let result = try CLI.run(["check", "s.yaml", "--golden", "nowhere"], in: work)
        #expect(result.exitCode == 1)
        #expect(result.standardOutput.contains("--update-golden"))
    }

    @Test func jsonServesMachines() throws {
        let work = try Self.workspaceWithBaseline()
        defer { try? FileManager.default.removeItem(at: work) }
        let result = try CLI.run(["check", "s.yaml", "--golden", "golden", "--format", "json", "--invariants", "supply-cap,injection"], in: work)
        #expect(result.exitCode == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(object["ok"] as? Bool == true)
        #expect(object["invariants"] as? [String] == ["supply-cap", "injection"])
        let scenario = try #require((object["scenarios"] as? [[String: Any]])?.first)
        #expect(scenario["name"] as? String == "cli-tiny")
        #expect((scenario["golden"] as? [String: Any])?["status"] as? String == "match")
        #expect(scenario["violation"] is NSNull)
    }

    @Test(arguments: [["check"], ["check", "s.yaml", "--invariants", "gravity"], ["check", "s.yaml", "--update-golden"],
                      ["check", "missing.yaml"], ["check", "s.yaml", "--format", "xml"]])
    func badInputExitsTwo(_ arguments: [String]) throws {
        let work = try RunCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: work) }
        let result = try CLI.run(arguments, in: work)
        #expect(result.exitCode == 2, "\(arguments): \(result.standardError)")
    }
}

@Suite struct CheckForCITests {
    static func json(_ result: CLIResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any], "\(result.standardOutput)")
    }

    @Test func badInputWithJSONPrintsAnErrorObject() throws {
        let work = try RunCommandTests.workspace(RunCommandTests.scenario.replacingOccurrences(of: "tao_reserve: 1000,", with: "tao_reserve: lots,"))
        defer { try? FileManager.default.removeItem(at: work) }
        let result = try CLI.run(["check", "s.yaml", "--format", "json"], in: work)
        #expect(result.exitCode == 2)
        let error = try #require(try Self.json(result)["error"] as? [String: Any])
        #expect(error["kind"] as? String == "bad_input")
        #expect(error["exit_code"] as? Int == 2)
        #expect(error["file"] as? String == "s.yaml")
        #expect(error["key_path"] as? String == "subnets[0].tao_reserve")
        #expect(error["line"] as? Int == 10)
        // Argument errors too.
        let unknown = try CLI.run(["check", "s.yaml", "--format", "json", "--invariants", "gravity"], in: work)
        #expect(unknown.exitCode == 2)
        #expect((try Self.json(unknown)["ok"]) as? Bool == false)
    }

    @Test func aMissingBaselineIsMissingNotDrift() throws {
        let work = try RunCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: work) }
        let result = try CLI.run(["check", "s.yaml", "--golden", "nowhere", "--format", "json"], in: work)
        #expect(result.exitCode == 1)
        let scenario = try #require((try Self.json(result)["scenarios"] as? [[String: Any]])?.first)
        let golden = try #require(scenario["golden"] as? [String: Any])
        #expect(golden["status"] as? String == "missing")
        #expect((golden["problems"] as? [[String: Any]])?.first?["kind"] as? String == "missing_baseline")
        let text = try CLI.run(["check", "s.yaml", "--golden", "nowhere"], in: work)
        #expect(text.standardOutput.contains("MISSING baseline"))
        #expect(!text.standardOutput.contains("DRIFT"))
    }

    @Test func driftCountsEveryDifferenceAndPrintsAtMostTheLimit() throws {
        let work = try CheckCommandTests.workspaceWithBaseline()
        defer { try? FileManager.default.removeItem(at: work) }
        let file = work.appendingPathComponent("golden/cli-tiny/subnets.csv")
        var lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
        for index in 1...4 {
            var cells = lines[index].components(separatedBy: ",")
            cells[3] = String(UInt64(cells[3])! + 1)
            cells[4] = String(UInt64(cells[4])! + 1)
            lines[index] = cells.joined(separator: ",")
        }
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["check", "s.yaml", "--golden", "golden", "--format", "json", "--max-differences", "3"], in: work)
        #expect(result.exitCode == 1)
        let scenario = try #require((try Self.json(result)["scenarios"] as? [[String: Any]])?.first)
        let golden = try #require(scenario["golden"] as? [String: Any])
        #expect(golden["status"] as? String == "drift")
        #expect((golden["differences"] as? [Any])?.count == 3)
        #expect((golden["differing_cells"] as? [String: Int])?["subnets.csv"] == 8)
        #expect((golden["differing_rows"] as? [String: Int])?["subnets.csv"] == 4)
        #expect((golden["differing_cells"] as? [String: Int])?["network.csv"] == 0)
        #expect((golden["provenance"] as? String)?.contains("the baseline changed since it was stored: subnets.csv") == true)
    }

    @Test func aDriftSaysWhenTheScenarioChanged() throws {
        let work = try CheckCommandTests.workspaceWithBaseline()
        defer { try? FileManager.default.removeItem(at: work) }
        let changed = RunCommandTests.scenario.replacingOccurrences(of: "sd_tao: 3", with: "sd_tao: 4")
        try changed.write(to: work.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["check", "s.yaml", "--golden", "golden"], in: work)
        #expect(result.exitCode == 1)
        #expect(result.standardOutput.contains("changed since the baseline: the scenario s.yaml"))
    }
}
