import FixedMath

/// A subnet as a run starts with it.
public struct SubnetConfiguration: Sendable, Equatable {
    /// The subnet's netuid (1…65535).
    public var netuid: UInt16
    /// TAO in the pool, rao.
    public var taoReserveRao: UInt64
    /// Alpha in the pool, alpha rao.
    public var alphaReserveRao: UInt64
    /// Alpha held by participants, alpha rao.
    public var alphaOutstandingRao: UInt64
    /// nil: the rule set's default (`InitialMovingPrice`).
    public var emaPrice: FixedPoint<I96F32>?
    /// The block it registered at (pruning immunity counts from it).
    public var registeredAtBlock: UInt64
    /// Fixed payout weights (equal by default: one miner, one validator).
    public var minerWeights: [UInt64]
    /// Fixed payout weights of the validators (equal by default).
    public var validatorWeights: [UInt64]
    /// Named holders of the starting outstanding alpha; the rest is held by "others".
    public var holders: [(name: String, alphaRao: UInt64)]
    /// The subnet's own tempo (epoch every tempo + 1 blocks); nil for the rule set's.
    public var tempo: UInt64?

    /// A subnet configuration; see the properties.
    public init(netuid: UInt16, taoReserveRao: UInt64, alphaReserveRao: UInt64, alphaOutstandingRao: UInt64,
                emaPrice: FixedPoint<I96F32>? = nil, registeredAtBlock: UInt64 = 0, minerWeights: [UInt64] = [1],
                validatorWeights: [UInt64] = [1], holders: [(name: String, alphaRao: UInt64)] = [], tempo: UInt64? = nil) {
        self.netuid = netuid
        self.taoReserveRao = taoReserveRao
        self.alphaReserveRao = alphaReserveRao
        self.alphaOutstandingRao = alphaOutstandingRao
        self.emaPrice = emaPrice
        self.registeredAtBlock = registeredAtBlock
        self.minerWeights = minerWeights
        self.validatorWeights = validatorWeights
        self.holders = holders
        self.tempo = tempo
    }

    public static func == (lhs: SubnetConfiguration, rhs: SubnetConfiguration) -> Bool {
        lhs.netuid == rhs.netuid && lhs.taoReserveRao == rhs.taoReserveRao && lhs.alphaReserveRao == rhs.alphaReserveRao
            && lhs.alphaOutstandingRao == rhs.alphaOutstandingRao && lhs.emaPrice == rhs.emaPrice
            && lhs.registeredAtBlock == rhs.registeredAtBlock && lhs.minerWeights == rhs.minerWeights
            && lhs.validatorWeights == rhs.validatorWeights && lhs.holders.map(\.name) == rhs.holders.map(\.name)
            && lhs.holders.map(\.alphaRao) == rhs.holders.map(\.alphaRao) && lhs.tempo == rhs.tempo
    }
}

/// The TAO side of the ledger: where every issued rao is.
///
/// issuance (minted − recycled) = Σ pool TAO + root stake + pending root TAO + root dividends
/// paid + free TAO (wallets outside the pools) + burned TAO.
public struct TaoLedger: Sendable, Equatable {
    /// TAO minted, rao.
    public internal(set) var mintedRao: UInt64
    /// TAO recycled (removed from issuance), rao.
    public internal(set) var recycledRao: UInt64 = 0
    /// TAO burned (unspendable, still issued), rao.
    public internal(set) var burnedRao: UInt64 = 0
    /// TAO in wallets, outside every pool and root.
    public internal(set) var freeRao: UInt64
    /// TAO staked on root, rao.
    public internal(set) var rootStakeRao: UInt64
    /// TAO paid to root stakers as dividends (launch).
    public internal(set) var rootDividendsRao: UInt64 = 0
    /// Σ pool TAO over subnets, kept incrementally.
    public internal(set) var poolsRao: UInt64
    /// Σ pending root TAO over subnets, kept incrementally.
    public internal(set) var pendingRootRao: UInt64 = 0

