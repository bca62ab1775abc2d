import Foundation
import Testing

/// `dtao compare`: two run folders, or one scenario under two rule sets, side by side.
@Suite struct CompareCommandTests {
    static func lastCell(_ url: URL, _ column: String) throws -> String {
        let rows = try HeadCommandTests.rows(url)
        let index = try #require(rows[0].firstIndex(of: column))
        return try #require(rows.last)[index]
    }

    @Test func twoFoldersGiveExactDifferencesAndAPage() throws {
        let work = try RunCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: work) }
        #expect(try CLI.run(["run", "s.yaml", "--out", "a", "--no-report"], in: work).exitCode == 0)
        #expect(try CLI.run(["run", "s.yaml", "--out", "b", "--no-report", "--seed", "12"], in: work).exitCode == 0)
        let result = try CLI.run(["compare", "a", "b", "--format", "json", "--html", "cmp.html"], in: work)
        #expect(result.exitCode == 0, "\(result.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let rows = try #require(object["rows"] as? [[String: String]])
        let free = try #require(rows.first { $0["figure"] == "free TAO" })
        let a = try Self.lastCell(work.appendingPathComponent("a/network.csv"), "free_tao_rao")
        let b = try Self.lastCell(work.appendingPathComponent("b/network.csv"), "free_tao_rao")
        #expect(free["a"] == a && free["b"] == b)
        #expect(free["difference"] == String(Int64(b)! - Int64(a)!))
        // Decimals are differenced exactly at their own precision.
        let price = try #require(rows.first { $0["figure"] == "SN1 price" })
        #expect(price["difference"]?.split(separator: ".").last?.count == 18)
        let page = try String(contentsOf: work.appendingPathComponent("cmp.html"), encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>") && page.contains("A solid, B dashed") && page.contains("A: a") && page.contains("B: b"))
        let table = try CLI.run(["compare", "a", "b"], in: work)
        #expect(table.standardOutput.hasPrefix("A: a (card)\nB: b (card)\n"))
    }

    @Test func oneScenarioUnderTwoRuleSets() throws {
        let work = try RunCommandTests.workspace(HeadCommandTests.scenario)
        defer { try? FileManager.default.removeItem(at: work) }
        let result = try CLI.run(["compare", "s.yaml", "--rules", "head-2026-08", "--rules", "head-2026-10", "--out", "c", "--format", "csv"], in: work)
        #expect(result.exitCode == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("figure,unit,a,b,difference\n"))
        for name in ["A-head-2026-08/subnets.csv", "B-head-2026-10/subnets.csv", "B-head-2026-10/report.html", "compare.html"] {
            #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("c/\(name)").path), "\(name)")
        }
        let manifest = try String(contentsOf: work.appendingPathComponent("c/B-head-2026-10/manifest.json"), encoding: .utf8)
        #expect(manifest.contains("\"base\" : \"head-2026-10\""))
    }

    @Test(arguments: [["compare", "s.yaml"], ["compare", "s.yaml", "--rules", "card", "--out", "x"], ["compare", "s.yaml", "/tmp"],
                      ["compare", "a", "b", "c"], ["compare", "s.yaml", "--rules", "card", "--rules", "card"], ["compare", "s.yaml", "--top", "0"]])
    func badInputExitsTwo(_ arguments: [String]) throws {
        let work = try RunCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: work) }
        let result = try CLI.run(arguments, in: work)
        #expect(result.exitCode == 2, "\(arguments): \(result.standardError)")
        #expect(!result.standardError.isEmpty)
    }
}
