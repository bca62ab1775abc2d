import FixedMath

extension Network {
    /// Gives a subnet Yuma consensus: from its next epoch on, miners and validators are paid
    /// from an epoch instead of fixed weights. The owner's hotkey gets a UID when the subnet's
    /// owner burns miner alpha (HEAD epoch code). Validators start with the permits their
    /// delegated stakes earn, as on a subnet that has been running.
    public mutating func setConsensus(netuid: UInt16, settings: ConsensusSettings) throws(NetworkError) {
        guard let index = index(of: netuid) else { throw .unknownSubnet(netuid) }
        guard !settings.validatorAlphaRao.isEmpty, settings.validatorAlphaRao.count == settings.validatorRootRao.count else {
            throw .invalidConfiguration(.subnet(netuid), "subnet \(netuid): consensus needs at least one validator, with one root stake each")
        }
        var consensus = SubnetConsensus(settings: settings, ownerBurns: subnets[index].minerBurnFraction.parts > 0, block: block)
        consensus.register(miners: subnets[index].holders.minerIDs, netuid: netuid, block: block)
        consensus.grantInitialPermits(taoWeightU64: rules.root.taoWeightU64 ?? 0, block: block)
        subnets[index].consensus = consensus
    }

    /// Pays a subnet's miners' and validators' pending alpha from a Yuma epoch (a Null epoch on a
    /// subnet with `epoch_consensus: none`) run on their sum
    /// (the chain runs it on all pending alpha but the owner cut; §2.5, §6.5). Miners are paid
    /// ⌊miners · s_j / Σs⌋ by their server emissions s (the owner UID's share is withheld and
    /// burned); validators ⌊validators · v_i / Σv⌋ by their validator emissions v; with no
    /// incentive the validators take the miners' part. What the floors leave is credited to the
    /// subnet's dust. Returns the alpha withheld from the owner's UID.
    mutating func payConsensus(at index: Int, minersRao: UInt64, validatorsRao: UInt64) throws(NetworkError) -> UInt64 {
        guard var consensus = subnets[index].consensus else { return 0 }
        let holders = subnets[index].holders
        let before = (held: holders.totalRao, dust: holders.balance(of: .dust), burned: subnets[index].alphaBurnedRao)
        consensus.register(miners: holders.minerIDs, netuid: subnets[index].netuid, block: block)
        let validators = consensus.settings.validatorAlphaRao.count
        let ownerShare = Double(subnets[index].minerBurnFraction.parts) / Double(Perquintill.accuracy)
        let input = consensus.epochInput(
            netuid: subnets[index].netuid, block: block, tempo: subnets[index].tempo ?? rules.tempo, taoWeightU64: rules.root.taoWeightU64 ?? 0,
            validatorHoldingsRao: (0..<validators).map { holders.balance(of: .validator($0)) }, ownerShare: ownerShare,
            emissionRao: minersRao &+ validatorsRao)
        let output = subnets[index].epochConsensus == .none
            ? NullEpoch.run(input, state: consensus.storage)
            : YumaEpoch.run(input, state: consensus.storage, parameters: consensus.parameters)
        consensus.finish(output, block: block)

        // Miners (and the owner's UID) by server emission.
        var paid: UInt64 = 0, withheld: UInt64 = 0
        var validatorsPart = validatorsRao
        let scored = consensus.scoredUIDs
        let serverTotal = scored.reduce(UInt128(0)) { $0 + UInt128(output.serverEmissionRao[$1]) }
        if serverTotal > 0 {
            for uid in scored where output.serverEmissionRao[uid] > 0 {
                let amount = UInt64(UInt128(minersRao) * UInt128(output.serverEmissionRao[uid]) / serverTotal)
                guard amount > 0 else { continue }
                if uid == consensus.ownerUID {
                    withheld += amount
                } else if let id = consensus.minerInUID[uid - consensus.firstMinerUID] {
                    try subnets[index].holders.credit(.miner(id), amount)
                    paid += amount
                }
                consensus.earn(uid, amount)
            }
        } else {
            validatorsPart &+= minersRao
        }
        // Validators by validator emission.
        let validatorTotal = (0..<validators).reduce(UInt128(0)) { $0 + UInt128(output.validatorEmissionRao[$1]) }
        if validatorTotal > 0 {
            for validator in 0..<validators where output.validatorEmissionRao[validator] > 0 {
                let amount = UInt64(UInt128(validatorsPart) * UInt128(output.validatorEmissionRao[validator]) / validatorTotal)
                guard amount > 0 else { continue }
                try subnets[index].holders.credit(.validator(validator), amount)
                consensus.earn(validator, amount)
                paid += amount
            }
        }
        let remainder = minersRao + validatorsRao - paid - withheld
        if remainder > 0 { try subnets[index].holders.credit(.dust, remainder) }
        subnets[index].alphaBurnedRao += withheld
        subnets[index].consensus = consensus
        if isObserving {
            // Measured on the ledger, not taken from the sums above.
            let dust = subnets[index].holders.balance(of: .dust) - before.dust
            observations.epochs.append(EpochObservation(
                netuid: subnets[index].netuid, uids: input.count, incentiveSumRaw: output.incentiveRaw.reduce(0, +),
                dividendsSumRaw: output.dividendsRaw.reduce(0, +),
                bondRangeRaw: (output.bondsRaw.values.min() ?? 0, output.bondsRaw.values.max() ?? 0),
                pendingRao: minersRao &+ validatorsRao, paidRao: subnets[index].holders.totalRao - before.held - dust,
                withheldRao: subnets[index].alphaBurnedRao - before.burned, dustRao: dust))
        }
        return withheld
    }

