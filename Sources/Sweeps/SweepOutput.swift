import FixedMath
import Foundation
import Reporting
import Simulation

/// Writes a sweep's results: `runs.csv`, `runs-subnets.csv`, `bands.csv` and `sweep.json`
/// (Scenarios/README.md documents them). The bytes depend only on the sweep, its inputs and the
/// runs' digests and failures, never on `--jobs`, shards or the order runs finished in.
public enum SweepOutput {
    /// The data files a sweep folder holds (beside report.html).
    public static let files = ["runs.csv", "runs-subnets.csv", "bands.csv", "sweep.json"]

    /// Writes the four files into `directory` (its working folder).
    public static func write(_ plan: SweepPlan, _ results: SweepRunner.Results, engineVersion: String, into directory: ReportDirectory) throws(OutputFailure) {
        try StreamingFile.write(runsCSV(plan, results), to: directory.path("runs.csv"))
        try StreamingFile.write(runSubnetsCSV(plan, results), to: directory.path("runs-subnets.csv"))
        let bands = try StreamingFile(path: directory.path("bands.csv"))
        try writeBands(plan, results, to: bands)
        try bands.close()
        try StreamingFile.write(JSONText.encode(SweepRecord(plan, results, engineVersion: engineVersion)), to: directory.path("sweep.json"))
    }

    /// A CSV field: quoted (quotes doubled) when it holds a comma, a quote or a line break.
    static func field(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    static func line(_ cells: [String]) -> String { cells.map(field).joined(separator: ",") + "\n" }

    /// The grid key columns' header cells and a point's values.
    static func gridHeader(_ plan: SweepPlan) -> [String] { plan.spec.keyPaths.map(\.description) }
    static func gridValues(_ plan: SweepPlan, point: Int) -> [String] { plan.points[point].overrides.map(\.valueText) }

    /// The cells every per-run row starts with: run, id, point, seed and the grid values.
    static func runCells(_ plan: SweepPlan, _ run: SweepSpec.Run) -> [String] {
        [String(run.index), run.id, String(run.point), String(run.seed)] + gridValues(plan, point: run.point)
    }

    static func runsCSV(_ plan: SweepPlan, _ results: SweepRunner.Results) -> String {
        var text = line(["run", "id", "point", "seed"] + gridHeader(plan) + ["status", "end_block", "total_issuance_rao", "halvings", "tao_usd", "refusals", "miners_profit_usd"])
        for run in plan.runs {
            let prefix = runCells(plan, run)
            if let digest = results.digests[run.index], let last = digest.samples.last {
                let profit = digest.miners.isEmpty ? "" : SweepMetric.profitUsd.text(digest.miners.reduce(BigInteger.zero) { $0 + $1.profitUsdMicro })
                text += line(prefix + ["ok", String(last.block), String(last.issuanceRao), String(digest.halvings), SweepMetric.taoUsd.text(BigInteger(last.taoUsdMicro)),
                                       String(digest.refusals), profit])
            } else if results.failures[run.index] != nil {
                text += line(prefix + ["failed", "", "", "", "", "", ""])
            }
        }
        return text
    }

    static func runSubnetsCSV(_ plan: SweepPlan, _ results: SweepRunner.Results) -> String {
        var text = line(["run", "id", "point", "seed"] + gridHeader(plan) + ["netuid", "price_tao", "price_usd", "market_cap_usd", "miners_profit_usd", "breakeven_tao_usd"])
        for run in plan.runs {
            guard let digest = results.digests[run.index], let last = digest.samples.last else { continue }
            let prefix = runCells(plan, run)
            for subnet in last.subnets {
                let miners = digest.miners.first { $0.netuid == subnet.netuid }
                text += line(prefix + [String(subnet.netuid), SweepMetric.priceTao.text(BigInteger(subnet.priceTaoAtto)),
                                       SweepMetric.priceUsd.text(BigInteger(subnet.priceUsdMicro)), SweepMetric.priceUsd.text(BigInteger(subnet.marketCapUsdMicro)), miners.map { SweepMetric.profitUsd.text($0.profitUsdMicro) } ?? "",
                                       miners?.breakevenTaoUsdMicro.map(SweepMetric.breakevenTaoUsd.text) ?? ""])
            }
        }
        return text
    }

    /// One band's identity within a sample block: the metric and the subnet (nil: network).
    struct BandKey: Hashable, Comparable {
        let metric: Int
        let netuid: Int

        static func < (a: BandKey, b: BandKey) -> Bool { (a.metric, a.netuid) < (b.metric, b.netuid) }
    }

    static func writeBands(_ plan: SweepPlan, _ results: SweepRunner.Results, to file: StreamingFile) throws(OutputFailure) {
        try file.write(line(["block", "date", "point"] + gridHeader(plan) + ["metric", "netuid", "n", "mean", "min"] + SweepBand.percents.map { "p\($0)" } + ["max"]))
        for point in plan.points {
            try file.write(results.bands[point.index] ?? bandLines(plan, results, point: point.index))
        }
    }

    /// Computes a finished point's bands.csv lines and then drops its runs' sample series (keeping
    /// each run's last sample, which runs.csv and runs-subnets.csv read), so that a sweep's memory
    /// holds the series of the points still running, not of every run.
    public static func finishPoint(_ plan: SweepPlan, _ results: inout SweepRunner.Results, point: Int) {
        guard results.bands[point] == nil else { return }
        results.bands[point] = bandLines(plan, results, point: point)
        for run in plan.runs where run.point == point {
            guard var digest = results.digests[run.index], digest.samples.count > 1 else { continue }
            digest.samples = [digest.samples[digest.samples.count - 1]]
            results.digests[run.index] = digest
        }
    }

    /// The bands.csv lines of one point, from its runs' full digests, one sample block at a time
    /// (so the values gathered at once are one block's, not the whole point's).
    static func bandLines(_ plan: SweepPlan, _ results: SweepRunner.Results, point: Int) -> String {
        let metrics = SweepMetric.allCases
        let index = Dictionary(uniqueKeysWithValues: metrics.enumerated().map { ($1, $0) })
        let digests = plan.runs.filter { $0.point == point }.compactMap { results.digests[$0.index] }
        let blocks = Set(digests.flatMap { $0.samples.map(\.block) }).sorted()
        var cursors = [Int](repeating: 0, count: digests.count)
        let grid = gridValues(plan, point: point)
        var text = ""
        for block in blocks {
            var date = ""
            var values: [BandKey: [BigInteger]] = [:]
            func add(_ metric: SweepMetric, _ netuid: UInt16?, _ value: BigInteger) {
                values[BandKey(metric: index[metric]!, netuid: netuid.map(Int.init) ?? -1), default: []].append(value)
            }
            for (position, digest) in digests.enumerated() {
                // Each digest's samples ascend by block: advance its cursor to this block.
                while cursors[position] < digest.samples.count, digest.samples[cursors[position]].block < block { cursors[position] += 1 }
                guard cursors[position] < digest.samples.count, digest.samples[cursors[position]].block == block else { continue }
                let sample = digest.samples[cursors[position]]
                if date.isEmpty { date = sample.date }
                add(.totalIssuanceRao, nil, BigInteger(sample.issuanceRao))
                add(.emissionRaoPerBlock, nil, BigInteger(sample.emissionRaoPerBlock))
                add(.taoUsd, nil, BigInteger(sample.taoUsdMicro))
                for subnet in sample.subnets {
                    add(.priceTao, subnet.netuid, BigInteger(subnet.priceTaoAtto))
                    add(.priceUsd, subnet.netuid, BigInteger(subnet.priceUsdMicro))
                }
                for miners in sample.miners {
                    add(.profitUsd, miners.netuid, miners.profitUsdMicro)
                    if let breakeven = miners.breakevenTaoUsdMicro { add(.breakevenTaoUsd, miners.netuid, breakeven) }
                }
            }
            for key in values.keys.sorted() {
                let metric = metrics[key.metric]
                let band = SweepBand(values[key]!)
                text += line([String(block), date, String(point)] + grid + [metric.rawValue, key.netuid < 0 ? "" : String(key.netuid),
                             String(band.count), metric.text(band.mean), metric.text(band.minimum)]
                             + band.percentiles.map(metric.text) + [metric.text(band.maximum)])
            }
        }
        return text
    }
}

/// `sweep.json`: what the sweep was and what became of its runs (no timings: the file is the
/// same bytes for the same sweep whatever `--jobs` or sharding).
struct SweepRecord: Encodable {
    struct Dimension: Encodable {
        let keys: [String]
        let values: [[String]]
    }

