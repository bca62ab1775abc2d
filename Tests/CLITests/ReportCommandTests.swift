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

    /// Found from outside: a netuid pruned and registered again was one line and the top mover.
    /// Each registration is its own labelled series, measured from its own start; --netuid
    /// keeps only the subnets asked for.
    @Test func aReRegisteredNetuidIsTwoSeriesAndNetuidFilters() throws {
        let root = EpochCommandTests.root
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("dtao-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.copyItem(at: root.appendingPathComponent("Reports/head-2026-06"), to: work)
        #expect(try CLI.run(["report", work.path]).exitCode == 0)
        let html = try Self.html(work)
        // SN128 is pruned at block 8,551,805 and registered again by the scenario's first registration.
        #expect(html.contains(">SN128<") && html.contains(">SN128 (registered 2026-07-06)<"), "two labelled series")
        let filtered = try CLI.run(["report", work.path, "--netuid", "128", "--netuid", "125"])
        #expect(filtered.exitCode == 0, "\(filtered.standardError)")
        let only = try Self.html(work)
        #expect(only.contains("Alpha prices in TAO, subnets 125, 128"))
        #expect(!only.contains(">SN1<") && !only.contains(">SN64<"))
        #expect(try CLI.run(["report", work.path, "--netuid", "0"]).exitCode == 2)
    }

    /// A sweep of one grid point draws no end-of-run chart against the grid (a single point is
    /// an empty plot) but keeps the table.
    @Test func aOnePointSweepShowsATableNotAnEmptyChart() throws {
        let work = try SweepCommandTests.workspace(sweep: """
            name: one-point
            scenario: tiny.yaml
            grid:
              flows[0].stochastic.sd_tao: [2]
            seeds: {count: 2, first: 1}
            """)
        defer { try? FileManager.default.removeItem(at: work) }
        #expect(try CLI.run(["sweep", "sweep.yaml", "--out", "s", "--quiet"], in: work).exitCode == 0)
        let html = try Self.html(work.appendingPathComponent("s"))
        #expect(html.contains("End of run against the grid") && html.contains("One grid point"))
        #expect(!html.contains("by grid point"))
    }

    @Test func aFolderThatIsNotAReportIsBadInput() throws {
        let work = try RunCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: work) }
        let result = try CLI.run(["report", "."], in: work)
        #expect(result.exitCode == 2 && result.standardError.contains("not a run folder"))
        #expect(try CLI.run(["report", ".", "--top", "0"], in: work).exitCode == 2)
    }
}
