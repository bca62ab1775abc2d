import Foundation
@testable import Simulation
import Testing
import Yams

/// The shipped Kubernetes manifest and Slurm script agree with the CLI: an Indexed Job whose
/// completions, DTAO_SHARD_COUNT and the merge's shard list all match, running a bundled sweep.
@Suite struct DeployManifestTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func theKubernetesIndexedJobAndItsMergeAgree() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("deploy/kubernetes/sweep-job.yaml"), encoding: .utf8)
        let documents = try Array(Yams.load_all(yaml: text)).compactMap { $0 as? [String: Any] }
        #expect(documents.count == 2)
        let job = documents[0], merge = documents[1]
        #expect(job["kind"] as? String == "Job" && merge["kind"] as? String == "Job")
        let spec = try #require(job["spec"] as? [String: Any])
        #expect(spec["completionMode"] as? String == "Indexed")
        let completions = try #require(spec["completions"] as? Int)
        #expect(completions >= 1)
        let container = try #require(((spec["template"] as? [String: Any])?["spec"] as? [String: Any]).flatMap { ($0["containers"] as? [[String: Any]])?.first })
        let command = ((container["command"] as? [String]) ?? []) + ((container["args"] as? [String]) ?? [])
        let shell = try #require(command.last)
        #expect(shell.contains("dtao sweep ") && shell.contains("--shard auto") && shell.contains("out/shards/$JOB_COMPLETION_INDEX"))
        let env = (container["env"] as? [[String: Any]]) ?? []
        #expect(env.first { $0["name"] as? String == "DTAO_SHARD_COUNT" }?["value"] as? String == String(completions))
        // The sweep it names is a bundled one, and parses.
        let sweepPath = try #require(shell.split(separator: " ").first { $0.hasSuffix(".yaml") })
        _ = try SweepSpec.load(path: Self.root.appendingPathComponent(String(sweepPath)).path)

        let mergeSpec = try #require(((merge["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"] as? [String: Any])
        let mergeCommand = try #require((mergeSpec["containers"] as? [[String: Any]])?.first?["command"] as? [String])
        #expect(Array(mergeCommand.prefix(3)) == ["dtao", "sweep", "merge"])
        #expect(mergeCommand.filter { $0.hasPrefix("out/shards/") } == (0..<completions).map { "out/shards/\($0)" })
        let wait = try #require((mergeSpec["initContainers"] as? [[String: Any]])?.first)
        #expect((wait["env"] as? [[String: Any]])?.first { $0["name"] as? String == "SHARDS" }?["value"] as? String == String(completions))
    }

    @Test func theSlurmScriptIsValidBashAndSubmitsAnArrayThenTheMerge() throws {
        let script = Self.root.appendingPathComponent("deploy/slurm/sweep.sbatch").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-n", script]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let text = try String(contentsOfFile: script, encoding: .utf8)
        #expect(text.contains("--array=0-$((shards - 1))") && text.contains("--dependency=afterany:"))
        #expect(text.contains("--shard auto") && text.contains("sweep merge"))
    }
}