    struct Point: Encodable {
        let point: Int
        let overrides: [String]
        let rules: String
    }

    let format = "dtao-sweep"
    let version = 1
    let name: String
    let engineVersion: String
    let sweep: InputFileRecord
    let scenario: InputFileRecord
    let inputs: [InputFileRecord]
    let overrides: [String]
    let dimensions: [Dimension]
    let seeds: [UInt64]
    let points: [Point]
    let runs: Int
    let finished: Int
    let failed: [SweepRunFailure]

    init(_ plan: SweepPlan, _ results: SweepRunner.Results, engineVersion: String) {
        name = plan.spec.name
        self.engineVersion = engineVersion
        let hashed = InputFileRecord.hashing([plan.spec.file, plan.spec.scenarioPath])
        sweep = hashed[0]
        scenario = hashed[1]
        inputs = InputFileRecord.hashing(Array(Set(plan.scenarios.flatMap(\.inputFiles))).sorted())
        overrides = plan.baseOverrides.map(\.description)
        dimensions = plan.spec.dimensions.map { Dimension(keys: $0.keyPaths.map(\.description), values: $0.steps) }
        seeds = plan.spec.seeds
        points = plan.points.map { Point(point: $0.index, overrides: $0.overrides.map(\.description), rules: plan.scenarios[$0.index].rules.label) }
        runs = plan.runs.count
        finished = results.digests.count
        failed = results.failures.keys.sorted().map { results.failures[$0]! }
    }
}
