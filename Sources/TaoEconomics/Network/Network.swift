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
    /// Weighted pools: the quote (TAO) weight; nil for ½. Constant-product pools have none.
    public var quoteWeight: Perquintill?
    /// HEAD: the fraction of the miners' alpha the owner's hotkey takes and burns (0 by default).
    public var minerBurnFraction: Perquintill
    /// HEAD: whether the subnet gets a TAO share (true by default for subnets at the start).
    public var emissionEnabled: Bool
    /// HEAD: the block of the owner's start_call; nil: started at `registeredAtBlock`.
    public var startCallBlock: UInt64?
    /// HEAD: false for a subnet whose owner has not called start_call (a snapshot can say so):
    /// it mints nothing and gets no TAO share for the whole run.
    public var hasStarted: Bool
    /// Rule sets with Null epochs: the subnet's epoch consensus (`epoch_consensus`).
    public var epochConsensus: EpochConsensus = .yuma
    /// spec 475 root dividends: the share of the validators' root stake registered on root
    /// (`root_registered_fraction`, default 1).
    public var rootRegisteredFraction: Perquintill = .one
    /// Rule sets with reservoirs: TAO and alpha parked in them at the start, rao.
    public var taoReservoirRao: UInt64 = 0
    /// See `taoReservoirRao`.
    public var alphaReservoirRao: UInt64 = 0

    /// A subnet configuration; see the properties.
    public init(netuid: UInt16, taoReserveRao: UInt64, alphaReserveRao: UInt64, alphaOutstandingRao: UInt64,
                emaPrice: FixedPoint<I96F32>? = nil, registeredAtBlock: UInt64 = 0, minerWeights: [UInt64] = [1],
                validatorWeights: [UInt64] = [1], holders: [(name: String, alphaRao: UInt64)] = [], tempo: UInt64? = nil,
                quoteWeight: Perquintill? = nil, minerBurnFraction: Perquintill = .zero, emissionEnabled: Bool = true,
                startCallBlock: UInt64? = nil, hasStarted: Bool = true, epochConsensus: EpochConsensus = .yuma,
                rootRegisteredFraction: Perquintill = .one, taoReservoirRao: UInt64 = 0, alphaReservoirRao: UInt64 = 0) {
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
        self.quoteWeight = quoteWeight
        self.minerBurnFraction = minerBurnFraction
        self.emissionEnabled = emissionEnabled
        self.startCallBlock = startCallBlock
        self.hasStarted = hasStarted
        self.epochConsensus = epochConsensus
        self.rootRegisteredFraction = rootRegisteredFraction
        self.taoReservoirRao = taoReservoirRao
        self.alphaReservoirRao = alphaReservoirRao
    }

    public static func == (lhs: SubnetConfiguration, rhs: SubnetConfiguration) -> Bool {
        lhs.netuid == rhs.netuid && lhs.taoReserveRao == rhs.taoReserveRao && lhs.alphaReserveRao == rhs.alphaReserveRao
            && lhs.alphaOutstandingRao == rhs.alphaOutstandingRao && lhs.emaPrice == rhs.emaPrice
            && lhs.registeredAtBlock == rhs.registeredAtBlock && lhs.minerWeights == rhs.minerWeights
            && lhs.validatorWeights == rhs.validatorWeights && lhs.holders.map(\.name) == rhs.holders.map(\.name)
            && lhs.holders.map(\.alphaRao) == rhs.holders.map(\.alphaRao) && lhs.tempo == rhs.tempo
            && lhs.quoteWeight == rhs.quoteWeight && lhs.minerBurnFraction == rhs.minerBurnFraction
            && lhs.emissionEnabled == rhs.emissionEnabled && lhs.startCallBlock == rhs.startCallBlock && lhs.hasStarted == rhs.hasStarted
            && lhs.epochConsensus == rhs.epochConsensus && lhs.rootRegisteredFraction == rhs.rootRegisteredFraction
            && lhs.taoReservoirRao == rhs.taoReservoirRao && lhs.alphaReservoirRao == rhs.alphaReservoirRao
    }
}

/// Network-wide settings a run starts with, beside its subnets.
public struct NetworkOptions: Sendable, Equatable {
    /// What root stakers do with claimable root dividends (HEAD).
    public var rootClaim: RootClaim
    /// The last lock paid, rao; nil: the rule set's default (`RegistrationRules.defaultLastLockRao`,
    /// 1,250 TAO under HEAD, paid at the start block; the minimum lock otherwise).
    public var lastLockRao: UInt64?
    /// The block of the last registration; nil: the start block under HEAD, none otherwise. 0
    /// means no registration yet, as on the chain.
    public var lastLockBlock: UInt64?
    /// Root baskets (spec 475): the share of each subnet's basket the root stakers claim at the
    /// subnet's epoch (`root.claim_slice`, default the whole basket).
    public var rootClaimSlice: Perquintill

