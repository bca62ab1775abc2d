import Foundation
import Testing

@Suite struct RunCommandTests {
    static let scenario = """
        name: cli-tiny
        rules: card
        seed: 9
        horizon: {blocks: 800}
        sample_every: 400
        start: {block: 0, issuance: 20000, date: 2025-03-01}
        market:
          tao_usd: {constant: 250}
        subnets:
          - {netuid: 1, tao_reserve: 1000, alpha_reserve: 9000, alpha_outstanding: 5000}
          - {netuid: 2, tao_reserve: 300, alpha_reserve: 100000, alpha_outstanding: 1000}
        flows:
          - {stochastic: {netuids: all, every_blocks: 100, mean_tao: 0, sd_tao: 3}}
        """

    /// A fresh temporary directory holding the scenario file.
    static func workspace(_ text: String = scenario) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dtao-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try text.write(to: directory.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
        return directory
    }

    static func contents(_ url: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    /// Given absolute paths, a run's and a sweep's outputs still name no absolute path of the
    /// machine: every path is written relative to the current directory.
    @Test func outputsNameNoAbsolutePath() throws {
        let work = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: work) }
        let scenario = work.appendingPathComponent("s.yaml").path
        let run = try CLI.run(["run", scenario, "--out", work.appendingPathComponent("a").path, "--checkpoint-every", "400"], in: work)
        #expect(run.exitCode == 0, "\(run.standardError)")
        let resumed = try CLI.run(["run", scenario, "--out", "b", "--resume", work.appendingPathComponent("a/state-400.json").path], in: work)
        #expect(resumed.exitCode == 0, "\(resumed.standardError)")
        try "name: abs\nscenario: \(scenario)\ngrid:\n  seed: [1, 2]\nseeds: {count: 1, first: 1}\n".write(to: work.appendingPathComponent("sw.yaml"), atomically: true, encoding: .utf8)
        let sweep = try CLI.run(["sweep", work.appendingPathComponent("sw.yaml").path, "--out", "c", "--quiet"], in: work)
        #expect(sweep.exitCode == 0, "\(sweep.standardError)")
        for folder in ["a", "b", "c"] {
            for name in try Self.contents(work.appendingPathComponent(folder)) {
                let text = try String(contentsOf: work.appendingPathComponent("\(folder)/\(name)"), encoding: .utf8)
                #expect(!text.contains(work.path), "\(folder)/\(name) names \(work.path)")
            }
        }
        let manifest = try String(contentsOf: work.appendingPathComponent("a/manifest.json"), encoding: .utf8)
        #expect(manifest.contains("\"file\" : \"s.yaml\""))
    }

    @Test func writesTheReportFilesAndIsReproducible() throws {
        let work = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: work) }
        let first = try CLI.run(["run", "s.yaml", "--out", "a"], in: work)
        #expect(first.exitCode == 0, "\(first.standardError)")
        #expect(try Self.contents(work.appendingPathComponent("a")) == ["events.csv", "manifest.json", "miners.csv", "network.csv", "report.html", "subnets.csv", "summary.md"])
        let second = try CLI.run(["run", "s.yaml", "--out", "b"], in: work)
        #expect(second.exitCode == 0)
        for file in ["subnets.csv", "network.csv", "miners.csv", "events.csv", "summary.md", "report.html"] {
            let a = try Data(contentsOf: work.appendingPathComponent("a/\(file)"))
            let b = try Data(contentsOf: work.appendingPathComponent("b/\(file)"))
            #expect(a == b, "\(file) differs between identical runs")
        }
        let subnets = try String(contentsOf: work.appendingPathComponent("a/subnets.csv"), encoding: .utf8).split(separator: "\n")
        #expect(subnets.first == "block,date,netuid,tao_reserve_rao,alpha_reserve_rao,alpha_outstanding_rao,price_tao,ema_price_tao,price_usd,market_cap_usd,tao_in_rao,alpha_in_rao,alpha_out_rao,quote_weight,protocol_alpha_rao,root_prop,chain_buy_tao_rao,recycled_alpha_rao,gate_theta,gated_share,tao_reservoir_rao,alpha_reservoir_rao")
        #expect(subnets.count == 1 + 3 * 2)
        #expect(subnets[1].hasPrefix("0,2025-03-01,1,1000000000000,9000000000000,5000000000000,0.111111111111111111,"))
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: work.appendingPathComponent("a/manifest.json"))) as? [String: Any]
        #expect(manifest?["seed"] as? Int == 9)
        #expect(((manifest?["scenario"] as? [String: Any])?["sha256"] as? String)?.count == 64)
        #expect(((manifest?["rules"] as? [String: Any])?["name"] as? String) == "card")
        let summary = try String(contentsOf: work.appendingPathComponent("a/summary.md"), encoding: .utf8)
        #expect(summary.contains("# cli-tiny"))
        #expect(summary.contains("Halvings crossed: none."))
        #expect(summary.contains("Ledger: every rao"))
    }

    @Test func seedAndRulesCanBeReplaced() throws {
        let work = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: work) }
        #expect(try CLI.run(["run", "s.yaml", "--out", "a"], in: work).exitCode == 0)
        #expect(try CLI.run(["run", "s.yaml", "--out", "b", "--seed", "10"], in: work).exitCode == 0)
        #expect(try CLI.run(["run", "s.yaml", "--out", "c", "--rules", "launch-2025-02"], in: work).exitCode == 0)
        let a = try Data(contentsOf: work.appendingPathComponent("a/events.csv"))
        let b = try Data(contentsOf: work.appendingPathComponent("b/events.csv"))
        #expect(a != b)
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: work.appendingPathComponent("c/manifest.json"))) as? [String: Any]
        #expect((manifest?["rules"] as? [String: Any])?["name"] as? String == "launch-2025-02")
    }

    @Test func existingOutputIsKeptWithoutForceAndReplacedWithIt() throws {
        let work = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: work) }
        let out = work.appendingPathComponent("a")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try "keep me".write(to: out.appendingPathComponent("note.txt"), atomically: true, encoding: .utf8)
        let refused = try CLI.run(["run", "s.yaml", "--out", "a"], in: work)
        #expect(refused.exitCode == 2)
        #expect(refused.standardError.contains("--force"))
        #expect(try Self.contents(out) == ["note.txt"])
        let forced = try CLI.run(["run", "s.yaml", "--out", "a", "--force"], in: work)
        #expect(forced.exitCode == 0)
        #expect(try Self.contents(out) == ["events.csv", "manifest.json", "miners.csv", "network.csv", "report.html", "subnets.csv", "summary.md"])
        #expect(try Self.contents(work) == ["a", "s.yaml"])
    }

    @Test(arguments: [
        ("tao_reserve: 1000,", "tao_reserve: -1000,"),
        ("horizon: {blocks: 800}", "horizon: {blocks: 0}"),
        ("rules: card", "rules: nope"),
        ("alpha_outstanding: 5000}", "alpha_outstanding: 5000, colour: red}"),
        ("issuance: 20000", "issuance: 1"),
    ])
    func badScenariosExitTwoAndLeaveNothing(_ old: String, _ new: String) throws {
        let work = try Self.workspace(Self.scenario.replacingOccurrences(of: old, with: new))
        defer { try? FileManager.default.removeItem(at: work) }
        let result = try CLI.run(["run", "s.yaml", "--out", "out"], in: work)
        #expect(result.exitCode == 2, "\(new): \(result.standardError)")
        #expect(result.standardError.contains("s.yaml"))
        #expect(try Self.contents(work) == ["s.yaml"])
    }

    @Test func missingScenarioFileIsBadInput() throws {
        let work = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: work) }
        let result = try CLI.run(["run", "missing.yaml", "--out", "out"], in: work)
        #expect(result.exitCode == 2)
        #expect(try Self.contents(work) == ["s.yaml"])
        #expect(try CLI.run(["run", "s.yaml"], in: work).exitCode == 2)
    }
}

@Suite struct InterruptedRunTests {
    /// A run killed midway leaves only DIR.partial-<pid> with its INCOMPLETE marker, never DIR.
    @Test func interruptedRunLeavesNoReportThatLooksWhole() throws {
        let long = RunCommandTests.scenario.replacingOccurrences(of: "horizon: {blocks: 800}", with: "horizon: {days: 3650}")
        let work = try RunCommandTests.workspace(long)
        defer { try? FileManager.default.removeItem(at: work) }
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["run", "s.yaml", "--out", "out"]
        process.currentDirectoryURL = work
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the run has started writing, then stop it.
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, (try RunCommandTests.contents(work)).count < 2 { Thread.sleep(forTimeInterval: 0.05) }
        Thread.sleep(forTimeInterval: 0.3)
        // SIGKILL: no chance to clean up, the hardest interruption (SIGTERM may be blocked in
        // the signal mask a test runner's child inherits).
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let entries = try RunCommandTests.contents(work)
        #expect(!entries.contains("out"))
        let partial = try #require(entries.first { $0.hasPrefix("out.partial-") })
        #expect(try RunCommandTests.contents(work.appendingPathComponent(partial)).contains("INCOMPLETE"))
    }
}
