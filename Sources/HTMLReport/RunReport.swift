import Charts
import Foundation
import Plot
import Reporting

/// `report.html` of a run folder, built only from the folder's files (network.csv,
/// subnets.csv, miners.csv, events.csv, manifest.json) read by the typed columns' names, so
/// `dtao report DIR` rebuilds exactly what `dtao run` wrote.
public enum RunReport {
    /// The page for the run folder at `folder`, showing the top `top` subnets by final market
    /// cap and every subnet a named holder or registration acted on.
    ///
    /// With `netuids`, the price and miners' charts and the tables show only those subnets. A
    /// netuid registered again during the run (after a prune) is drawn as one series per
    /// registration, labelled with its date, and its change is measured from that registration.
    public static func html(folder: String, top: Int = 10, netuids: [Int] = []) throws(ReportFile.FolderError) -> String {
        let data = try RunData(folder: folder)
        var sections: [Node<HTML.BodyContext>] = []
        let shown = data.shownSubnets(top: top, only: netuids)
        let which = netuids.isEmpty ? "top \(shown.count) subnets" : "subnets " + shown.map(String.init).joined(separator: ", ")
        func chart(_ title: String, _ yLabel: String) -> LineChart { data.chart(title, yLabel) }

        var priceTao = chart("Alpha prices in TAO, \(which)", "TAO per alpha")
        priceTao.series = shown.flatMap { data.subnetSeries($0, SubnetColumnsNames.priceTao).map { ChartSeries(name: $0.label, points: $0.points) } }
        var priceUsd = chart("Alpha prices in USD, \(which)", "USD per alpha")
        priceUsd.series = shown.flatMap { data.subnetSeries($0, SubnetColumnsNames.priceUsd).map { ChartSeries(name: $0.label, points: $0.points) } }
        sections.append(ReportPage.section("Subnet prices", [ChartSVG.figure(priceTao), ChartSVG.figure(priceUsd)]))

        var issuance = chart("TAO issuance", "TAO")
        issuance.series = [ChartSeries(name: "total issuance", points: data.networkSeries(NetworkColumns.totalIssuance.name, scale: 1e-9))]
        issuance.references = [ChartReference(y: 21_000_000, label: "21,000,000 TAO cap")]
        issuance.yScale = .linear
        var emission = chart("TAO emission per block", "TAO per block")
        emission.series = [ChartSeries(name: "emission per block", points: data.networkSeries(NetworkColumns.emission.name, scale: 1e-9))]
        emission.yScale = .linear
        var taoUsd = chart("TAO price", "USD per TAO")
        taoUsd.series = [ChartSeries(name: "TAO/USD", points: data.networkSeries(NetworkColumns.taoUsd.name))]
        sections.append(ReportPage.section("TAO supply and price", [ChartSVG.figure(issuance), ChartSVG.figure(emission), ChartSVG.figure(taoUsd)]))

        let mining = data.minerSubnets(top: top, only: netuids)
        if !mining.isEmpty {
            var revenue = chart("Miners' revenue and cost per period, top \(mining.count) subnets by revenue", "USD per period")
            revenue.series = mining.enumerated().flatMap { index, netuid in
                [ChartSeries(name: "SN\(netuid) revenue", points: data.minerSeries(netuid, MinerColumns.revenueUsd.name), colorIndex: index),
                 ChartSeries(name: "SN\(netuid) cost", points: data.minerSeries(netuid, MinerColumns.costUsd.name), dashed: true, colorIndex: index)]
            }
            revenue.yScale = .linear
            var breakeven = chart("Break-even TAO price against the TAO price", "USD per TAO")
            breakeven.series = mining.enumerated().map { index, netuid in
                ChartSeries(name: "SN\(netuid) break-even", points: data.minerSeries(netuid, MinerColumns.breakevenTaoUsd.name), colorIndex: index)
            } + [ChartSeries(name: "TAO/USD: a subnet's miners lose money while it is below their break-even", points: data.networkSeries(NetworkColumns.taoUsd.name), dashed: true, colorIndex: 9)]
            sections.append(ReportPage.section("Miners", [ChartSVG.figure(revenue), ChartSVG.figure(breakeven), data.minersAroundHalvings()]))
        }
        sections.append(ReportPage.section("Final prices", [data.finalPricesTable(shown)]))
        sections.append(ReportPage.section("Movers", [data.moversTable(netuids)]))
        return ReportPage.document(title: "dtao report: \(data.scenarioName)", meta: data.metaLines, sections: sections)
    }

}

/// Column names of subnets.csv the report reads (the typed columns' own names).
enum SubnetColumnsNames {
    static let priceTao = SubnetColumns.priceTao.name
    static let priceUsd = SubnetColumns.priceUsd.name
    static let marketCap = SubnetColumns.marketCapUsd.name
}
