import Foundation
import Testing

/// `dtao snapshot inspect`, scenarios starting from snapshots, and checkpoints with resume, from
/// the command line.
@Suite struct SnapshotCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Snapshots")

    @Test(arguments: ["runtime-api.json", "sdk-dynamic-info.json", "btcli-subnets-list.json"])
    func inspectReportsEachFormat(_ file: String) throws {
        let result = try CLI.run(["snapshot", "inspect", Self.fixtures.appendingPathComponent(file).path, "--format", "json"])
        #expect(result.exitCode == 0, "\(result.standardError)")
        let report = try SwapCommandTests.json(result)
        #expect(report["subnets"] as? Int != nil)
        #expect((report["subnet_rows"] as? [[String: Any]])?.isEmpty == false)
        #expect(report["lacks"] as? [String] != nil)
    }

    @Test func inspectRefusesAnInconsistentSnapshot() throws {
        let work = try RunCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: work) }
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent("sdk-dynamic-info.json"), encoding: .utf8)
        try text.replacingOccurrences(of: "\"price\": 0.140504383,", with: "\"price\": 0.2,").write(to: work.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
        let underCard = try CLI.run(["snapshot", "inspect", "bad.json", "--rules", "card"], in: work)
        #expect(underCard.exitCode == 2)
        #expect(underCard.standardError.contains("subnet 1"))
        let lowIssuance = try CLI.run(["snapshot", "inspect", "bad.json", "--issuance", "1000"], in: work)
        #expect(lowIssuance.exitCode == 2)
        #expect(lowIssuance.standardError.contains("below the TAO in the pools"))
        try "[{\"netuid\": 1, \"token_symbol\": [1], \"tao_in\": 5".write(to: work.appendingPathComponent("cut.json"), atomically: true, encoding: .utf8)
        #expect(try CLI.run(["snapshot", "inspect", "cut.json"], in: work).exitCode == 2)
    }

    @Test func aRunFromASnapshotAndABadOneThatWritesNothing() throws {
        let scenario = """
            name: from-snapshot
            rules: head-2026-06
            horizon: {blocks: 500}
            sample_every: 250
            market: {tao_usd: {constant: 220}}
            subnets: {snapshot: snap.json}
            """
        let work = try RunCommandTests.workspace(scenario)
        defer { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("runtime-api.json"), to: work.appendingPathComponent("snap.json"))
        let result = try CLI.run(["run", "s.yaml", "--out", "a"], in: work)
        #expect(result.exitCode == 0, "\(result.standardError)")
        let summary = try String(contentsOf: work.appendingPathComponent("a/summary.md"), encoding: .utf8)
        #expect(summary.contains("Started from the snapshot"))
        #expect(summary.contains("start.block 8516000 from the snapshot"))
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: work.appendingPathComponent("a/manifest.json"))) as? [String: Any]
        #expect((manifest?["inputs"] as? [[String: Any]])?.first?["file"] as? String == "snap.json")
        try "[1, 2".write(to: work.appendingPathComponent("snap.json"), atomically: true, encoding: .utf8)
        let bad = try CLI.run(["run", "s.yaml", "--out", "b"], in: work)
        #expect(bad.exitCode == 2)
        #expect(bad.standardError.contains("snap.json"))
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("b").path))
    }
}

@Suite struct CheckpointCommandTests {
    static func rows(_ url: URL, from block: UInt64) throws -> [Substring] {
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        return [lines[0]] + lines.dropFirst().filter { (UInt64($0.prefix { $0 != "," }) ?? 0) >= block }
    }

