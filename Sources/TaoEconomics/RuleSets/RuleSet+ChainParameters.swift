import FixedMath

/// A parameter's current value in a rule set, as `dtao rules NAME` prints it.
public enum ParameterSetting: Sendable, Equatable, CustomStringConvertible {
    /// A value in the chain's unit.
    case value(ParameterValue)
    /// Unset, or a value the chain's unit cannot write (card's 18/100 owner cut): what it is.
    case other(String)

    public var description: String {
        switch self {
        case let .value(value): return value.description
        case let .other(text): return text
        }
    }
}

extension RuleSet {
    /// The chain parameters this rule set has, in catalogue order (a parameter whose part the
    /// rule set lacks, such as `tao_weight` without root dividends, is not among them).
    public var chainParameters: [ChainParameter] { ChainParameter.allCases.filter { setting(of: $0) != nil } }

    /// The parameter's value here, or nil when this rule set has no such parameter.
    public func setting(of parameter: ChainParameter) -> ParameterSetting? {
        switch parameter {
        case .blockEmission:
            return fixedBlockEmissionRao.map { .value(.integer($0)) } ?? .other("unset: the \(halving) halving function")
        case .tempo:
            return .value(.integer(tempo))
        case .subnetMovingAlpha:
            let raw = pool.ema.smoothingRawU64F64
            return raw & 0xFFFF_FFFF == 0 ? .value(.fixed(raw: raw >> 32, format: .i96f32)) : .value(.fixed(raw: raw, format: .u64f64))
        case .emaPriceHalvingBlocks:
            return pool.ema.warmUpHalvingBlocks.map { .value(.integer($0)) }
        case .taoWeight:
            return root.taoWeightU64.map { .value(.integer($0)) }
        case .subnetOwnerCut:
            switch split {
            case let .exactFraction(numerator, 65_535): return .value(.integer(numerator))
            case let .exactFraction(numerator, denominator): return .other("\(numerator)/\(denominator) of alpha_out exactly (not a u16 value)")
            case let .launchI96F32(cut), let .headU96F32(cut): return .value(.integer(cut))
            }
        case .feeRate:
            switch pool.fee {
            case let .toBlockAuthor(numerator), let .proportional(numerator, 65_535): return .value(.integer(numerator))
            case let .proportional(numerator, denominator): return .other("\(numerator)/\(denominator) of the input (not a u16 value)")
            case .none, .flatTao: return nil
            }
        case .emissionBarRank:
            return gate.map { .value(.integer(UInt64($0.barRank))) }
        case .emissionBarQuantile:
            return gate.map { .value(.fixed(raw: $0.barQuantileRaw, format: .u64f64)) }
        case .emissionGateExponent:
            return gate.map { .value(.integer(UInt64($0.exponent))) }
        case .emissionGateBar:
            return gate.map { gate in gate.initialThetaRaw.map { .value(.fixed(raw: $0, format: .u64f64)) } ?? .other("unset: computed at the first block") }
        case .networkMinLockCost:
            return .value(.integer(registration.minimumLockRao))
        case .networkLockReductionInterval:
            return .value(.integer(registration.lockReductionIntervalBlocks))
        case .networkRateLimit:
            return .value(.integer(registration.rateLimitBlocks))
        case .networkImmunityPeriod:
            return registration.subnetLimit == nil ? nil : .value(.integer(registration.immunityBlocks))
        case .subnetLimit:
            return registration.subnetLimit.map { .value(.integer(UInt64($0))) }
        case .maxEpochsPerBlock:
            return epochs.maximumPerBlock.map { .value(.integer(UInt64($0))) }
        case .rootClaimableThreshold:
            return root.keepsAlpha ? .value(.fixed(raw: rootClaimThresholdRaw, format: .i96f32)) : nil
        }
    }

    /// Why `parameter` is not one of this rule set's, for an error message.
    public func whyNot(_ parameter: ChainParameter) -> String {
        let holders = RuleSet.all.filter { $0.setting(of: parameter) != nil }.map(\.name).joined(separator: ", ")
        return "\(parameter.name) is not a parameter of \(name) (it has no \(parameter.part)); rule sets with it: \(holders)"
    }

