import Charts
import FixedMath
import Foundation
import Plot
import Reporting

/// Two run folders side by side (`dtao compare`): their end-of-run figures with exact
/// differences, and a page whose charts draw both runs (A solid, B dashed in the same colour).
public struct RunComparison {
    /// One figure of the table: its name, unit, A's and B's values as the reports wrote them,
    /// and B − A, exact ("" when either side lacks it).
    public struct Row: Equatable, Sendable {
        /// What the row shows ("TAO issuance", "SN3 price").
        public let figure: String
        /// Its unit ("rao", "USD per TAO").
        public let unit: String
        /// Run A's value, as its report wrote it.
        public let a: String
        /// Run B's value.
        public let b: String
        /// B − A, exact.
        public let difference: String
    }

    let first: RunData
    let second: RunData
    /// "A" and "B" with each folder and its rule set, for the page and the table's header.
    public let labels: (a: String, b: String)
    /// Subnets compared one by one: A's top `top` by final market cap, then any of B's top
    /// missing from them.
    let shown: [Int]

    /// Reads both folders. - Throws: `ReportFile.FolderError` when one is not a run folder.
    public init(_ a: String, _ b: String, top: Int = 5) throws(ReportFile.FolderError) {
        first = try RunData(folder: a)
        second = try RunData(folder: b)
        labels = (Self.label(a), Self.label(b))
        let fromA = first.shownSubnets(top: top).prefix(top)
        shown = Array(fromA) + second.shownSubnets(top: top).prefix(top).filter { !fromA.contains($0) }
    }

    /// "out/a (head-2026-08)": the folder and the rule set its manifest names.
    static func label(_ folder: String) -> String {
        guard let rules = ManifestHeader.read(folder: folder)?.rules?.name else { return DisplayPath.of(folder) }
        return "\(DisplayPath.of(folder)) (\(rules))"
    }

    /// The end-of-run table: the network's last row, the subnets' totals and each shown
    /// subnet's price and market cap, then the miners' total profit when both runs have miners.
    public var rows: [Row] {
        var rows: [Row] = []
        func row(_ figure: String, _ unit: String, _ a: String?, _ b: String?) {
            rows.append(Row(figure: figure, unit: unit, a: a ?? "", b: b ?? "", difference: Self.difference(a, b)))
        }
        let lastA = first.network.rows.last, lastB = second.network.rows.last
        for (column, figure, unit) in [(NetworkColumns.block.name, "last sample block", "block"), (NetworkColumns.totalIssuance.name, "TAO issuance", "rao"),
                                       (NetworkColumns.emission.name, "emission per block", "rao"), (NetworkColumns.taoUsd.name, "TAO price", "USD per TAO"),
                                       ("root_tao_rao", "root stake", "rao"), ("free_tao_rao", "free TAO", "rao"), ("subnets", "subnets", "count"),
                                       ("recycled_tao_rao", "TAO recycled", "rao")] {
            row(figure, unit, lastA.map { first.network.cell($0, column) }, lastB.map { second.network.cell($0, column) })
        }
        func total(_ data: RunData, _ column: String) -> String? {
            let cells = data.finalRows.map { data.subnets.cell($0, column) }
            return cells.isEmpty ? nil : Self.sum(cells)
        }
        row("Σ pool TAO", "rao", total(first, "tao_reserve_rao"), total(second, "tao_reserve_rao"))
        row("Σ alpha prices", "TAO", total(first, SubnetColumnsNames.priceTao), total(second, SubnetColumnsNames.priceTao))
        row("Σ market cap", "USD", total(first, SubnetColumnsNames.marketCap), total(second, SubnetColumnsNames.marketCap))
        for netuid in shown {
            func cell(_ data: RunData, _ column: String) -> String? {
                data.finalRows.first { data.subnets.cell($0, "netuid") == String(netuid) }.map { data.subnets.cell($0, column) }
            }
            row("SN\(netuid) price", "TAO per alpha", cell(first, SubnetColumnsNames.priceTao), cell(second, SubnetColumnsNames.priceTao))
            row("SN\(netuid) market cap", "USD", cell(first, SubnetColumnsNames.marketCap), cell(second, SubnetColumnsNames.marketCap))
        }
        if let minersA = first.miners, let minersB = second.miners {
            row("miners' profit over the run", "USD", Self.sum(minersA.rows.map { minersA.cell($0, MinerColumns.profitUsd.name) }),
                Self.sum(minersB.rows.map { minersB.cell($0, MinerColumns.profitUsd.name) }))
        }
        return rows
    }