    /// Options with these values.
    public init(rootClaim: RootClaim = .swap, lastLockRao: UInt64? = nil, lastLockBlock: UInt64? = nil, rootClaimSlice: Perquintill = .one) {
        self.rootClaim = rootClaim
        self.lastLockRao = lastLockRao
        self.lastLockBlock = lastLockBlock
        self.rootClaimSlice = rootClaimSlice
    }

}

/// The TAO side of the ledger: where every issued rao is.
///
/// issuance (minted − recycled) = Σ pool TAO + root stake + pending root TAO + root dividends
/// paid + free TAO (wallets outside the pools) + burned TAO + block authors' fees + TAO in
/// subnet accounts outside their pools + TAO reservoirs.
public struct TaoLedger: Sendable, Equatable, Codable {
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
    /// TAO paid to block authors as swap fees (HEAD), rao.
    public internal(set) var authorFeesRao: UInt64 = 0
    /// Σ TAO in subnet accounts outside their pools over subnets (HEAD), kept incrementally.
    public internal(set) var subnetAccountsRao: UInt64 = 0
    /// Σ TAO reservoirs over subnets (`ReservoirPolicy.park`): issued TAO waiting outside the
    /// pools, kept incrementally.
    public internal(set) var reservoirsRao: UInt64 = 0

    /// Issuance: minted − recycled, rao.
    public var issuanceRao: UInt64 { mintedRao - recycledRao }
}

/// What one block did with the TAO emission (for the shares-sum invariant and reports).
public struct BlockSummary: Sendable, Equatable, Codable {
    /// The block the summary is of.
    public let block: UInt64
    /// The block emission the rules computed.
    public let emissionRao: UInt64
    /// Σ tao_in over subnets: the block's emission spent on injection. Under reservoirs
    /// (`head-2026-10`) that is what the pools took plus what waits in the TAO reservoirs;
    /// reservoir TAO placed in a later block is not counted again.
    public let taoInjectedRao: UInt64
    /// E − Σ tao_in under `card` and the launch rules: the launch chain never issues it; under
    /// `card` it is non-zero only when no subnet can receive TAO. 0 under HEAD.
    public let unissuedRemainderRao: UInt64
    /// HEAD: the excess TAO spent on chain buys (what entered the pools and what a refused buy
    /// left in the subnet's account), rao.
    public var chainBuyTaoRao: UInt64 = 0
    /// HEAD: the emission the coinbase did not spend, recycled the same block, rao.
    public var recycledRao: UInt64 = 0
    /// Issuance when the block started, rao.
    public var issuanceBeforeRao: UInt64 = 0
    /// What the block added to issuance.
    public let issuedRao: UInt64
}

/// Where the block emissions of a run went, summed since the network was built.
public struct EmissionTotals: Sendable, Equatable, Codable {
    /// Σ block emission E, rao.
    public internal(set) var emittedRao: UInt64 = 0
    /// Σ TAO injected into pools (or, under reservoirs, parked in their TAO reservoirs), rao.
    public internal(set) var injectedRao: UInt64 = 0
    /// Σ excess TAO spent on chain buys (HEAD), rao.
    public internal(set) var chainBuyRao: UInt64 = 0
    /// Σ emission recycled unspent the same block (HEAD), rao.
    public internal(set) var recycledRao: UInt64 = 0
    /// Σ emission never issued (the launch rules; `card` with no subnet), rao.
    public internal(set) var unissuedRao: UInt64 = 0