    /// This rule set with `parameter` set to `value` (in the parameter's unit), recorded in
    /// `overrides` in catalogue order (a second setting of one parameter replaces the first, and
    /// the order overrides are given in does not matter).
    /// - Throws: `ParameterError` when the rule set has no such parameter or the value is
    ///   outside its range.
    public func setting(_ parameter: ChainParameter, to value: ParameterValue) throws(ParameterError) -> RuleSet {
        guard setting(of: parameter) != nil else { throw ParameterError(parameter: parameter, message: whyNot(parameter)) }
        try parameter.unit.check(value, for: parameter)
        var next = self
        switch (parameter, value) {
        case let (.blockEmission, .integer(rao)): next.fixedBlockEmissionRao = rao
        case let (.tempo, .integer(blocks)): next.tempo = blocks
        case let (.subnetMovingAlpha, .fixed(raw, _)):
            next.pool = pool.with(ema: EMAParameters(smoothing: FixedPoint(saturatingRaw: BigInteger(raw << 32)), capsSpotAtOne: pool.ema.capsSpotAtOne,
                                                     warmUpHalvingBlocks: pool.ema.warmUpHalvingBlocks, arithmetic: pool.ema.arithmetic))
        case let (.emaPriceHalvingBlocks, .integer(blocks)):
            next.pool = pool.with(ema: EMAParameters(smoothing: pool.ema.smoothing, capsSpotAtOne: pool.ema.capsSpotAtOne,
                                                     warmUpHalvingBlocks: blocks, arithmetic: pool.ema.arithmetic))
        case let (.taoWeight, .integer(weight)): next.root = root.with(taoWeightU64: weight)
        case let (.subnetOwnerCut, .integer(cut)):
            switch split {
            case .exactFraction: next.split = .exactFraction(ownerNumerator: cut, ownerDenominator: 65_535)
            case .launchI96F32: next.split = .launchI96F32(ownerCutU16: cut)
            case .headU96F32: next.split = .headU96F32(ownerCutU16: cut)
            }
        case let (.feeRate, .integer(rate)):
            next.pool = pool.with(fee: { if case .toBlockAuthor = pool.fee { return .toBlockAuthor(numerator: rate) } else { return .proportional(numerator: rate, denominator: 65_535) } }())
        case let (.emissionBarRank, .integer(rank)): next.gate?.barRank = UInt16(rank)
        case let (.emissionBarQuantile, .fixed(raw, _)): next.gate?.barQuantileRaw = raw
        case let (.emissionGateExponent, .integer(exponent)): next.gate?.exponent = Int(exponent)
        case let (.emissionGateBar, .fixed(raw, _)): next.gate?.initialThetaRaw = raw
        case let (.networkMinLockCost, .integer(rao)): next.registration.minimumLockRao = rao
        case let (.networkLockReductionInterval, .integer(blocks)): next.registration.lockReductionIntervalBlocks = blocks
        case let (.networkRateLimit, .integer(blocks)): next.registration.rateLimitBlocks = blocks
        case let (.networkImmunityPeriod, .integer(blocks)): next.registration.immunityBlocks = blocks
        case let (.subnetLimit, .integer(limit)): next.registration.subnetLimit = Int(limit)
        case let (.maxEpochsPerBlock, .integer(maximum)): next.epochs = epochs.with(maximumPerBlock: Int(maximum))
        case let (.rootClaimableThreshold, .fixed(raw, _)): next.rootClaimThresholdRaw = raw
        default: throw ParameterError(parameter: parameter, message: parameter.unit.expected)
        }
        next.overrides.removeAll { $0.parameter == parameter }
        next.overrides.append(ParameterOverride(parameter: parameter, value: value))
        next.overrides.sort { $0.parameter < $1.parameter }
        return next
    }

    /// This rule set with every override applied in order.
    /// - Throws: the first override that cannot be applied.
    public func setting(_ overrides: [ParameterOverride]) throws(ParameterError) -> RuleSet {
        var result = self
        for override in overrides { result = try result.setting(override.parameter, to: override.value) }
        return result
    }
}

extension ChainParameter {
    /// The rule-set part that carries the parameter.
    public var part: String {
        switch self {
        case .blockEmission: return "emission schedule"
        case .tempo, .maxEpochsPerBlock: return "epoch schedule"
        case .subnetMovingAlpha, .emaPriceHalvingBlocks: return "moving price"
        case .taoWeight: return "root dividends"
        case .subnetOwnerCut: return "owner cut"
        case .feeRate: return "proportional swap fee"
        case .emissionBarRank, .emissionBarQuantile, .emissionGateExponent, .emissionGateBar: return "emission gate"
        case .networkMinLockCost, .networkLockReductionInterval, .networkRateLimit: return "registration"
        case .networkImmunityPeriod, .subnetLimit: return "subnet limit"
        case .rootClaimableThreshold: return "root claims"
        }
    }
}

extension ParameterUnit {
    /// Checks that `value` has this unit's form and range.
    func check(_ value: ParameterValue, for parameter: ChainParameter) throws(ParameterError) {
        switch (self, value) {
        case let (.integer(_, range), .integer(number)) where range.contains(number): return
        case let (.fixed(format, _, range), .fixed(raw, given)) where format == given && raw <= UInt128(range.maximum) << format.fractionBits: return
        default: throw ParameterError(parameter: parameter, message: expected)
        }
    }
}
