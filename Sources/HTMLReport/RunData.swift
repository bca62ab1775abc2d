import Charts
import Foundation
import Plot
import Reporting

/// A run folder's files, read for the report.
struct RunData {
    let network: CSVTable
    let subnets: CSVTable
    let miners: CSVTable?
    let events: CSVTable?
    let scenarioName: String
    let metaLines: [String]
    /// (block, date) of every sample, in order.
    let samples: [(block: Double, date: String)]
    /// Where each era begins, as far as the samples show: the first sample of a higher era.
    let halvings: [(block: Double, era: Int)]
    /// The blocks at which a subnet registered during the run (events.csv), by netuid,
    /// ascending: a netuid pruned and registered again is another subnet from then on.
    let registrations: [Int: [Double]]

    init(folder: String) throws(ReportFile.FolderError) {
        guard let network = CSVTable(path: folder + "/network.csv"), let subnets = CSVTable(path: folder + "/subnets.csv") else {
            throw ReportFile.FolderError(description: "\(folder) is not a run folder: network.csv and subnets.csv are needed")
        }
        for name in [NetworkColumns.block.name, NetworkColumns.date.name, NetworkColumns.totalIssuance.name, NetworkColumns.taoUsd.name] where network.index(name) == nil {
            throw ReportFile.FolderError(description: "\(folder)/network.csv has no column \(name)")
        }
        self.network = network
        self.subnets = subnets
        miners = CSVTable(path: folder + "/miners.csv").flatMap { $0.rows.isEmpty ? nil : $0 }
        events = CSVTable(path: folder + "/events.csv")
        var name = URL(fileURLWithPath: folder).lastPathComponent
        var meta: [String] = []
        if let manifest = ManifestHeader.read(folder: folder) {
            name = manifest.scenario?.name ?? name
            meta.append("Scenario \(manifest.scenario?.file ?? "") · rules \(manifest.rules?.name ?? "") · seed \(manifest.seed.map(String.init) ?? "") · "
                        + "blocks \(manifest.startBlock.map(String.init) ?? "")–\(manifest.endBlock.map(String.init) ?? "") · dtao \(manifest.engineVersion ?? "")")
            if let market = manifest.market { meta.append("TAO/USD: \(market)") }
            if let overrides = manifest.overrides, !overrides.isEmpty {
                meta.append("Overrides: " + overrides.map { "--set \($0)" }.joined(separator: " "))
            }
            if let ignored = manifest.keysWithoutEffect, !ignored.isEmpty {
                meta.append("No effect under these rules: " + ignored.joined(separator: ", "))
            }
        }
        meta.append("Built from this folder's CSV files (Reports/README.md documents every column). Vertical dashed lines mark halvings.")
        scenarioName = name
        metaLines = meta
        samples = network.rows.compactMap { row in network.number(row, NetworkColumns.block.name).map { ($0, network.cell(row, NetworkColumns.date.name)) } }
        var halvings: [(Double, Int)] = []
        var previous: Int?
        for row in network.rows {
            guard let era = Int(network.cell(row, NetworkColumns.era.name)), let block = network.number(row, NetworkColumns.block.name) else { continue }
            if let previous, era > previous { halvings.append((block, era)) }
            previous = era
        }
        self.halvings = halvings
        var registrations: [Int: [Double]] = [:]
        for row in events?.rows ?? [] where events?.cell(row, "kind") == "registration" {
            if let netuid = events.flatMap({ Int($0.cell(row, "netuid")) }), let block = events?.number(row, "block") { registrations[netuid, default: []].append(block) }
        }
        self.registrations = registrations.mapValues { $0.sorted() }
    }

    /// One registration of a netuid: its rows are those after `after` (the registration's
    /// block: a row there is the state before it) up to `through`.
    struct SubnetEra: Equatable {
        let netuid: Int
        let after: Double
        let through: Double
        /// "SN5", or "SN5 (registered 2026-07-06)" for a registration during the run.
        let label: String
    }

    /// The netuid's registrations in the run, oldest first (one without any).
    func eras(_ netuid: Int) -> [SubnetEra] {
        let starts = registrations[netuid] ?? []
        let bounds = [-Double.infinity] + starts + [Double.infinity]
        return (0..<(bounds.count - 1)).map { index in
            let label = index == 0 ? "SN\(netuid)" : "SN\(netuid) (registered \(dateLabel(bounds[index]).isEmpty ? "at block \(Int(bounds[index]))" : dateLabel(bounds[index])))"
            return SubnetEra(netuid: netuid, after: index == 0 ? -.infinity : bounds[index], through: bounds[index + 1], label: label)
        }
    }

