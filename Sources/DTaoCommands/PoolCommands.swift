import ArgumentParser
import FixedMath
import Reporting
import TaoEconomics

/// A fee rate from the command line, exactly: a decimal (0.003) or a fraction N/D (33/65535).
struct FeeRate {
    let numerator: BigInteger
    let denominator: BigInteger

    /// The rate as the rule set charges it: a proportional fee kept in the pool for the
    /// constant-product curve; the chain's N/65535 to the block author for the weighted one.
    func model(for rules: PoolRules) throws -> FeeModel {
        if numerator.isZero { return .none }
        if case .weighted = rules.curve {
            // N / 65535 exactly, with N at most 10,000 (the chain's SwapMaxFeeRate).
            let scaled = numerator * BigInteger(65_535 as UInt64)
            guard let n = try? scaled.divided(by: denominator, rounding: .floor), n * denominator == scaled,
                  let parts = n.uint64Value, parts <= 10_000 else {
                throw ValidationError("under \(rules == .head2026_06 ? "head-2026-06" : "the weighted curve") the fee rate is N/65535 with N from 0 to 10000 (default 33/65535)")
            }
            return .toBlockAuthor(numerator: parts)
        }
        guard let n = numerator.uint64Value, let d = denominator.uint64Value else {
            throw ValidationError("a fee rate must be at least 0 and below 1 (0.003 means 0.3%)")
        }
        return .proportional(numerator: n, denominator: d)
    }
}

extension ArgumentParsing {
    /// A fee rate such as 0.003 (0.3%) or 33/65535, exact, in [0, 1).
    static func feeRate(_ text: String) throws -> FeeRate {
        let expected = "a fee rate must be at least 0 and below 1: a decimal such as 0.003 (0.3%) or a fraction such as 33/65535"
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        let rate: FeeRate
        if parts.count == 2 {
            guard let n = try? BigInteger.parseUInt64(String(parts[0])), let d = try? BigInteger.parseUInt64(String(parts[1])), d > 0 else {
                throw ValidationError(expected)
            }
            rate = FeeRate(numerator: BigInteger(n), denominator: BigInteger(d))
        } else {
            guard let decimal = try? FixedDecimal<Decimal18>(parsing: text) else { throw ValidationError(expected) }
            rate = FeeRate(numerator: decimal.raw, denominator: FixedDecimal<Decimal18>.scale)
        }
        guard !rate.numerator.isNegative, rate.numerator < rate.denominator else { throw ValidationError(expected) }
        return rate
    }

