import FixedMath
import TaoEconomics

/// Runs a scenario block by block, streaming samples and events to a sink.
///
/// A run is a pure function of its scenario (seed included): the same scenario gives the same
/// rows, byte for byte. Each block: the miners' day ends at day boundaries, a sample is taken
/// every `sample_every` blocks, the world acts at each step (registrations, flows, spread exits,
/// random flows), then the chain runs the block. With a checker, the invariants are asserted
/// after every block and after every block's worth of actions.
///
/// Everything the run carries from block to block is in `state` (a `RunState`); a run built
/// from a state (`init(scenario:resumingFrom:)`) continues exactly as the unbroken run would.
public struct SimulationRun {
    /// The scenario being run.
    public let scenario: Scenario
    /// The network as the run has left it so far.
    public internal(set) var network: Network
    var market: TaoUsdPath
    var flowRandom: RandomStream
    var agents: MinerAgents
    var recorder: RunRecorder
    var world: WorldSchedule
    /// The emission era at the last block run (a change is a halving crossed).
    var era: Int
    /// The block a resumed run started at (no checkpoint is written there); nil for a fresh run.
    let resumedAtBlock: UInt64?
    /// How the starting subnets were imported from a snapshot, when they were.
    public internal(set) var snapshotImport: SnapshotImport?
    /// When set, the run asserts these invariants after every block and every operation.
    public var checker: InvariantChecker?
    /// When set, the run passes its state to the sink (`RunSink.checkpoint`) at every block
    /// this many blocks after the start, and at the end.
    public var checkpointEveryBlocks: UInt64?
    /// Tests only: called after each block's step and before its checks, to inject a fault and
    /// show that the checker catches it at that block. Never set outside tests.
    var faultAfterStep: ((inout Network) -> Void)?

    /// Builds the starting network. - Throws: `RunError.scenario` when it is impossible.
    public init(scenario: Scenario) throws(RunError) {
        self.scenario = scenario
        let rules = scenario.rules
        var configurations: [SubnetConfiguration]
        switch scenario.subnets {
        case let .explicit(list): configurations = list
        case let .generated(generator): configurations = generator.subnets(seed: scenario.networkSeed)
        case let .snapshot(snapshot, netuids, keyPath):
            let imported: SnapshotImport
            do { imported = try snapshot.imported(rules: rules, netuids: netuids, keyPath: keyPath) } catch { throw .scenario(error) }
            configurations = imported.configurations
            snapshotImport = imported
        }
        for holder in scenario.holders {
            guard let index = configurations.firstIndex(where: { $0.netuid == holder.netuid }) else { continue }
            configurations[index].holders.append((holder.name, holder.alphaRao))
        }
        let options = NetworkOptions(rootClaim: scenario.rootClaim, lastLockRao: scenario.lastLockRao, lastLockBlock: scenario.lastLockBlock,
                                     rootClaimSlice: scenario.rootClaimSlice)
        do {
            network = try Network(rules: rules, startBlock: scenario.startBlock, startIssuanceRao: scenario.startIssuanceRao,
                                  rootStakeRao: scenario.rootTaoRao, subnets: configurations, options: options)
            agents = try MinerAgents(models: scenario.minerModels, network: &network, seed: scenario.seed, blocksPerDay: scenario.blocksPerDay)
            for subnet in network.subnets {
                guard let settings = scenario.consensus.settings(for: subnet.netuid, outstandingRao: subnet.pool.alphaOutstandingRao, seed: scenario.seed) else { continue }
                try network.setConsensus(netuid: subnet.netuid, settings: settings)
            }
        } catch {
            throw .scenario(scenario.error(for: error))
        }
        market = TaoUsdPath(model: scenario.market, startBlock: scenario.startBlock, blocksPerDay: scenario.blocksPerDay, seed: scenario.seed)
        flowRandom = RandomStream(seed: scenario.seed, purpose: "flows")
        recorder = RunRecorder(clock: scenario.clock)
        world = WorldSchedule(scenario: scenario)
        era = network.schedule.era(block: scenario.startBlock, issuanceRao: network.tao.issuanceRao)
        resumedAtBlock = nil
    }

