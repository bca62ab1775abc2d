import Foundation
import Reporting
import Simulation

/// A shard's folder: `shard.json` (which sweep, which part), `digests/<id>.json` per finished
/// run and `failures.json`. `SweepShard.merge` joins the folders of every shard of a sweep into
/// exactly the results the unsharded sweep has.
public struct SweepShard: Codable, Sendable, Equatable {
    /// `dtao-sweep-shard`.
    public var format = "dtao-sweep-shard"
    /// 1.
    public var version = 1
    /// The engine that ran it.
    public let engineVersion: String
    /// The sweep file (path as given) and its SHA-256.
    public let sweep: InputFileRecord
    /// The base scenario and its SHA-256.
    public let scenario: InputFileRecord
    /// The `--set` overrides the sweep ran with (`key.path=value`).
    public let overrides: [String]
    /// This shard's index, from 0.
    public let index: Int
    /// How many shards the sweep was cut into.
    public let count: Int
    /// The run indices this shard ran.
    public let runs: [Int]

    /// Writes a shard folder's files into `directory` (its working folder).
    public static func write(_ plan: SweepPlan, _ results: SweepRunner.Results, index: Int, count: Int, runs: [Int], engineVersion: String,
                             into directory: ReportDirectory) throws(OutputFailure) {
        let hashed = InputFileRecord.hashing([plan.spec.file, plan.spec.scenarioPath])
        let shard = SweepShard(engineVersion: engineVersion, sweep: hashed[0], scenario: hashed[1], overrides: plan.baseOverrides.map(\.description), index: index, count: count, runs: runs)
        try StreamingFile.write(encode(shard), to: directory.path("shard.json"))
        do {
            try FileManager.default.createDirectory(atPath: directory.path("digests"), withIntermediateDirectories: true)
        } catch {
            throw OutputFailure(path: directory.path("digests"), reason: "\(error)")
        }
        for run in runs {
            guard let digest = results.digests[run] else { continue }
            try StreamingFile.write(encode(digest), to: directory.path("digests/\(plan.runs[run].id).json"))
        }
        try StreamingFile.write(encode(results.failures.keys.sorted().map { results.failures[$0]! }), to: directory.path("failures.json"))
    }

    static func encode<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(value)).flatMap { String(data: $0, encoding: .utf8) }.map { $0 + "\n" } ?? "null\n"
    }

    static func decode<Value: Decodable>(_ type: Value.Type, at path: String) throws(SweepInputError) -> Value {
        guard let data = FileManager.default.contents(atPath: path) else { throw SweepInputError("\(path): cannot be read (is it a shard folder's file?)") }
        do { return try JSONDecoder().decode(type, from: data) } catch { throw SweepInputError("\(path): not a valid \(type) file: \(error)") }
    }

    /// Reads shard folders and checks they are every shard of one sweep, each once, written by
    /// this engine from the same sweep and scenario files as are on disk now; returns the plan
    /// and the joined results.
    public static func merge(_ folders: [String], engineVersion: String) throws(SweepInputError) -> (SweepPlan, SweepRunner.Results) {
        guard !folders.isEmpty else { throw SweepInputError("give the shard folders to merge") }
        let shards = try folders.map { folder throws(SweepInputError) in (folder, try decode(SweepShard.self, at: folder + "/shard.json")) }
        let first = shards[0].1
        for (folder, shard) in shards {
            guard shard.format == "dtao-sweep-shard", shard.version == 1 else { throw SweepInputError("\(folder)/shard.json: not a dtao sweep shard (format 1)") }
            guard shard.sweep == first.sweep, shard.scenario == first.scenario, shard.count == first.count, shard.overrides == first.overrides else {
                throw SweepInputError("\(folder) is a shard of another sweep (\(shard.sweep.file), \(shard.count) shards) than \(shards[0].0) (\(first.sweep.file), \(first.count) shards)")
            }
            guard shard.engineVersion == engineVersion else { throw SweepInputError("\(folder) was written by dtao \(shard.engineVersion), this is \(engineVersion)") }
        }
        let indices = shards.map(\.1.index).sorted()
        guard indices == Array(0..<first.count) else {
            throw SweepInputError("the shards given are \(indices.map(String.init).joined(separator: ", ")) of \(first.count): every shard 0…\(first.count - 1) once is needed")
        }
        let overrides = first.overrides.compactMap(ScenarioOverride.init(parsing:))
        guard overrides.count == first.overrides.count else { throw SweepInputError("\(shards[0].0)/shard.json: an override is not key.path=value") }
        let plan = try SweepPlan(path: first.sweep.file, baseOverrides: overrides)
        let now = InputFileRecord.hashing([plan.spec.file, plan.spec.scenarioPath])
        guard now[0] == first.sweep, now[1] == first.scenario else {
            throw SweepInputError("\(first.sweep.file) or its scenario changed since the shards ran (SHA-256 differs)")
        }
        var results = SweepRunner.Results()
        var folderOfRun: [Int: String] = [:]
        for (folder, shard) in shards {
            guard shard.runs == plan.runIndices(shard: (shard.index, shard.count)) else { throw SweepInputError("\(folder)/shard.json: its runs are not shard \(shard.index) of \(shard.count)") }
            for failure in try decode([SweepRunFailure].self, at: folder + "/failures.json") { results.failures[failure.run] = failure }
            for run in shard.runs { folderOfRun[run] = folder }
        }
        // One point at a time: read its runs' digests, band them, keep only their last samples.
        for point in plan.points {
            for run in plan.runs where run.point == point.index && results.failures[run.index] == nil {
                let folder = folderOfRun[run.index]!
                let digest = try decode(SweepRunDigest.self, at: folder + "/digests/\(run.id).json")
                guard digest.run == run.index, digest.seed == run.seed, digest.point == run.point else {
                    throw SweepInputError("\(folder)/digests/\(run.id).json is not run \(run.index)'s digest")
                }
                results.digests[run.index] = digest
            }
            SweepOutput.finishPoint(plan, &results, point: point.index)
        }
        return (plan, results)
    }
}
