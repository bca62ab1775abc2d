import FixedMath
import TaoEconomics

/// A subnet's miner rows over a run: the first, the last, and when profit first went negative.
struct MinerTrack: Codable {
    var first: MinerSample?
    var last: MinerSample?
    var turnedUnprofitable: (block: UInt64, date: CalendarDate)?

    enum CodingKeys: String, CodingKey { case first, last, turnedUnprofitableBlock, turnedUnprofitableDate }

    init() {}

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        first = try container.decodeIfPresent(MinerSample.self, forKey: .first)
        last = try container.decodeIfPresent(MinerSample.self, forKey: .last)
        if let block = try container.decodeIfPresent(UInt64.self, forKey: .turnedUnprofitableBlock) {
            turnedUnprofitable = (block, try container.decode(CalendarDate.self, forKey: .turnedUnprofitableDate))
        }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(first, forKey: .first)
        try container.encodeIfPresent(last, forKey: .last)
        try container.encodeIfPresent(turnedUnprofitable?.block, forKey: .turnedUnprofitableBlock)
        try container.encodeIfPresent(turnedUnprofitable?.date, forKey: .turnedUnprofitableDate)
    }

    mutating func add(_ row: MinerSample, _ sample: NetworkSample) {
        if first == nil { first = row }
        last = row
        if turnedUnprofitable == nil, row.profitUsdMicro.isNegative { turnedUnprofitable = (sample.block, sample.date) }
    }
}

/// A subnet across samples: a netuid reused after pruning is another subnet.
struct SubnetIdentity: Hashable, Codable {
    let netuid: UInt16
    let registeredAtBlock: UInt64
}

/// A subnet's cumulative injection, emission and recycling counters at a sample.
struct FlowCounters: Codable {
    let tao: UInt64
    let alphaIn: UInt64
    let alphaOut: UInt64
    let alphaRecycled: UInt64
    let chainBuy: UInt64

    static let zero = FlowCounters(tao: 0, alphaIn: 0, alphaOut: 0, alphaRecycled: 0, chainBuy: 0)

    init(tao: UInt64, alphaIn: UInt64, alphaOut: UInt64, alphaRecycled: UInt64, chainBuy: UInt64) {
        self.tao = tao
        self.alphaIn = alphaIn
        self.alphaOut = alphaOut
        self.alphaRecycled = alphaRecycled
        self.chainBuy = chainBuy
    }

    init(_ subnet: SubnetState) {
        self.init(tao: subnet.taoInjectedRao, alphaIn: subnet.alphaInjectedRao, alphaOut: subnet.alphaOutRao,
                  alphaRecycled: subnet.alphaRecycledRao, chainBuy: subnet.chainBuyTaoRao)
    }
}

/// Records a run's outcome as it goes: it turns the network into samples (flows since the
/// previous row), passes samples, events and miner rows to the sink, and keeps what the
/// summary needs (counts, the first refusals, halvings, miner tracks).
struct RunRecorder {
    let clock: BlockClock
    var previous: [SubnetIdentity: FlowCounters] = [:]
    /// The network's recycled TAO and authors' fees at the previous sample.
    var previousRecycledTaoRao: UInt64?
    var previousAuthorFeesRao: UInt64?
    var counts: [RunEvent.Kind: Int] = [:]
    var refusals: [RunEvent] = []
    var halvings: [HalvingCrossing] = []
    var first: NetworkSample?
    var minerTracks: [UInt16: MinerTrack] = [:]
    var minerTotals: [MinerPeriodTotal] = []
    /// Per subnet with consensus: what each role earned over the run, and the last scores.
    var consensusTracks: [UInt16: ConsensusTrack] = [:]
    /// Events recorded in all: a change tells the checker that something happened.
    var eventCount = 0

    /// Passes an event to the sink and counts it.
    mutating func record<Sink: RunSink>(_ event: RunEvent, into sink: inout Sink) throws(RunError) {
        counts[event.kind, default: 0] += 1
        eventCount += 1
        if event.kind == .refused, refusals.count < 10 { refusals.append(event) }
        do { try sink.event(event) } catch { throw .output(error) }
    }

