import FixedMath
import Simulation

/// One miners.csv row: a subnet's miners over the period ending at a sample.
public struct MinerRow: Sendable {
    /// The sample the row belongs to (its block, date and TAO/USD).
    public let sample: NetworkSample
    /// The subnet's miners over the period ending at the sample.
    public let miners: MinerSample

    /// A row for `miners` at `sample`.
    public init(sample: NetworkSample, miners: MinerSample) {
        self.sample = sample
        self.miners = miners
    }
}

/// miners.csv: one row per sample and subnet with miners (Reports/README.md). Ratios are
/// empty where their denominator is 0.
public enum MinerColumns {
    static func divide(_ numerator: BigInteger, _ denominator: BigInteger, _ rule: RoundingRule) -> BigInteger? {
        denominator.isZero ? nil : try? numerator.divided(by: denominator, rounding: rule)
    }

    /// USD per TAO at which revenue covers cost: cost / revenue in TAO, rounded up (micro-dollars).
    public static func breakevenTaoUsdMicro(_ row: MinerSample) -> BigInteger? {
        divide(row.costUsdMicro * .power(10, 9), row.revenueTaoRao, .ceiling)
    }

    /// The median miner's break-even TAO/USD (`MinerSample.medianMiner`): its cost over its
    /// revenue in TAO, rounded up (micro-dollars); nil when it earned nothing.
    public static func medianMinerBreakevenTaoUsdMicro(_ row: MinerSample) -> BigInteger? {
        row.medianMiner.flatMap { divide($0.costUsdMicro * .power(10, 9), $0.revenueTaoRao, .ceiling) }
    }

    /// The sample's block.
    public static let block = ReportColumn<MinerRow>("block", .block) { String($0.sample.block) }
    /// The sample's day.
    public static let date = ReportColumn<MinerRow>("date", .date) { $0.sample.date.description }
    /// The subnet.
    public static let netuid = ReportColumn<MinerRow>("netuid", .none) { String($0.miners.netuid) }
    /// Miners at the row's block.
    public static let miners = ReportColumn<MinerRow>("miners", .count) { String($0.miners.miners) }
    /// Miners' alpha earned in the period (alpha rao).
    public static let revenueAlpha = ReportColumn<MinerRow>("revenue_alpha_rao", .alphaRao) { String($0.miners.revenueAlphaRao) }
    /// That alpha at the spot price just before each daily sale, floored (rao).
    public static let revenueTao = ReportColumn<MinerRow>("revenue_tao_rao", .rao) { $0.miners.revenueTaoRao.description }
    /// The same in USD at each day's TAO/USD, floored to a micro-dollar.
    public static let revenueUsd = ReportColumn<MinerRow>("revenue_usd", .usd, .derivedDecimal) { RunFormatting.usd(micro: $0.miners.revenueUsdMicro) }
    /// USD received from selling alpha through the pool.
    public static let realisedUsd = ReportColumn<MinerRow>("realised_usd", .usd, .derivedDecimal) { RunFormatting.usd(micro: $0.miners.realisedUsdMicro) }
    /// The miners' operating costs for the period.
    public static let costUsd = ReportColumn<MinerRow>("cost_usd", .usd, .derivedDecimal) { RunFormatting.usd(micro: $0.miners.costUsdMicro) }
    /// revenue_usd − cost_usd.
    public static let profitUsd = ReportColumn<MinerRow>("profit_usd", .usd, .derivedDecimal) { RunFormatting.usd(micro: $0.miners.profitUsdMicro) }
    /// profit / revenue, 6 decimals toward zero.
    public static let margin = ReportColumn<MinerRow>("margin", .fraction, .derivedDecimal) { row in
        divide(row.miners.profitUsdMicro * .power(10, 6), row.miners.revenueUsdMicro, .towardZero).map { DecimalText.format(scaled: $0, fractionDigits: 6) } ?? ""
    }
    /// The TAO price at which revenue covers cost: cost / revenue in TAO, rounded up.
    public static let breakevenTaoUsd = ReportColumn<MinerRow>("breakeven_tao_usd", .usdPerTao, .derivedDecimal) { row in
        breakevenTaoUsdMicro(row.miners).map(RunFormatting.usd(micro:)) ?? ""
    }
    /// The alpha price at which revenue covers cost at the period's TAO/USD:
    /// (revenue_tao / revenue_alpha) × cost / revenue_usd, rounded up, 18 decimals.
    public static let breakevenAlphaPrice = ReportColumn<MinerRow>("breakeven_alpha_price_tao", .taoPerAlpha, .derivedDecimal) { row in
        let m = row.miners
        return divide(m.revenueTaoRao * m.costUsdMicro * .power(10, 18), BigInteger(m.revenueAlphaRao) * m.revenueUsdMicro, .ceiling)
            .map { DecimalText.format(scaled: $0, fractionDigits: 18) } ?? ""
    }
    /// profit_usd / miners, toward zero.
    public static let profitPerMiner = ReportColumn<MinerRow>("profit_usd_per_miner", .usd, .derivedDecimal) { row in
        divide(row.miners.profitUsdMicro, BigInteger(row.miners.miners), .towardZero).map(RunFormatting.usd(micro:)) ?? ""
    }
    /// The lowest profit in the period among the miners present at the row.
    public static let marginalMinerProfit = ReportColumn<MinerRow>("marginal_miner_profit_usd", .usd, .derivedDecimal) { row in
        row.miners.marginalMinerProfitMicro.map(RunFormatting.usd(micro:)) ?? ""
    }

    /// Revenue over the last seven mining days ending at the row (`TrailingWindow`).
    public static let revenueUsd7d = ReportColumn<MinerRow>("revenue_usd_7d", .usd, .derivedDecimal) { RunFormatting.usd(micro: $0.miners.trailing.revenueUsdMicro) }
    /// Cost over the last seven mining days ending at the row (`TrailingWindow`).
    public static let costUsd7d = ReportColumn<MinerRow>("cost_usd_7d", .usd, .derivedDecimal) { RunFormatting.usd(micro: $0.miners.trailing.costUsdMicro) }
    /// Break-even TAO/USD over those seven days: cost / revenue in TAO, rounded up.
    public static let breakevenTaoUsd7d = ReportColumn<MinerRow>("breakeven_tao_usd_7d", .usdPerTao, .derivedDecimal) { row in
        divide(row.miners.trailing.costUsdMicro * .power(10, 9), row.miners.trailing.revenueTaoRao, .ceiling).map(RunFormatting.usd(micro:)) ?? ""
    }

    /// The TAO price at which the median miner (by revenue) would cover its cost.
    public static let medianMinerBreakevenTaoUsd = ReportColumn<MinerRow>("median_miner_breakeven_tao_usd", .usdPerTao, .derivedDecimal) { row in
        medianMinerBreakevenTaoUsdMicro(row.miners).map(RunFormatting.usd(micro:)) ?? ""
    }

    /// The miners.csv column table.
    public static let table = ReportTable(file: "miners.csv", columns: [
        block, date, netuid, miners, revenueAlpha, revenueTao, revenueUsd, realisedUsd, costUsd, profitUsd, margin, breakevenTaoUsd,
        breakevenAlphaPrice, profitPerMiner, marginalMinerProfit, revenueUsd7d, costUsd7d, breakevenTaoUsd7d, medianMinerBreakevenTaoUsd,
    ])
}