    @Test func aResumedRunWritesTheUnbrokenRunsRows() throws {
        let work = try RunCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: work) }
        let full = try CLI.run(["run", "s.yaml", "--out", "full", "--checkpoint-every", "300"], in: work)
        #expect(full.exitCode == 0, "\(full.standardError)")
        let states = try FileManager.default.contentsOfDirectory(atPath: work.appendingPathComponent("full").path).filter { $0.hasPrefix("state-") }.sorted()
        #expect(states == ["state-300.json", "state-600.json", "state-800.json"])
        let part = try CLI.run(["run", "s.yaml", "--out", "part", "--resume", "full/state-300.json"], in: work)
        #expect(part.exitCode == 0, "\(part.standardError)")
        for file in ["subnets.csv", "network.csv", "events.csv", "miners.csv"] {
            #expect(try Self.rows(work.appendingPathComponent("full/\(file)"), from: 300) == Self.rows(work.appendingPathComponent("part/\(file)"), from: 0), "\(file)")
        }
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: work.appendingPathComponent("part/manifest.json"))) as? [String: Any]
        #expect((manifest?["resumed_from"] as? [String: Any])?["block"] as? Int == 300)
    }

    /// `text` with the number after the first `key` replaced.
    static func replacingFirstNumber(after key: String, in text: String, with value: String) -> String {
        guard let range = text.range(of: key) else { return text }
        let end = text[range.upperBound...].firstIndex { !$0.isNumber } ?? text.endIndex
        return text.replacingCharacters(in: range.upperBound..<end, with: value)
    }

    /// State files are byte-identical across processes (netuid-keyed tables used to follow the
    /// process's hash seed), so their digest holds and every resume of them is accepted.
    @Test func stateFilesAreTheSameInEveryProcessAndResume() throws {
        let work = try RunCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: work) }
        let scenario = EpochCommandTests.root.appendingPathComponent("Scenarios/gpu-price-shock.yaml").path
        let arguments = ["run", scenario, "--set", "subnets.generate.count=8", "--set", "horizon={days: 11}", "--set", "subnets.generate.miners.count=4",
                         "--no-report", "--checkpoint-every", "7161"]
        var states: [Data] = []
        for run in 0..<3 {
            let result = try CLI.run(arguments + ["--out", "r\(run)"], in: work)
            #expect(result.exitCode == 0, "\(result.standardError)")
            states.append(try Data(contentsOf: work.appendingPathComponent("r\(run)/state-6332161.json")))
        }
        #expect(Set(states).count == 1)
        for run in 0..<3 {
            let resumed = try CLI.run(arguments + ["--out", "s\(run)", "--resume", "r\(run)/state-6332161.json"], in: work)
            #expect(resumed.exitCode == 0, "\(resumed.standardError)")
        }
    }

    @Test func resumingFromAChangedScenarioOrABadStateIsBadInput() throws {
        let work = try RunCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: work) }
        #expect(try CLI.run(["run", "s.yaml", "--out", "full", "--checkpoint-every", "400"], in: work).exitCode == 0)
        let state = work.appendingPathComponent("full/state-400.json")
        // A damaged state: truncated, then a field of the wrong type, then an unknown version.
        let text = try String(contentsOf: state, encoding: .utf8)
        for (name, damaged, mention) in [("cut.json", String(text.prefix(text.count / 2)), "JSON"),
                                          ("type.json", text.replacingOccurrences(of: "\"block\" : 400", with: "\"block\" : \"four hundred\""), "block"),
                                          ("version.json", text.replacingOccurrences(of: "\"version\" : 3", with: "\"version\" : 7"), "version"),
                                          // Edits that keep the file well-formed: the digest no longer matches.
                                          ("header.json", text.replacingOccurrences(of: "\"block\" : 400,\n  \"digest", with: "\"block\" : 401,\n  \"digest"), "digest"),
                                          ("ema.json", Self.replacingFirstNumber(after: "\"emaPriceRaw\" : ", in: text, with: "1"), "digest"),
                                          ("netuid.json", Self.replacingFirstNumber(after: "\"netuid\" : ", in: text, with: "77"), "netuid"),
                                          ("overflow.json", Self.replacingFirstNumber(after: "\"taoReserveRao\" : ", in: text, with: "18446744073709551616"), "taoReserveRao")] {
            try damaged.write(to: work.appendingPathComponent(name), atomically: true, encoding: .utf8)
            let result = try CLI.run(["run", "s.yaml", "--out", "x", "--resume", name], in: work)
            #expect(result.exitCode == 2, "\(name)")
            #expect(result.standardError.contains(mention), "\(name): \(result.standardError)")
            #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("x").path))
        }
        // The scenario changed since the state was written.
        let scenario = try String(contentsOf: work.appendingPathComponent("s.yaml"), encoding: .utf8)
        try scenario.replacingOccurrences(of: "seed: 9", with: "seed: 10").write(to: work.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
        let changed = try CLI.run(["run", "s.yaml", "--out", "x", "--resume", "full/state-400.json"], in: work)
        #expect(changed.exitCode == 2)
        #expect(changed.standardError.contains("changed since"))
    }
}
