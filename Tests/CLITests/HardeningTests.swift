import Foundation
import Testing

/// Bad input ends with exit 2 and a clear message before anything is written; a failing
/// machine ends with exit 3 and leaves nothing; partial folders of killed runs are named.
@Suite(.serialized) struct HardeningTests {
    @Test func anEmptyOutIsRefusedBeforeTheRun() throws {
        let work = try RunCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: work) }
        let result = try CLI.run(["run", "s.yaml", "--out", ""], in: work)
        #expect(result.exitCode == 2)
        #expect(result.standardError.contains("--out needs a directory path"))
        #expect(try RunCommandTests.contents(work) == ["s.yaml"])
    }

    @Test func aNegativeSeedSaysWhatASeedIs() throws {
        let work = try RunCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: work) }
        let result = try CLI.run(["run", "s.yaml", "--out", "a", "--seed", "-1"], in: work)
        #expect(result.exitCode == 2)
        #expect(result.standardError.contains("a seed: a whole number from 0 to 18446744073709551615"))
        #expect(!result.standardError.contains("block number"))
    }

    @Test func aNegativeFeeRateSaysWhatIsWrong() throws {
        let result = try CLI.run(["swap", "--tao-reserve", "100000000000", "--alpha-reserve", "100000000000", "--stake", "1000000000", "--fee-rate", "-0.1"])
        #expect(result.exitCode == 2)
        #expect(result.standardError.contains("at least 0"))
        #expect(!result.standardError.contains("Missing value"))
    }

    @Test func swapPrintsCSVAsItsHelpSays() throws {
        let result = try CLI.run(["swap", "--tao-reserve", "10000000000", "--alpha-reserve", "5000000000", "--stake", "1000000000", "--format", "csv"])
        #expect(result.exitCode == 0)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("rules,side,amount_in_rao,amount_out_rao"))
        #expect(lines[1].hasPrefix("card,stake,1000000000,454338833"))
    }

    @Test func noRawFoundationErrorTextReachesTheUser() throws {
        let work = try RunCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: work) }
        try "not a folder".write(to: work.appendingPathComponent("file"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["run", "s.yaml", "--out", "file/inside"], in: work)
        #expect(result.exitCode == 3)
        #expect(!result.standardError.contains("NSCocoaErrorDomain"))
        #expect(!result.standardError.contains("Domain="))
        #expect(result.standardError.contains("Not a directory"))
    }

    /// A partial folder left by a killed run is named on the next run of the same path, and
    /// removed by --force; one whose process still runs is left alone.
    @Test func partialFoldersOfKilledRunsAreNamedAndForceRemovesThem() throws {
        let work = try RunCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: work) }
        // No process has pid 4194303 + 1 (above Linux's pid_max), and this test's own pid is alive.
        let dead = work.appendingPathComponent("out.partial-4194304")
        let alive = work.appendingPathComponent("out.partial-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: dead, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: alive, withIntermediateDirectories: true)
        let warned = try CLI.run(["run", "s.yaml", "--out", "out"], in: work)
        #expect(warned.exitCode == 0)
        #expect(warned.standardError.contains("out.partial-4194304"))
        #expect(warned.standardError.contains("--force removes them"))
        #expect(!warned.standardError.contains("out.partial-\(ProcessInfo.processInfo.processIdentifier)"))
        #expect(FileManager.default.fileExists(atPath: dead.path))
        let forced = try CLI.run(["run", "s.yaml", "--out", "out", "--force"], in: work)
        #expect(forced.exitCode == 0)
        #expect(forced.standardError.contains("removed partial folders"))
        #expect(!FileManager.default.fileExists(atPath: dead.path))
        #expect(FileManager.default.fileExists(atPath: alive.path))
    }

    /// Disk full: a 64 KiB tmpfs fills during the run. Exit 3, no report, no partial folder.
    @Test func aFullDiskExitsThreeAndLeavesNothing() throws {
        guard let mount = try Mounts.tmpfs(kibibytes: 64) else {
            Issue.record("cannot mount a tmpfs here (needs root): the disk-full path is untested on this machine")
            return
        }
        defer { Mounts.unmount(mount) }
        let work = try RunCommandTests.workspace(RunCommandTests.scenario.replacingOccurrences(of: "horizon: {blocks: 800}", with: "horizon: {days: 30}")
            .replacingOccurrences(of: "sample_every: 400", with: "sample_every: 20"))
        defer { try? FileManager.default.removeItem(at: work) }
        let result = try CLI.run(["run", work.appendingPathComponent("s.yaml").path, "--out", mount.appendingPathComponent("out").path])
        #expect(result.exitCode == 3, "\(result.standardError)")
        #expect(result.standardError.contains("No space left on device"))
        #expect(try RunCommandTests.contents(mount) == [])
    }

    /// `check --update-golden` on a full disk: exit 3 saying the baseline is unchanged, and the
    /// old baseline byte for byte as it was (it used to be half-written, subnets.csv truncated).
    @Test func aFullDiskLeavesTheOldBaselineIntact() throws {
        guard let mount = try Mounts.tmpfs(kibibytes: 1_024) else {
            Issue.record("cannot mount a tmpfs here (needs root): the disk-full path is untested on this machine")
            return
        }
        defer { Mounts.unmount(mount) }
        let work = try RunCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: work) }
        let golden = mount.appendingPathComponent("golden")
        let first = try CLI.run(["check", "s.yaml", "--golden", golden.path, "--update-golden"], in: work)
        #expect(first.exitCode == 0, "\(first.standardError)")
        let stored = try Mounts.files(golden)
        #expect(stored.keys.contains { $0.hasSuffix("/subnets.csv") } && stored.keys.contains { $0.hasSuffix("/baseline.json") }, "\(stored.keys)")
        try Mounts.fill(mount)
        // A longer run: each new file is larger than the one it replaces.
        try RunCommandTests.scenario.replacingOccurrences(of: "horizon: {blocks: 800}", with: "horizon: {blocks: 8000}")
            .write(to: work.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
        let second = try CLI.run(["check", "s.yaml", "--golden", golden.path, "--update-golden"], in: work)
        #expect(second.exitCode == 3, "\(second.standardError)")
        #expect(second.standardError.contains("No space left on device"), "\(second.standardError)")
        #expect(second.standardError.contains("is unchanged"), "\(second.standardError)")
        #expect(try Mounts.files(golden) == stored)
        #expect(try RunCommandTests.contents(mount) == ["filler", "golden"])
    }

    /// An unwritable folder (immutable, so even root cannot write): exit 3, nothing left.
    @Test func anUnwritableFolderExitsThreeAndLeavesNothing() throws {
        let work = try RunCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: work) }
        let locked = work.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
        guard Mounts.setImmutable(locked, true) else {
            Issue.record("chattr +i is not available here: the unwritable-folder path is untested on this machine")
            return
        }
        defer { _ = Mounts.setImmutable(locked, false) }
        let result = try CLI.run(["run", "s.yaml", "--out", "locked/out"], in: work)
        #expect(result.exitCode == 3, "\(result.standardError)")
        #expect(result.standardError.contains("locked/out.partial-"))
        #expect(try RunCommandTests.contents(locked) == [])
    }
}

