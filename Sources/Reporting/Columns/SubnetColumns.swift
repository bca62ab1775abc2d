import FixedMath
import Simulation
import TaoEconomics

/// One subnets.csv row: a subnet at a sample.
public struct SubnetRow: Sendable {
    /// The sample the row belongs to (its block, date and TAO/USD).
    public let sample: NetworkSample
    /// The subnet at that sample.
    public let subnet: SubnetSample

    /// A row for `subnet` at `sample`.
    public init(sample: NetworkSample, subnet: SubnetSample) {
        self.sample = sample
        self.subnet = subnet
    }

    /// Issued alpha: pool + outstanding + alpha reservoir.
    var alphaIssuanceRao: UInt64 { subnet.alphaReserveRao &+ subnet.alphaOutstandingRao &+ (subnet.alphaReservoirRao ?? 0) }
}

/// subnets.csv: one row per sample and subnet (Reports/README.md).
public enum SubnetColumns {
    /// The row's block.
    public static let block = ReportColumn<SubnetRow>("block", .block) { String($0.sample.block) }
    /// The row's day.
    public static let date = ReportColumn<SubnetRow>("date", .date) { $0.sample.date.description }
    /// The subnet (empty for an event without one).
    public static let netuid = ReportColumn<SubnetRow>("netuid", .none) { String($0.subnet.netuid) }
    /// TAO in the pool (`SubnetTAO`), rao.
    public static let taoReserve = ReportColumn<SubnetRow>("tao_reserve_rao", .rao) { String($0.subnet.taoReserveRao) }
    /// Alpha in the pool (`SubnetAlphaIn`), alpha rao.
    public static let alphaReserve = ReportColumn<SubnetRow>("alpha_reserve_rao", .alphaRao) { String($0.subnet.alphaReserveRao) }
    /// Alpha held by participants, pending included (`SubnetAlphaOut`), alpha rao.
    public static let alphaOutstanding = ReportColumn<SubnetRow>("alpha_outstanding_rao", .alphaRao) { String($0.subnet.alphaOutstandingRao) }
    /// The spot price T/A, 18 decimals, floored.
    public static let priceTao = ReportColumn<SubnetRow>("price_tao", .taoPerAlpha, .derivedDecimal) { $0.subnet.price.decimal18 }
    /// The moving price as stored (I96F32), 18 decimals, floored.
    public static let emaPriceTao = ReportColumn<SubnetRow>("ema_price_tao", .taoPerAlpha, .derivedDecimal) { RunFormatting.i96f32($0.subnet.emaPriceRaw) }
    /// price_tao × TAO/USD, floored to a micro-dollar.
    public static let priceUsd = ReportColumn<SubnetRow>("price_usd", .usdPerAlpha, .derivedDecimal) { row in
        RunFormatting.usd(micro: MicroUSD.price(ofAlphaAt: row.subnet.price, taoUsdMicro: row.sample.taoUsdMicro))
    }
    /// price_usd × issued alpha (pool + outstanding + alpha reservoir), floored to a micro-dollar.
    public static let marketCapUsd = ReportColumn<SubnetRow>("market_cap_usd", .usd, .derivedDecimal) { row in
        RunFormatting.usd(micro: MicroUSD.value(ofAlphaRao: row.alphaIssuanceRao, at: row.subnet.price, taoUsdMicro: row.sample.taoUsdMicro))
    }
    /// TAO injected since the previous row, rao.
    public static let taoIn = ReportColumn<SubnetRow>("tao_in_rao", .rao) { String($0.subnet.taoInRao) }
    /// Alpha injected since the previous row, alpha rao.
    public static let alphaIn = ReportColumn<SubnetRow>("alpha_in_rao", .alphaRao) { String($0.subnet.alphaInRao) }
    /// Alpha minted to participants since the previous row, alpha rao.
    public static let alphaOut = ReportColumn<SubnetRow>("alpha_out_rao", .alphaRao) { String($0.subnet.alphaOutRao) }

    /// A weighted pool's quote (TAO) weight w2, 18 decimals exactly; empty for a constant-product pool.
    public static let quoteWeight = ReportColumn<SubnetRow>("quote_weight", .fraction, .derivedDecimal) { $0.subnet.quoteWeight?.description ?? "" }
    /// HEAD: alpha the protocol holds from chain buys (inside alpha_outstanding_rao); empty under other rules.
    public static let protocolAlpha = ReportColumn<SubnetRow>("protocol_alpha_rao", .alphaRao) { $0.subnet.protocolAlphaRao.map(String.init) ?? "" }
    /// root_prop as the row block's root alpha uses it, after that block's minting, 18 decimals
    /// floored; empty without root dividends (`card`) or when the subnet does not emit.
    public static let rootProp = ReportColumn<SubnetRow>("root_prop", .fraction, .derivedDecimal) { row in
        row.subnet.rootProportionRaw.map(RunFormatting.i96f32) ?? ""
    }
    /// HEAD: excess TAO spent on chain buys since the previous row, rao; empty under other rules.
    public static let chainBuyTao = ReportColumn<SubnetRow>("chain_buy_tao_rao", .rao) { $0.subnet.chainBuyTaoRao.map(String.init) ?? "" }
    /// Alpha recycled since the previous row (HEAD: root alpha while root sells are off), alpha rao.
    public static let recycledAlpha = ReportColumn<SubnetRow>("recycled_alpha_rao", .alphaRao) { String($0.subnet.recycledAlphaRao) }
    /// The emission gate's bar θ for the row's block, 18 decimals floored; empty without a gate.
    public static let gateTheta = ReportColumn<SubnetRow>("gate_theta", .fraction, .derivedDecimal) { row in
        row.sample.gateThetaRaw.map(RunFormatting.u64f64) ?? ""
    }
    /// The subnet's gated share of the row block's TAO, 18 decimals floored (0 when it does not
    /// emit); empty without a gate.
    public static let gatedShare = ReportColumn<SubnetRow>("gated_share", .fraction, .derivedDecimal) { row in
        guard row.sample.gateThetaRaw != nil else { return "" }
        return RunFormatting.u64f64(row.subnet.shareRaw ?? 0)
    }