    /// B − A exactly: integers as integers, decimals at the larger number of decimals of the
    /// two; "" when either is missing or not a number.
    static func difference(_ a: String?, _ b: String?) -> String {
        guard let a, let b, let x = exact(a), let y = exact(b) else { return "" }
        let digits = max(x.digits, y.digits)
        return DecimalText.format(scaled: y.scaled(to: digits) - x.scaled(to: digits), fractionDigits: digits)
    }

    /// Σ of decimal cells exactly, at the most decimals any has ("" cells skipped).
    static func sum(_ cells: [String]) -> String {
        let values = cells.compactMap(exact)
        let digits = values.map(\.digits).max() ?? 0
        return DecimalText.format(scaled: values.reduce(BigInteger.zero) { $0 + $1.scaled(to: digits) }, fractionDigits: digits)
    }

    /// A cell as an exact decimal: its digits without the point, and how many were decimals.
    struct Exact {
        let raw: BigInteger
        let digits: Int
        func scaled(to target: Int) -> BigInteger { raw * BigInteger.power(10, target - digits) }
    }

    static func exact(_ text: String) -> Exact? {
        guard !text.isEmpty else { return nil }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        // "-0.5" reads as "-05": the sign stays with the digits.
        guard fraction.allSatisfy({ ("0"..."9").contains($0) }), let raw = try? BigInteger(parsing: String(parts[0]) + fraction) else { return nil }
        return Exact(raw: raw, digits: fraction.count)
    }

    /// The comparison page: the table, then TAO issuance, TAO/USD and the shown subnets'
    /// prices with both runs on each chart.
    public var html: String {
        func chart(_ title: String, _ yLabel: String) -> LineChart { first.chart(title, yLabel, run: "A") }
        var issuance = chart("TAO issuance", "TAO")
        issuance.series = [ChartSeries(name: "A", points: first.networkSeries(NetworkColumns.totalIssuance.name, scale: 1e-9), colorIndex: 0),
                           ChartSeries(name: "B", points: second.networkSeries(NetworkColumns.totalIssuance.name, scale: 1e-9), dashed: true, colorIndex: 0)]
        issuance.yScale = .linear
        var taoUsd = chart("TAO price", "USD per TAO")
        taoUsd.series = [ChartSeries(name: "A", points: first.networkSeries(NetworkColumns.taoUsd.name), colorIndex: 0),
                         ChartSeries(name: "B", points: second.networkSeries(NetworkColumns.taoUsd.name), dashed: true, colorIndex: 0)]
        var prices = chart("Alpha prices in TAO: A solid, B dashed", "TAO per alpha")
        prices.series = shown.enumerated().flatMap { index, netuid in
            first.subnetSeries(netuid, SubnetColumnsNames.priceTao).map { ChartSeries(name: "A \($0.label)", points: $0.points, colorIndex: index) }
                + second.subnetSeries(netuid, SubnetColumnsNames.priceTao).map { ChartSeries(name: "B \($0.label)", points: $0.points, dashed: true, colorIndex: index) }
        }
        let table = ReportPage.table(["figure", "unit", "A", "B", "B − A"], rows.map { [$0.figure, $0.unit, $0.a, $0.b, $0.difference] })
        let sections = [ReportPage.section("End of run", [table]),
                        ReportPage.section("Both runs", [ChartSVG.figure(issuance), ChartSVG.figure(taoUsd), ChartSVG.figure(prices)])]
        return ReportPage.document(title: "dtao compare: \(first.scenarioName) and \(second.scenarioName)",
                                   meta: ["A: \(labels.a)", "B: \(labels.b)", "Built from both folders' CSV files; differences are exact (B − A)."],
                                   sections: sections)
    }
}
