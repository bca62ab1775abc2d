import FixedMath
import Foundation
import TaoEconomics

extension ScenarioParser {
    static func parseMarket(_ value: YAMLValue, context: Context) throws(ScenarioError) -> TaoUsdModel {
        let market = try value.mapping(allowed: ["tao_usd"], required: ["tao_usd"])
        let taoUsd = market["tao_usd"]!
        let model = try taoUsd.mapping(allowed: ["constant", "piecewise", "csv", "gbm"])
        guard model.count == 1, let (kind, spec) = model.first else {
            throw taoUsd.error("exactly one of constant, piecewise, csv or gbm")
        }
        let priceExpected = "a USD price such as 250 or 187.5, \(MicroUSD.range(positive: true))"
        func price(_ value: YAMLValue) throws(ScenarioError) -> FixedDecimal<Decimal18> {
            let parsed = try value.decimal(priceExpected)
            guard MicroUSD.isExact(parsed, positive: true) else { throw value.error(priceExpected) }
            return parsed
        }
        switch kind {
        case "constant":
            return .constant(try price(spec))
        case "piecewise":
            var points: [(block: UInt64, price: FixedDecimal<Decimal18>)] = []
            for item in try spec.sequence("a list of {date: YYYY-MM-DD, price: P} or {block: N, price: P}") {
                let entry = try item.mapping(allowed: ["block", "date", "price"], required: ["price"])
                let block: UInt64
                switch (entry["block"], entry["date"]) {
                case let (value?, nil): block = try value.unsigned("a block number")
                case let (nil, value?):
                    block = context.blockOfDay(try value.date().daysSinceEpoch - context.startDate.daysSinceEpoch)
                default: throw item.error("exactly one of 'block' or 'date'")
                }
                guard !points.contains(where: { $0.block == block }) else { throw item.error("one price per block") }
                points.append((block, try price(entry["price"]!)))
            }
            guard !points.isEmpty else { throw spec.error("at least one price point") }
            return .piecewise(points.sorted { $0.block < $1.block })
        case "csv":
            return .piecewise(try parseValueCSV(spec, context: context, value: "price", allowZero: false))
        default:
            let gbm = try spec.mapping(allowed: ["start", "drift", "volatility"], required: ["start", "volatility"])
            let start = try price(gbm["start"]!).raw.approximateDouble / 1e18
            let drift = try gbm["drift"]?.real("an annual drift such as 0.1 or -0.2") ?? 0
            guard abs(drift) <= TaoUsdPath.maximumAnnualDrift else {
                throw gbm["drift"]!.error("an annual drift from -\(TaoUsdPath.maximumAnnualDrift) to \(TaoUsdPath.maximumAnnualDrift) (\(Int(TaoUsdPath.maximumAnnualDrift * 100))% a year)")
            }
            let volatility = try gbm["volatility"]!.real("a non-negative annual volatility such as 0.8")
            guard volatility >= 0, volatility <= TaoUsdPath.maximumAnnualVolatility else {
                throw gbm["volatility"]!.error("a non-negative annual volatility up to \(TaoUsdPath.maximumAnnualVolatility)")
            }
            return .gbm(start: start, drift: drift, volatility: volatility)
        }
    }

    static func weights(_ value: YAMLValue?, _ what: String) throws(ScenarioError) -> [UInt64] {
        guard let value else { return [1] }
        let expected = "a list of non-negative whole-number \(what) shares with at least one above 0"
        let items = try value.sequence(expected)
        var result: [UInt64] = []
        for item in items { result.append(try item.unsigned(expected)) }
        guard result.contains(where: { $0 > 0 }), result.count <= 4_096 else { throw value.error(expected) }
        return result
    }

