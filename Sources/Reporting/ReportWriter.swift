import FixedMath
import Simulation
import TaoEconomics

/// Writes a run's CSV time series as the run goes: `subnets.csv`, `network.csv`, `events.csv`.
/// Columns and units are documented in Reports/README.md.
public struct ReportWriter: RunSink {
    public static let subnetColumns = ["block", "date", "netuid", "tao_reserve_rao", "alpha_reserve_rao", "alpha_outstanding_rao",
                                       "price_tao", "ema_price_tao", "price_usd", "market_cap_usd", "tao_in_rao", "alpha_in_rao",
                                       "alpha_out_rao"]
    public static let networkColumns = ["block", "date", "total_issuance_rao", "emission_rao_per_block", "era", "tao_usd",
                                        "root_tao_rao", "free_tao_rao", "subnets"]
    public static let eventColumns = ["block", "date", "netuid", "kind", "holder", "amount_in_rao", "amount_out_rao", "detail"]
    public static let minerColumns = ["block", "date", "netuid", "miners", "revenue_alpha_rao", "revenue_tao_rao", "revenue_usd",
                                      "realised_usd", "cost_usd", "profit_usd", "margin", "breakeven_tao_usd",
                                      "breakeven_alpha_price_tao", "profit_usd_per_miner", "marginal_miner_profit_usd"]

    let subnets: StreamingFile
    let network: StreamingFile
    let events: StreamingFile
    let miners: StreamingFile

    public init(directory: ReportDirectory) throws(ReportError) {
        subnets = try StreamingFile(path: directory.path("subnets.csv"))
        network = try StreamingFile(path: directory.path("network.csv"))
        events = try StreamingFile(path: directory.path("events.csv"))
        miners = try StreamingFile(path: directory.path("miners.csv"))
        try miners.write(Self.minerColumns.joined(separator: ",") + "\n")
        try subnets.write(Self.subnetColumns.joined(separator: ",") + "\n")
        try network.write(Self.networkColumns.joined(separator: ",") + "\n")
        try events.write(Self.eventColumns.joined(separator: ",") + "\n")
    }

    public mutating func sample(_ sample: NetworkSample) throws {
        try network.write([String(sample.block), sample.date.description, String(sample.totalIssuanceRao), String(sample.emissionRaoPerBlock),
                           String(sample.era), RunFormatting.usd(micro: BigInteger(sample.taoUsdMicro)), String(sample.rootTaoRao),
                           String(sample.freeTaoRao), String(sample.subnets.count)].joined(separator: ",") + "\n")
        for subnet in sample.subnets {
            let issuance = subnet.alphaReserveRao &+ subnet.alphaOutstandingRao
            try subnets.write([
                String(sample.block), sample.date.description, String(subnet.netuid), String(subnet.taoReserveRao),
                String(subnet.alphaReserveRao), String(subnet.alphaOutstandingRao), subnet.price.decimal18,
                RunFormatting.i96f32(subnet.emaPriceRaw),
                RunFormatting.usd(micro: MicroUSD.price(ofAlphaAt: subnet.price, taoUsdMicro: sample.taoUsdMicro)),
                RunFormatting.usd(micro: MicroUSD.value(ofAlphaRao: issuance, at: subnet.price, taoUsdMicro: sample.taoUsdMicro)),
                String(subnet.taoInRao), String(subnet.alphaInRao), String(subnet.alphaOutRao),
            ].joined(separator: ",") + "\n")
        }
    }

    public mutating func event(_ event: RunEvent) throws {
        try events.write([String(event.block), event.date.description, event.netuid.map(String.init) ?? "", event.kind.rawValue,
                          CSVText.field(event.holder), String(event.amountInRao), String(event.amountOutRao), CSVText.field(event.detail)]
            .joined(separator: ",") + "\n")
    }

    public mutating func miners(_ rows: [MinerSample], at sample: NetworkSample) throws {
        for row in rows {
            try miners.write(([String(sample.block), sample.date.description, String(row.netuid), String(row.miners)]
                + MinerFormatting.cells(row)).joined(separator: ",") + "\n")
        }
    }

    public func close() throws(ReportError) {
        try miners.close()
        try subnets.close()
        try network.close()
        try events.close()
    }
}

/// The money columns of a miners.csv row.
public enum MinerFormatting {
    /// revenue_alpha_rao … marginal_miner_profit_usd; ratios are empty where their denominator is 0.
    public static func cells(_ row: MinerSample) -> [String] {
        let profit = row.profitUsdMicro
        func divide(_ numerator: BigInteger, _ denominator: BigInteger, _ rule: RoundingRule) -> BigInteger? {
            denominator.isZero ? nil : try? numerator.divided(by: denominator, rounding: rule)
        }
        let margin = divide(profit * .power(10, 6), row.revenueUsdMicro, .towardZero)
        // USD per TAO at which revenue covers cost: cost / revenue in TAO, rounded up.
        let breakevenTaoUsd = divide(row.costUsdMicro * .power(10, 9), row.revenueTaoRao, .ceiling)
        // Alpha price at which revenue covers cost at the period's TAO/USD:
        // (revenue_tao / revenue_alpha) × cost / revenue_usd, rounded up, 18 decimals.
        let breakevenAlpha = divide(row.revenueTaoRao * row.costUsdMicro * .power(10, 18), BigInteger(row.revenueAlphaRao) * row.revenueUsdMicro, .ceiling)
        let perMiner = divide(profit, BigInteger(row.miners), .towardZero)
        return [String(row.revenueAlphaRao), row.revenueTaoRao.description, RunFormatting.usd(micro: row.revenueUsdMicro),
                RunFormatting.usd(micro: row.realisedUsdMicro), RunFormatting.usd(micro: row.costUsdMicro), RunFormatting.usd(micro: profit),
                margin.map { DecimalText.format(scaled: $0, fractionDigits: 6) } ?? "",
                breakevenTaoUsd.map(RunFormatting.usd(micro:)) ?? "",
                breakevenAlpha.map { DecimalText.format(scaled: $0, fractionDigits: 18) } ?? "",
                perMiner.map(RunFormatting.usd(micro:)) ?? "",
                row.marginalMinerProfitMicro.map(RunFormatting.usd(micro:)) ?? ""]
    }
}

/// CSV quoting (RFC 4180).
public enum CSVText {
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

import Foundation
