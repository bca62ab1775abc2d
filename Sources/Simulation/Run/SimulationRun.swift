import FixedMath
import TaoEconomics

/// Why a run could not start or continue.
public enum RunError: Error, Sendable, CustomStringConvertible {
    /// The scenario describes an impossible network.
    case scenario(ScenarioError)
    /// A sink (the report files) failed.
    case output(String)
    /// An invariant failed; the run stopped at the first violation.
    case invariant(InvariantViolation)

    public var description: String {
        switch self {
        case let .scenario(error): return error.description
        case let .output(message): return message
        case let .invariant(violation): return violation.description
        }
    }
}

/// A subnet's miner rows over a run: the first, the last, and when profit first went negative.
struct MinerTrack {
    var first: MinerSample?
    var last: MinerSample?
    var turnedUnprofitable: (block: UInt64, date: CalendarDate)?

    mutating func add(_ row: MinerSample, _ sample: NetworkSample) {
        if first == nil { first = row }
        last = row
        if turnedUnprofitable == nil, row.profitUsdMicro.isNegative { turnedUnprofitable = (sample.block, sample.date) }
    }
}

/// A subnet across samples: a netuid reused after pruning is another subnet.
struct SubnetIdentity: Hashable {
    let netuid: UInt16
    let registeredAtBlock: UInt64
}

/// A subnet's cumulative injection and emission counters at a sample.
struct FlowCounters {
    let tao: UInt64
    let alphaIn: UInt64
    let alphaOut: UInt64
}

/// Runs a scenario block by block, streaming samples and events to a sink.
public struct SimulationRun {
    public let scenario: Scenario
    public private(set) var network: Network
    var market: TaoUsdPath
    var flowRandom: RandomStream
    var agents: MinerAgents
    /// When set, the run asserts these invariants after every block and every operation.
    public var checker: InvariantChecker?
    let clock: BlockClock

    /// Builds the starting network. - Throws: `RunError.scenario` when it is impossible.
    public init(scenario: Scenario) throws(RunError) {
        self.scenario = scenario
        clock = scenario.clock
        var configurations: [SubnetConfiguration]
        switch scenario.subnets {
        case let .explicit(list): configurations = list
        case let .generated(generator): configurations = generator.subnets(seed: scenario.seed)
        }
        for holder in scenario.holders {
            guard let index = configurations.firstIndex(where: { $0.netuid == holder.netuid }) else { continue }
            configurations[index].holders.append((holder.name, holder.alphaRao))
        }
        do {
            network = try Network(rules: scenario.rules, startBlock: scenario.startBlock, startIssuanceRao: scenario.startIssuanceRao,
                                  rootStakeRao: scenario.rootTaoRao, subnets: configurations)
        } catch {
            throw .scenario(ScenarioError(file: scenario.file, path: SimulationRun.path(of: error), line: nil,
                                          value: error.description, expected: "a network the rules can hold"))
        }
        do {
            agents = try MinerAgents(models: scenario.minerModels, network: &network, seed: scenario.seed, blocksPerDay: scenario.blocksPerDay)
        } catch {
            throw .scenario(ScenarioError(file: scenario.file, path: "subnets", line: nil, value: error.description, expected: "valid miners"))
        }
        market = TaoUsdPath(model: scenario.market, startBlock: scenario.startBlock, blocksPerDay: scenario.blocksPerDay, seed: scenario.seed)
        flowRandom = RandomStream(seed: scenario.seed, purpose: "flows")
    }

    static func path(of error: NetworkError) -> String {
        let text = error.description
        if text.contains("holder") { return "holders" }
        if text.contains("issuance") { return "start.issuance" }
        return "subnets"
    }