    /// Issuance: minted − recycled, rao.
    public var issuanceRao: UInt64 { mintedRao - recycledRao }
}

/// What one block did with the TAO emission (for the shares-sum invariant and reports).
public struct BlockSummary: Sendable, Equatable {
    /// The block the summary is of.
    public let block: UInt64
    /// The block emission the rules computed.
    public let emissionRao: UInt64
    /// Σ tao_in over subnets.
    public let taoInjectedRao: UInt64
    /// E − Σ tao_in: the launch chain never issues it; under `card` it is non-zero only when
    /// no subnet can receive TAO.
    public let unissuedRemainderRao: UInt64
    /// What the block added to issuance.
    public let issuedRao: UInt64
}

/// The whole dTAO economy under one rule set, stepped block by block.
///
/// State is integer rao throughout; every operation either completes or throws and leaves the
/// network untouched. `checkConservation()` verifies the ledger after any step.
public struct Network: Sendable, Equatable {
    /// The rule set every block follows.
    public let rules: RuleSet
    /// `.native` (fast, the default) or `.reference` (GMP for every step): identical results.
    public let mode: ArithmeticMode
    /// The next block to run.
    public internal(set) var block: UInt64
    /// Where every issued rao of TAO is.
    public internal(set) var tao: TaoLedger
    /// Non-root subnets, ascending netuid.
    public internal(set) var subnets: [SubnetState]
    /// The last lock paid (the lock cost doubles from it).
    public internal(set) var lastLockRao: UInt64
    /// The block of the last registration; nil before any.
    public internal(set) var lastLockBlock: UInt64?
    /// What the last block did; nil before any.
    public internal(set) var lastBlock: BlockSummary?
    /// When on, blocks and trades record `observations` for the invariant checker.
    public var isObserving = false
    /// What blocks and trades recorded for the checker, while observing.
    public internal(set) var observations = Observations()

