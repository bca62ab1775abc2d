import Foundation
import Testing

/// `--set` on `run` and `check`: an override changes the run as an edit of the file would, bad
/// overrides are bad input (exit 2, nothing written), and a resumed run must repeat them.
@Suite struct OverrideCommandTests {
    @Test func runWithAnOverrideEqualsRunningTheEditedFile() throws {
        let work = try RunCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: work) }
        let edited = RunCommandTests.scenario.replacingOccurrences(of: "seed: 9", with: "seed: 12")
        try edited.write(to: work.appendingPathComponent("edited.yaml"), atomically: true, encoding: .utf8)
        #expect(try CLI.run(["run", "s.yaml", "--out", "a", "--set", "seed=12"], in: work).exitCode == 0)
        #expect(try CLI.run(["run", "edited.yaml", "--out", "b"], in: work).exitCode == 0)
        for file in ["subnets.csv", "network.csv", "events.csv", "miners.csv"] {
            #expect(try Data(contentsOf: work.appendingPathComponent("a/\(file)")) == Data(contentsOf: work.appendingPathComponent("b/\(file)")), "\(file)")
        }
        let manifest = try String(contentsOf: work.appendingPathComponent("a/manifest.json"), encoding: .utf8)
        #expect(manifest.contains("seed=12"))
    }

    @Test func badOverridesExitTwoAndWriteNothing() throws {
        let work = try RunCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: work) }
        for (override, mention) in [("horizon.weeks=2", "--set horizon.weeks=2"), ("seed=abc", "seed"), ("subnets[9].tao_reserve=1", "subnets[9]"),
                                    ("no-equals", "key.path=value")] {
            let result = try CLI.run(["run", "s.yaml", "--out", "x", "--set", override], in: work)
            #expect(result.exitCode == 2, "\(override)")
            #expect(result.standardError.contains(mention), "\(override): \(result.standardError)")
            #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("x").path))
        }
        let check = try CLI.run(["check", "s.yaml", "--set", "seed=abc"], in: work)
        #expect(check.exitCode == 2)
        let golden = try CLI.run(["check", "s.yaml", "--set", "seed=3", "--golden", "g", "--update-golden"], in: work)
        #expect(golden.exitCode == 2 && golden.standardError.contains("--set"))
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("g").path))
    }

    @Test func checkRunsTheOverriddenScenario() throws {
        let work = try RunCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: work) }
        #expect(try CLI.run(["check", "s.yaml", "--golden", "g", "--update-golden"], in: work).exitCode == 0)
        #expect(try CLI.run(["check", "s.yaml", "--golden", "g"], in: work).exitCode == 0)
        // Another seed drifts from the baselines of the file as written.
        let drift = try CLI.run(["check", "s.yaml", "--golden", "g", "--set", "seed=10"], in: work)
        #expect(drift.exitCode == 1, "\(drift.standardOutput)")
    }

    @Test func aResumedRunRepeatsTheOverrides() throws {
        let work = try RunCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: work) }
        #expect(try CLI.run(["run", "s.yaml", "--out", "full", "--checkpoint-every", "400", "--set", "seed=12"], in: work).exitCode == 0)
        let without = try CLI.run(["run", "s.yaml", "--out", "x", "--resume", "full/state-400.json"], in: work)
        #expect(without.exitCode == 2 && without.standardError.contains("overrides"), "\(without.standardError)")
        let same = try CLI.run(["run", "s.yaml", "--out", "y", "--resume", "full/state-400.json", "--set", "seed=12"], in: work)
        #expect(same.exitCode == 0, "\(same.standardError)")
    }
}