    static func parseSubnets(_ value: YAMLValue, context: Context, snapshot: Snapshot?) throws(ScenarioError) -> (SubnetSource, [UInt16: MinerModel]) {
        if let snapshot {
            let entry = try value.mapping(allowed: ["snapshot", "netuids"], required: ["snapshot"])
            var netuids: [UInt16]?
            if let list = entry["netuids"] {
                var chosen: [UInt16] = []
                for item in try list.sequence("a list of netuids to keep") {
                    let netuid = try item.netuid()
                    guard !chosen.contains(netuid) else { throw item.error("each netuid once") }
                    chosen.append(netuid)
                }
                netuids = chosen.sorted()
            }
            context.read(snapshot.file)
            // Checked now under the scenario's own rule set; imported again under the run's.
            _ = try snapshot.imported(rules: context.rules, netuids: netuids, keyPath: value.path)
            return (.snapshot(snapshot, netuids: netuids, keyPath: value.path), [:])
        }
        if case .mapping = value.node {
            let entry = try value.mapping(allowed: ["generate"], required: ["generate"])
            let generate = entry["generate"]!
            let generator = try parseGenerator(generate, context: context)
            var models: [UInt16: MinerModel] = [:]
            if case let .mapping(mapping) = generate.node, let minersNode = mapping["miners"] {
                let model = try parseMiners(generate.child("miners", minersNode), context: context)
                for index in 0..<generator.count { models[generator.firstNetuid + UInt16(index)] = model }
            }
            return (.generated(generator), models)
        }
        var models: [UInt16: MinerModel] = [:]
        var configurations: [SubnetConfiguration] = []
        for item in try value.sequence("a list of subnets, or {generate: {...}}") {
            let entry = try item.mapping(allowed: ["netuid", "tao_reserve", "alpha_reserve", "alpha_outstanding", "ema_price",
                                                   "registered_at", "miner_shares", "validator_shares", "miners", "tempo", "consensus"] + headSubnetKeys,
                                         required: ["netuid", "tao_reserve", "alpha_reserve"])
            let netuid = try entry["netuid"]!.netuid()
            guard !configurations.contains(where: { $0.netuid == netuid }) else { throw entry["netuid"]!.error("a netuid not used by another subnet") }
            let tao = try entry["tao_reserve"]!.amountRao("TAO")
            let alpha = try entry["alpha_reserve"]!.amountRao("alpha")
            guard tao > 0 else { throw entry["tao_reserve"]!.error("a TAO reserve above 0") }
            guard alpha > 0 else { throw entry["alpha_reserve"]!.error("an alpha reserve above 0") }
            let outstanding = try entry["alpha_outstanding"]?.amountRao("alpha") ?? 0
            guard alpha <= Supply.capRao, outstanding <= Supply.capRao - alpha else {
                throw item.error("alpha reserve + outstanding of at most 21000000 alpha")
            }
            var ema: FixedPoint<I96F32>?
            if let value = entry["ema_price"] {
                let expected = "a non-negative price in TAO per alpha below 2^95 (the chain stores it as I96F32)"
                let decimal = try value.nonNegativeDecimal(expected)
                do { ema = try decimal.converted(to: I96F32.self, rounding: .towardZero) } catch { throw value.error(expected) }
            }
            let registered = try entry["registered_at"]?.unsigned("a block number") ?? 0
            let tempo = try entry["tempo"]?.unsigned("a tempo in blocks (0: never pays out)")
            if let tempo, tempo > 50_400 { throw entry["tempo"]!.error("a tempo of at most 50400 blocks (the chain's MAX_TEMPO)") }
            if let miners = entry["miners"] {
                guard entry["miner_shares"] == nil else { throw entry["miner_shares"]!.error("no miner_shares beside miners (its distribution sets them)") }
                models[netuid] = try parseMiners(miners, context: context)
            }
            if let value = entry["consensus"] { context.subnetConsensus[netuid] = try parseConsensus(value) }
            let head = try parseHeadSettings(entry, at: item, taoRao: tao, alphaRao: alpha, registeredAt: registered, context: context)
            configurations.append(SubnetConfiguration(
                netuid: netuid, taoReserveRao: tao, alphaReserveRao: alpha, alphaOutstandingRao: outstanding, emaPrice: ema,
                registeredAtBlock: registered, minerWeights: try weights(entry["miner_shares"], "miner"),
                validatorWeights: try weights(entry["validator_shares"], "validator"), tempo: tempo, quoteWeight: head.quoteWeight,
                minerBurnFraction: head.minerBurnFraction, emissionEnabled: head.emissionEnabled, startCallBlock: head.startCallBlock,
                epochConsensus: head.epochConsensus, rootRegisteredFraction: head.rootRegisteredFraction,
                taoReservoirRao: head.taoReservoirRao, alphaReservoirRao: head.alphaReservoirRao))
        }
        guard !configurations.isEmpty else { throw value.error("at least one subnet") }
        return (.explicit(configurations), models)
    }

