import Foundation
import Testing

/// `dtao sweep`: the same bytes whatever --jobs, shards merged equal to the unsharded sweep, a
/// failed run reported and counted, bad input refused with nothing written.
@Suite struct SweepCommandTests {
    static let scenario = """
        name: tiny
        rules: card
        seed: 3
        horizon: {blocks: 7200}
        sample_every: 2400
        start: {block: 0, issuance: 200000, date: 2025-03-01}
        market:
          tao_usd: {gbm: {start: 250, drift: 0, volatility: 0.8}}
        subnets:
          - {netuid: 1, tao_reserve: 1000, alpha_reserve: 9000, alpha_outstanding: 5000}
          - {netuid: 2, tao_reserve: 300, alpha_reserve: 100000, alpha_outstanding: 1000}
        flows:
          - {stochastic: {netuids: all, every_blocks: 100, mean_tao: 0, sd_tao: 3}}
        """

    static let sweep = """
        name: tiny-sweep
        scenario: tiny.yaml
        grid:
          flows[0].stochastic.sd_tao: [1, 10]
        zip:
          - {market.tao_usd.gbm.volatility: [0.3, 0.9], market.tao_usd.gbm.drift: [0, 0.5]}
        seeds: {count: 3, first: 1}
        """

    static func workspace(sweep: String = sweep) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dtao-sweep-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try scenario.write(to: directory.appendingPathComponent("tiny.yaml"), atomically: true, encoding: .utf8)
        try sweep.write(to: directory.appendingPathComponent("sweep.yaml"), atomically: true, encoding: .utf8)
        return directory
    }

    static func files(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in ["runs.csv", "runs-subnets.csv", "bands.csv", "sweep.json"] {
            result[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return result
    }

    @Test func theSameBytesWhateverJobsAndShards() throws {
        let work = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: work) }
        let one = try CLI.run(["sweep", "sweep.yaml", "--out", "j1", "--jobs", "1"], in: work)
        #expect(one.exitCode == 0, "\(one.standardError)")
        #expect(try CLI.run(["sweep", "sweep.yaml", "--out", "j2", "--jobs", "2", "--quiet"], in: work).exitCode == 0)
        let reference = try Self.files(work.appendingPathComponent("j1"))
        #expect(try Self.files(work.appendingPathComponent("j2")) == reference)
        for index in 0..<3 {
            #expect(try CLI.run(["sweep", "sweep.yaml", "--out", "s\(index)", "--shard", "\(index)/3", "--quiet"], in: work).exitCode == 0)
        }
        let merged = try CLI.run(["sweep", "merge", "s2", "s0", "s1", "--out", "m"], in: work)
        #expect(merged.exitCode == 0, "\(merged.standardError)")
        #expect(try Self.files(work.appendingPathComponent("m")) == reference)

        // 2 × 2 points × 3 seeds = 12 runs; bands carry n = 3 seeds per point.
        let runs = String(decoding: reference["runs.csv"]!, as: UTF8.self).split(separator: "\n")
        #expect(runs.count == 13)
        #expect(runs[0] == "run,id,point,seed,flows[0].stochastic.sd_tao,market.tao_usd.gbm.volatility,market.tao_usd.gbm.drift,status,end_block,total_issuance_rao,halvings,tao_usd,refusals,miners_profit_usd")
        #expect(runs[4].hasPrefix("3,p1-s1,1,1,1,0.9,0.5,ok,7200,"))
        let bands = String(decoding: reference["bands.csv"]!, as: UTF8.self).split(separator: "\n")
        #expect(bands.dropFirst().allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false)[8] == "3" })
        // Common random numbers: points that differ only in flow size share each seed's TAO/USD path.
        let taoUsd = runs.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(taoUsd[0][11] == taoUsd[6][11] && taoUsd[0][11] != taoUsd[1][11])
    }

    @Test func keepRunsWritesEveryRunsReports() throws {
        let work = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: work) }
        #expect(try CLI.run(["sweep", "sweep.yaml", "--out", "k", "--keep-runs", "--quiet"], in: work).exitCode == 0)
        let runs = try FileManager.default.contentsOfDirectory(atPath: work.appendingPathComponent("k/runs").path).sorted()
        #expect(runs.count == 12 && runs.contains("p3-s2"))
        // A kept run is the run itself: the same network.csv as `dtao run` with that seed and those overrides.
        #expect(try CLI.run(["run", "tiny.yaml", "--out", "r", "--seed", "2", "--set", "flows[0].stochastic.sd_tao=10",
                             "--set", "market.tao_usd.gbm.volatility=0.9", "--set", "market.tao_usd.gbm.drift=0.5"], in: work).exitCode == 0)
        #expect(try Data(contentsOf: work.appendingPathComponent("k/runs/p3-s2/network.csv")) == Data(contentsOf: work.appendingPathComponent("r/network.csv")))
        let manifest = try String(contentsOf: work.appendingPathComponent("k/runs/p3-s2/manifest.json"), encoding: .utf8)
        #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("k/runs/p3-s2/report.html").path))
        #expect(manifest.contains("\"--seed\",\n    \"2\"") && manifest.contains("market.tao_usd.gbm.drift=0.5"), "\(manifest)")
    }

    @Test func aFailedRunIsReportedAndTheOthersFinish() throws {
        // Issuance 10 TAO is valid as written but below the TAO in the pools: that run cannot start.
        let work = try Self.workspace(sweep: "name: f\nscenario: tiny.yaml\ngrid: {start.issuance: [200000, 10]}\nseeds: [1, 2]\n")
        defer { try? FileManager.default.removeItem(at: work) }
        let result = try CLI.run(["sweep", "sweep.yaml", "--out", "f", "--quiet"], in: work)
        #expect(result.exitCode == 1)
        #expect(result.standardError.contains("run p1-s1 failed") && result.standardError.contains("start.issuance=10"))
        let runs = try String(contentsOf: work.appendingPathComponent("f/runs.csv"), encoding: .utf8).split(separator: "\n")
        #expect(runs.filter { $0.contains(",ok,") }.count == 2 && runs.filter { $0.contains(",failed,") }.count == 2)
        let record = try String(contentsOf: work.appendingPathComponent("f/sweep.json"), encoding: .utf8)
        #expect(record.contains("\"finished\" : 2") && record.contains("p1-s2"))
    }

    @Test func badInputExitsTwoAndWritesNothing() throws {
        let work = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: work) }
        let sweeps = [
            ("unknown.yaml", "name: u\nscenario: tiny.yaml\ngrid: {horizon.weeks: [1]}\nseeds: [1]\n", "horizon.weeks"),
            ("empty.yaml", "name: e\nscenario: tiny.yaml\ngrid: {}\nseeds: [1]\n", "grid"),
            ("type.yaml", "name: t\nscenario: tiny.yaml\ngrid: {seed: [abc]}\nseeds: [1]\n", "seed"),
            ("negative.yaml", "name: n\nscenario: tiny.yaml\nseeds: [-3]\n", "seeds"),
            ("zero.yaml", "name: z\nscenario: tiny.yaml\nseeds: {count: 0}\n", "seeds.count"),
        ]
        for (file, text, mention) in sweeps {
            try text.write(to: work.appendingPathComponent(file), atomically: true, encoding: .utf8)
            let result = try CLI.run(["sweep", file, "--out", "x"], in: work)
            #expect(result.exitCode == 2, "\(file)")
            #expect(result.standardError.contains(mention), "\(file): \(result.standardError)")
        }
        for shard in ["3/3", "-1/2", "1", "auto"] {
            #expect(try CLI.run(["sweep", "sweep.yaml", "--out", "x", "--shard", shard], in: work).exitCode == 2, "\(shard)")
        }
        #expect(try CLI.run(["sweep", "sweep.yaml", "--out", "x", "--set", "horizon.weeks=1"], in: work).exitCode == 2)
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("x").path))

        // Shards of different sweeps, or a shard missing, do not merge.
        try "name: other\nscenario: tiny.yaml\nseeds: [1, 2]\n".write(to: work.appendingPathComponent("other.yaml"), atomically: true, encoding: .utf8)
        #expect(try CLI.run(["sweep", "sweep.yaml", "--out", "a0", "--shard", "0/2", "--quiet"], in: work).exitCode == 0)
        #expect(try CLI.run(["sweep", "other.yaml", "--out", "b1", "--shard", "1/2", "--quiet"], in: work).exitCode == 0)
        let mixed = try CLI.run(["sweep", "merge", "a0", "b1", "--out", "m"], in: work)
        #expect(mixed.exitCode == 2 && mixed.standardError.contains("another sweep"), "\(mixed.standardError)")
        #expect(try CLI.run(["sweep", "merge", "a0", "--out", "m"], in: work).exitCode == 2)
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("m").path))
    }

    @Test func progressSaysRunsDoneTotalAndTimeLeft() throws {
        let work = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: work) }
        let plain = try CLI.run(["sweep", "sweep.yaml", "--out", "p", "--jobs", "2", "--progress", "plain"], in: work)
        #expect(plain.exitCode == 0)
        let lines = plain.standardError.split(separator: "\n")
        #expect(lines.count == 12 && lines.last?.hasPrefix("sweep tiny-sweep: 12 of 12 runs (100%), about") == true, "\(plain.standardError)")
        #expect(lines.allSatisfy { $0.contains(" left") })
        let quiet = try CLI.run(["sweep", "sweep.yaml", "--out", "q", "--quiet"], in: work)
        #expect(quiet.exitCode == 0 && quiet.standardError.isEmpty && quiet.standardOutput.isEmpty)
    }

    /// A full disk while the runs keep their reports: exit 3, and neither the sweep folder nor a
    /// run's folder is left.
    @Test func aFullDiskExitsThreeAndLeavesNothing() throws {
        guard let mount = try Mounts.tmpfs(kibibytes: 64) else {
            Issue.record("cannot mount a tmpfs here (needs root): the disk-full path is untested on this machine")
            return
        }
        defer { Mounts.unmount(mount) }
        let work = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: work) }
        let result = try CLI.run(["sweep", "sweep.yaml", "--out", mount.appendingPathComponent("out").path, "--keep-runs", "--quiet"], in: work)
        #expect(result.exitCode == 3, "\(result.standardError)")
        #expect(result.standardError.contains("No space left on device"), "\(result.standardError)")
        #expect(try RunCommandTests.contents(mount) == [])
    }
}
