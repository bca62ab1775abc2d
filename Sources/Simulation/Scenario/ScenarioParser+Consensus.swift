import TaoEconomics

/// Which subnets a scenario's Yuma consensus applies to.
public struct ScenarioConsensus: Sendable, Equatable {
    /// One `consensus:` entry: the settings (validators' alpha empty when `auto`) and the
    /// validators' stake weights by rank.
    public struct Entry: Sendable, Equatable {
        /// The parsed settings.
        public var settings: ConsensusSettings
        /// Each validator's share of the delegated stake (by rank).
        public var stakeWeights: [UInt64]
    }

    /// The top-level `consensus:`: every subnet the run starts with, unless it sets its own.
    public var all: Entry?
    /// Per-subnet `consensus:` entries (explicit subnets).
    public var bySubnet: [UInt16: Entry] = [:]

    /// No consensus anywhere.
    public init(all: Entry? = nil, bySubnet: [UInt16: Entry] = [:]) {
        self.all = all
        self.bySubnet = bySubnet
    }

    /// The settings for a starting subnet whose outstanding alpha is `outstandingRao`, with the
    /// run's seed: validators' alpha given as `auto` is that outstanding alpha (on the chain
    /// nearly all of it is staked to validators), split by rank.
    public func settings(for netuid: UInt16, outstandingRao: UInt64, seed: UInt64) -> ConsensusSettings? {
        guard let entry = bySubnet[netuid] ?? all else { return nil }
        var settings = entry.settings
        if settings.validatorAlphaRao.isEmpty {
            settings.validatorAlphaRao = LargestRemainder.split(outstandingRao, among: entry.stakeWeights)
        }
        settings.seed = seed
        return settings
    }

    /// Whether any subnet has consensus.
    public var isOn: Bool { all != nil || !bySubnet.isEmpty }
}

extension ScenarioParser {
    static let consensusKeys = ["mechanism", "rules", "validators", "weights", "kappa", "bonds_moving_average", "bonds_penalty", "liquid_alpha",
                                "max_allowed_validators"]

    /// A `consensus:` entry (Scenarios/README.md): `yuma` or `yuma3` alone (every default), or a
    /// mapping with the mechanism, the validators' stakes, the weight behaviour and optional
    /// §7.5 hyperparameters (HEAD's defaults otherwise). The seed is the run's, set when the run
    /// starts; validators' alpha `auto` (the default) is the subnet's outstanding alpha then.
    static func parseConsensus(_ value: YAMLValue) throws(ScenarioError) -> ScenarioConsensus.Entry {
        if case .scalar = value.node {
            let mechanism = try value.choice("yuma, yuma3, or a mapping {mechanism, validators, weights, ...}", YumaMechanism.init(rawValue:))
            let weights = MinerDistribution.powerLaw(exponent: 1).weights(count: 64)
            return ScenarioConsensus.Entry(settings: ConsensusSettings(parameters: YumaParameters(mechanism: mechanism), validatorAlphaRao: [],
                                                                       validatorRootRao: Array(repeating: 0, count: 64), behaviour: WeightBehaviour(), seed: 0),
                                           stakeWeights: weights)
        }
        let entry = try value.mapping(allowed: consensusKeys, required: ["mechanism"])
        let parameters = try YumaKeys.parameters(entry)

        let validators = try entry["validators"]?.mapping(allowed: ["count", "alpha", "root_tao", "exponent"]) ?? [:]
        let count = try validators["count"]?.positive("a positive number of validators") ?? 64
        guard count <= 4_096 else { throw validators["count"]!.error("at most 4096 validators") }
        var alpha: UInt64?
        if let value = validators["alpha"], (try? value.text()) != "auto" { alpha = try value.amountRao("alpha") }
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
            favouredMiners: Int(clamping: try behaviourEntry["favoured_miners"]?.unsigned("a number of miners") ?? 0))

        let settings = ConsensusSettings(parameters: parameters, validatorAlphaRao: alpha.map { LargestRemainder.split($0, among: weights) } ?? [],
                                         validatorRootRao: LargestRemainder.split(root, among: weights), behaviour: behaviour, seed: 0)
        return ScenarioConsensus.Entry(settings: settings, stakeWeights: weights)
    }
}
