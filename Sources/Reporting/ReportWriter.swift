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

    let subnets: StreamingFile
    let network: StreamingFile
    let events: StreamingFile

    public init(directory: ReportDirectory) throws(ReportError) {
        subnets = try StreamingFile(path: directory.path("subnets.csv"))
        network = try StreamingFile(path: directory.path("network.csv"))
        events = try StreamingFile(path: directory.path("events.csv"))
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
                RunFormatting.usd(micro: RunFormatting.priceUsdMicro(subnet.price, taoUsdMicro: sample.taoUsdMicro)),
                RunFormatting.usd(micro: RunFormatting.marketCapUsdMicro(subnet.price, taoUsdMicro: sample.taoUsdMicro, alphaIssuanceRao: issuance)),
                String(subnet.taoInRao), String(subnet.alphaInRao), String(subnet.alphaOutRao),
            ].joined(separator: ",") + "\n")
        }
    }

    public mutating func event(_ event: RunEvent) throws {
        try events.write([String(event.block), event.date.description, event.netuid.map(String.init) ?? "", event.kind.rawValue,
                          CSVText.field(event.holder), String(event.amountInRao), String(event.amountOutRao), CSVText.field(event.detail)]
            .joined(separator: ",") + "\n")
    }

    public func close() throws(ReportError) {
        try subnets.close()
        try network.close()
        try events.close()
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