    /// Runs to the end. `progress` is called with (blocks done, blocks in all) now and then.
    public mutating func run<Sink: RunSink>(into sink: inout Sink, progress: ((UInt64, UInt64) -> Void)? = nil) throws(RunError) -> RunOutcome {
        let start = scenario.startBlock, end = scenario.endBlock
        var previous: [SubnetIdentity: FlowCounters] = [:]
        var counts: [RunEvent.Kind: Int] = [:]
        var refusals: [RunEvent] = []
        var halvings: [HalvingCrossing] = []
        var eventIndex = 0
        var registrationIndex = 0
        var spreadTotals: [Int: UInt64] = [:]
        var stochasticNext = scenario.stochasticFlows.map(\.fromBlock)
        let stepBlocks = scenario.stepBlocks
        var era = network.schedule.era(block: start, issuanceRao: network.tao.issuanceRao)
        let progressEvery = max(1, scenario.horizonBlocks / 200)
        if let checker { checker.prepare(&network) }
        var eventsChecked = 0
        func verify(afterBlock: Bool) throws(RunError) {
            guard checker != nil else { return }
            // Between blocks, check only when something happened.
            let total = counts.values.reduce(0, +)
            if !afterBlock, total == eventsChecked, network.observations.swaps.isEmpty { return }
            eventsChecked = total
            let violation = afterBlock ? checker!.checkBlock(&network) : checker!.checkOperations(&network)
            if let violation { throw .invariant(violation) }
        }

        func record(_ event: RunEvent, _ sink: inout Sink) throws(RunError) {
            counts[event.kind, default: 0] += 1
            if event.kind == .refused, refusals.count < 10 { refusals.append(event) }
            do { try sink.event(event) } catch { throw .output("\(error)") }
        }

        var first: NetworkSample?
        var minerTracks: [UInt16: MinerTrack] = [:]
        var minerTotals: [MinerPeriodTotal] = []
        func emit(_ sample: NetworkSample, _ sink: inout Sink) throws(RunError) {
            let rows = agents.takeSamples(network: network)
            for row in rows where row.blocks > 0 { minerTracks[row.netuid, default: MinerTrack()].add(row, sample) }
            let mining = rows.filter { $0.blocks > 0 }
            if !mining.isEmpty {
                minerTotals.append(MinerPeriodTotal(
                    block: sample.block, date: sample.date, blocks: mining.map(\.blocks).max() ?? 0,
                    revenueUsdMicro: mining.reduce(.zero) { $0 + $1.revenueUsdMicro }, costUsdMicro: mining.reduce(.zero) { $0 + $1.costUsdMicro },
                    miners: mining.reduce(0) { $0 + $1.miners }))
            }
            do {
                try sink.sample(sample)
                try sink.miners(rows, at: sample)
            } catch { throw .output("\(error)") }
        }
        for block in start..<end {
            let offset = block - start
            if offset > 0, offset % scenario.blocksPerDay == 0 {
                agents.day(network: &network, taoUsdMicro: market.microUsd(atBlock: block), blocks: scenario.blocksPerDay)
                try verify(afterBlock: false)
            }
            if offset % scenario.sampleEveryBlocks == 0 {
                let sample = takeSample(previous: &previous)
                if first == nil { first = sample }
                try emit(sample, &sink)
            }
            if offset % stepBlocks == 0 {
                let (stepLimit, stepOverflow) = block.addingReportingOverflow(stepBlocks)
                let stepEnd = stepOverflow ? end : min(stepLimit, end)
                // Registrations, then scheduled flows, spread exits and random flows in the step.
                while registrationIndex < scenario.registrations.count, scenario.registrations[registrationIndex] < stepEnd {
                    for event in register() { try record(event, &sink) }
                    registrationIndex += 1
                }
                while eventIndex < scenario.flows.count, scenario.flows[eventIndex].block < stepEnd {
                    try record(apply(scenario.flows[eventIndex]), &sink)
                    eventIndex += 1
                }
                for (index, spread) in scenario.spreads.enumerated() {
                    for (chunk, chunkBlock) in spread.blocks.enumerated() where chunkBlock >= block && chunkBlock < stepEnd {
                        try record(applySpread(spread, chunk: chunk, totals: &spreadTotals, index: index), &sink)
                    }
                }
                for (index, flow) in scenario.stochasticFlows.enumerated() {
                    while stochasticNext[index] < min(stepEnd, flow.toBlock) {
                        for event in applyStochastic(flow) { try record(event, &sink) }
                        let (next, overflow) = stochasticNext[index].addingReportingOverflow(flow.everyBlocks)
                        stochasticNext[index] = overflow ? .max : next
                    }
                }
                try verify(afterBlock: false)
            }
            do { try network.step() } catch {
                throw .scenario(ScenarioError(file: scenario.file, path: "subnets", line: nil, value: error.description,
                                              expected: "reserves that stay within 64-bit rao"))
            }
            try verify(afterBlock: true)
            let newEra = network.schedule.era(block: network.block, issuanceRao: network.tao.issuanceRao)
            if newEra != era {
                era = newEra
                halvings.append(HalvingCrossing(block: network.block, date: clock.date(ofBlock: network.block), era: newEra,
                                                emissionRaoPerBlock: network.blockEmissionRao()))
            }
            if let progress, (offset + 1) % progressEvery == 0 { progress(offset + 1, scenario.horizonBlocks) }
        }
        let lastDay = scenario.horizonBlocks % scenario.blocksPerDay == 0 ? scenario.blocksPerDay : scenario.horizonBlocks % scenario.blocksPerDay
        agents.day(network: &network, taoUsdMicro: market.microUsd(atBlock: end), blocks: lastDay)
        try verify(afterBlock: false)
        let final = takeSample(previous: &previous)
        try emit(final, &sink)
        let miners = minerTracks.keys.sorted().compactMap { netuid -> MinerOutcome? in
            guard let track = minerTracks[netuid], let firstRow = track.first, let lastRow = track.last else { return nil }
            let totals = agents.subnets[netuid]
            return MinerOutcome(netuid: netuid, first: firstRow, last: lastRow, turnedUnprofitable: track.turnedUnprofitable,
                                exits: totals?.totalExits ?? 0, entries: totals?.totalEntries ?? 0)
        }
        return RunOutcome(first: first ?? final, last: final, halvings: halvings, eventCounts: counts, firstRefusals: refusals,
                          ledgerViolations: network.checkConservation(), miners: miners, minerTotals: minerTotals)
    }

