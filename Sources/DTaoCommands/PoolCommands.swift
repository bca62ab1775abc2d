import ArgumentParser
import FixedMath
import Reporting
import TaoEconomics

extension ArgumentParsing {
    /// A fee rate such as 0.003 (0.3%), exact, in [0, 1).
    static func feeRate(_ text: String) throws -> FeeModel {
        let rate = try FixedDecimal<Decimal18>(parsing: text)
        guard !rate.raw.isNegative, rate.raw < FixedDecimal<Decimal18>.scale, let numerator = rate.raw.uint64Value,
              let denominator = FixedDecimal<Decimal18>.scale.uint64Value else {
            throw ValidationError("a fee rate must be at least 0 and below 1 (0.003 means 0.3%)")
        }
        return numerator == 0 ? .none : .proportional(numerator: numerator, denominator: denominator)
    }
}

/// Options shared by the pool commands.
struct PoolOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The pool's TAO reserve.", valueName: "rao"), transform: ArgumentParsing.rao)
    var taoReserve: UInt64

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The pool's alpha reserve.", valueName: "rao"), transform: ArgumentParsing.rao)
    var alphaReserve: UInt64

    @Option(name: .long, help: ArgumentHelp("Rule set (`dtao rules` lists them).", valueName: "name"))
    var rules: RuleSet = .card

    func validate() throws {
        guard taoReserve > 0, alphaReserve > 0 else {
            throw ValidationError("the pool is empty: --tao-reserve and --alpha-reserve must both be more than 0 rao")
        }
    }
}

/// `dtao swap`
struct SwapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swap",
        abstract: "Quote a stake (TAO in) or unstake (alpha in) on a subnet pool, exactly.",
        discussion: """
            Prints the amount out, the fee, the reserves after, the spot price (TAO per alpha, \
            18 decimals, floored) before and after, the price impact (after/before − 1, 18 \
            decimals, toward zero) and the slippage: the spot-implied output of the swapped \
            input minus the curve's output, in the output token's rao. The rule set \
            fixes rounding, fee and minimums; --fee-rao or --fee-rate replaces its fee. A trade \
            the rules refuse prints the reason and exits 1.
            """)

    @OptionGroup var pool: PoolOptions

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Stake this much TAO.", valueName: "rao"), transform: ArgumentParsing.rao)
    var stake: UInt64?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Unstake this much alpha.", valueName: "rao"), transform: ArgumentParsing.rao)
    var unstake: UInt64?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Alpha held by stakers before the trade (default: 0 for a stake, the amount for an unstake).", valueName: "rao"), transform: ArgumentParsing.rao)
    var alphaOutstanding: UInt64?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("A flat fee in TAO rao, kept in the pool's TAO (0: no fee).", valueName: "rao"), transform: ArgumentParsing.rao)
    var feeRao: UInt64?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("A proportional fee kept in the input-side reserve (0.003 = 0.3%).", valueName: "rate"), transform: ArgumentParsing.feeRate)
    var feeRate: FeeModel?

    @Option(help: "Output format: json, table or csv (a header row and a value row).")
    var format: TableFormat = .json

    func validate() throws {
        guard (stake == nil) != (unstake == nil) else { throw ValidationError("give exactly one of --stake and --unstake") }
        guard feeRao == nil || feeRate == nil else { throw ValidationError("give at most one of --fee-rao and --fee-rate") }
    }

    func run() throws {
        var rules = pool.rules.pool
        if let feeRao { rules = rules.with(fee: feeRao == 0 ? .none : .flatTao(rao: feeRao)) }
        if let feeRate { rules = rules.with(fee: feeRate) }
        let side: SwapSide = stake != nil ? .stake : .unstake
        let amount = stake ?? unstake ?? 0
        let outstanding = alphaOutstanding ?? (side == .unstake ? amount : 0)
        let subnet = SubnetPool(netuid: 1, taoReserveRao: pool.taoReserve, alphaReserveRao: pool.alphaReserve, alphaOutstandingRao: outstanding)
        let quote: SwapQuote
        do { quote = try subnet.quote(side, amountRao: amount, rules: rules) } catch {
            throw error.isBadInput ? CommandFailure.badInput(error.description) : CommandFailure.refused("refused: \(error.description)")
        }
        let result = SwapResult(rules: pool.rules.name, side: side, quote: quote)
        switch format {
        case .json: print(JSONText.encode(result), terminator: "")
        case .csv, .table: print(result.render(format), terminator: "")
        }
    }
}

