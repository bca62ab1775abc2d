import FixedMath
import TaoEconomics

/// The scenario keys of the HEAD rule sets: a subnet's weighted pool, miner burn, emission and
/// start call, and the emission gate.
extension ScenarioParser {
    /// A subnet's HEAD settings (`quote_weight` or `price`, `miner_burned`, `emission_enabled`,
    /// `started_at`, `epoch_consensus`, `root_registered_fraction`, `tao_reservoir`,
    /// `alpha_reservoir`).
    struct HeadSubnetSettings {
        var quoteWeight: Perquintill?
        var minerBurnFraction: Perquintill = .zero
        var emissionEnabled = true
        var startCallBlock: UInt64?
        var epochConsensus = EpochConsensus.yuma
        var rootRegisteredFraction = Perquintill.one
        var taoReservoirRao: UInt64 = 0
        var alphaReservoirRao: UInt64 = 0
    }

    /// Each HEAD subnet key and the part it needs.
    static let headSubnetParts: [(key: String, part: ScenarioPart)] = [
        ("quote_weight", .weightedPools), ("price", .weightedPools), ("miner_burned", .minerBurn), ("emission_enabled", .emissionSwitches),
        ("started_at", .startCall), ("epoch_consensus", .nullEpochs), ("root_registered_fraction", .rootBaskets),
        ("tao_reservoir", .reservoirs), ("alpha_reservoir", .reservoirs),
    ]

    static var headSubnetKeys: [String] { headSubnetParts.map(\.key) }

    static func parseHeadSettings(_ entry: [String: YAMLValue], at item: YAMLValue, taoRao: UInt64, alphaRao: UInt64,
                                  registeredAt: UInt64, context: Context) throws(ScenarioError) -> HeadSubnetSettings {
        var settings = HeadSubnetSettings()
        for (key, part) in headSubnetParts { if let value = entry[key] { try context.require(value, part) } }
        switch (entry["quote_weight"], entry["price"]) {
        case (_?, _?): throw item.error("at most one of quote_weight or price (the price sets the weight)")
        case let (weight?, nil):
            settings.quoteWeight = try quoteWeight(weight)
        case let (nil, price?):
            let expected = "a positive price in TAO per alpha that a quote weight in [0.01, 0.99] can give these reserves (w2 = y / (p·x + y))"
            let decimal = try price.nonNegativeDecimal(expected)
            // U64F64, floored: ⌊p · 2^64⌋ from the exact decimal.
            guard decimal.raw.signum > 0,
                  let raw = (try? decimal.raw.shiftedLeft(by: 64).divided(by: FixedDecimal<Decimal18>.scale, rounding: .floor))?.uint128Value,
                  let weight = BalancerMath.initialQuoteWeight(price: raw, taoReserveRao: taoRao, alphaReserveRao: alphaRao)
            else { throw price.error(expected) }
            settings.quoteWeight = weight
        case (nil, nil): break
        }
        if let value = entry["miner_burned"] { settings.minerBurnFraction = try fraction(value, "a fraction of the miners' alpha from 0 to 1") }
        if let value = entry["emission_enabled"] { settings.emissionEnabled = try value.bool() }
        if let value = entry["started_at"] {
            let block = try value.unsigned("the block of the subnet's start_call")
            guard block >= registeredAt else { throw value.error("a block at or after registered_at (\(registeredAt))") }
            settings.startCallBlock = block
        }
        if let value = entry["epoch_consensus"] {
            settings.epochConsensus = try value.choice("yuma or none (the chain's Null consensus)", EpochConsensus.init(rawValue:))
        }
        if let value = entry["root_registered_fraction"] {
            settings.rootRegisteredFraction = try fraction(value, "the share of the validators' root stake registered on root, from 0 to 1")
        }
        if let value = entry["tao_reservoir"] { settings.taoReservoirRao = try value.amountRao("TAO") }
        if let value = entry["alpha_reservoir"] { settings.alphaReservoirRao = try value.amountRao("alpha") }
        return settings
    }

    /// A quote weight with at most 18 decimals in [0.01, 0.99].
    static func quoteWeight(_ value: YAMLValue) throws(ScenarioError) -> Perquintill {
        let expected = "a quote (TAO) weight from 0.01 to 0.99 with at most 18 decimals"
        guard let weight = Perquintill(parsing: try value.text(expected)), BalancerMath.isValid(quoteWeight: weight) else {
            throw value.error(expected)
        }
        return weight
    }

    /// A decimal from 0 to 1 with at most 18 decimals, exactly.
    static func fraction(_ value: YAMLValue, _ expected: String) throws(ScenarioError) -> Perquintill {
        guard let fraction = Perquintill(parsing: try value.text(expected)) else { throw value.error(expected) }
        return fraction
    }

