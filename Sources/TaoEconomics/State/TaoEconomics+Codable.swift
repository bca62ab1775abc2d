import FixedMath

// The Codable forms of the engine's state values, for checkpoints (`Network: Codable`). Every
// amount is an exact integer; a decoded value is checked as the type's own initialiser would
// check it, and a value out of range is a `DecodingError` naming the field.

extension Perquintill: Codable {
    /// The number of 10^−18 parts, 0…10^18.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let parts = try container.decode(UInt64.self)
        guard let value = Perquintill(parts: parts) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(parts) parts is more than one whole (10^18 parts)")
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(parts)
    }
}

extension AlphaHolder: Codable {
    /// The holder's name in state files: `owner`, `miner:K`, `validator:K`, `staker:NAME`,
    /// `dust`, `protocol`, `root_claimable`, `root_stakers`.
    public var stateName: String {
        switch self {
        case .owner: return "owner"
        case let .miner(index): return "miner:\(index)"
        case let .validator(index): return "validator:\(index)"
        case let .staker(name): return "staker:\(name)"
        case .dust: return "dust"
        case .protocol: return "protocol"
        case .rootClaimable: return "root_claimable"
        case .rootStakers: return "root_stakers"
        }
    }

    /// The holder named `stateName`, or nil.
    public init?(stateName: String) {
        switch stateName {
        case "owner": self = .owner
        case "dust": self = .dust
        case "protocol": self = .protocol
        case "root_claimable": self = .rootClaimable
        case "root_stakers": self = .rootStakers
        default:
            if stateName.hasPrefix("staker:") {
                self = .staker(String(stateName.dropFirst("staker:".count)))
            } else if stateName.hasPrefix("miner:"), let index = Int(stateName.dropFirst("miner:".count)), index >= 0 {
                self = .miner(index)
            } else if stateName.hasPrefix("validator:"), let index = Int(stateName.dropFirst("validator:".count)), index >= 0 {
                self = .validator(index)
            } else {
                return nil
            }
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let name = try container.decode(String.self)
        guard let holder = AlphaHolder(stateName: name) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(name)' is not an alpha holder")
        }
        self = holder
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(stateName)
    }
}

extension AlphaHolders: Codable {
    enum CodingKeys: String, CodingKey { case balances, minerWeights, minerIDs, validatorWeights }

    /// One holder's balance in a state file.
    struct Balance: Codable {
        let holder: AlphaHolder
        let rao: UInt64
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(minerWeights: try container.decode([UInt64].self, forKey: .minerWeights),
                  validatorWeights: try container.decode([UInt64].self, forKey: .validatorWeights))
        minerIDs = try container.decode([Int].self, forKey: .minerIDs)
        guard minerIDs.count == minerWeights.count else {
            throw DecodingError.dataCorruptedError(forKey: .minerIDs, in: container, debugDescription: "one miner id per miner weight")
        }
        for balance in try container.decode([Balance].self, forKey: .balances) {
            guard (try? restore(balance.holder, balance.rao)) != nil else {
                throw DecodingError.dataCorruptedError(forKey: .balances, in: container,
                                                       debugDescription: "\(balance.holder.stateName) appears twice, or the balances pass 2^64 rao")
            }
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        // Every entry, zero balances included, in a stable order.
        let entries = self.entries.map { Balance(holder: $0.holder, rao: $0.rao) }.sorted { $0.holder.stateName < $1.holder.stateName }
        try container.encode(entries, forKey: .balances)
        try container.encode(minerWeights, forKey: .minerWeights)
        try container.encode(minerIDs, forKey: .minerIDs)
        try container.encode(validatorWeights, forKey: .validatorWeights)
    }
}

extension EmissionGate: Codable {
    enum CodingKeys: String, CodingKey { case rank, q, quantileRaw, exponent, recomputeEveryBlocks, initialThetaRaw }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let rank = try container.decode(UInt16.self, forKey: .rank)
        let quantile = try container.decodeIfPresent(UInt128.self, forKey: .quantileRaw) ?? EmissionGate.mainnetQuantileRaw
        let exponent = try container.decode(Int.self, forKey: .exponent)
        guard (0...16).contains(exponent) else {
            throw DecodingError.dataCorruptedError(forKey: .exponent, in: container, debugDescription: "an exponent from 0 to 16")
        }
        self.init(barRank: rank, barQuantileRaw: quantile, exponent: exponent,
                  recomputeEveryBlocks: try container.decode(UInt64.self, forKey: .recomputeEveryBlocks),
                  initialThetaRaw: try container.decodeIfPresent(UInt128.self, forKey: .initialThetaRaw))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(barRank, forKey: .rank)
        try container.encode(barQuantileRaw, forKey: .quantileRaw)
        try container.encode(exponent, forKey: .exponent)
        try container.encode(recomputeEveryBlocks, forKey: .recomputeEveryBlocks)
        try container.encodeIfPresent(initialThetaRaw, forKey: .initialThetaRaw)
    }
}

extension RootClaim: Codable {}
extension ArithmeticMode: Codable {}

extension CalendarDate: Codable {
    /// Decodes `YYYY-MM-DD`.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { self = try CalendarDate(parsing: text) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a date YYYY-MM-DD")
        }
    }

    /// Encodes `YYYY-MM-DD`.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension PriceRatio: Codable {
    enum CodingKeys: String, CodingKey { case taoRao, alphaRao }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(taoRao: try container.decode(BigInteger.self, forKey: .taoRao), alphaRao: try container.decode(BigInteger.self, forKey: .alphaRao))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(taoRao, forKey: .taoRao)
        try container.encode(alphaRao, forKey: .alphaRao)
    }
}