    /// Adds one block's summary.
    mutating func add(_ summary: BlockSummary) {
        emittedRao += summary.emissionRao
        injectedRao += summary.taoInjectedRao
        chainBuyRao += summary.chainBuyTaoRao
        recycledRao += summary.recycledRao
        unissuedRao += summary.unissuedRemainderRao
    }
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
    /// Where the emission of every block run so far went.
    public internal(set) var emissionTotals = EmissionTotals()
    /// What root stakers do with claimable root dividends (HEAD).
    public let rootClaim: RootClaim
    /// Root baskets: the share of a basket claimed at each epoch.
    public let rootClaimSlice: Perquintill
    /// The emission gate's bar θ, U64F64 raw (`EmissionGateBar`): the rule set's `emission_gate_bar` at the start, else nil until the first gated block computes it.
    public internal(set) var gateThetaRaw: UInt128?
    /// Root dividends (alpha) root stakers have claimed since the run started, every subnet.
    public internal(set) var rootClaimedAlphaRao: UInt64 = 0
    /// TAO that swapped claims staked on root since the run started, rao.
    public internal(set) var rootClaimedTaoRao: UInt64 = 0
    /// TAO the gate has moved to subnets above the bar, summed over blocks: Σ max(0, gated −
    /// ungated tao_emission) floored to rao, since the run started.
    public internal(set) var gateMovedTaoRao: UInt64 = 0
    /// When on, blocks and trades record `observations` for the invariant checker.
    public var isObserving = false
    /// What blocks and trades recorded for the checker, while observing.
    public internal(set) var observations = Observations()
    /// Buffers the block loop reuses; not part of the state (see `BlockScratch`).
    var scratch = BlockScratch()

    /// A network at `startBlock` with `startIssuanceRao` issued, `rootStakeRao` on root and these
    /// subnets; the TAO not in pools, reservoirs or on root is free. A configuration's settings for
    /// parts the rule set lacks are ignored: quote weights without weighted pools, miner burn and
    /// emission switches without the HEAD shares, reservoirs without `ReservoirPolicy.park`, the
    /// epoch consensus without Null epochs, the root-registered share without root baskets.
    /// - Throws: `NetworkError.invalidConfiguration` for an impossible start.
    public init(rules: RuleSet, startBlock: UInt64 = 0, startIssuanceRao: UInt64, rootStakeRao: UInt64 = 0,
                subnets configurations: [SubnetConfiguration], options: NetworkOptions = NetworkOptions(),
                mode: ArithmeticMode = .native) throws(NetworkError) {
        self.rules = rules
        self.mode = mode
        block = startBlock
        rootClaim = options.rootClaim
        rootClaimSlice = options.rootClaimSlice
        let defaultLastLock = rules.registration.defaultLastLockRao
        lastLockRao = options.lastLockRao ?? defaultLastLock ?? rules.registration.minimumLockRao
        let lastBlock = options.lastLockBlock ?? (defaultLastLock == nil ? 0 : startBlock)
        lastLockBlock = lastBlock == 0 ? nil : lastBlock
        guard startIssuanceRao <= Supply.capRao else {
            throw .invalidConfiguration(.startIssuance, "start issuance \(startIssuanceRao) rao is above the 21,000,000 TAO cap")
        }
        var netuids = Set<UInt16>()
        var poolsRao: UInt64 = 0
        var states: [SubnetState] = []
        for configuration in configurations.sorted(by: { $0.netuid < $1.netuid }) {
            let netuid = configuration.netuid
            guard netuids.insert(netuid).inserted else { throw .invalidConfiguration(.subnets, "netuid \(netuid) appears twice") }
            let (sum, overflow) = poolsRao.addingReportingOverflow(configuration.taoReserveRao)
            guard !overflow else { throw .invalidConfiguration(.subnets, "the pools hold more TAO than a 64-bit rao count") }
            poolsRao = sum
            states.append(try Network.startingState(configuration, rules: rules, startBlock: startBlock))
        }
        let (held, heldOverflow) = poolsRao.addingReportingOverflow(rootStakeRao)
        guard !heldOverflow, held <= startIssuanceRao else {
            throw .invalidConfiguration(.startIssuance, "start issuance \(startIssuanceRao) rao is less than the TAO in the pools and on root (\(heldOverflow ? "more than 2^64" : String(held)) rao)")
        }
        subnets = states
        let reservoirs = states.reduce(UInt128(0)) { $0 + UInt128($1.pool.taoReservoirRao) }
        let (allHeld, allOverflow) = held.addingReportingOverflow(UInt64(clamping: reservoirs))
        guard reservoirs <= UInt128(UInt64.max), !allOverflow, allHeld <= startIssuanceRao else {
            throw .invalidConfiguration(.startIssuance, "start issuance \(startIssuanceRao) rao is less than the TAO in the pools, their reservoirs and on root")
        }
        tao = TaoLedger(mintedRao: startIssuanceRao, freeRao: startIssuanceRao - allHeld, rootStakeRao: rootStakeRao, poolsRao: poolsRao)
        tao.reservoirsRao = UInt64(reservoirs)
        gateThetaRaw = rules.gate?.initialThetaRaw
    }

