import Charts
import Foundation
import Plot
import Sweeps

/// `report.html` of a sweep folder, built only from its files (bands.csv, runs.csv,
/// sweep.json): fan charts per grid point (p5–p95 and p25–p75 around the median) and each
/// run's end-of-run figures against the grid point.
public enum SweepReport {
    /// One metric's bands over blocks for one point and subnet (halvings are marked where the
    /// median emission per block drops).
    /// Which fan: a grid point's metric, for one subnet ("" for network metrics).
    struct FanKey: Hashable {
        let point: Int
        let metric: String
        let netuid: String
    }

    struct Fan {
        var blocks: [Double] = []
        var p5: [Double] = [], p25: [Double] = [], p50: [Double] = [], p75: [Double] = [], p95: [Double] = []
    }

    /// The page for the sweep folder at `folder`, with fans for the top `top` subnets (at most 3
    /// per chart, by the final median USD price of the first point).
    public static func html(folder: String, top: Int = 10, netuids: [Int] = []) throws(ReportFile.FolderError) -> String {
        guard let bands = CSVTable(path: folder + "/bands.csv"), let runs = CSVTable(path: folder + "/runs.csv") else {
            throw ReportFile.FolderError(description: "\(folder) is not a sweep folder: bands.csv and runs.csv are needed")
        }
        for name in ["block", "date", "point", "metric", "netuid", "p5", "p25", "p50", "p75", "p95"] where bands.index(name) == nil {
            throw ReportFile.FolderError(description: "\(folder)/bands.csv has no column \(name)")
        }
        var name = URL(fileURLWithPath: folder).lastPathComponent
        var meta: [String] = []
        if let record = SweepHeader.read(folder: folder) {
            name = record.name ?? name
            meta.append("Sweep \(record.sweep?.file ?? "") · base scenario \(record.scenario?.file ?? "") · "
                        + "\(record.points?.count ?? 0) grid points × \(record.seeds?.count ?? 0) seeds · \(record.finished.map(String.init) ?? "?") runs finished · dtao \(record.engineVersion ?? "")")
        }
        meta.append("Bands across seeds: p5–p95 (light) and p25–p75 (darker) around the median line, nearest-rank (Scenarios/README.md).")

        // Grid keys are the columns between `point` and `metric`.
        let keyColumns = Array(bands.columns[(bands.index("point")! + 1)..<bands.index("metric")!])
        var fans: [FanKey: Fan] = [:]
        var dates: [Double: String] = [:]
        var pointLabels: [Int: String] = [:]
        var pointValues: [Int: [String]] = [:]
        for row in bands.rows {
            guard let point = Int(bands.cell(row, "point")), let block = bands.number(row, "block") else { continue }
            pointLabels[point] = keyColumns.map { "\($0) = \(bands.cell(row, $0))" }.joined(separator: ", ")
            pointValues[point] = keyColumns.map { bands.cell(row, $0) }
            dates[block] = bands.cell(row, "date")
            let key = FanKey(point: point, metric: bands.cell(row, "metric"), netuid: bands.cell(row, "netuid"))
            var fan = fans[key] ?? Fan()
            fan.blocks.append(block)
            fan.p5.append(bands.number(row, "p5") ?? .nan)
            fan.p25.append(bands.number(row, "p25") ?? .nan)
            fan.p50.append(bands.number(row, "p50") ?? .nan)
            fan.p75.append(bands.number(row, "p75") ?? .nan)
            fan.p95.append(bands.number(row, "p95") ?? .nan)
            fans[key] = fan
        }
        let dateLabel = ReportPage.dateLabel(dates.sorted { $0.key < $1.key }.map { (block: $0.key, date: $0.value) })
        let points = pointLabels.keys.sorted()

        // The subnets the fans show: the largest final median USD prices at the first point.
        func finalMedian(_ point: Int, _ metric: String, _ netuid: String) -> Double { fans[FanKey(point: point, metric: metric, netuid: netuid)]?.p50.last ?? -.infinity }
        let subnetIDs = Set(fans.keys.filter { $0.metric == "price_usd" }.map(\.netuid))
        let shown = netuids.isEmpty
            ? Array(subnetIDs.sorted { (finalMedian(points.first ?? 0, "price_usd", $0), Int($1) ?? 0) > (finalMedian(points.first ?? 0, "price_usd", $1), Int($0) ?? 0) }.prefix(min(3, top)))
            : subnetIDs.filter { netuids.contains(Int($0) ?? -1) }.sorted { (Int($0) ?? 0) < (Int($1) ?? 0) }
        let minerIDs = Set(fans.keys.filter { $0.metric == "breakeven_tao_usd" }.map(\.netuid)).sorted { (Int($0) ?? 0) < (Int($1) ?? 0) }
        let minerShown = minerIDs.filter { netuids.isEmpty || netuids.contains(Int($0) ?? -1) }.sorted { (finalMedian(points.first ?? 0, "profit_usd", $0), Int($1) ?? 0) > (finalMedian(points.first ?? 0, "profit_usd", $1), Int($0) ?? 0) }.first

        // Halvings: where a point's median emission per block drops.
        func halvings(_ point: Int) -> [ChartMarker] {
            guard let fan = fans[FanKey(point: point, metric: "emission_rao_per_block", netuid: "")] else { return [] }
            return fan.p50.indices.dropFirst().filter { fan.p50[$0] < fan.p50[$0 - 1] }.map { ChartMarker(x: fan.blocks[$0], label: "halving") }
        }
        var currentMarkers: [ChartMarker] = []

        func fanChart(_ title: String, _ yLabel: String, _ entries: [(name: String, key: FanKey)], scale: Double = 1, extra: [ChartSeries] = []) -> LineChart {
            var chart = LineChart(title: title, xLabel: "date", yLabel: yLabel)
            chart.xTickLabel = dateLabel
            chart.markers = currentMarkers
            for (index, entry) in entries.enumerated() {
                guard let fan = fans[entry.key] else { continue }
                chart.bands.append(ChartBand(name: "\(entry.name) p5–p95", x: fan.blocks, lower: fan.p5.map { $0 * scale }, upper: fan.p95.map { $0 * scale }, colorIndex: index, opacity: 0.15))
                chart.bands.append(ChartBand(name: "\(entry.name) p25–p75", x: fan.blocks, lower: fan.p25.map { $0 * scale }, upper: fan.p75.map { $0 * scale }, colorIndex: index, opacity: 0.3))
                chart.series.append(ChartSeries(name: "\(entry.name) median", points: zip(fan.blocks, fan.p50).map { ChartPoint(x: $0, y: $1 * scale) }, colorIndex: index))
            }
            chart.series += extra
            return chart
        }

        var sections: [Node<HTML.BodyContext>] = []
        for point in points {
            currentMarkers = halvings(point)
            var figures: [Node<HTML.BodyContext>] = []
            figures.append(ChartSVG.figure(fanChart("TAO price", "USD per TAO", [("TAO/USD", FanKey(point: point, metric: "tao_usd", netuid: ""))])))
            var issuance = fanChart("TAO issuance", "TAO", [("issuance", FanKey(point: point, metric: "total_issuance_rao", netuid: ""))], scale: 1e-9)
            issuance.references = [ChartReference(y: 21_000_000, label: "21,000,000 TAO cap")]
            issuance.yScale = .linear
            figures.append(ChartSVG.figure(issuance))
            figures.append(ChartSVG.figure(fanChart("Alpha prices in USD, top \(shown.count) subnets", "USD per alpha", shown.map { ("SN\($0)", FanKey(point: point, metric: "price_usd", netuid: "\($0)")) })))
            figures.append(ChartSVG.figure(fanChart("Alpha prices in TAO, top \(shown.count) subnets", "TAO per alpha", shown.map { ("SN\($0)", FanKey(point: point, metric: "price_tao", netuid: "\($0)")) })))
            if let netuid = minerShown {
                var profit = fanChart("SN\(netuid) miners' profit per period", "USD per period", [("SN\(netuid) profit", FanKey(point: point, metric: "profit_usd", netuid: "\(netuid)"))])
                profit.yScale = .linear
                figures.append(ChartSVG.figure(profit))
                let taoMedian = fans[FanKey(point: point, metric: "tao_usd", netuid: "")].map { fan in ChartSeries(name: "TAO/USD median", points: zip(fan.blocks, fan.p50).map { ChartPoint(x: $0, y: $1) }, dashed: true, colorIndex: 9) }
                figures.append(ChartSVG.figure(fanChart("SN\(netuid) break-even TAO price against the TAO price", "USD per TAO",
                                                        [("SN\(netuid) break-even", FanKey(point: point, metric: "breakeven_tao_usd", netuid: "\(netuid)"))], extra: taoMedian.map { [$0] } ?? [])))
            }
            sections.append(ReportPage.section("Point \(point): \(pointLabels[point] ?? "")", figures))
        }
        // The axis of the end-of-run charts names the values that differ between points.
        let varying = keyColumns.indices.filter { index in Set(pointValues.values.map { $0[index] }).count > 1 }
        let shortLabels = pointValues.mapValues { values in varying.map { values[$0] }.joined(separator: " · ") }
        let axis = varying.isEmpty ? "grid point" : varying.map { keyColumns[$0] }.joined(separator: " · ")
        sections.insert(endOfRunSection(runs, points: points, labels: pointLabels, tickLabels: shortLabels, axis: axis), at: 0)
        return ReportPage.document(title: "dtao sweep report: \(name)", meta: meta, sections: sections)
    }