    /// Rule sets with reservoirs: issued TAO waiting outside the pool (`Swap.BalancerTaoReservoir`),
    /// rao; empty under the others.
    public static let taoReservoir = ReportColumn<SubnetRow>("tao_reservoir_rao", .rao) { $0.subnet.taoReservoirRao.map(String.init) ?? "" }
    /// Rule sets with reservoirs: minted alpha waiting outside the pool (`Swap.BalancerAlphaReservoir`),
    /// alpha rao, part of the subnet's alpha issuance; empty under the others.
    public static let alphaReservoir = ReportColumn<SubnetRow>("alpha_reservoir_rao", .alphaRao) { $0.subnet.alphaReservoirRao.map(String.init) ?? "" }

    /// The column table of this file.
    public static let table = ReportTable(file: "subnets.csv", columns: [
        block, date, netuid, taoReserve, alphaReserve, alphaOutstanding, priceTao, emaPriceTao, priceUsd, marketCapUsd, taoIn, alphaIn, alphaOut,
        quoteWeight, protocolAlpha, rootProp, chainBuyTao, recycledAlpha, gateTheta, gatedShare, taoReservoir, alphaReservoir,
    ])
}

/// network.csv: one row per sample (Reports/README.md).
public enum NetworkColumns {
    /// The row's block.
    public static let block = ReportColumn<NetworkSample>("block", .block) { String($0.block) }
    /// The row's day.
    public static let date = ReportColumn<NetworkSample>("date", .date) { $0.date.description }
    /// TAO issued (minted − recycled), rao.
    public static let totalIssuance = ReportColumn<NetworkSample>("total_issuance_rao", .rao) { String($0.totalIssuanceRao) }
    /// The TAO emission of this block under the rule set, rao.
    public static let emission = ReportColumn<NetworkSample>("emission_rao_per_block", .raoPerBlock) { String($0.emissionRaoPerBlock) }
    /// Halvings so far (issuance trigger) or ⌊block / 10.5M⌋ (blocks trigger).
    public static let era = ReportColumn<NetworkSample>("era", .count) { String($0.era) }
    /// The TAO price at this block, 6 decimals.
    public static let taoUsd = ReportColumn<NetworkSample>("tao_usd", .usdPerTao, .derivedDecimal) { RunFormatting.usd(micro: BigInteger($0.taoUsdMicro)) }
    /// TAO staked on root, rao.
    public static let rootTao = ReportColumn<NetworkSample>("root_tao_rao", .rao) { String($0.rootTaoRao) }
    /// TAO outside every pool and root, rao.
    public static let freeTao = ReportColumn<NetworkSample>("free_tao_rao", .rao) { String($0.freeTaoRao) }
    /// Subnets at this block.
    public static let subnets = ReportColumn<NetworkSample>("subnets", .count) { String($0.subnets.count) }

    /// TAO recycled since the previous row (unspent emission, locks, dissolutions), rao.
    public static let recycledTao = ReportColumn<NetworkSample>("recycled_tao_rao", .rao) { String($0.recycledTaoRao) }
    /// HEAD: swap fees paid to block authors since the previous row, rao; empty under other rules.
    public static let authorFees = ReportColumn<NetworkSample>("author_fees_rao", .rao) { $0.authorFeesRao.map(String.init) ?? "" }
    /// HEAD: alpha root stakers keep (claim: keep), valued at spot, rao; empty under other rules.
    public static let rootKeptAlphaTao = ReportColumn<NetworkSample>("root_kept_alpha_tao_rao", .rao) { $0.rootKeptAlphaTaoRao.map(String.init) ?? "" }

    /// The column table of this file.
    public static let table = ReportTable(file: "network.csv", columns: [
        block, date, totalIssuance, emission, era, taoUsd, rootTao, freeTao, subnets, recycledTao, authorFees, rootKeptAlphaTao,
    ])
}

/// events.csv: one row per flow, registration, prune or refusal (Reports/README.md).
public enum EventColumns {
    /// The row's block.
    public static let block = ReportColumn<RunEvent>("block", .block) { String($0.block) }
    /// The row's day.
    public static let date = ReportColumn<RunEvent>("date", .date) { $0.date.description }
    /// The subnet (empty for an event without one).
    public static let netuid = ReportColumn<RunEvent>("netuid", .none) { $0.netuid.map(String.init) ?? "" }
    /// stake, unstake, registration, prune, refused or market.
    public static let kind = ReportColumn<RunEvent>("kind", .text) { $0.kind.rawValue }
    /// Who acted.
    public static let holder = ReportColumn<RunEvent>("holder", .text) { CSVText.field($0.holder) }
    /// What went in (TAO or alpha rao).
    public static let amountIn = ReportColumn<RunEvent>("amount_in_rao", .rao) { String($0.amountInRao) }
    /// What came out (alpha or TAO rao).
    public static let amountOut = ReportColumn<RunEvent>("amount_out_rao", .rao) { String($0.amountOutRao) }
    /// Where in the scenario it came from, or why it was refused.
    public static let detail = ReportColumn<RunEvent>("detail", .text) { CSVText.field($0.detail) }

    /// The column table of this file.
    public static let table = ReportTable(file: "events.csv", columns: [block, date, netuid, kind, holder, amountIn, amountOut, detail])
}