    /// Runs to the end. `progress` is called with (blocks done, blocks in all) now and then.
    public mutating func run<Sink: RunSink>(into sink: inout Sink, progress: ((UInt64, UInt64) -> Void)? = nil) throws(RunError) -> RunOutcome {
        let start = scenario.startBlock, end = scenario.endBlock, blocksPerDay = scenario.blocksPerDay
        let progressEvery = max(1, scenario.horizonBlocks / 200)
        var eventsChecked = recorder.eventCount
        if let checker { checker.prepare(&network) }

        for block in network.block..<end {
            let offset = block - start
            try checkpoint(at: block, into: &sink)
            if offset > 0, offset % blocksPerDay == 0 {
                agents.day(network: &network, taoUsdMicro: try taoUsdMicro(atBlock: block, &sink), blocks: blocksPerDay)
                try verifyOperations(checked: &eventsChecked)
            }
            if offset % scenario.sampleEveryBlocks == 0 {
                let price = try taoUsdMicro(atBlock: block, &sink)
                try recorder.sample(&network, taoUsdMicro: price, miners: &agents, into: &sink)
            }
            if offset % scenario.stepBlocks == 0 {
                let (limit, overflow) = block.addingReportingOverflow(scenario.stepBlocks)
                for event in act(from: block, before: overflow ? end : min(limit, end)) { try recorder.record(event, into: &sink) }
                try verifyOperations(checked: &eventsChecked)
            }
            try stepBlock()
            recorder.noteEra(network, previousEra: &era)
            if let progress, (offset + 1) % progressEvery == 0 { progress(offset + 1, scenario.horizonBlocks) }
        }
        if checkpointEveryBlocks != nil, resumedAtBlock != end { try writeCheckpoint(into: &sink) }
        let partDay = scenario.horizonBlocks % blocksPerDay
        let endPrice = try taoUsdMicro(atBlock: end, &sink)
        agents.day(network: &network, taoUsdMicro: endPrice, blocks: partDay == 0 ? blocksPerDay : partDay)
        try verifyOperations(checked: &eventsChecked)
        let final = try recorder.sample(&network, taoUsdMicro: endPrice, miners: &agents, into: &sink)
        var outcome = recorder.outcome(final: final, network: network, miners: agents)
        outcome.snapshot = snapshotImport
        return outcome
    }

    /// Passes the state to the sink at a checkpoint block (not the start, nor where a resumed
    /// run began).
    mutating func checkpoint<Sink: RunSink>(at block: UInt64, into sink: inout Sink) throws(RunError) {
        guard let every = checkpointEveryBlocks, every > 0, block != resumedAtBlock else { return }
        let offset = block - scenario.startBlock
        guard offset > 0, offset % every == 0 else { return }
        try writeCheckpoint(into: &sink)
    }

    mutating func writeCheckpoint<Sink: RunSink>(into sink: inout Sink) throws(RunError) {
        do { try sink.checkpoint(state) } catch { throw .output(error) }
    }

    /// The TAO/USD price at `block`; a GBM path reaching a bound is recorded as a `market` event.
    mutating func taoUsdMicro<Sink: RunSink>(atBlock block: UInt64, _ sink: inout Sink) throws(RunError) -> UInt64 {
        let micro = market.microUsd(atBlock: block)
        for clamp in market.takeClamps() {
            let detail = "the GBM TAO/USD path reached its \(clamp.bound.rawValue) of $\(DecimalText.format(scaled: BigInteger(clamp.micro), fractionDigits: 6)) on day \(clamp.day) and is held there"
            try recorder.record(RunEvent(block: clamp.block, date: scenario.clock.date(ofBlock: clamp.block), netuid: nil, kind: .market,
                                         holder: AlphaHolder.market.reportName, amountInRao: 0, amountOutRao: 0, detail: detail), into: &sink)
        }
        return micro
    }

    /// Runs the chain's block, then its checks.
    mutating func stepBlock() throws(RunError) {
        do { try network.step() } catch {
            throw .scenario(scenario.error(for: error, expected: "reserves that stay within 64-bit rao"))
        }
        faultAfterStep?(&network)
        if checker != nil, let violation = checker!.checkBlock(&network) { throw .invariant(violation) }
    }

    /// Checks the operations since the last check (flows, registrations, miners' sales), when
    /// any happened.
    mutating func verifyOperations(checked: inout Int) throws(RunError) {
        guard checker != nil, recorder.eventCount != checked || !network.observations.swaps.isEmpty else { return }
        checked = recorder.eventCount
        if let violation = checker!.checkOperations(&network) { throw .invariant(violation) }
    }
}

extension Scenario {
    /// A network error at the start (or while stepping) as a scenario error at the key the
    /// problem is about.
    func error(for error: NetworkError, expected: String = "a network the rules can hold") -> ScenarioError {
        var keyPath: ScenarioKeyPath = "subnets"
        if case let .invalidConfiguration(subject, _) = error {
            switch subject {
            case .startIssuance: keyPath = "start.issuance"
            case .holders: keyPath = "holders"
            case let .subnet(netuid):
                if case let .explicit(list) = subnets, let index = list.firstIndex(where: { $0.netuid == netuid }) {
                    keyPath = keyPath.appending(index: index)
                }
            case .subnets: break
            }
        }
        return ScenarioError(file: file, keyPath: keyPath, line: nil, value: error.description, expected: expected)
    }
}