    static func parseGenerator(_ value: YAMLValue, context: Context) throws(ScenarioError) -> SubnetGenerator {
        let entry = try value.mapping(allowed: ["count", "first_netuid", "price", "alpha_reserve", "alpha_outstanding", "fitted_to",
                                                "miner_shares", "validator_shares", "miners", "miner_burned", "emission_disabled",
                                                "quote_weight", "null_consensus", "root_registered"],
                                      required: ["count", "price", "alpha_reserve", "alpha_outstanding", "fitted_to"])
        let count = try entry["count"]!.positive("a positive number of subnets")
        guard count <= 4_096 else { throw entry["count"]!.error("at most 4096 subnets") }
        let first = try entry["first_netuid"]?.netuid() ?? 1
        guard UInt64(first) + count - 1 <= 65_535 else { throw value.error("netuids up to 65535") }
        _ = try entry["fitted_to"]!.text("a note on the figures the generator was fitted to")
        let price = try entry["price"]!.mapping(allowed: ["median", "sum", "sigma"], required: ["median"])
        let median = try price["median"]!.real("a positive median price in TAO")
        guard median > 0, median < 1_000 else { throw price["median"]!.error("a positive median price in TAO") }
        let sum = try price["sum"]?.real("a positive sum of prices")
        let sigma = try price["sigma"]?.real("a non-negative log-normal sigma")
        guard (sum == nil) != (sigma == nil) else { throw entry["price"]!.error("exactly one of 'sum' or 'sigma' beside 'median'") }
        if let sum, sum < median * Double(count) { throw price["sum"]!.error("a sum of at least median × count (\(median * Double(count)))") }
        if let sigma, !(0...6).contains(sigma) { throw price["sigma"]!.error("a sigma from 0 to 6") }
        func spread(_ key: String, allowZero: Bool) throws(ScenarioError) -> (Double, Double) {
            let entryValue = entry[key]!
            let parts = try entryValue.mapping(allowed: ["median", "sigma"], required: ["median", "sigma"])
            let medianRao = Double(try parts["median"]!.amountRao("alpha"))
            let sigma = try parts["sigma"]!.real("a log-normal sigma from 0 to 3")
            guard (0...3).contains(sigma) else { throw parts["sigma"]!.error("a log-normal sigma from 0 to 3") }
            guard medianRao > 0 || allowZero else { throw parts["median"]!.error("a median above 0 alpha") }
            return (medianRao, sigma)
        }
        let reserve = try spread("alpha_reserve", allowZero: false)
        let outstanding = try spread("alpha_outstanding", allowZero: true)
        let (minerBurn, emissionDisabled) = try parseGeneratorHead(entry, count: count, context: context)
        var generator = SubnetGenerator(count: Int(count), firstNetuid: first, medianPrice: median, priceSum: sum, priceSigma: sigma,
                                        alphaReserveMedianRao: reserve.0, alphaReserveSigma: reserve.1,
                                        alphaOutstandingMedianRao: outstanding.0, alphaOutstandingSigma: outstanding.1,
                                        minerWeights: try weights(entry["miner_shares"], "miner"),
                                        validatorWeights: try weights(entry["validator_shares"], "validator"),
                                        minerBurn: minerBurn, emissionDisabledCount: emissionDisabled)
        try parseGeneratorParts(entry, count: count, context: context, into: &generator)
        return generator
    }

