import FixedMath

/// A chain parameter a rule set fixes and a scenario may override, named as the chain's storage
/// names it (snake_case of the storage item) and given in the chain's unit
/// (`rules: {base: NAME, parameters: {tao_weight: 3320413933267719290}}`).
///
/// The unit of every parameter is the chain's: integers as stored (rao, blocks, counts, u16 and
/// u64 proportions), fixed-point values as decimals converted to their format by rounding to the
/// nearest representable value, ties to even (`I96F32::from_num`, as the chain's own tests set
/// them).
public enum ChainParameter: String, Sendable, CaseIterable, Codable, Comparable {
    /// `BlockEmission`, rao per block: a fixed TAO emission instead of the halving function (the
    /// chain's tests run `run_coinbase` on a given emission). Unset: the halving function.
    case blockEmission = "block_emission"
    /// `Tempo`, blocks: the epoch period of subnets that set none.
    case tempo = "tempo"
    /// `SubnetMovingAlpha` (I96F32): α of the moving-price EMA per block.
    case subnetMovingAlpha = "subnet_moving_alpha"
    /// `EMAPriceHalvingBlocks`, blocks: h of the EMA's warm-up α·b/(b + h).
    case emaPriceHalvingBlocks = "ema_price_halving_blocks"
    /// `TaoWeight` (u64 ÷ u64::MAX): how much root stake weighs against alpha.
    case taoWeight = "tao_weight"
    /// `SubnetOwnerCut` (u16 ÷ 65535): the owner's share of alpha_out.
    case subnetOwnerCut = "subnet_owner_cut"
    /// `Swap.FeeRate` (u16 ÷ 65535): the swap fee on the input.
    case feeRate = "fee_rate"
    /// `EmissionBarRank`: the rank of the gate's bar; 0 selects the q-mass bar.
    case emissionBarRank = "emission_bar_rank"
    /// `EmissionBarQuantile` (U64F64): q of the q-mass bar.
    case emissionBarQuantile = "emission_bar_quantile"
    /// `EmissionGateExponent`: the Hill exponent h of the gate.
    case emissionGateExponent = "emission_gate_exponent"
    /// `EmissionGateBar` (U64F64): the gate's bar θ as the run starts (it is state: recomputed
    /// every 360 blocks). Unset: computed at the first block.
    case emissionGateBar = "emission_gate_bar"
    /// `NetworkMinLockCost`, rao: the smallest subnet lock.
    case networkMinLockCost = "network_min_lock_cost"
    /// `NetworkLockReductionInterval`, blocks: how fast the lock decays after a registration.
    case networkLockReductionInterval = "network_lock_reduction_interval"
    /// `NetworkRateLimit`, blocks: the least distance between two registrations.
    case networkRateLimit = "network_rate_limit"
    /// `NetworkImmunityPeriod`, blocks: how long a new subnet cannot be pruned.
    case networkImmunityPeriod = "network_immunity_period"
    /// `SubnetLimit`: the most non-root subnets.
    case subnetLimit = "subnet_limit"
    /// `MaxEpochsPerBlock`: the most epochs one block runs.
    case maxEpochsPerBlock = "max_epochs_per_block"
    /// `RootClaimableThreshold` (I96F32), alpha rao: the least root dividend a claim takes.
    case rootClaimableThreshold = "root_claimable_threshold"

    /// The parameter's scenario name.
    public var name: String { rawValue }

    public static func < (lhs: ChainParameter, rhs: ChainParameter) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The chain's storage item.
    public var storageItem: String {
        switch self {
        case .blockEmission: return "SubtensorModule.BlockEmission"
        case .tempo: return "SubtensorModule.Tempo"
        case .subnetMovingAlpha: return "SubtensorModule.SubnetMovingAlpha"
        case .emaPriceHalvingBlocks: return "SubtensorModule.EMAPriceHalvingBlocks"
        case .taoWeight: return "SubtensorModule.TaoWeight"
        case .subnetOwnerCut: return "SubtensorModule.SubnetOwnerCut"
        case .feeRate: return "Swap.FeeRate"
        case .emissionBarRank: return "SubtensorModule.EmissionBarRank"
        case .emissionBarQuantile: return "SubtensorModule.EmissionBarQuantile"
        case .emissionGateExponent: return "SubtensorModule.EmissionGateExponent"
        case .emissionGateBar: return "SubtensorModule.EmissionGateBar"
        case .networkMinLockCost: return "SubtensorModule.NetworkMinLockCost"
        case .networkLockReductionInterval: return "SubtensorModule.NetworkLockReductionInterval"
        case .networkRateLimit: return "SubtensorModule.NetworkRateLimit"
        case .networkImmunityPeriod: return "SubtensorModule.NetworkImmunityPeriod"
        case .subnetLimit: return "SubtensorModule.SubnetLimit"
        case .maxEpochsPerBlock: return "SubtensorModule.MaxEpochsPerBlock"
        case .rootClaimableThreshold: return "SubtensorModule.RootClaimableThreshold"
        }
    }