    /// One subnet as the run starts with it, checked.
    static func startingState(_ configuration: SubnetConfiguration, rules: RuleSet, startBlock: UInt64) throws(NetworkError) -> SubnetState {
        let netuid = configuration.netuid
        guard netuid != 0 else { throw .invalidConfiguration(.subnets, "netuid 0 is the root subnet: give its stake as root TAO") }
        guard configuration.taoReserveRao > 0, configuration.alphaReserveRao > 0 else {
            throw .invalidConfiguration(.subnet(netuid), "subnet \(netuid): both reserves must be more than 0 rao")
        }
        // Parts a rule set lacks leave their settings unused (`--rules` may switch to one).
        let parks = rules.reservoirs == .park
        let alphaReservoir = parks ? configuration.alphaReservoirRao : 0
        let issuance128 = UInt128(configuration.alphaReserveRao) + UInt128(configuration.alphaOutstandingRao) + UInt128(alphaReservoir)
        guard issuance128 <= UInt128(Supply.capRao) else {
            throw .invalidConfiguration(.subnet(netuid), "subnet \(netuid): alpha reserve + outstanding + reservoir is above the 21,000,000 alpha cap")
        }
        let issuance = UInt64(issuance128)
        guard !configuration.minerWeights.isEmpty, configuration.minerWeights.contains(where: { $0 > 0 }),
              !configuration.validatorWeights.isEmpty, configuration.validatorWeights.contains(where: { $0 > 0 }) else {
            throw .invalidConfiguration(.subnet(netuid), "subnet \(netuid): miner and validator weights need at least one positive entry")
        }
        let isWeighted = if case .weighted = rules.pool.curve { true } else { false }
        let quoteWeight = isWeighted ? (configuration.quoteWeight ?? .half) : nil
        if let quoteWeight, !BalancerMath.isValid(quoteWeight: quoteWeight) {
            throw .invalidConfiguration(.subnet(netuid), "subnet \(netuid): a quote weight of \(quoteWeight) is outside the pool's bounds [0.01, 0.99]")
        }
        let startCall = configuration.startCallBlock ?? configuration.registeredAtBlock
        guard startCall >= configuration.registeredAtBlock else {
            throw .invalidConfiguration(.subnet(netuid), "subnet \(netuid): start_call at block \(startCall) comes before its registration at block \(configuration.registeredAtBlock)")
        }
        let unpriced = SubnetPool(netuid: netuid, taoReserveRao: configuration.taoReserveRao, alphaReserveRao: configuration.alphaReserveRao,
                                  alphaOutstandingRao: configuration.alphaOutstandingRao, quoteWeight: quoteWeight)
        var pool = SubnetPool(netuid: netuid, taoReserveRao: configuration.taoReserveRao, alphaReserveRao: configuration.alphaReserveRao,
                              alphaOutstandingRao: configuration.alphaOutstandingRao,
                              emaPrice: configuration.emaPrice ?? Network.initialMovingPrice(of: unpriced, rules: rules, atStart: true),
                              quoteWeight: quoteWeight)
        if parks { pool.setReservoirs(taoRao: configuration.taoReservoirRao, alphaRao: alphaReservoir) }
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
        var state = SubnetState(pool: pool, registeredAtBlock: configuration.registeredAtBlock, holders: holders, alphaMintedRao: issuance)
        state.tempo = configuration.tempo
        state.startCallBlock = startCall
        if rules.registration.activation == .startCallNextBlockEmissionOff, !configuration.hasStarted { state.startCallBlock = nil }
        if rules.shares.weighsMinerBurnAndEmissionSwitch {
            state.emissionEnabled = configuration.emissionEnabled
            state.minerBurnFraction = configuration.minerBurnFraction
            // MinerBurned as the chain would hold it from earlier epochs at this rate (U96F32).
            state.minerBurnedRaw = (UInt128(configuration.minerBurnFraction.parts) << 32) / UInt128(Perquintill.accuracy)
        }
        if rules.epochs.tracksLastEpoch {
            // `init_new_network`'s stagger: LastEpochBlock = now − (netuid mod tempo).
            let tempo = configuration.tempo ?? rules.tempo
            state.lastEpochBlock = startBlock - min(startBlock, UInt64(netuid) % max(tempo, 1))
            state.blocksSinceLastStep = startBlock - state.lastEpochBlock
        }
        if rules.consensus.nullEpochs { state.epochConsensus = configuration.epochConsensus }
        if case .rootRegisteredBaskets = rules.root { state.rootRegisteredFraction = configuration.rootRegisteredFraction }
        return state
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
    public var schedule: EmissionSchedule { EmissionSchedule(trigger: rules.halving, fixedEmissionRao: rules.fixedBlockEmissionRao) }
}