/// Small system helpers for the machine-failure tests: each undoes what it did.
enum Mounts {
    static func shell(_ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// A fresh tmpfs of `kibibytes`, or nil when mounting is not allowed.
    static func tmpfs(kibibytes: Int) throws -> URL? {
        let point = FileManager.default.temporaryDirectory.appendingPathComponent("dtao-full-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: point, withIntermediateDirectories: true)
        guard shell(["mount", "-t", "tmpfs", "-o", "size=\(kibibytes)k", "tmpfs", point.path]) == 0 else {
            try? FileManager.default.removeItem(at: point)
            return nil
        }
        return point
    }

    /// Every file of a folder (recursively) by relative path, with its bytes.
    static func files(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for case let path as String in FileManager.default.enumerator(atPath: folder.path) ?? FileManager.default.enumerator(atPath: "/dev/null")! {
            let url = folder.appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[path] = try Data(contentsOf: url)
            }
        }
        return result
    }

    /// Fills a mounted file system to the last byte with a file named `filler`.
    static func fill(_ point: URL) throws {
        let path = point.appendingPathComponent("filler").path
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else { return }
        defer { try? handle.close() }
        for size in [1 << 16, 1 << 12, 1 << 8, 1] {
            let chunk = Data(count: size)
            while (try? handle.write(contentsOf: chunk)) != nil {}
        }
    }

    static func unmount(_ point: URL) {
        _ = shell(["umount", point.path])
        try? FileManager.default.removeItem(at: point)
    }

    static func setImmutable(_ url: URL, _ on: Bool) -> Bool {
        shell(["chattr", on ? "+i" : "-i", url.path]) == 0
    }
}