    /// Samples the network and its miners at the current block and passes the rows on.
    @discardableResult
    mutating func sample<Sink: RunSink>(_ network: inout Network, taoUsdMicro: UInt64, miners: inout MinerAgents,
                                        into sink: inout Sink) throws(RunError) -> NetworkSample {
        let sample = takeSample(network, taoUsdMicro: taoUsdMicro)
        let uids = network.takeConsensusRows()
        for netuid in Set(uids.map(\.netuid)).sorted() { consensusTracks[netuid, default: ConsensusTrack()].add(uids.filter { $0.netuid == netuid }) }
        if first == nil { first = sample }
        let rows = miners.takeSamples(network: network)
        let mining = rows.filter { $0.blocks > 0 }
        for row in mining { minerTracks[row.netuid, default: MinerTrack()].add(row, sample) }
        if !mining.isEmpty {
            minerTotals.append(MinerPeriodTotal(
                block: sample.block, date: sample.date, blocks: mining.map(\.blocks).max() ?? 0,
                revenueUsdMicro: mining.reduce(.zero) { $0 + $1.revenueUsdMicro }, costUsdMicro: mining.reduce(.zero) { $0 + $1.costUsdMicro },
                miners: mining.reduce(0) { $0 + $1.miners }))
        }
        do {
            try sink.sample(sample)
            try sink.miners(rows, at: sample)
            if !uids.isEmpty { try sink.uids(uids, at: sample) }
        } catch { throw .output(error) }
        return sample
    }

    /// The network at its current block, with each subnet's flows since the previous sample and
    /// what the block's coinbase will use (`Network.projectBlock`).
    mutating func takeSample(_ network: Network, taoUsdMicro: UInt64) -> NetworkSample {
        let block = network.block
        let isHead = network.rules.coinbase.isCredit
        let parks = network.rules.reservoirs == .park
        let projection = network.projectBlock()
        var subnets: [SubnetSample] = []
        var seen: [SubnetIdentity: FlowCounters] = [:]
        var keptValue = BigInteger.zero
        for (subnet, projected) in zip(network.subnets, projection.subnets) {
            // A netuid reused after pruning is a new subnet: its counters start at 0.
            let identity = SubnetIdentity(netuid: subnet.netuid, registeredAtBlock: subnet.registeredAtBlock)
            let before = previous[identity] ?? .zero
            let now = FlowCounters(subnet)
            var sampled = SubnetSample(
                netuid: subnet.netuid, taoReserveRao: subnet.pool.taoReserveRao, alphaReserveRao: subnet.pool.alphaReserveRao,
                alphaOutstandingRao: subnet.pool.alphaOutstandingRao, price: subnet.pool.spotPrice, emaPriceRaw: subnet.pool.emaPriceRaw,
                taoInRao: now.tao - before.tao, alphaInRao: now.alphaIn - before.alphaIn, alphaOutRao: now.alphaOut - before.alphaOut,
                recycledAlphaRao: now.alphaRecycled - before.alphaRecycled, quoteWeight: subnet.pool.quoteWeight,
                protocolAlphaRao: isHead ? subnet.holders.balance(of: .protocol) : nil, chainBuyTaoRao: isHead ? now.chainBuy - before.chainBuy : nil,
                rootProportionRaw: projected.rootProportionRaw, shareRaw: projected.shareRaw)
            if parks {
                sampled.taoReservoirRao = subnet.pool.taoReservoirRao
                sampled.alphaReservoirRao = subnet.pool.alphaReservoirRao
            }
            subnets.append(sampled)
            seen[identity] = now
            keptValue = keptValue + subnet.pool.taoValueRao(ofAlphaRao: BigInteger(subnet.holders.balance(of: .rootStakers)))
        }
        previous = seen
        let recycled = network.tao.recycledRao - (previousRecycledTaoRao ?? network.tao.recycledRao)
        let fees = network.tao.authorFeesRao - (previousAuthorFeesRao ?? network.tao.authorFeesRao)
        previousRecycledTaoRao = network.tao.recycledRao
        previousAuthorFeesRao = network.tao.authorFeesRao
        return NetworkSample(
            block: block, date: clock.date(ofBlock: block), totalIssuanceRao: network.tao.issuanceRao,
            emissionRaoPerBlock: network.blockEmissionRao(), era: network.schedule.era(block: block, issuanceRao: network.tao.issuanceRao),
            taoUsdMicro: taoUsdMicro, rootTaoRao: network.tao.rootStakeRao, freeTaoRao: network.tao.freeRao, recycledTaoRao: recycled,
            authorFeesRao: isHead ? fees : nil, rootKeptAlphaTaoRao: isHead ? (keptValue.uint64Value ?? .max) : nil,
            gateThetaRaw: projection.gateThetaRaw, subnets: subnets)
    }

    /// Everything the recorder carries from one sample to the next, for a checkpoint (the clock
    /// comes from the scenario).
    struct State: Codable {
        struct Counters: Codable {
            let subnet: SubnetIdentity
            let counters: FlowCounters
        }