    mutating func takeSample(previous: inout [SubnetIdentity: FlowCounters]) -> NetworkSample {
        let block = network.block
        var subnets: [SubnetSample] = []
        var seen: [SubnetIdentity: FlowCounters] = [:]
        for subnet in network.subnets {
            // A netuid reused after pruning is a new subnet: its counters start at 0.
            let identity = SubnetIdentity(netuid: subnet.netuid, registeredAtBlock: subnet.registeredAtBlock)
            let before = previous[identity] ?? FlowCounters(tao: 0, alphaIn: 0, alphaOut: 0)
            subnets.append(SubnetSample(
                netuid: subnet.netuid, taoReserveRao: subnet.pool.taoReserveRao, alphaReserveRao: subnet.pool.alphaReserveRao,
                alphaOutstandingRao: subnet.pool.alphaOutstandingRao, price: subnet.pool.spotPrice, emaPriceRaw: subnet.pool.emaPriceRaw,
                taoInRao: subnet.taoInjectedRao - before.tao, alphaInRao: subnet.alphaInjectedRao - before.alphaIn,
                alphaOutRao: subnet.alphaOutRao - before.alphaOut))
            seen[identity] = FlowCounters(tao: subnet.taoInjectedRao, alphaIn: subnet.alphaInjectedRao, alphaOut: subnet.alphaOutRao)
        }
        previous = seen
        return NetworkSample(
            block: block, date: clock.date(ofBlock: block), totalIssuanceRao: network.tao.issuanceRao,
            emissionRaoPerBlock: network.blockEmissionRao(), era: network.schedule.era(block: block, issuanceRao: network.tao.issuanceRao),
            taoUsdMicro: market.microUsd(atBlock: block), rootTaoRao: network.tao.rootStakeRao, freeTaoRao: network.tao.freeRao,
            subnets: subnets)
    }

    func event(_ kind: RunEvent.Kind, netuid: UInt16?, holder: String, in amountIn: UInt64, out amountOut: UInt64, _ detail: String) -> RunEvent {
        RunEvent(block: network.block, date: clock.date(ofBlock: network.block), netuid: netuid, kind: kind, holder: holder,
                 amountInRao: amountIn, amountOutRao: amountOut, detail: detail)
    }

    /// A registration, preceded by the prune it caused (if any).
    mutating func register() -> [RunEvent] {
        do {
            // Record the holders' payouts before the prune removes the subnet.
            let payouts = network.rules.registration.subnetLimit.map { network.subnets.count >= $0 } == true
                ? network.pruneCandidate().map { network.dissolutionPayouts(netuid: network.subnets[$0].netuid) } : nil
            let registration = try network.registerSubnet()
            var events: [RunEvent] = []
            if let pruned = registration.prunedNetuid {
                let holders = (payouts ?? []).map { "\($0.holder): \($0.taoRao)" }.joined(separator: "; ")
                events.append(event(.prune, netuid: pruned, holder: "holders", in: 0, out: registration.prunedPayoutRao,
                                    "lowest EMA price; pool TAO paid pro rata to alpha holders (\(holders))"))
            }
            events.append(event(.registration, netuid: registration.netuid, holder: "owner", in: registration.lockRao, out: registration.alphaReserveRao,
                                "lock \(registration.lockRao) rao, recycled \(registration.recycledRao) rao"))
            return events
        } catch {
            return [event(.refused, netuid: nil, holder: "owner", in: network.lockCostRao, out: 0, "registration: \(error)")]
        }
    }