    static func parseHolders(_ value: YAMLValue?, known: Set<UInt16>) throws(ScenarioError) -> [(name: String, netuid: UInt16, alphaRao: UInt64)] {
        guard let value else { return [] }
        var result: [(name: String, netuid: UInt16, alphaRao: UInt64)] = []
        for item in try value.sequence("a list of {name, netuid, alpha}") {
            let entry = try item.mapping(allowed: ["name", "netuid", "alpha"], required: ["name", "netuid", "alpha"])
            let name = try entry["name"]!.text("a holder name")
            guard !name.isEmpty, !AlphaHolder.reservedStakerNames.contains(name) else {
                throw entry["name"]!.error("a holder name other than the reserved \(AlphaHolder.reservedStakerNames.sorted().map { "'\($0)'" }.joined(separator: " and "))")
            }
            let netuid = try entry["netuid"]!.netuid()
            guard known.contains(netuid) else { throw entry["netuid"]!.error("the netuid of a subnet in the scenario") }
            guard !result.contains(where: { $0.name == name && $0.netuid == netuid }) else { throw item.error("one position per holder and subnet") }
            result.append((name, netuid, try entry["alpha"]!.amountRao("alpha")))
        }
        return result
    }

    static func parseFlows(_ value: YAMLValue?, context: Context, known: Set<UInt16>, holders: Set<String>) throws(ScenarioError)
        -> ([FlowEvent], [SpreadUnstake], [StochasticFlow]) {
        guard let value else { return ([], [], []) }
        var events: [FlowEvent] = [], spreads: [SpreadUnstake] = [], stochastic: [StochasticFlow] = []
        for item in try value.sequence("a list of flows") {
            if case let .mapping(mapping) = item.node, mapping.keys.contains(where: { $0.string == "stochastic" }) {
                let outer = try item.mapping(allowed: ["stochastic"])
                stochastic.append(try parseStochastic(outer["stochastic"]!, context: context, known: known))
                continue
            }
            let entry = try item.mapping(allowed: ["block", "date", "netuid", "holder", "stake_tao", "unstake_alpha", "unstake_percent",
                                                   "over_days", "over_blocks", "every_blocks", "enable_emission"], required: ["netuid"])
            let block = try context.block(entry, at: item)
            let netuid = try entry["netuid"]!.netuid()
            if let enable = entry["enable_emission"] {
                try context.require(enable, .emissionSwitches)
                // It may name a subnet a registration creates during the run: checked when it happens.
                guard try enable.bool() else { throw enable.error("true (root only turns emission on)") }
                let others = entry.keys.filter { !["block", "date", "netuid", "enable_emission"].contains($0) }.sorted()
                guard others.isEmpty else { throw item.error("no \(others.joined(separator: ", ")) beside enable_emission") }
                events.append(FlowEvent(block: block, netuid: netuid, holder: "root", action: .enableEmission, source: item.path))
                continue
            }
            guard known.contains(netuid) else { throw entry["netuid"]!.error("the netuid of a subnet in the scenario") }
            let holder = try entry["holder"]?.text("a holder name") ?? AlphaHolder.others.reportName
            let actions = ["stake_tao", "unstake_alpha", "unstake_percent"].filter { entry[$0] != nil }
            guard actions.count == 1 else { throw item.error("exactly one of stake_tao, unstake_alpha, unstake_percent or enable_emission") }
            if actions[0] != "stake_tao", holder != AlphaHolder.others.reportName, !holders.contains("\(netuid)/\(holder)") {
                throw (entry["holder"] ?? item).error("a holder listed under 'holders' for subnet \(netuid), or 'others'")
            }
            let spreadKeys = ["over_days", "over_blocks", "every_blocks"].filter { entry[$0] != nil }
            switch actions[0] {
            case "stake_tao", "unstake_alpha":
                guard spreadKeys.isEmpty else { throw item.error("over_days/over_blocks/every_blocks only with unstake_percent") }
                let isStake = actions[0] == "stake_tao"
                let amount = try entry[actions[0]]!.amountRao(isStake ? "TAO" : "alpha")
                guard amount > 0 else { throw entry[actions[0]]!.error("an amount above 0") }
                events.append(FlowEvent(block: block, netuid: netuid, holder: holder,
                                        action: isStake ? .stakeTao(rao: amount) : .unstakeAlpha(rao: amount), source: item.path))
            default:
                let percentValue = entry["unstake_percent"]!
                let percent = try percentValue.nonNegativeDecimal("a percentage from 0 to 100")
                guard percent.raw.signum > 0, percent.raw <= BigInteger(100 as Int64) * FixedDecimal<Decimal18>.scale else {
                    throw percentValue.error("a percentage above 0 and at most 100")
                }
                let denominator = BigInteger(100 as Int64) * FixedDecimal<Decimal18>.scale
                if spreadKeys.isEmpty {
                    events.append(FlowEvent(block: block, netuid: netuid, holder: holder,
                                            action: .unstakeFraction(numerator: percent.raw, denominator: denominator), source: item.path))
                } else {
                    guard let every = entry["every_blocks"], (entry["over_days"] == nil) != (entry["over_blocks"] == nil) else {
                        throw item.error("every_blocks with exactly one of over_days or over_blocks")
                    }
                    let interval = try every.positive("a positive number of blocks")
                    let span: UInt64
                    if let days = entry["over_days"] {
                        let (blocks, overflow) = try days.positive("a positive number of days").multipliedReportingOverflow(by: context.clock.blocksPerDay)
                        span = overflow ? .max : blocks
                    } else {
                        span = try entry["over_blocks"]!.positive("a positive number of blocks")
                    }
                    let last = min(span >= context.endBlock - block ? context.endBlock : block + span, context.endBlock)
                    let chunks = (last - block) / interval + ((last - block) % interval == 0 ? 0 : 1)
                    guard chunks <= 1_000_000 else { throw every.error("at most 1,000,000 chunks") }
                    let blocks = Array(stride(from: block, to: last, by: Int(min(interval, UInt64(Int.max)))))
                    spreads.append(SpreadUnstake(netuid: netuid, holder: holder, numerator: percent.raw, denominator: denominator,
                                                 blocks: blocks, source: item.path))
                }
            }
        }
        return (events.sorted { $0.block < $1.block }, spreads, stochastic)
    }