        let previous: [Counters]
        let previousRecycledTaoRao: UInt64?
        let previousAuthorFeesRao: UInt64?
        let counts: [String: Int]
        let refusals: [RunEvent]
        let halvings: [HalvingCrossing]
        let first: NetworkSample?
        let minerTracks: KeyOrderedMap<UInt16, MinerTrack>
        let minerTotals: [MinerPeriodTotal]
        let eventCount: Int
        let consensusTracks: KeyOrderedMap<UInt16, ConsensusTrack>?
    }

    /// The recorder's position, for a checkpoint.
    var state: State {
        let previous = self.previous.map { State.Counters(subnet: $0.key, counters: $0.value) }
            .sorted { ($0.subnet.netuid, $0.subnet.registeredAtBlock) < ($1.subnet.netuid, $1.subnet.registeredAtBlock) }
        return State(previous: previous, previousRecycledTaoRao: previousRecycledTaoRao, previousAuthorFeesRao: previousAuthorFeesRao,
                     counts: Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) }), refusals: refusals, halvings: halvings,
                     first: first, minerTracks: KeyOrderedMap(minerTracks), minerTotals: minerTotals, eventCount: eventCount,
                     consensusTracks: consensusTracks.isEmpty ? nil : KeyOrderedMap(consensusTracks))
    }

    /// A recorder with nothing recorded yet.
    init(clock: BlockClock) { self.clock = clock }

    /// The recorder of a checkpoint; nil when an event kind is unknown.
    init?(clock: BlockClock, state: State) {
        self.clock = clock
        previous = Dictionary(state.previous.map { ($0.subnet, $0.counters) }, uniquingKeysWith: { a, _ in a })
        previousRecycledTaoRao = state.previousRecycledTaoRao
        previousAuthorFeesRao = state.previousAuthorFeesRao
        for (name, count) in state.counts {
            guard let kind = RunEvent.Kind(rawValue: name) else { return nil }
            counts[kind] = count
        }
        refusals = state.refusals
        halvings = state.halvings
        first = state.first
        minerTracks = state.minerTracks.dictionary
        minerTotals = state.minerTotals
        eventCount = state.eventCount
        consensusTracks = state.consensusTracks?.dictionary ?? [:]
    }

    /// Notes a halving when the era changed with the last block.
    mutating func noteEra(_ network: Network, previousEra: inout Int) {
        let era = network.schedule.era(block: network.block, issuanceRao: network.tao.issuanceRao)
        guard era != previousEra else { return }
        previousEra = era
        halvings.append(HalvingCrossing(block: network.block, date: clock.date(ofBlock: network.block), era: era,
                                        emissionRaoPerBlock: network.blockEmissionRao()))
    }

    /// What the summary needs, once the final sample has been taken.
    func outcome(final: NetworkSample, network: Network, miners: MinerAgents) -> RunOutcome {
        let outcomes = minerTracks.keys.sorted().compactMap { netuid -> MinerOutcome? in
            guard let track = minerTracks[netuid], let firstRow = track.first, let lastRow = track.last else { return nil }
            let totals = miners.subnets[netuid]
            return MinerOutcome(netuid: netuid, first: firstRow, last: lastRow, turnedUnprofitable: track.turnedUnprofitable,
                                exits: totals?.totalExits ?? 0, entries: totals?.totalEntries ?? 0)
        }
        var head: HeadOutcome?
        if network.rules.coinbase.isCredit {
            let emitting = network.subnets.filter { $0.emits(atBlock: network.block) }
            let projection = network.projectBlock()
            head = HeadOutcome(emittingSubnets: emitting.count, enabledSubnets: emitting.filter(\.emissionEnabled).count,
                               minerBurningSubnets: network.subnets.filter { $0.minerBurnFraction > .zero }.count, rootClaim: network.rootClaim,
                               rootClaimedAlphaRao: network.rootClaimedAlphaRao,
                               gateThetaRaw: projection.gateThetaRaw, subnetsBelowBar: projection.subnetsBelowBar,
                               gateMovedTaoRao: network.gateMovedTaoRao)
        }
        var outcome = RunOutcome(first: first ?? final, last: final, halvings: halvings, eventCounts: counts, firstRefusals: refusals,
                                 ledgerViolations: network.checkConservation(), miners: outcomes, minerTotals: minerTotals,
                                 emissionTotals: network.emissionTotals, head: head)
        outcome.consensus = consensusTracks
        return outcome
    }
}
