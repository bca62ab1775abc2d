import TaoEconomics

/// The scenario's rule set: `rules: NAME`, or `rules: {base: NAME, parameters: {...}}` with chain
/// parameters by their storage names, and the `gate:` keys, which are aliases of the
/// `emission_*` parameters.
extension ScenarioParser {
    /// The rule set `rules:` (default `card`) and `gate:` describe, with every override applied.
    static func parseRules(_ value: YAMLValue?, gate: YAMLValue?) throws(ScenarioError) -> RuleSet {
        var rules = RuleSet.card
        var given: [(ChainParameter, ParameterValue, YAMLValue)] = []
        if let value {
            let name: YAMLValue
            if case .mapping = value.node {
                let entry = try value.mapping(allowed: ["base", "parameters"], required: ["base"])
                name = entry["base"]!
                for (key, item) in try entry["parameters"]?.entries("a mapping of chain parameters to values, e.g. {tao_weight: 0}") ?? [:] {
                    guard let parameter = ChainParameter.named(key) else {
                        throw item.error("one of the chain parameters \(ChainParameter.allCases.map(\.name).joined(separator: ", "))", value: key)
                    }
                    given.append((parameter, try parameterValue(item, parameter), item))
                }
            } else {
                name = value
            }
            let text = try name.text("a rule set name")
            guard let named = RuleSet.named(text) else { throw name.error("one of the rule sets \(RuleSet.all.map(\.name).joined(separator: ", "))") }
            rules = named
        }
        if let gate {
            guard rules.gate != nil else {
                throw gate.error("a rule set with the emission gate (\(RuleSet.all.filter { $0.gate != nil }.map(\.name).joined(separator: ", "))) for gate settings")
            }
            for alias in try gateAliases(gate) {
                if let clash = given.first(where: { $0.0 == alias.0 }) {
                    throw clash.2.error("either \(alias.2.path) or \(clash.2.path) (one is an alias of the other), not both")
                }
                given.append(alias)
            }
        }
        for (parameter, parameterValue, item) in given.sorted(by: { $0.0 < $1.0 }) {
            do { rules = try rules.setting(parameter, to: parameterValue) } catch { throw item.error(error.message) }
        }
        return rules
    }

    /// A parameter's value from its scenario text, in the parameter's unit.
    static func parameterValue(_ item: YAMLValue, _ parameter: ChainParameter) throws(ScenarioError) -> ParameterValue {
        let text = try item.text(parameter.unit.expected)
        do { return try parameter.unit.value(parsing: text, for: parameter) } catch { throw item.error(error.message) }
    }

    /// `gate: {rank: N | q: X, exponent: h, theta: X | theta_raw: N}` as the parameters they stand
    /// for: rank → `emission_bar_rank` (1 or more); q → `emission_bar_quantile` with
    /// `emission_bar_rank` 0; exponent → `emission_gate_exponent`; theta (a share) or theta_raw
    /// (its U64F64 bits) → `emission_gate_bar`.
    static func gateAliases(_ value: YAMLValue) throws(ScenarioError) -> [(ChainParameter, ParameterValue, YAMLValue)] {
        let entry = try value.mapping(allowed: ["rank", "q", "exponent", "theta", "theta_raw"])
        guard !entry.isEmpty else { throw value.error("at least one of rank, q, exponent, theta or theta_raw") }
        var aliases: [(ChainParameter, ParameterValue, YAMLValue)] = []
        switch (entry["rank"], entry["q"]) {
        case (_?, _?): throw value.error("at most one of rank or q")
        case let (rank?, nil):
            let count = try rank.positive("a rank from 1 to 65535 (θ is the rank-th largest share)")
            guard count <= UInt64(UInt16.max) else { throw rank.error("a rank from 1 to 65535 (θ is the rank-th largest share)") }
            aliases.append((.emissionBarRank, .integer(count), rank))
        case let (nil, q?):
            let quantile = try parameterValue(q, .emissionBarQuantile)
            guard quantile != .fixed(raw: 0, format: .u64f64) else { throw q.error("a share mass q above 0 and at most 1") }
            aliases.append((.emissionBarRank, .integer(0), q))
            aliases.append((.emissionBarQuantile, quantile, q))
        case (nil, nil): break
        }
        if let exponent = entry["exponent"] { aliases.append((.emissionGateExponent, try parameterValue(exponent, .emissionGateExponent), exponent)) }
        switch (entry["theta"], entry["theta_raw"]) {
        case (_?, _?): throw value.error("at most one of theta or theta_raw")
        case let (theta?, nil): aliases.append((.emissionGateBar, try parameterValue(theta, .emissionGateBar), theta))
        case let (nil, raw?):
            let bits = try raw.text("the bar's raw U64F64 bits, a whole number from 0 to 2^64")
            guard let number = UInt128(bits), number <= 1 << 64 else { throw raw.error("the bar's raw U64F64 bits, a whole number from 0 to 2^64") }
            aliases.append((.emissionGateBar, .fixed(raw: number, format: .u64f64), raw))
        case (nil, nil): break
        }
        return aliases
    }
}

extension Scenario {
    /// Replaces the rule set by `base` with this scenario's parameter overrides (`--rules`).
    /// - Throws: a `ScenarioError` naming an override `base` does not have.
    public mutating func rebase(on base: RuleSet) throws(ScenarioError) {
        do { rules = try base.base.setting(rules.overrides) } catch {
            throw ScenarioError(file: file, keyPath: ScenarioKeyPath().appending(key: "rules").appending(key: "parameters").appending(key: error.parameter?.name ?? ""),
                                line: nil, value: base.name, expected: "a rule set with this parameter, for --rules: \(error.message)")
        }
    }
}
