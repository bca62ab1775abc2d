import FixedMath
import Simulation
import TaoEconomics

/// One subnets.csv row: a subnet at a sample.
public struct SubnetRow: Sendable {
    public let sample: NetworkSample
    public let subnet: SubnetSample

    public init(sample: NetworkSample, subnet: SubnetSample) {
        self.sample = sample
        self.subnet = subnet
    }

    /// Issued alpha: pool + outstanding.
    var alphaIssuanceRao: UInt64 { subnet.alphaReserveRao &+ subnet.alphaOutstandingRao }
}

/// subnets.csv: one row per sample and subnet (Reports/README.md).
public enum SubnetColumns {
    public static let block = ReportColumn<SubnetRow>("block", .block) { String($0.sample.block) }
    public static let date = ReportColumn<SubnetRow>("date", .date) { $0.sample.date.description }
    public static let netuid = ReportColumn<SubnetRow>("netuid", .none) { String($0.subnet.netuid) }
    public static let taoReserve = ReportColumn<SubnetRow>("tao_reserve_rao", .rao) { String($0.subnet.taoReserveRao) }
    public static let alphaReserve = ReportColumn<SubnetRow>("alpha_reserve_rao", .alphaRao) { String($0.subnet.alphaReserveRao) }
    public static let alphaOutstanding = ReportColumn<SubnetRow>("alpha_outstanding_rao", .alphaRao) { String($0.subnet.alphaOutstandingRao) }
    public static let priceTao = ReportColumn<SubnetRow>("price_tao", .taoPerAlpha, .derivedDecimal) { $0.subnet.price.decimal18 }
    public static let emaPriceTao = ReportColumn<SubnetRow>("ema_price_tao", .taoPerAlpha, .derivedDecimal) { RunFormatting.i96f32($0.subnet.emaPriceRaw) }
    public static let priceUsd = ReportColumn<SubnetRow>("price_usd", .usdPerAlpha, .derivedDecimal) { row in
        RunFormatting.usd(micro: MicroUSD.price(ofAlphaAt: row.subnet.price, taoUsdMicro: row.sample.taoUsdMicro))
    }
    public static let marketCapUsd = ReportColumn<SubnetRow>("market_cap_usd", .usd, .derivedDecimal) { row in
        RunFormatting.usd(micro: MicroUSD.value(ofAlphaRao: row.alphaIssuanceRao, at: row.subnet.price, taoUsdMicro: row.sample.taoUsdMicro))
    }
    public static let taoIn = ReportColumn<SubnetRow>("tao_in_rao", .rao) { String($0.subnet.taoInRao) }
    public static let alphaIn = ReportColumn<SubnetRow>("alpha_in_rao", .alphaRao) { String($0.subnet.alphaInRao) }
    public static let alphaOut = ReportColumn<SubnetRow>("alpha_out_rao", .alphaRao) { String($0.subnet.alphaOutRao) }

    public static let table = ReportTable(file: "subnets.csv", columns: [
        block, date, netuid, taoReserve, alphaReserve, alphaOutstanding, priceTao, emaPriceTao, priceUsd, marketCapUsd, taoIn, alphaIn, alphaOut,
    ])
}

/// network.csv: one row per sample (Reports/README.md).
public enum NetworkColumns {
    public static let block = ReportColumn<NetworkSample>("block", .block) { String($0.block) }
    public static let date = ReportColumn<NetworkSample>("date", .date) { $0.date.description }
    public static let totalIssuance = ReportColumn<NetworkSample>("total_issuance_rao", .rao) { String($0.totalIssuanceRao) }
    public static let emission = ReportColumn<NetworkSample>("emission_rao_per_block", .raoPerBlock) { String($0.emissionRaoPerBlock) }
    public static let era = ReportColumn<NetworkSample>("era", .count) { String($0.era) }
    public static let taoUsd = ReportColumn<NetworkSample>("tao_usd", .usdPerTao, .derivedDecimal) { RunFormatting.usd(micro: BigInteger($0.taoUsdMicro)) }
    public static let rootTao = ReportColumn<NetworkSample>("root_tao_rao", .rao) { String($0.rootTaoRao) }
    public static let freeTao = ReportColumn<NetworkSample>("free_tao_rao", .rao) { String($0.freeTaoRao) }
    public static let subnets = ReportColumn<NetworkSample>("subnets", .count) { String($0.subnets.count) }

    public static let table = ReportTable(file: "network.csv", columns: [
        block, date, totalIssuance, emission, era, taoUsd, rootTao, freeTao, subnets,
    ])
}

/// events.csv: one row per flow, registration, prune or refusal (Reports/README.md).
public enum EventColumns {
    public static let block = ReportColumn<RunEvent>("block", .block) { String($0.block) }
    public static let date = ReportColumn<RunEvent>("date", .date) { $0.date.description }
    public static let netuid = ReportColumn<RunEvent>("netuid", .none) { $0.netuid.map(String.init) ?? "" }
    public static let kind = ReportColumn<RunEvent>("kind", .text) { $0.kind.rawValue }
    public static let holder = ReportColumn<RunEvent>("holder", .text) { CSVText.field($0.holder) }
    public static let amountIn = ReportColumn<RunEvent>("amount_in_rao", .rao) { String($0.amountInRao) }
    public static let amountOut = ReportColumn<RunEvent>("amount_out_rao", .rao) { String($0.amountOutRao) }
    public static let detail = ReportColumn<RunEvent>("detail", .text) { CSVText.field($0.detail) }

    public static let table = ReportTable(file: "events.csv", columns: [block, date, netuid, kind, holder, amountIn, amountOut, detail])
}
