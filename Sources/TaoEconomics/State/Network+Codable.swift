import FixedMath

/// A network's state as a checkpoint records it: everything a block depends on (the rule set by
/// name with its gate, every pool, pending amount, holder, ledger account, EMA, epoch and
/// registration counter), and nothing the checker observes between checks.
///
/// Decoding checks what the network's own operations guarantee: the rule set is known, netuids
/// are ascending and not 0, weights are within the pool's bounds, moving prices fit I96F32, and
/// every conservation law holds (`checkConservation`). A state that fails is a `DecodingError`
/// naming what is wrong.
extension Network: Codable {
    enum CodingKeys: String, CodingKey {
        case rules, mode, block, tao, subnets, lastLockRao, lastLockBlock, lastBlock, emissionTotals, rootClaim, rootClaimSlice
        case gateThetaRaw, gateMovedTaoRao, rootClaimedAlphaRao, rootClaimedTaoRao
    }

    /// The rule set a state names: a bundled rule set and the chain parameters a scenario
    /// overrode (`gate`: the gate settings of states written before parameters existed).
    struct RulesReference: Codable {
        let name: String
        var overrides: [ParameterOverride]?
        var gate: EmissionGate?

        /// The rule set it names, with its overrides.
        func ruleSet() throws(ParameterError) -> RuleSet? {
            guard let named = RuleSet.named(name) else { return nil }
            var overrides = self.overrides ?? []
            if let gate {
                overrides += [ParameterOverride(parameter: .emissionBarRank, value: .integer(UInt64(gate.barRank))),
                              ParameterOverride(parameter: .emissionBarQuantile, value: .fixed(raw: gate.barQuantileRaw, format: .u64f64)),
                              ParameterOverride(parameter: .emissionGateExponent, value: .integer(UInt64(gate.exponent)))]
            }
            return try named.setting(overrides)
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let reference = try container.decode(RulesReference.self, forKey: .rules)
        let named: RuleSet?
        do { named = try reference.ruleSet() } catch {
            throw DecodingError.dataCorruptedError(forKey: .rules, in: container, debugDescription: "the rule set's overrides: \(error.message)")
        }
        guard let named else {
            throw DecodingError.dataCorruptedError(forKey: .rules, in: container,
                debugDescription: "'\(reference.name)' is not a rule set of this engine (\(RuleSet.all.map(\.name).joined(separator: ", ")))")
        }
        rules = named
        mode = try container.decode(ArithmeticMode.self, forKey: .mode)
        block = try container.decode(UInt64.self, forKey: .block)
        tao = try container.decode(TaoLedger.self, forKey: .tao)
        subnets = try container.decode([SubnetState].self, forKey: .subnets)
        lastLockRao = try container.decode(UInt64.self, forKey: .lastLockRao)
        lastLockBlock = try container.decodeIfPresent(UInt64.self, forKey: .lastLockBlock)
        lastBlock = try container.decodeIfPresent(BlockSummary.self, forKey: .lastBlock)
        emissionTotals = try container.decode(EmissionTotals.self, forKey: .emissionTotals)
        rootClaim = try container.decode(RootClaim.self, forKey: .rootClaim)
        rootClaimSlice = try container.decode(Perquintill.self, forKey: .rootClaimSlice)
        gateThetaRaw = try container.decodeIfPresent(UInt128.self, forKey: .gateThetaRaw)
        gateMovedTaoRao = try container.decode(UInt64.self, forKey: .gateMovedTaoRao)
        rootClaimedAlphaRao = try container.decode(UInt64.self, forKey: .rootClaimedAlphaRao)
        rootClaimedTaoRao = try container.decode(UInt64.self, forKey: .rootClaimedTaoRao)
        if let problem = restoredProblem() {
            throw DecodingError.dataCorruptedError(forKey: .subnets, in: container, debugDescription: problem)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(RulesReference(name: rules.name, overrides: rules.overrides.isEmpty ? nil : rules.overrides), forKey: .rules)
        try container.encode(mode, forKey: .mode)
        try container.encode(block, forKey: .block)
        try container.encode(tao, forKey: .tao)
        try container.encode(subnets, forKey: .subnets)
        try container.encode(lastLockRao, forKey: .lastLockRao)
        try container.encodeIfPresent(lastLockBlock, forKey: .lastLockBlock)
        try container.encodeIfPresent(lastBlock, forKey: .lastBlock)
        try container.encode(emissionTotals, forKey: .emissionTotals)
        try container.encode(rootClaim, forKey: .rootClaim)
        try container.encode(rootClaimSlice, forKey: .rootClaimSlice)
        try container.encodeIfPresent(gateThetaRaw, forKey: .gateThetaRaw)
        try container.encode(gateMovedTaoRao, forKey: .gateMovedTaoRao)
        try container.encode(rootClaimedAlphaRao, forKey: .rootClaimedAlphaRao)
        try container.encode(rootClaimedTaoRao, forKey: .rootClaimedTaoRao)
    }

    /// What a restored network breaks of what the engine's own operations keep, or nil.
    func restoredProblem() -> String? {
        var previous: UInt16 = 0
        for subnet in subnets {
            guard subnet.netuid > previous else { return "netuids must be ascending and above 0 (subnet \(subnet.netuid) after \(previous))" }
            previous = subnet.netuid
            if let weight = subnet.pool.quoteWeight, !BalancerMath.isValid(quoteWeight: weight) {
                return "subnet \(subnet.netuid): a quote weight of \(weight) is outside [0.01, 0.99]"
            }
            if subnet.pool.emaPriceRaw >> 127 != 0 { return "subnet \(subnet.netuid): the moving price does not fit I96F32" }
        }
        if let violation = checkConservation().first { return "the ledger does not balance: \(violation)" }
        return nil
    }
}