    static func parseStochastic(_ value: YAMLValue, context: Context, known: Set<UInt16>) throws(ScenarioError) -> StochasticFlow {
        let entry = try value.mapping(allowed: ["netuids", "every_blocks", "mean_tao", "sd_tao", "from_block", "from_date", "to_block", "to_date"],
                                      required: ["every_blocks", "mean_tao", "sd_tao"])
        var netuids: [UInt16]?
        if let list = entry["netuids"] {
            if case .scalar = list.node {
                guard try list.text() == "all" else { throw list.error("'all' or a list of netuids") }
            } else {
                var chosen: [UInt16] = []
                for item in try list.sequence("'all' or a list of netuids") {
                    let netuid = try item.netuid()
                    guard known.contains(netuid) else { throw item.error("the netuid of a subnet in the scenario") }
                    chosen.append(netuid)
                }
                netuids = chosen
            }
        }
        let every = try entry["every_blocks"]!.positive("a positive number of blocks")
        let mean = try entry["mean_tao"]!.real("a mean net flow in TAO per event (may be negative)")
        let sd = try entry["sd_tao"]!.real("a non-negative standard deviation in TAO")
        guard sd >= 0 else { throw entry["sd_tao"]!.error("a non-negative standard deviation in TAO") }
        guard abs(mean) + 6 * sd < 1e9 else { throw value.error("flows well below 1,000,000,000 TAO per event") }
        let from = entry["from_block"] != nil || entry["from_date"] != nil
            ? try context.block(entry, at: value, blockKey: "from_block", dateKey: "from_date") : context.startBlock
        let to = entry["to_block"] != nil || entry["to_date"] != nil
            ? try context.block(entry, at: value, blockKey: "to_block", dateKey: "to_date") : context.endBlock
        guard from < to else { throw value.error("a start before the end") }
        return StochasticFlow(netuids: netuids, everyBlocks: every, meanTao: mean, sdTao: sd, fromBlock: from, toBlock: to, source: value.path)
    }
}