    mutating func apply(_ flow: FlowEvent) -> RunEvent {
        let holder = AlphaHolder.staker(flow.holder)
        do {
            switch flow.action {
            case let .stakeTao(rao):
                let quote = try network.stake(netuid: flow.netuid, holder: holder, taoRao: rao)
                return event(.stake, netuid: flow.netuid, holder: flow.holder, in: rao, out: quote.amountOutRao, flow.source)
            case let .unstakeAlpha(rao):
                let quote = try network.unstake(netuid: flow.netuid, holder: holder, alphaRao: rao)
                return event(.unstake, netuid: flow.netuid, holder: flow.holder, in: rao, out: quote.amountOutRao, flow.source)
            case let .unstakeFraction(numerator, denominator):
                let position = network.subnet(flow.netuid)?.holders.balance(of: holder) ?? 0
                let amount = (try? BigInteger(position).multipliedDivided(by: numerator, dividedBy: denominator, rounding: .floor))?.uint64Value ?? 0
                let quote = try network.unstake(netuid: flow.netuid, holder: holder, alphaRao: amount)
                return event(.unstake, netuid: flow.netuid, holder: flow.holder, in: amount, out: quote.amountOutRao, flow.source)
            }
        } catch {
            return event(.refused, netuid: flow.netuid, holder: flow.holder, in: 0, out: 0, "\(flow.source): \(error)")
        }
    }

    mutating func applySpread(_ spread: SpreadUnstake, chunk: Int, totals: inout [Int: UInt64], index: Int) -> RunEvent {
        let holder = AlphaHolder.staker(spread.holder)
        if totals[index] == nil {
            let position = network.subnet(spread.netuid)?.holders.balance(of: holder) ?? 0
            totals[index] = (try? BigInteger(position).multipliedDivided(by: spread.numerator, dividedBy: spread.denominator, rounding: .floor))?.uint64Value ?? 0
        }
        let parts = LargestRemainder.split(totals[index] ?? 0, among: [UInt64](repeating: 1, count: spread.blocks.count))
        let amount = parts[chunk]
        do {
            let quote = try network.unstake(netuid: spread.netuid, holder: holder, alphaRao: amount)
            return event(.unstake, netuid: spread.netuid, holder: spread.holder, in: amount, out: quote.amountOutRao,
                         "\(spread.source) chunk \(chunk + 1) of \(spread.blocks.count)")
        } catch {
            return event(.refused, netuid: spread.netuid, holder: spread.holder, in: amount, out: 0, "\(spread.source) chunk \(chunk + 1): \(error)")
        }
    }

    mutating func applyStochastic(_ flow: StochasticFlow) -> [RunEvent] {
        let netuids = flow.netuids ?? network.subnets.map(\.netuid)
        var events: [RunEvent] = []
        for netuid in netuids {
            // Draw first, so the stream advances the same way whatever happens to the trade.
            let tao = flow.meanTao + flow.sdTao * flowRandom.nextNormal()
            let rao = UInt64(min(abs(tao) * 1e9, 1e18).rounded())
            guard rao > 0, let subnet = network.subnet(netuid) else { continue }
            if tao > 0 {
                do {
                    let quote = try network.stake(netuid: netuid, holder: .staker("market"), taoRao: rao)
                    events.append(event(.stake, netuid: netuid, holder: "market", in: rao, out: quote.amountOutRao, flow.source))
                } catch {
                    events.append(event(.refused, netuid: netuid, holder: "market", in: rao, out: 0, "\(flow.source): \(error)"))
                }
            } else {
                // That much TAO's worth of alpha at the spot price, from the others' position.
                let worth = subnet.pool.alphaWorthRao(ofTaoRao: rao)
                let amount = min(worth, subnet.holders.balance(of: .staker("others")))
                guard amount > 0 else { continue }
                do {
                    let quote = try network.unstake(netuid: netuid, holder: .staker("others"), alphaRao: amount)
                    events.append(event(.unstake, netuid: netuid, holder: "others", in: amount, out: quote.amountOutRao, flow.source))
                } catch {
                    events.append(event(.refused, netuid: netuid, holder: "others", in: amount, out: 0, "\(flow.source): \(error)"))
                }
            }
        }
        return events
    }
}
