import Dispatch
import Foundation
import Reporting
import Simulation

/// A run that failed: which, with which overrides, and why.
public struct SweepRunFailure: Codable, Sendable, Equatable {
    /// The run's index.
    public let run: Int
    /// Its id (`p<point>-s<seed>`).
    public let id: String
    /// Its seed.
    public let seed: UInt64
    /// Its point's overrides, `key.path=value`.
    public let overrides: [String]
    /// What went wrong.
    public let error: String
}

/// Runs a sweep's runs on `jobs` threads. Each run is independent and deterministic, so the
/// digests do not depend on `jobs` or on the order runs finish in.
public enum SweepRunner {
    /// What the runs left: a digest per finished run and a failure per failed one, by run index.
    public struct Results: Sendable {
        /// Digests of the runs that finished, by run index.
        public var digests: [Int: SweepRunDigest] = [:]
        /// Runs that failed, by run index.
        public var failures: [Int: SweepRunFailure] = [:]
        /// The first machine failure (a run's report folder could not be written); the sweep
        /// then writes nothing.
        public var machineFailure: String?
        /// bands.csv lines of the points already finished (`SweepOutput.finishPoint`).
        public var bands: [Int: String] = [:]
    }

    /// How one run ended.
    enum Outcome {
        case finished(SweepRunDigest)
        case failed(SweepRunFailure)
        case machine(String)
    }

    /// Runs `indices` of `plan` on `jobs` threads; with `keepRunsIn`, each run's full reports go
    /// to `<keepRunsIn>/<id>/` (with `keptRunFile`, the run's report.html, too). `progress` is called (from any thread, one call at a time) after
    /// each run with the runs done so far. With `bandPoints` (a whole sweep, not a shard), each
    /// point's bands are computed as soon as its last run ends and its series are dropped.
    public static func run(_ plan: SweepPlan, indices: [Int], jobs: Int, keepRunsIn: String?, engineVersion: String, bandPoints: Bool = false,
                           keptRunFile: ReportRun.ExtraFile? = nil, progress: @escaping @Sendable (Int) -> Void) -> Results {
        let queue = WorkQueue(indices, plan: bandPoints ? plan : nil)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, indices.count))) { _ in
            while let index = queue.next() {
                let outcome = runOne(plan, index: index, keepRunsIn: keepRunsIn, engineVersion: engineVersion, keptRunFile: keptRunFile)
                let done = queue.finish(index, outcome)
                progress(done)
            }
        }
        return queue.results
    }

    static func runOne(_ plan: SweepPlan, index: Int, keepRunsIn: String?, engineVersion: String, keptRunFile: ReportRun.ExtraFile?) -> Outcome {
        let run = plan.runs[index]
        let scenario = plan.scenario(of: run)
        var sink = SweepDigestSink(digest: SweepRunDigest(run: run.index, point: run.point, seed: run.seed))
        func failure(_ message: String) -> SweepRunFailure {
            SweepRunFailure(run: run.index, id: run.id, seed: run.seed, overrides: plan.points[run.point].overrides.map(\.description), error: message)
        }
        do {
            var simulation = try SimulationRun(scenario: scenario)
            let outcome: RunOutcome
            if let keepRunsIn {
                let directory = try ReportDirectory(out: keepRunsIn + "/" + run.id, force: false)
                // The manifest records the `dtao run` that reproduces this run on its own.
                let overrides = (plan.baseOverrides + plan.points[run.point].overrides).flatMap { ["--set", $0.description] }
                let commandLine = ["dtao", "run", plan.spec.scenarioPath, "--out", keepRunsIn + "/" + run.id, "--seed", String(run.seed)] + overrides
                outcome = try ReportRun.write(&simulation, into: directory, engineVersion: engineVersion, commandLine: commandLine, also: &sink,
                                              extraFile: keptRunFile)
            } else {
                outcome = try simulation.run(into: &sink)
            }
            guard outcome.ledgerViolations.isEmpty else {
                return .failed(failure("the ledger does not balance: " + outcome.ledgerViolations.map(\.description).joined(separator: "; ")))
            }
            sink.digest.halvings = outcome.halvings.count
            return .finished(sink.digest)
        } catch let error as ReportDirectoryError where error.isMachineFailure {
            return .machine("run \(run.id): \(error)")
        } catch let RunError.output(failure) {
            return .machine("run \(run.id): \(failure)")
        } catch {
            return .failed(failure("\(error)"))
        }
    }

    /// Hands out run indices to worker threads and collects their results.
    final class WorkQueue: @unchecked Sendable {
        private let lock = NSLock()
        private var pending: ArraySlice<Int>
        private(set) var results = Results()
        private var done = 0
        /// Set when points are banded as they finish: the plan, and each point's runs still out.
        private let plan: SweepPlan?
        private var remaining: [Int: Int] = [:]

        init(_ indices: [Int], plan: SweepPlan?) {
            pending = indices[...]
            self.plan = plan
            if let plan { for index in indices { remaining[plan.runs[index].point, default: 0] += 1 } }
        }

        func next() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            return pending.popFirst()
        }

        func finish(_ index: Int, _ outcome: Outcome) -> Int {
            lock.lock()
            defer { lock.unlock() }
            switch outcome {
            case let .finished(digest): results.digests[index] = digest
            case let .failed(failure): results.failures[index] = failure
            case let .machine(message):
                if results.machineFailure == nil { results.machineFailure = message }
                pending.removeAll()  // stop handing out runs: the sweep will write nothing
            }
            if let plan, results.machineFailure == nil {
                let point = plan.runs[index].point
                remaining[point, default: 1] -= 1
                if remaining[point] == 0 { SweepOutput.finishPoint(plan, &results, point: point) }
            }
            done += 1
            return done
        }
    }
}