    /// Each run's end-of-run TAO price and miners' profit against the grid point: the median
    /// and the p5–p95 and p25–p75 bands across seeds (nearest rank), and a table.
    static func endOfRunSection(_ runs: CSVTable, points: [Int], labels: [Int: String], tickLabels: [Int: String], axis: String) -> Node<HTML.BodyContext> {
        var figures: [Node<HTML.BodyContext>] = []
        var tableRows: [[String]] = []
        func values(_ column: String, _ point: Int) -> [Double] {
            runs.rows.filter { runs.cell($0, "point") == String(point) && runs.cell($0, "status") == "ok" }.compactMap { runs.number($0, column) }.sorted()
        }
        func rank(_ sorted: [Double], _ percent: Int) -> Double { sorted.isEmpty ? .nan : sorted[SweepBand.rank(percent: percent, count: sorted.count) - 1] }
        for (column, title, unit) in [("miners_profit_usd", "Miners' total profit at the end of the run", "USD"), ("tao_usd", "TAO price at the end of the run", "USD per TAO")] {
            let perPoint = points.map { values(column, $0) }
            guard perPoint.contains(where: { !$0.isEmpty }) else { continue }
            for (point, sorted) in zip(points, perPoint) where !sorted.isEmpty {
                tableRows.append([title, "\(point): \(labels[point] ?? "")", String(sorted.count)] + SweepBand.percents.map { String(format: "%.2f", rank(sorted, $0)) })
            }
            // A grid of one point has nothing to draw a line through: the table says it all.
            guard points.count > 1 else { continue }
            var chart = LineChart(title: "\(title), by grid point", xLabel: axis, yLabel: unit)
            let xs = points.map(Double.init)
            chart.bands = [ChartBand(name: "p5–p95", x: xs, lower: perPoint.map { rank($0, 5) }, upper: perPoint.map { rank($0, 95) }, colorIndex: 0, opacity: 0.15),
                           ChartBand(name: "p25–p75", x: xs, lower: perPoint.map { rank($0, 25) }, upper: perPoint.map { rank($0, 75) }, colorIndex: 0, opacity: 0.3)]
            chart.series = [ChartSeries(name: "median", points: zip(xs, perPoint).map { ChartPoint(x: $0, y: rank($1, 50)) }, colorIndex: 0)]
            chart.yScale = .linear
            chart.xTicks = xs
            chart.xTickLabel = { x in tickLabels[Int(x)].flatMap { $0.isEmpty ? nil : $0 } ?? "point \(Int(x))" }
            figures.append(ChartSVG.figure(chart))
        }
        if points.count == 1 { figures.append(.p(.text("One grid point: its end-of-run figures across seeds are in the table."))) }
        figures.append(ReportPage.table(["figure", "point", "runs", "p5", "p25", "p50", "p75", "p95"], tableRows))
        return ReportPage.section("End of run against the grid", figures)
    }
}