/// What `dtao swap` prints: every field of the quote, amounts as exact integers, prices as
/// 18-decimal text.
struct SwapResult: Encodable {
    let rules: String
    let side: String
    let amountInRao: UInt64
    let amountOutRao: UInt64
    let feeRao: UInt64
    let taoReserveAfterRao: UInt64
    let alphaReserveAfterRao: UInt64
    let alphaOutstandingAfterRao: UInt64
    let priceBefore: String
    let priceAfter: String
    let slippageRao: UInt64
    let priceImpact: String

    init(rules: String, side: SwapSide, quote: SwapQuote) {
        self.rules = rules
        self.side = side.rawValue
        amountInRao = quote.amountInRao
        amountOutRao = quote.amountOutRao
        feeRao = quote.feeRao
        taoReserveAfterRao = quote.taoReserveAfterRao
        alphaReserveAfterRao = quote.alphaReserveAfterRao
        alphaOutstandingAfterRao = quote.alphaOutstandingAfterRao
        priceBefore = quote.priceBefore.decimal18
        priceAfter = quote.priceAfter.decimal18
        slippageRao = quote.slippageRao
        priceImpact = quote.priceImpact()
    }

    /// (name, value) in print order.
    var fields: [(String, String)] {
        [("rules", rules), ("side", side), ("amount_in_rao", String(amountInRao)), ("amount_out_rao", String(amountOutRao)),
         ("fee_rao", String(feeRao)), ("tao_reserve_after_rao", String(taoReserveAfterRao)),
         ("alpha_reserve_after_rao", String(alphaReserveAfterRao)), ("alpha_outstanding_after_rao", String(alphaOutstandingAfterRao)),
         ("price_before", priceBefore), ("price_after", priceAfter), ("slippage_rao", String(slippageRao)), ("price_impact", priceImpact)]
    }

    /// A name-value table, or CSV: a header row and a value row.
    func render(_ format: TableFormat) -> String {
        if format == .csv {
            return fields.map(\.0).joined(separator: ",") + "\n" + fields.map(\.1).joined(separator: ",") + "\n"
        }
        let width = fields.map(\.0.count).max() ?? 0
        return fields.map { $0.0 + String(repeating: " ", count: width - $0.0.count) + "  " + $0.1 }.joined(separator: "\n") + "\n"
    }
}

/// `dtao max-amount`
struct MaxAmountCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "max-amount",
        abstract: "Print the largest stake or unstake whose average price stays within a limit.",
        discussion: """
            The limit is in rao of TAO per alpha (1000000000 = 1 TAO per alpha). A stake's average \
            price must stay at or below it, an unstake's at or above it (the launch chain's \
            get_max_amount_add / get_max_amount_remove, including its quirks under \
            --rules launch-2025-02). Prints one integer; 18446744073709551615 means no limit.
            """)

    enum Side: String, ExpressibleByArgument, CaseIterable { case stake, unstake }

    @Option(help: "stake (TAO in) or unstake (alpha in).")
    var side: Side

    @OptionGroup var pool: PoolOptions

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Average-price limit in rao per alpha.", valueName: "rao"), transform: ArgumentParsing.rao)
    var limitRao: UInt64

    func run() throws {
        let subnet = SubnetPool(netuid: 1, taoReserveRao: pool.taoReserve, alphaReserveRao: pool.alphaReserve)
        switch side {
        case .stake: print(subnet.maxStakeRao(averagePriceLimitRaoPerAlpha: limitRao, rules: pool.rules.pool))
        case .unstake: print(subnet.maxUnstakeRao(averagePriceLimitRaoPerAlpha: limitRao, rules: pool.rules.pool))
        }
    }
}
