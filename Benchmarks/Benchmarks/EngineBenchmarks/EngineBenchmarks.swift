import Benchmark
import TaoEconomics

// The engine's per-operation and block-loop cases on ordo-one/benchmark: percentiles of wall
// time, heap allocations (through the malloc interposer) and peak memory per case, with
// thresholds stored in ../Thresholds that `swift package benchmark thresholds check` compares.
// `dtao bench` keeps the same cases as the quick user-facing check.

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 3,
        maxDuration: .seconds(2),
        maxIterations: 10_000,
        thresholds: Tolerances.for([.wallClock, .mallocCountTotal, .peakMemoryResident]))

    for (name, rules) in [("card", RuleSet.card), ("launch-2025-02", .launch2025_02), ("head-2026-06", .head2026_06)] {
        Benchmark("SubnetPool.swap-\(name)", configuration: .init(scalingFactor: .kilo)) { benchmark in
            var pool = SubnetPool.synthetic(rules: rules)
            benchmark.startMeasurement()
            for step in benchmark.scaledIterations {
                let quote = try pool.swap(step % 2 == 0 ? .stake : .unstake, amountRao: 1_000_000_000, rules: rules.pool)
                blackHole(quote)
            }
            benchmark.stopMeasurement()
        }
    }

    Benchmark("SubnetPool.reweight-head-2026-06", configuration: .init(scalingFactor: .kilo)) { benchmark in
        var pool = SubnetPool.synthetic(rules: .head2026_06)
        benchmark.startMeasurement()
        for step in benchmark.scaledIterations {
            blackHole(try pool.reweight(taoRao: 3_000_000 + UInt64(step % 7), alphaRao: 1_000_000_000 + UInt64(step % 11)))
        }
        benchmark.stopMeasurement()
    }

    let blockCases: [(subnets: Int, name: String, rules: RuleSet)] = [
        (128, "card", .card), (128, "launch-2025-02", .launch2025_02), (128, "head-2026-06", .head2026_06), (128, "head-2026-08", .head2026_08),
        (128, "head-2026-10", .head2026_10),
        (8, "card", .card), (1_024, "card", .card), (8, "head-2026-06", .head2026_06), (1_024, "head-2026-06", .head2026_06),
    ]
    for (subnets, name, rules) in blockCases {
        // One sample steps a fresh synthetic network by ~12,800 subnet-blocks; construction is
        // outside the measurement. "subnet-block (ns)" is the sample's wall time per subnet-block.
        let blocks = max(1, 12_800 / subnets)
        Benchmark("block-\(subnets)-subnets-\(name)",
                  configuration: .init(metrics: Fixtures.blockMetrics, maxDuration: .seconds(3), maxIterations: 1_000,
                                       thresholds: Tolerances.for(Fixtures.blockMetrics))) { benchmark in
            var network = try Network.synthetic(subnets: subnets, rules: rules)
            let clock = ContinuousClock()
            benchmark.startMeasurement()
            let start = clock.now
            try network.step(blocks: UInt64(blocks))
            let elapsed = clock.now - start
            benchmark.stopMeasurement()
            blackHole(network.tao.issuanceRao)
            let nanoseconds = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
            benchmark.measurement(Fixtures.perSubnetBlock, Int((nanoseconds / Double(blocks * subnets)).rounded()))
        }
    }
}

enum Fixtures {
    /// Wall time per subnet-block of a block-loop sample, ns (rounded to the nearest).
    static var perSubnetBlock: BenchmarkMetric { .custom("subnet-block (ns)") }
    /// What the block-loop cases record.
    static var blockMetrics: [BenchmarkMetric] { [.wallClock, .mallocCountTotal, .peakMemoryResident, perSubnetBlock] }
}

/// How far a run may drift from the stored thresholds before `thresholds check` fails.
enum Tolerances {
    /// The tolerances of `metrics`.
    static func `for`(_ metrics: [BenchmarkMetric]) -> [BenchmarkMetric: BenchmarkThresholds] {
        all.filter { metrics.contains($0.key) }
    }

    static var all: [BenchmarkMetric: BenchmarkThresholds] { [
        // Allocations are deterministic: a few for the harness's own jitter, no more.
        .mallocCountTotal: .init(relative: [:], absolute: [.p90: 4]),
        // Times move by ±40% between runs on the project machine.
        .wallClock: .init(relative: [.p90: 60], absolute: [:]),
        Fixtures.perSubnetBlock: .init(relative: [.p90: 60], absolute: [:]),
        .peakMemoryResident: .init(relative: [.p90: 25], absolute: [:]),
    ] }
}