    /// How the value is written and what it means.
    public var unit: ParameterUnit {
        switch self {
        case .blockEmission: return .integer(unit: "rao per block", range: 0...Supply.capRao)
        case .tempo: return .integer(unit: "blocks", range: 0...UInt64(UInt16.max))
        case .subnetMovingAlpha: return .fixed(.i96f32, unit: "per block", range: .unitInterval)
        case .emaPriceHalvingBlocks: return .integer(unit: "blocks", range: 0...UInt64.max)
        case .taoWeight: return .integer(unit: "u64 ÷ u64::MAX (0.18 is 3320413933267719290)", range: 0...UInt64.max)
        case .subnetOwnerCut: return .integer(unit: "u16 ÷ 65535 (18% is 11796)", range: 0...UInt64(UInt16.max))
        case .feeRate: return .integer(unit: "u16 ÷ 65535 (0.05% is 33)", range: 0...10_000)
        case .emissionBarRank: return .integer(unit: "rank (0: the q-mass bar)", range: 0...UInt64(UInt16.max))
        case .emissionBarQuantile: return .fixed(.u64f64, unit: "share of the emission", range: .unitInterval)
        case .emissionGateExponent: return .integer(unit: "Hill exponent h", range: 0...16)
        case .emissionGateBar: return .fixed(.u64f64, unit: "share of the emission", range: .unitInterval)
        case .networkMinLockCost: return .integer(unit: "rao", range: 0...Supply.capRao)
        case .networkLockReductionInterval: return .integer(unit: "blocks", range: 1...UInt64.max)
        case .networkRateLimit: return .integer(unit: "blocks", range: 0...UInt64.max)
        case .networkImmunityPeriod: return .integer(unit: "blocks", range: 0...UInt64.max)
        case .subnetLimit: return .integer(unit: "subnets", range: 1...UInt64(UInt16.max))
        case .maxEpochsPerBlock: return .integer(unit: "epochs", range: 1...UInt64(UInt16.max))
        case .rootClaimableThreshold: return .fixed(.i96f32, unit: "alpha rao", range: .upTo(Supply.capRao))
        }
    }

    /// One line on what the parameter does in the engine.
    public var summary: String {
        switch self {
        case .blockEmission: return "a fixed TAO emission per block instead of the halving function (clipped at the 21,000,000 TAO cap)"
        case .tempo: return "the epoch period of subnets that set none (a subnet's own tempo: key overrides it)"
        case .subnetMovingAlpha: return "α of the moving-price EMA per block"
        case .emaPriceHalvingBlocks: return "h of the EMA's warm-up α·b/(b + h), b blocks since start_call"
        case .taoWeight: return "tw: root stake counts as tw·root TAO against a subnet's alpha issuance (root_prop, validator stake)"
        case .subnetOwnerCut: return "the owner's cut of alpha_out"
        case .feeRate: return "the swap fee on a trade's input"
        case .emissionBarRank: return "θ is the share ranked N from the largest; 0 selects the q-mass bar"
        case .emissionBarQuantile: return "q of the q-mass bar (inert while emission_bar_rank > 0)"
        case .emissionGateExponent: return "the gate's Hill exponent h"
        case .emissionGateBar: return "the gate's bar θ as the run starts (state: recomputed when block mod 360 = 0)"
        case .networkMinLockCost: return "the smallest lock a subnet registration pays"
        case .networkLockReductionInterval: return "the lock decays by ⌊last lock / interval⌋ per block after a registration"
        case .networkRateLimit: return "a registration closer than this to the last one is refused"
        case .networkImmunityPeriod: return "a subnet younger than this cannot be pruned"
        case .subnetLimit: return "the most non-root subnets; a registration beyond it prunes one"
        case .maxEpochsPerBlock: return "the most epochs a block runs; the rest are deferred a block"
        case .rootClaimableThreshold: return "a root claim waits until at least this much alpha is claimable"
        }
    }

    /// The parameter called `name` in a scenario, or nil.
    public static func named(_ name: String) -> ChainParameter? { ChainParameter(rawValue: name) }
}