    /// The generator's `quote_weight: {subnets: N, min: a, max: b}`, `null_consensus: N` and
    /// `root_registered: {subnets: N, fraction: x}`.
    static func parseGeneratorParts(_ entry: [String: YAMLValue], count: UInt64, context: Context, into generator: inout SubnetGenerator) throws(ScenarioError) {
        func subnets(_ value: YAMLValue, _ what: String) throws(ScenarioError) -> Int {
            let number = try value.unsigned("a number of subnets \(what)")
            guard number <= count else { throw value.error("at most the \(count) subnets generated") }
            return Int(number)
        }
        if let value = entry["quote_weight"] {
            try context.require(value, .weightedPools)
            let spec = try value.mapping(allowed: ["subnets", "min", "max", "alpha_reservoir"], required: ["subnets", "min", "max"])
            let low = try quoteWeight(spec["min"]!), high = try quoteWeight(spec["max"]!)
            guard low <= high else { throw value.error("min at most max") }
            if let reservoir = spec["alpha_reservoir"] { try context.require(reservoir, .reservoirs) }
            generator.skewedWeights = SubnetGenerator.Skew(subnets: try subnets(spec["subnets"]!, "starting away from quote weight 0.5"), minimum: low, maximum: high,
                                                           alphaReservoirRao: try spec["alpha_reservoir"]?.amountRao("alpha") ?? 0)
        }
        if let value = entry["null_consensus"] {
            try context.require(value, .nullEpochs)
            generator.nullConsensusCount = try subnets(value, "on the Null consensus")
        }
        if let value = entry["root_registered"] {
            try context.require(value, .rootBaskets)
            let spec = try value.mapping(allowed: ["subnets", "fraction"], required: ["subnets", "fraction"])
            generator.rootUnregistered = SubnetGenerator.RootRegistration(
                subnets: try subnets(spec["subnets"]!, "with part of their validators' root stake off root"),
                fraction: try fraction(spec["fraction"]!, "the share of the validators' root stake registered on root, from 0 to 1"))
        }
    }

    /// The generator's `miner_burned: {subnets: N, min: a, max: b}` and `emission_disabled: N`.
    static func parseGeneratorHead(_ entry: [String: YAMLValue], count: UInt64, context: Context) throws(ScenarioError) -> (SubnetGenerator.MinerBurn?, Int) {
        var burn: SubnetGenerator.MinerBurn?
        if let value = entry["miner_burned"] { try context.require(value, .minerBurn) }
        if let value = entry["emission_disabled"] { try context.require(value, .emissionSwitches) }
        if let value = entry["miner_burned"] {
            let spec = try value.mapping(allowed: ["subnets", "min", "max"], required: ["subnets", "min", "max"])
            let subnets = try spec["subnets"]!.unsigned("a number of subnets that withhold miner emission")
            guard subnets <= count else { throw spec["subnets"]!.error("at most the \(count) subnets generated") }
            let low = try fraction(spec["min"]!, "a fraction from 0 to 1")
            let high = try fraction(spec["max"]!, "a fraction from 0 to 1")
            guard low <= high else { throw value.error("min at most max") }
            burn = SubnetGenerator.MinerBurn(subnets: Int(subnets), minimum: low, maximum: high)
        }
        var disabled = 0
        if let value = entry["emission_disabled"] {
            let number = try value.unsigned("a number of subnets with emission disabled (the lowest-priced)")
            guard number < count else { throw value.error("fewer than the \(count) subnets generated") }
            disabled = Int(number)
        }
        return (burn, disabled)
    }
}

extension ScenarioParser {
    /// The snapshot `subnets: {snapshot: FILE, …}` names (relative paths from the scenario's
    /// folder), or nil when the subnets come from elsewhere.
    static func snapshotSource(_ value: YAMLValue, directory: String) throws(ScenarioError) -> Snapshot? {
        guard case let .mapping(mapping) = value.node, mapping.keys.contains(where: { $0.string == "snapshot" }) else { return nil }
        let entry = try value.mapping(allowed: ["snapshot", "netuids"], required: ["snapshot"])
        let name = try entry["snapshot"]!.text("a path to a snapshot file")
        let path = name.hasPrefix("/") ? name : (directory == "" || directory == "." ? name : directory + "/" + name)
        return try SnapshotReader.read(path: path)
    }
}

/// A rule-set part a scenario key needs; a key whose part the scenario's rule set lacks is refused.
enum ScenarioPart: String {
    case weightedPools = "weighted pools"
    case minerBurn = "miner-burn weighted shares"
    case emissionSwitches = "emission switches"
    case startCall = "start calls"
    case rootClaims = "claimable root dividends"
    case rootBaskets = "root-registered baskets"
    case nullEpochs = "Null epochs"
    case reservoirs = "reservoirs"

    /// Whether `rules` has the part.
    func isIn(_ rules: RuleSet) -> Bool {
        switch self {
        case .weightedPools: if case .weighted = rules.pool.curve { return true } else { return false }
        case .minerBurn, .emissionSwitches: return rules.shares.weighsMinerBurnAndEmissionSwitch
        case .startCall: return rules.registration.activation == .startCallNextBlockEmissionOff
        case .rootClaims: return rules.root.keepsAlpha
        case .rootBaskets: if case .rootRegisteredBaskets = rules.root { return true } else { return false }
        case .nullEpochs: return rules.consensus.nullEpochs
        case .reservoirs: return rules.reservoirs == .park
        }
    }
}