    /// The label of the netuid's latest registration (the subnet at the end of the run).
    func currentLabel(_ netuid: Int) -> String { eras(netuid).last?.label ?? "SN\(netuid)" }

    /// The netuid's series, one per registration with rows: (label, points).
    func subnetSeries(_ netuid: Int, _ column: String) -> [(label: String, points: [ChartPoint])] {
        let points = subnetPoints(netuid, column)
        return eras(netuid).compactMap { era in
            let part = points.filter { $0.x > era.after && $0.x <= era.through }
            return part.isEmpty ? nil : (era.label, part)
        }
    }

    /// The date of the last sample at or before `block`.
    var dateLabel: @Sendable (Double) -> String { ReportPage.dateLabel(samples) }

    /// An empty chart over this run's dates with its halvings marked ("halving (era N)", or
    /// "halving (era N, RUN)" given `run`).
    func chart(_ title: String, _ yLabel: String, run: String? = nil) -> LineChart {
        var chart = LineChart(title: title, xLabel: "date", yLabel: yLabel)
        chart.markers = halvings.map { ChartMarker(x: $0.block, label: "halving (era \($0.era)\(run.map { ", \($0)" } ?? ""))") }
        chart.xTickLabel = dateLabel
        return chart
    }

    /// A network column over blocks, times `scale`.
    func networkSeries(_ column: String, scale: Double = 1) -> [ChartPoint] {
        network.rows.compactMap { row in
            guard let x = network.number(row, NetworkColumns.block.name), let y = network.number(row, column) else { return nil }
            return ChartPoint(x: x, y: y * scale)
        }
    }

    /// A netuid's column over blocks, every registration together.
    func subnetPoints(_ netuid: Int, _ column: String) -> [ChartPoint] {
        subnets.rows.compactMap { row in
            guard Int(subnets.cell(row, "netuid")) == netuid, let x = subnets.number(row, "block"), let y = subnets.number(row, column) else { return nil }
            return ChartPoint(x: x, y: y)
        }
    }

    /// A subnet's miners' column over blocks (periods with mining).
    func minerSeries(_ netuid: Int, _ column: String) -> [ChartPoint] {
        guard let miners else { return [] }
        return miners.rows.compactMap { row in
            guard Int(miners.cell(row, "netuid")) == netuid, miners.cell(row, "miners") != "0", let x = miners.number(row, "block"),
                  let y = miners.number(row, column) else { return nil }
            return ChartPoint(x: x, y: y)
        }
    }

    /// The last sample's rows of subnets.csv.
    var finalRows: [[String]] {
        guard let last = subnets.rows.last.map({ subnets.cell($0, "block") }) else { return [] }
        return subnets.rows.filter { subnets.cell($0, "block") == last }
    }

