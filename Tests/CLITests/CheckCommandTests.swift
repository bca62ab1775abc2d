import Foundation
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