    /// A network at `startBlock` with `startIssuanceRao` issued, `rootStakeRao` on root and these subnets; the TAO not in pools or on root is free. - Throws: `NetworkError.invalidConfiguration` for an impossible start.
    public init(rules: RuleSet, startBlock: UInt64 = 0, startIssuanceRao: UInt64, rootStakeRao: UInt64 = 0,
                subnets configurations: [SubnetConfiguration], mode: ArithmeticMode = .native) throws(NetworkError) {
        self.rules = rules
        self.mode = mode
        block = startBlock
        lastLockRao = rules.registration.minimumLockRao
        lastLockBlock = nil
        guard rules.shares != .emaPriceNetOfMinerBurn else {
            throw .invalidConfiguration(.subnets, "the \(rules.name) rule set runs swap, max-amount, inject and rules; its coinbase is not in this build, so it cannot run a network")
        }
        guard startIssuanceRao <= Supply.capRao else {
            throw .invalidConfiguration(.startIssuance, "start issuance \(startIssuanceRao) rao is above the 21,000,000 TAO cap")
        }
        var netuids = Set<UInt16>()
        var poolsRao: UInt64 = 0
        var states: [SubnetState] = []
        for configuration in configurations.sorted(by: { $0.netuid < $1.netuid }) {
            let netuid = configuration.netuid
            guard netuid != 0 else { throw .invalidConfiguration(.subnets, "netuid 0 is the root subnet: give its stake as root TAO") }
            guard netuids.insert(netuid).inserted else { throw .invalidConfiguration(.subnets, "netuid \(netuid) appears twice") }
            guard configuration.taoReserveRao > 0, configuration.alphaReserveRao > 0 else {
                throw .invalidConfiguration(.subnet(netuid), "subnet \(netuid): both reserves must be more than 0 rao")
            }
            let (sum, overflow) = poolsRao.addingReportingOverflow(configuration.taoReserveRao)
            guard !overflow else { throw .invalidConfiguration(.subnets, "the pools hold more TAO than a 64-bit rao count") }
            poolsRao = sum
            let (issuance, issuanceOverflow) = configuration.alphaReserveRao.addingReportingOverflow(configuration.alphaOutstandingRao)
            guard !issuanceOverflow, issuance <= Supply.capRao else {
                throw .invalidConfiguration(.subnet(netuid), "subnet \(netuid): alpha reserve + outstanding is above the 21,000,000 alpha cap")
            }
            guard !configuration.minerWeights.isEmpty, configuration.minerWeights.contains(where: { $0 > 0 }),
                  !configuration.validatorWeights.isEmpty, configuration.validatorWeights.contains(where: { $0 > 0 }) else {
                throw .invalidConfiguration(.subnet(netuid), "subnet \(netuid): miner and validator weights need at least one positive entry")
            }
            let unpriced = SubnetPool(netuid: netuid, taoReserveRao: configuration.taoReserveRao, alphaReserveRao: configuration.alphaReserveRao,
                                      alphaOutstandingRao: configuration.alphaOutstandingRao)
            let pool = SubnetPool(netuid: netuid, taoReserveRao: configuration.taoReserveRao, alphaReserveRao: configuration.alphaReserveRao,
                                  alphaOutstandingRao: configuration.alphaOutstandingRao,
                                  emaPrice: configuration.emaPrice ?? Network.initialMovingPrice(of: unpriced, rules: rules, atStart: true))
            var holders = AlphaHolders(minerWeights: configuration.minerWeights, validatorWeights: configuration.validatorWeights)
            var named: UInt64 = 0
            for holder in configuration.holders {
                guard holder.alphaRao <= configuration.alphaOutstandingRao - named else {
                    throw .invalidConfiguration(.holders(netuid), "subnet \(netuid): the named holders hold more than the \(configuration.alphaOutstandingRao) rao outstanding")
                }
                try holders.credit(.staker(holder.name), holder.alphaRao)
                named += holder.alphaRao
            }
            try holders.credit(.others, configuration.alphaOutstandingRao - named)
            var state = SubnetState(pool: pool, registeredAtBlock: configuration.registeredAtBlock, holders: holders,
                                    alphaMintedRao: issuance)
            state.tempo = configuration.tempo
            states.append(state)
        }
        let (held, heldOverflow) = poolsRao.addingReportingOverflow(rootStakeRao)
        guard !heldOverflow, held <= startIssuanceRao else {
            throw .invalidConfiguration(.startIssuance, "start issuance \(startIssuanceRao) rao is less than the TAO in the pools and on root (\(heldOverflow ? "more than 2^64" : String(held)) rao)")
        }
        subnets = states
        tao = TaoLedger(mintedRao: startIssuanceRao, freeRao: startIssuanceRao - held, rootStakeRao: rootStakeRao, poolsRao: poolsRao)
    }

    /// The EMA a subnet starts with when none is given.
    static func initialMovingPrice(of pool: SubnetPool, rules: RuleSet, atStart: Bool) -> FixedPoint<I96F32> {
        switch rules.initialMovingPrice {
        case .spot: return pool.spotPrice.fixedPoint(I96F32.self, rounding: .towardZero)
        case .cappedSpotThenZero: return atStart ? min(pool.chainSpotPrice, .one) : .zero
        }
    }

    /// The subnet with `netuid`, or nil.
    public func subnet(_ netuid: UInt16) -> SubnetState? {
        index(of: netuid).map { subnets[$0] }
    }

    func index(of netuid: UInt16) -> Int? {
        // Subnets stay sorted by netuid.
        var low = 0, high = subnets.count
        while low < high {
            let middle = (low + high) / 2
            if subnets[middle].netuid < netuid { low = middle + 1 } else { high = middle }
        }
        return low < subnets.count && subnets[low].netuid == netuid ? low : nil
    }

    /// The emission schedule of the rule set's halving trigger.
    public var schedule: EmissionSchedule { EmissionSchedule(trigger: rules.halving) }
}
