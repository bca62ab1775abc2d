import FixedMath
import TaoEconomics

/// The scenario keys of the HEAD rule sets: a subnet's weighted pool, miner burn, emission and
/// start call, and the emission gate.
extension ScenarioParser {
    /// A subnet's HEAD settings (`quote_weight` or `price`, `miner_burned`, `emission_enabled`,
    /// `started_at`).
    struct HeadSubnetSettings {
        var quoteWeight: Perquintill?
        var minerBurnFraction: Perquintill = .zero
        var emissionEnabled = true
        var startCallBlock: UInt64?
    }

    static let headSubnetKeys = ["quote_weight", "price", "miner_burned", "emission_enabled", "started_at"]

    static func parseHeadSettings(_ entry: [String: YAMLValue], at item: YAMLValue, taoRao: UInt64, alphaRao: UInt64,
                                  registeredAt: UInt64, context: Context) throws(ScenarioError) -> HeadSubnetSettings {
        var settings = HeadSubnetSettings()
        for key in headSubnetKeys { if let value = entry[key] { try context.requireHead(value) } }
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

    /// `gate: {rank: N | q: X, exponent: h}`.
    static func parseGate(_ value: YAMLValue) throws(ScenarioError) -> GateSettings {
        let entry = try value.mapping(allowed: ["rank", "q", "exponent"])
        guard !entry.isEmpty else { throw value.error("at least one of rank, q or exponent") }
        var bar: EmissionGate.Bar?
        switch (entry["rank"], entry["q"]) {
        case (_?, _?): throw value.error("at most one of rank or q")
        case let (rank?, nil):
            let count = try rank.positive("a rank from 1 to 4096 (θ is the rank-th largest share)")
            guard count <= 4_096 else { throw rank.error("a rank from 1 to 4096 (θ is the rank-th largest share)") }
            bar = .rank(Int(count))
        case let (nil, q?):
            let mass = try fraction(q, "a share mass q above 0 and at most 1")
            guard mass.parts > 0 else { throw q.error("a share mass q above 0 and at most 1") }
            bar = .mass(mass)
        case (nil, nil): break
        }
        var exponent: Int?
        if let value = entry["exponent"] {
            let h = try value.positive("a whole Hill exponent from 1 to 8")
            guard h <= 8 else { throw value.error("a whole Hill exponent from 1 to 8") }
            exponent = Int(h)
        }
        return GateSettings(bar: bar, exponent: exponent, source: value.path)
    }

    /// The generator's `miner_burned: {subnets: N, min: a, max: b}` and `emission_disabled: N`.
    static func parseGeneratorHead(_ entry: [String: YAMLValue], count: UInt64, context: Context) throws(ScenarioError) -> (SubnetGenerator.MinerBurn?, Int) {
        var burn: SubnetGenerator.MinerBurn?
        for key in ["miner_burned", "emission_disabled"] { if let value = entry[key] { try context.requireHead(value) } }
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