    /// Each subnet's first row: the first sample's, or for a subnet registered during the run
    /// (a netuid taken again after a prune included) its first row after that registration,
    /// so a change since the start compares one subnet with itself.
    var firstRows: [[String]] {
        var first: [String: [String]] = [:]
        for row in subnets.rows {
            let netuid = subnets.cell(row, "netuid")
            let since = Int(netuid).flatMap { registrations[$0]?.last } ?? -.infinity
            guard first[netuid] == nil, (subnets.number(row, "block") ?? 0) > since else { continue }
            first[netuid] = row
        }
        return first.sorted { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) }.map(\.value)
    }

    /// The top `top` subnets by final market cap (ties: lower netuid), then every subnet a named
    /// holder or a registration acted on (events not by `market` or `others`), ascending; with
    /// `only`, just those netuids (ascending) that the run has.
    func shownSubnets(top: Int, only: [Int] = []) -> [Int] {
        if !only.isEmpty {
            let present = Set(subnets.rows.compactMap { Int(subnets.cell($0, "netuid")) })
            return Set(only).intersection(present).sorted()
        }
        let ranked = finalRows.compactMap { row in Int(subnets.cell(row, "netuid")).map { ($0, subnets.number(row, SubnetColumnsNames.marketCap) ?? 0) } }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(top).map(\.0)
        var named: Set<Int> = []
        if let events {
            for row in events.rows where !["market", "others", ""].contains(events.cell(row, "holder")) {
                if let netuid = Int(events.cell(row, "netuid")) { named.insert(netuid) }
            }
        }
        return ranked + named.subtracting(ranked).sorted()
    }

    /// The top `top` subnets with miners by total revenue (with `only`, among those netuids).
    func minerSubnets(top: Int, only: [Int] = []) -> [Int] {
        guard let miners else { return [] }
        var revenue: [Int: Double] = [:]
        for row in miners.rows {
            guard let netuid = Int(miners.cell(row, "netuid")), only.isEmpty || only.contains(netuid) else { continue }
            revenue[netuid, default: 0] += miners.number(row, MinerColumns.revenueUsd.name) ?? 0
        }
        return revenue.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(top).map(\.key)
    }

    /// Final prices of the shown subnets, with the change since the start.
    func finalPricesTable(_ shown: [Int]) -> Node<HTML.BodyContext> {
        let first = Dictionary(firstRows.map { (subnets.cell($0, "netuid"), subnets.cell($0, SubnetColumnsNames.priceTao)) }, uniquingKeysWith: { a, _ in a })
        let rows = shown.compactMap { netuid -> [String]? in
            guard let row = finalRows.first(where: { subnets.cell($0, "netuid") == String(netuid) }) else { return nil }
            let now = subnets.cell(row, SubnetColumnsNames.priceTao)
            return [currentLabel(netuid), now, subnets.cell(row, SubnetColumnsNames.priceUsd), subnets.cell(row, SubnetColumnsNames.marketCap),
                    Self.change(from: first[String(netuid)], to: now)]
        }
        return ReportPage.table(["subnet", "price (TAO)", "price (USD)", "market cap (USD)", "change since start"], rows)
    }

    /// The five largest rises and falls of the TAO price since the start.
    func moversTable(_ only: [Int] = []) -> Node<HTML.BodyContext> {
        let first = Dictionary(firstRows.map { (subnets.cell($0, "netuid"), Double(subnets.cell($0, SubnetColumnsNames.priceTao)) ?? 0) }, uniquingKeysWith: { a, _ in a })
        let changes = finalRows.compactMap { row -> (String, Double, String, String)? in
            let netuid = subnets.cell(row, "netuid")
            guard only.isEmpty || only.contains(Int(netuid) ?? -1) else { return nil }
            guard let start = first[netuid], start > 0, let end = Double(subnets.cell(row, SubnetColumnsNames.priceTao)) else { return nil }
            return (netuid, end / start - 1, first[netuid].map { String($0) } ?? "", subnets.cell(row, SubnetColumnsNames.priceTao))
        }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : (Int($0.0) ?? 0) < (Int($1.0) ?? 0) }
        let picked = Array(changes.prefix(5)) + Array(changes.suffix(5).reversed()).filter { candidate in !changes.prefix(5).contains { $0.0 == candidate.0 } }
        return ReportPage.table(["subnet", "change", "price at the end (TAO)"], picked.map { [currentLabel(Int($0.0) ?? -1), Self.percent($0.1), $0.3] })
    }

    /// Each subnet's miners' profit in the periods before and after each halving.
    func minersAroundHalvings() -> Node<HTML.BodyContext> {
        guard let miners, !halvings.isEmpty else { return .p(.text("No halving falls in this run.")) }
        var nodes: [Node<HTML.BodyContext>] = []
        for halving in halvings {
            var before: [Int: Double] = [:], after: [Int: Double] = [:]
            for row in miners.rows {
                guard let netuid = Int(miners.cell(row, "netuid")), let block = miners.number(row, "block"),
                      let profit = miners.number(row, MinerColumns.profitUsd.name), miners.cell(row, "miners") != "0" else { continue }
                if block <= halving.block { before[netuid, default: 0] += profit } else { after[netuid, default: 0] += profit }
            }
            let netuids = Set(before.keys).union(after.keys).sorted()
            let rows = netuids.map { ["SN\($0)", Self.usd(before[$0]), Self.usd(after[$0]), (before[$0] ?? 0) >= 0 ? "yes" : "no", (after[$0] ?? 0) >= 0 ? "yes" : "no"] }
            nodes.append(.h3(.text("Halving to era \(halving.era), first sampled at block \(Int(halving.block))")))
            nodes.append(ReportPage.table(["subnet", "profit before (USD)", "profit after (USD)", "profitable before", "profitable after"], rows))
        }
        return .group(nodes)
    }

    static func change(from start: String?, to end: String) -> String {
        guard let start = start.flatMap(Double.init), start > 0, let end = Double(end) else { return "" }
        return percent(end / start - 1)
    }

    static func percent(_ fraction: Double) -> String { String(format: "%+.2f%%", fraction * 100) }

    static func usd(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "" }
}
