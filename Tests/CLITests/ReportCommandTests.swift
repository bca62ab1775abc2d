import Foundation
import Testing

/// report.html: written by run and sweep (not with --no-report), self-contained, deterministic,
/// and rebuilt byte for byte by `dtao report DIR`.
@Suite struct ReportCommandTests {
    static func html(_ folder: URL) throws -> String { try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8) }

    @Test func aRunWritesAReportThatDtaoReportRebuilds() throws {
        let work = try RunCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: work) }
        #expect(try CLI.run(["run", "s.yaml", "--out", "a"], in: work).exitCode == 0)
        let written = try Self.html(work.appendingPathComponent("a"))
        #expect(written.hasPrefix("<!DOCTYPE html>"))
        #expect(written.contains("<svg") && written.contains("Alpha prices in TAO") && written.contains("TAO issuance") && written.contains("21,000,000 TAO cap"))
        #expect(!written.contains("<script") && !written.contains("http://") && !written.contains("https://") && !written.contains("<link"))
        let rebuilt = try CLI.run(["report", "a"], in: work)
        #expect(rebuilt.exitCode == 0)
        #expect(try Self.html(work.appendingPathComponent("a")) == written)
        let manifest = try String(contentsOf: work.appendingPathComponent("a/manifest.json"), encoding: .utf8)
        #expect(manifest.contains("\"report.html\""))
        #expect(try CLI.run(["run", "s.yaml", "--out", "b", "--no-report"], in: work).exitCode == 0)
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("b/report.html").path))
        #expect(try CLI.run(["report", "b"], in: work).exitCode == 0)
        #expect(try Self.html(work.appendingPathComponent("b")) == written)
    }

    @Test func halvingsAreMarkedAndMinersCharted() throws {
        let scenario = RunCommandTests.scenario
            .replacingOccurrences(of: "start: {block: 0, issuance: 20000, date: 2025-03-01}", with: "start: {block: 10499000, issuance: 10499000, date: 2025-03-01}")
            .replacingOccurrences(of: "horizon: {blocks: 800}", with: "horizon: {blocks: 2000}")
            .replacingOccurrences(of: "  - {netuid: 1, tao_reserve: 1000, alpha_reserve: 9000, alpha_outstanding: 5000}",
                                  with: "  - {netuid: 1, tao_reserve: 1000, alpha_reserve: 9000, alpha_outstanding: 5000, miners: {count: 4, cost_usd_per_day: 10}}")
        let work = try RunCommandTests.workspace(scenario)
        defer { try? FileManager.default.removeItem(at: work) }
        let result = try CLI.run(["run", "s.yaml", "--out", "h"], in: work)
        #expect(result.exitCode == 0, "\(result.standardError)")
        let html = try Self.html(work.appendingPathComponent("h"))
        #expect(html.contains("halving (era 1)") && html.contains("class=\"marker\""))
        #expect(html.contains("Break-even TAO price against the TAO price") && html.contains("Halving to era 1, first sampled at block 10500200"))
    }

    @Test func aSweepWritesAReportAndMergeWritesTheSame() throws {
        let work = try SweepCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: work) }
        #expect(try CLI.run(["sweep", "sweep.yaml", "--out", "s", "--quiet"], in: work).exitCode == 0)
        let written = try Self.html(work.appendingPathComponent("s"))
        #expect(written.contains("End of run against the grid") && written.contains("p5–p95") && written.contains("Point 3:"))
        for index in 0..<2 {
            #expect(try CLI.run(["sweep", "sweep.yaml", "--out", "s\(index)", "--shard", "\(index)/2", "--quiet"], in: work).exitCode == 0)
        }
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("s0/report.html").path))
        #expect(try CLI.run(["sweep", "merge", "s0", "s1", "--out", "m", "--quiet"], in: work).exitCode == 0)
        #expect(try Self.html(work.appendingPathComponent("m")) == written)
        #expect(try CLI.run(["report", "m"], in: work).exitCode == 0)
        #expect(try Self.html(work.appendingPathComponent("m")) == written)
    }

    @Test func aFolderThatIsNotAReportIsBadInput() throws {
        let work = try RunCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: work) }
        let result = try CLI.run(["report", "."], in: work)
        #expect(result.exitCode == 2 && result.standardError.contains("not a run folder"))
        #expect(try CLI.run(["report", ".", "--top", "0"], in: work).exitCode == 2)
    }
}