    /// A quote weight: a decimal from 0.01 to 0.99 with at most 18 places.
    static func quoteWeight(_ text: String) throws -> Perquintill {
        guard let weight = Perquintill(parsing: text), BalancerMath.isValid(quoteWeight: weight) else {
            throw ValidationError("a quote weight is a decimal from 0.01 to 0.99 with at most 18 places (the chain keeps both weights at least 0.01)")
        }
        return weight
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

    @Option(name: .long, help: ArgumentHelp("A weighted pool's quote (TAO) weight, 0.01 to 0.99 (weighted rule sets; default 0.5).", valueName: "w"), transform: ArgumentParsing.quoteWeight)
    var quoteWeight: Perquintill?

    /// Whether the rule set's pools are weighted.
    var isWeighted: Bool {
        if case .weighted = rules.pool.curve { return true }
        return false
    }

    func validate() throws {
        guard taoReserve > 0, alphaReserve > 0 else {
            throw ValidationError("the pool is empty: --tao-reserve and --alpha-reserve must both be more than 0 rao")
        }
        if quoteWeight != nil, !isWeighted {
            throw ValidationError("--quote-weight belongs to weighted pools; \(rules.name) pools are constant-product")
        }
    }

    /// The pool the options describe (netuid 1), with `outstanding` alpha held by stakers.
    func pool(outstanding: UInt64 = 0) -> SubnetPool {
        SubnetPool(netuid: 1, taoReserveRao: taoReserve, alphaReserveRao: alphaReserve, alphaOutstandingRao: outstanding,
                   quoteWeight: isWeighted ? (quoteWeight ?? .half) : nil)
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
            input minus the curve's output, in the output token's rao; tao_slippage_rao and \
            alpha_slippage_rao are the chain's sim_swap figures (a stake's ⌊input before the fee \
            ÷ spot⌋ − out in alpha, an unstake's ⌊input × spot⌋ − out in TAO). The rule set \
            fixes rounding, fee and minimums; --fee-rao or --fee-rate replaces its fee. Under a \
            weighted rule set (head-2026-06) the pool also has a quote weight (--quote-weight, \
            default 0.5), the fee is the chain's N/65535 paid to the block author (default \
            33/65535; --fee-rate 0 turns it off; an unstake's alpha fee is sold fee-less for the \
            author's TAO), --limit-rao caps the final spot price (the rest of the input is \
            refunded), and the output adds quote_weight_after, refunded_rao, author_tao_rao and \
            author_alpha_unsold_rao. As on the chain (subtensor 14bc6f9f9 stake_utils.rs \
            unstake_from_subnet), an unstake's alpha fee is sold after the staker's own limited \
            sale, at the lowest price, so the final price may pass --limit-rao; fee alpha that \
            sale cannot sell stays issued, held by nobody (author_alpha_unsold_rao). \
            A trade the rules refuse prints the chain's reason (ReservesTooLow, \
            PriceLimitExceeded, SwapInputTooLarge, …) and exits 1.
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

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("A proportional fee: a decimal (0.003 = 0.3%) or a fraction N/D; under a weighted rule set N/65535 with N ≤ 10000.", valueName: "rate"), transform: ArgumentParsing.feeRate)
    var feeRate: FeeRate?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Weighted pools: stop where the spot price reaches this many rao of TAO per alpha (default: the chain's highest price for a stake, lowest for an unstake).", valueName: "rao"), transform: ArgumentParsing.rao)
    var limitRao: UInt64?

    @Option(help: "Output format: json, table or csv (a header row and a value row).")
    var format: TableFormat = .json

    func validate() throws {
        guard (stake == nil) != (unstake == nil) else { throw ValidationError("give exactly one of --stake and --unstake") }
        guard feeRao == nil || feeRate == nil else { throw ValidationError("give at most one of --fee-rao and --fee-rate") }
        if pool.isWeighted, feeRao != nil { throw ValidationError("--fee-rao is a flat fee of the constant-product rule sets; use --fee-rate N/65535") }
        if limitRao != nil, !pool.isWeighted {
            throw ValidationError("--limit-rao caps the final price on weighted pools; for \(pool.rules.name) use max-amount, whose limit is the average price")
        }
    }

    func run() throws {
        var rules = pool.rules.pool
        if let feeRao { rules = rules.with(fee: feeRao == 0 ? .none : .flatTao(rao: feeRao)) }
        if let feeRate { rules = rules.with(fee: try feeRate.model(for: rules)) }
        let side: SwapSide = stake != nil ? .stake : .unstake
        let amount = stake ?? unstake ?? 0
        let subnet = pool.pool(outstanding: alphaOutstanding ?? (side == .unstake ? amount : 0))
        let quote: SwapQuote
        do { quote = try subnet.quote(side, amountRao: amount, rules: rules, limitRao: limitRao) } catch {
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
    /// The chain's `sim_swap` slippage figures (`SwapQuote.chainSlippageRao`).
    let taoSlippageRao: UInt64
    let alphaSlippageRao: UInt64
    let priceImpact: String
    /// The weighted pool's quote weight after the trade (swaps keep it); nil for constant product.
    let quoteWeightAfter: String?
    let refundedRao: UInt64
    let authorTaoRao: UInt64
    /// An unstake's alpha fee that its fee-less sale at the lowest price could not sell: it stays
    /// issued, held by nobody (the chain's `unstake_from_subnet` leaves it so).
    let authorAlphaUnsoldRao: UInt64

    enum CodingKeys: String, CodingKey {
        case rules, side, amountInRao, amountOutRao, feeRao, taoReserveAfterRao, alphaReserveAfterRao, alphaOutstandingAfterRao
        case priceBefore, priceAfter, slippageRao, taoSlippageRao, alphaSlippageRao, priceImpact, quoteWeightAfter, refundedRao, authorTaoRao, authorAlphaUnsoldRao
    }

    /// Every key present; a constant-product pool's quote weight is null.
    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rules, forKey: .rules)
        try container.encode(side, forKey: .side)
        try container.encode(amountInRao, forKey: .amountInRao)
        try container.encode(amountOutRao, forKey: .amountOutRao)
        try container.encode(feeRao, forKey: .feeRao)
        try container.encode(taoReserveAfterRao, forKey: .taoReserveAfterRao)
        try container.encode(alphaReserveAfterRao, forKey: .alphaReserveAfterRao)
        try container.encode(alphaOutstandingAfterRao, forKey: .alphaOutstandingAfterRao)
        try container.encode(priceBefore, forKey: .priceBefore)
        try container.encode(priceAfter, forKey: .priceAfter)
        try container.encode(slippageRao, forKey: .slippageRao)
        try container.encode(taoSlippageRao, forKey: .taoSlippageRao)
        try container.encode(alphaSlippageRao, forKey: .alphaSlippageRao)
        try container.encode(priceImpact, forKey: .priceImpact)
        try container.encode(quoteWeightAfter, forKey: .quoteWeightAfter)
        try container.encode(refundedRao, forKey: .refundedRao)
        try container.encode(authorTaoRao, forKey: .authorTaoRao)
        try container.encode(authorAlphaUnsoldRao, forKey: .authorAlphaUnsoldRao)
    }

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
        (taoSlippageRao, alphaSlippageRao) = quote.chainSlippageRao
        priceImpact = quote.priceImpact()
        quoteWeightAfter = quote.quoteWeight?.description
        refundedRao = quote.refundedRao
        authorTaoRao = quote.authorTaoRao
        authorAlphaUnsoldRao = quote.authorAlphaUnsoldRao
    }

    /// (name, value) in print order.
    var fields: [(String, String)] {
        [("rules", rules), ("side", side), ("amount_in_rao", String(amountInRao)), ("amount_out_rao", String(amountOutRao)),
         ("fee_rao", String(feeRao)), ("tao_reserve_after_rao", String(taoReserveAfterRao)),
         ("alpha_reserve_after_rao", String(alphaReserveAfterRao)), ("alpha_outstanding_after_rao", String(alphaOutstandingAfterRao)),
         ("price_before", priceBefore), ("price_after", priceAfter), ("slippage_rao", String(slippageRao)),
         ("tao_slippage_rao", String(taoSlippageRao)), ("alpha_slippage_rao", String(alphaSlippageRao)), ("price_impact", priceImpact),
         ("quote_weight_after", quoteWeightAfter ?? ""), ("refunded_rao", String(refundedRao)), ("author_tao_rao", String(authorTaoRao)),
         ("author_alpha_unsold_rao", String(authorAlphaUnsoldRao))]
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
        abstract: "Print the largest stake or unstake whose price stays within a limit.",
        discussion: """
            The limit is in rao of TAO per alpha (1000000000 = 1 TAO per alpha). Under the \
            constant-product rule sets a stake's average price must stay at or below it, an \
            unstake's at or above it (the launch chain's get_max_amount_add / \
            get_max_amount_remove, including its quirks under --rules launch-2025-02). Under a \
            weighted rule set (head-2026-06) the limit is on the final spot price: the amount is \
            the input, fee included, that a swap of 1000 × the reserve takes before the price \
            reaches the limit (HEAD's get_max_amount_add/remove); 0 when the price is already \
            at or past it. Prints one integer; 18446744073709551615 means no limit.
            """)

    enum Side: String, ExpressibleByArgument, CaseIterable { case stake, unstake }

    @Option(help: "stake (TAO in) or unstake (alpha in).")
    var side: Side

    @OptionGroup var pool: PoolOptions

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The price limit in rao per alpha.", valueName: "rao"), transform: ArgumentParsing.rao)
    var limitRao: UInt64

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Weighted pools: the fee, N/65535 (default 33/65535; 0 for none).", valueName: "rate"), transform: ArgumentParsing.feeRate)
    var feeRate: FeeRate?

    func validate() throws {
        if feeRate != nil, !pool.isWeighted { throw ValidationError("--fee-rate applies to weighted pools; \(pool.rules.name) limits ignore fees") }
    }

    func run() throws {
        var rules = pool.rules.pool
        if let feeRate { rules = rules.with(fee: try feeRate.model(for: rules)) }
        let subnet = pool.pool()
        guard pool.isWeighted else {
            switch side {
            case .stake: print(subnet.maxStakeRao(averagePriceLimitRaoPerAlpha: limitRao, rules: rules))
            case .unstake: print(subnet.maxUnstakeRao(averagePriceLimitRaoPerAlpha: limitRao, rules: rules))
            }
            return
        }
        do {
            print(try subnet.maxAmountToFinalPrice(side == .stake ? .stake : .unstake, limitRao: limitRao, rules: rules))
        } catch {
            throw error.isBadInput ? CommandFailure.badInput(error.description) : CommandFailure.refused("refused: \(error.description)")
        }
    }
}

/// `dtao inject`
struct InjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inject",
        abstract: "Inject TAO and alpha into a weighted pool: the quote weight moves so the spot price stays.",
        discussion: """
            The chain's adjust_protocol_liquidity: q1 = round(w1·y·(x + Δx)), q2 = round(w2·x·(y + \
            Δy)) (half up at 10^-18), w2' = ⌊10^18·q2/(q1 + q2)⌋ / 10^18. Prints the pool after, \
            the quote weight before and after, and the spot price (U64F64, 18 decimals, floored) \
            before and after. When w2' would leave [0.01, 0.99] the chain injects nothing: the \
            refusal is printed and the exit code is 1.
            """)

    @OptionGroup var pool: PoolOptions

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("TAO to inject.", valueName: "rao"), transform: ArgumentParsing.rao)
    var tao: UInt64

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Alpha to inject.", valueName: "rao"), transform: ArgumentParsing.rao)
    var alpha: UInt64

    @Option(help: "Output format: json, table or csv.")
    var format: TableFormat = .json

    /// What `dtao inject` prints.
    struct Result: Encodable {
        let rules: String
        let taoInRao: UInt64
        let alphaInRao: UInt64
        let taoReserveAfterRao: UInt64
        let alphaReserveAfterRao: UInt64
        let quoteWeightBefore: String
        let quoteWeightAfter: String
        let priceBefore: String
        let priceAfter: String

        var fields: [(String, String)] {
            [("rules", rules), ("tao_in_rao", String(taoInRao)), ("alpha_in_rao", String(alphaInRao)),
             ("tao_reserve_after_rao", String(taoReserveAfterRao)), ("alpha_reserve_after_rao", String(alphaReserveAfterRao)),
             ("quote_weight_before", quoteWeightBefore), ("quote_weight_after", quoteWeightAfter),
             ("price_before", priceBefore), ("price_after", priceAfter)]
        }
    }

    func validate() throws {
        guard pool.isWeighted else { throw ValidationError("inject re-weights weighted pools; \(pool.rules.name) pools are constant-product") }
    }

    func run() throws {
        let reweighting = pool.pool().reweightingQuote(taoRao: tao, alphaRao: alpha)
        guard let after = reweighting.quoteWeightAfter else {
            throw CommandFailure.refused("refused: the new quote weight would leave [0.01, 0.99]; the chain injects nothing (adjust_protocol_liquidity returns (0, 0))")
        }
        let (taoAfter, taoOverflow) = pool.taoReserve.addingReportingOverflow(tao)
        let (alphaAfter, alphaOverflow) = pool.alphaReserve.addingReportingOverflow(alpha)
        guard !taoOverflow, !alphaOverflow else { throw CommandFailure.badInput("the reserves would exceed 18446744073709551615 rao") }
        let result = Result(rules: pool.rules.name, taoInRao: tao, alphaInRao: alpha, taoReserveAfterRao: taoAfter, alphaReserveAfterRao: alphaAfter,
                            quoteWeightBefore: reweighting.quoteWeightBefore.description, quoteWeightAfter: after.description,
                            priceBefore: reweighting.priceBefore.decimal18, priceAfter: reweighting.priceAfter.decimal18)
        switch format {
        case .json: print(JSONText.encode(result), terminator: "")
        case .csv: print(result.fields.map(\.0).joined(separator: ",") + "\n" + result.fields.map(\.1).joined(separator: ","))
        case .table:
            let width = result.fields.map(\.0.count).max() ?? 0
            for (name, value) in result.fields { print(name + String(repeating: " ", count: width - name.count) + "  " + value) }
        }
    }
}
