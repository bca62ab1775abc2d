import Foundation
import Testing

/// Runs with `consensus:`: uids.csv, the summary's Yuma section, reproducibility, baselines
/// that include uids.csv, and mistakes in the consensus keys.
@Suite struct ConsensusRunTests {
    static let scenario = """
        name: cli-yuma
        rules: card
        seed: 3
        horizon: {blocks: 2000}
        sample_every: 500
        start: {block: 0, issuance: 20000, date: 2025-03-01}
        market:
          tao_usd: {constant: 250}
        subnets:
          - {netuid: 1, tao_reserve: 1000, alpha_reserve: 9000, alpha_outstanding: 5000, miners: {count: 12, cost_usd_per_day: 1}}
          - {netuid: 2, tao_reserve: 300, alpha_reserve: 100000, alpha_outstanding: 1000}
        consensus:
          mechanism: yuma3
          validators: {count: 6, alpha: 3000}
          weights: {noise: 0.3, copiers: 0.3}
        """

    @Test func uidsCSVAndSummaryAndReproducibility() throws {
        let work = try RunCommandTests.workspace(Self.scenario)
        defer { try? FileManager.default.removeItem(at: work) }
        let first = try CLI.run(["run", "s.yaml", "--out", "a", "--no-report"], in: work)
        #expect(first.exitCode == 0, "\(first.standardError)")
        #expect(first.standardOutput.contains("uids.csv"))
        _ = try CLI.run(["run", "s.yaml", "--out", "b", "--no-report"], in: work)
        let a = try String(contentsOf: work.appendingPathComponent("a/uids.csv"), encoding: .utf8)
        let b = try String(contentsOf: work.appendingPathComponent("b/uids.csv"), encoding: .utf8)
        #expect(a == b)
        let lines = a.split(separator: "\n")
        #expect(lines.first == "block,date,netuid,uid,role,miner_id,stake_alpha_rao,incentive_u16,dividends_u16,validator_trust_u16,consensus_u16,earned_alpha_rao")
        // 5 samples × (subnet 1: 6 validators + 12 miners; subnet 2: 6 validators + 1 miner).
        #expect(lines.count == 1 + 5 * (18 + 7))
        #expect(lines.contains { $0.contains(",copier,") })
        let summary = try String(contentsOf: work.appendingPathComponent("a/summary.md"), encoding: .utf8)
        #expect(summary.contains("## Yuma consensus"))
        let other = try CLI.run(["run", "s.yaml", "--out", "c", "--no-report", "--seed", "4"], in: work)
        #expect(other.exitCode == 0)
        #expect(try String(contentsOf: work.appendingPathComponent("c/uids.csv"), encoding: .utf8) != a)
    }

    @Test func baselinesIncludeUidsCSVAndItsDriftFails() throws {
        let work = try RunCommandTests.workspace(Self.scenario)
        defer { try? FileManager.default.removeItem(at: work) }
        #expect(try CLI.run(["check", "s.yaml", "--golden", "golden", "--update-golden"], in: work).exitCode == 0)
        #expect(try RunCommandTests.contents(work.appendingPathComponent("golden/cli-yuma")).contains("uids.csv"))
        #expect(try CLI.run(["check", "s.yaml", "--golden", "golden"], in: work).exitCode == 0)
        let file = work.appendingPathComponent("golden/cli-yuma/uids.csv")
        var lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
        var cells = lines[lines.count - 2].components(separatedBy: ",")
        cells[11] = String(UInt64(cells[11])! + 1)  // earned_alpha_rao
        lines[lines.count - 2] = cells.joined(separator: ",")
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let drift = try CLI.run(["check", "s.yaml", "--golden", "golden"], in: work)
        #expect(drift.exitCode == 1)
        #expect(drift.standardOutput.contains("uids.csv"))
        try FileManager.default.removeItem(at: file)
        let missing = try CLI.run(["check", "s.yaml", "--golden", "golden"], in: work)
        #expect(missing.exitCode == 1)
    }

    /// `consensus: yuma3` alone: 64 validators holding each subnet's outstanding alpha by rank,
    /// the default behaviour; a run resumed from a checkpoint writes the same rows.
    @Test func shorthandAndResume() throws {
        let text = Self.scenario.components(separatedBy: "\nconsensus:")[0] + "\nconsensus: yuma3\n"
        let work = try RunCommandTests.workspace(text)
        defer { try? FileManager.default.removeItem(at: work) }
        let full = try CLI.run(["run", "s.yaml", "--out", "a", "--no-report", "--checkpoint-every", "1000"], in: work)
        #expect(full.exitCode == 0, "\(full.standardError)")
        let uids = try String(contentsOf: work.appendingPathComponent("a/uids.csv"), encoding: .utf8).split(separator: "\n")
        #expect(uids.filter { $0.hasPrefix("0,") && $0.contains(",validator,") }.count == 2 * 64)
        let resumed = try CLI.run(["run", "s.yaml", "--out", "b", "--no-report", "--resume", "a/state-1000.json"], in: work)
        #expect(resumed.exitCode == 0, "\(resumed.standardError)")
        let tail = try String(contentsOf: work.appendingPathComponent("b/uids.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(!tail.isEmpty && Array(uids.suffix(tail.count)) == Array(tail))
    }

    @Test(arguments: [
        ("mechanism: yuma5", "yuma or yuma3"),
        ("validators: {count: 0, alpha: 10}", "positive number of validators"),
        ("weights: {copiers: 0.8, colluders: 0.5}", "at most 1"),
        ("rules: launch", "Yuma3 exists only"),
        ("kappa: 70000", "0 to 65535"),
        ("weights: {noise: -1}", "from 0.0 to 3.0"),
        ("votes: 3", "one of the keys"),
    ])
    func badConsensusKeysExitTwo(_ line: String, _ message: String) throws {
        var text = Self.scenario.replacingOccurrences(of: "          weights: {noise: 0.3, copiers: 0.3}", with: "")
        let key = line.split(separator: ":")[0]
        text = text.split(separator: "\n").filter { !$0.hasPrefix("  \(key):") }.joined(separator: "\n") + "\n  \(line)\n"
        let work = try RunCommandTests.workspace(text)
        defer { try? FileManager.default.removeItem(at: work) }
        let result = try CLI.run(["run", "s.yaml", "--out", "out"], in: work)
        #expect(result.exitCode == 2, "\(line): \(result.standardError)")
        #expect(result.standardError.contains(message), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("out").path))
    }
}