/// How a parameter's value is written.
public enum ParameterUnit: Sendable, Equatable {
    /// A whole number in `range`, as the chain stores it.
    case integer(unit: String, range: ClosedRange<UInt64>)
    /// A decimal converted to a fixed-point format (nearest, ties to even).
    case fixed(FixedFormat, unit: String, range: FixedRange)

    /// The fixed-point formats parameters use.
    public enum FixedFormat: String, Sendable, Equatable, Codable {
        /// 32 fractional bits.
        case i96f32 = "I96F32"
        /// 64 fractional bits.
        case u64f64 = "U64F64"

        /// Fractional bits.
        public var fractionBits: Int { self == .i96f32 ? 32 : 64 }
    }

    /// The values a fixed-point parameter may take.
    public enum FixedRange: Sendable, Equatable {
        /// 0 to 1.
        case unitInterval
        /// 0 to this whole number.
        case upTo(UInt64)

        /// The upper bound as a whole number.
        var maximum: UInt64 {
            switch self {
            case .unitInterval: return 1
            case let .upTo(bound): return bound
            }
        }
    }

    /// What a scenario must write, for error messages.
    public var expected: String {
        switch self {
        case let .integer(unit, range): return "a whole number from \(range.lowerBound) to \(range.upperBound) (\(unit))"
        case let .fixed(format, unit, range): return "a decimal from 0 to \(range.maximum) (\(unit), converted to \(format.rawValue), nearest)"
        }
    }
}

/// A parameter's value: an integer as the chain stores it, or a fixed-point raw value.
public enum ParameterValue: Sendable, Equatable, Codable, CustomStringConvertible {
    /// A whole number in the parameter's unit.
    case integer(UInt64)
    /// A fixed-point value: raw bits and their format.
    case fixed(raw: UInt128, format: ParameterUnit.FixedFormat)

    /// The value as `rules NAME` and manifests print it: the integer, or the decimal (to 18
    /// places, exact when shorter) with its raw bits.
    public var description: String {
        switch self {
        case let .integer(value): return String(value)
        case let .fixed(raw, format): return "\(decimalText) (\(format.rawValue) raw \(raw))"
        }
    }

    /// The integer, or the fixed-point value as an exact decimal (raw / 2^bits has at most as
    /// many decimals as fractional bits).
    public var decimalText: String {
        switch self {
        case let .integer(value): return String(value)
        case let .fixed(raw, format): return DecimalText.format(numerator: BigInteger(raw), denominatorPowerOfTwo: format.fractionBits)
        }
    }
}

/// One parameter a scenario changed from its base rule set.
public struct ParameterOverride: Sendable, Equatable, Codable {
    /// The parameter.
    public let parameter: ChainParameter
    /// Its new value.
    public let value: ParameterValue

    /// An override of `parameter` with `value`.
    public init(parameter: ChainParameter, value: ParameterValue) {
        self.parameter = parameter
        self.value = value
    }
}

/// Why a parameter cannot be set.
public struct ParameterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The parameter, or nil for an unknown name.
    public let parameter: ChainParameter?
    /// What went wrong, said to a user.
    public let message: String

    public var description: String { message }
}

extension ParameterUnit {
    /// Reads `text` (a scenario's value) in this unit: digits for an integer; for a fixed-point
    /// value a plain decimal (digits, one optional point), converted to the nearest raw value,
    /// ties to even.
    /// - Throws: `ParameterError` naming what was expected.
    public func value(parsing text: String, for parameter: ChainParameter) throws(ParameterError) -> ParameterValue {
        let wrong = ParameterError(parameter: parameter, message: expected)
        switch self {
        case let .integer(_, range):
            guard !text.isEmpty, text.allSatisfy({ ("0"..."9").contains($0) }), let value = UInt64(text), range.contains(value) else { throw wrong }
            return .integer(value)
        case let .fixed(format, _, range):
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            // Digits, with at most one point between digits: `0.75`, `1`; not ``, `.5` or `5.`.
            guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { ("0"..."9").contains($0) } }),
                  let numerator = try? BigInteger(parsing: parts.joined()) else { throw wrong }
            let decimals = parts.count == 2 ? parts[1].count : 0
            // raw = value · 2^bits, rounded to nearest, ties to even, from the exact decimal.
            guard let raw = (try? numerator.shiftedLeft(by: format.fractionBits).divided(by: .power(10, decimals), rounding: .halfEven))?.uint128Value,
                  raw <= UInt128(range.maximum) << format.fractionBits else { throw wrong }
            return .fixed(raw: raw, format: format)
        }
    }
}
