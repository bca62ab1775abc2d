import TaoEconomics

/// Which subnets a scenario's Yuma consensus applies to.
public struct ScenarioConsensus: Sendable, Equatable {
    /// The top-level `consensus:`: every subnet the run starts with, unless it sets its own.
    public var all: ConsensusSettings?
    /// Per-subnet `consensus:` entries (explicit subnets).
    public var bySubnet: [UInt16: ConsensusSettings] = [:]

    /// No consensus anywhere.
    public init(all: ConsensusSettings? = nil, bySubnet: [UInt16: ConsensusSettings] = [:]) {
        self.all = all
        self.bySubnet = bySubnet
    }

    /// The settings for a starting subnet, if any.
    public func settings(for netuid: UInt16) -> ConsensusSettings? { bySubnet[netuid] ?? all }

    /// Whether any subnet has consensus.
    public var isOn: Bool { all != nil || !bySubnet.isEmpty }
}

extension ScenarioParser {
    static let consensusKeys = ["mechanism", "rules", "validators", "weights", "kappa", "bonds_moving_average", "bonds_penalty", "liquid_alpha",
                                "max_allowed_validators"]

    /// A `consensus:` mapping (docs/yuma.md): the mechanism, the validators' stakes, the weight
    /// behaviour and optional §7.5 hyperparameters (HEAD's defaults otherwise). The seed is the
    /// run's, set when the run starts.
    static func parseConsensus(_ value: YAMLValue) throws(ScenarioError) -> ConsensusSettings {
        let entry = try value.mapping(allowed: consensusKeys, required: ["mechanism", "validators"])
        let mechanism = try entry["mechanism"]!.choice("yuma or yuma3", YumaMechanism.init(rawValue:))
        let code = try entry["rules"].map { v throws(ScenarioError) in try v.choice("head or launch (the epoch code)", EpochCode.init(rawValue:)) } ?? .head
        if mechanism == .yuma3, code == .launch { throw entry["rules"]!.error("head: Yuma3 exists only in HEAD's epoch", value: "launch") }

        let validators = try entry["validators"]!.mapping(allowed: ["count", "alpha", "root_tao", "exponent"], required: ["count", "alpha"])
        let count = try validators["count"]!.positive("a positive number of validators")
        guard count <= 4_096 else { throw validators["count"]!.error("at most 4096 validators") }
        let alpha = try validators["alpha"]!.amountRao("alpha")
        let root = try validators["root_tao"]?.amountRao("TAO") ?? 0
        let exponent = try validators["exponent"]?.real("a stake exponent from 0 to 4") ?? 1
        guard (0...4).contains(exponent) else { throw validators["exponent"]!.error("a stake exponent from 0 to 4") }
        let weights = exponent == 0 ? MinerDistribution.equal.weights(count: Int(count)) : MinerDistribution.powerLaw(exponent: exponent).weights(count: Int(count))

        let behaviourEntry = try entry["weights"]?.mapping(allowed: ["quality_sigma", "drift", "noise", "exponent", "copiers", "colluders", "favoured_miners"]) ?? [:]
        func real(_ key: String, _ range: ClosedRange<Double>, _ fallback: Double) throws(ScenarioError) -> Double {
            guard let v = behaviourEntry[key] else { return fallback }
            let x = try v.real("a number from \(range.lowerBound) to \(range.upperBound)")
            guard range.contains(x) else { throw v.error("a number from \(range.lowerBound) to \(range.upperBound)") }
            return x
        }
        let copiers = try real("copiers", 0...1, 0), colluders = try real("colluders", 0...1, 0)
        guard copiers + colluders <= 1 else { throw entry["weights"]!.error("copiers + colluders of at most 1 (shares of validator stake)") }
        let behaviour = WeightBehaviour(
            qualitySigma: try real("quality_sigma", 0...3, 0.5), drift: try real("drift", 0...1, 0), noise: try real("noise", 0...3, 0.2), exponent: try real("exponent", 0...16, 1),
            copierStakeShare: copiers, colluderStakeShare: colluders,
            favouredMiners: Int(try behaviourEntry["favoured_miners"]?.unsigned("a number of miners") ?? 0))

        let liquid: LiquidAlpha? = try entry["liquid_alpha"].flatMap { v throws(ScenarioError) -> LiquidAlpha? in
            if v.isNull { return nil }
            let keys = try v.mapping(allowed: ["alpha_low", "alpha_high", "steepness"], required: ["alpha_low", "alpha_high"])
            let low = try keys["alpha_low"]!.u16(), high = try keys["alpha_high"]!.u16()
            guard low <= high else { throw keys["alpha_low"]!.error("at most alpha_high (\(high))") }
            let steepness = try keys["steepness"].map { s throws(ScenarioError) -> Int16 in
                guard let value = Int16(try s.text("an i16")) else { throw s.error("an integer from -32768 to 32767") }
                return value
            } ?? 1_000
            return LiquidAlpha(alphaLow: low, alphaHigh: high, steepness: steepness)
        }
        let average = try entry["bonds_moving_average"]?.unsigned("millionths from 0 to 1000000") ?? 900_000
        guard average <= 1_000_000 else { throw entry["bonds_moving_average"]!.error("millionths from 0 to 1000000") }
        let parameters = YumaParameters(
            mechanism: mechanism, code: code, kappa: try entry["kappa"]?.u16() ?? 32_767, bondsMovingAverage: average,
            bondsPenalty: try entry["bonds_penalty"]?.u16(), liquidAlpha: liquid,
            maxAllowedValidators: Int(try entry["max_allowed_validators"]?.unsigned("a number of permits") ?? 64))
        return ConsensusSettings(parameters: parameters, validatorAlphaRao: LargestRemainder.split(alpha, among: weights),
                                 validatorRootRao: LargestRemainder.split(root, among: weights), behaviour: behaviour, seed: 0)
    }
}