    /// Each subnet's per-UID rows since the previous call (which resets the earnings), for subnets
    /// with consensus.
    public mutating func takeConsensusRows() -> [ConsensusUIDRow] {
        var rows: [ConsensusUIDRow] = []
        for index in subnets.indices {
            guard var consensus = subnets[index].consensus else { continue }
            let earned = consensus.takeEarned()
            let scores = consensus.scores
            for uid in 0..<consensus.uidCount {
                let role: ConsensusUIDRow.Role
                var stake: UInt64 = 0
                if uid < consensus.roles.count {
                    role = .validator(consensus.roles[uid])
                    stake = consensus.settings.validatorAlphaRao[uid] &+ subnets[index].holders.balance(of: .validator(uid))
                } else if uid == consensus.ownerUID {
                    role = .owner
                } else if let id = consensus.minerInUID[uid - consensus.firstMinerUID] {
                    role = .miner(id)
                    stake = subnets[index].holders.balance(of: .miner(id))
                } else {
                    role = .free
                }
                func score(_ values: [UInt16]?) -> UInt16 { values.flatMap { uid < $0.count ? $0[uid] : nil } ?? 0 }
                rows.append(ConsensusUIDRow(netuid: subnets[index].netuid, uid: uid, role: role, stakeRao: stake,
                                            incentive: score(scores?.incentive), dividends: score(scores?.dividends), trust: score(scores?.trust),
                                            consensus: score(scores?.consensus), earnedRao: earned[uid]))
            }
            subnets[index].consensus = consensus
        }
        return rows
    }
}

/// One UID of a subnet with consensus at a report row.
public struct ConsensusUIDRow: Sendable, Equatable, Codable {
    /// What the UID is.
    public enum Role: Sendable, Equatable, Codable, CustomStringConvertible {
        /// A validator (UIDs 0…) and its behaviour.
        case validator(ValidatorRole)
        /// The owner's hotkey (its incentive is burned).
        case owner
        /// A miner, by id.
        case miner(Int)
        /// A slot no miner holds.
        case free

        /// `validator`, `copier`, `colluder`, `owner`, `miner` or `free`.
        public var description: String {
            switch self {
            case let .validator(role): return role == .honest ? "validator" : role.rawValue
            case .owner: return "owner"
            case .miner: return "miner"
            case .free: return "free"
            }
        }
    }

    /// The subnet.
    public let netuid: UInt16
    /// The UID.
    public let uid: Int
    /// What holds it.
    public let role: Role
    /// Alpha staked: a validator's delegated stake plus what it earned; a miner's holding (rao).
    public let stakeRao: UInt64
    /// Incentive at the last epoch, u16.
    public let incentive: UInt16
    /// Dividends at the last epoch, u16.
    public let dividends: UInt16
    /// Validator trust at the last epoch, u16.
    public let trust: UInt16
    /// Consensus at the last epoch, u16.
    public let consensus: UInt16
    /// Alpha credited since the previous row (the owner's: burned), rao.
    public let earnedRao: UInt64
}
