import FixedMath
import TaoEconomics

/// Everything a run carries from one block to the next, at the start of `block` (before that
/// block's day boundary, sample, actions and coinbase): the network, the TAO/USD path and
/// every seeded stream's position, the miners, the world's schedule, and what the reports carry
/// between rows (flow counters, event counts, the summary's tracks). A run built from it
/// (`SimulationRun(scenario:resumingFrom:)`) continues exactly as the unbroken run would.
///
/// What the scenario itself gives (the market model, flows, miner models, the clock) is not
/// repeated here; `scenario` (name and seed) and `rules` say which scenario and overrides the
/// state belongs to. Encoded as JSON by `StateFile` in the Reporting module.
public struct RunState: Sendable, Codable {
    /// The next block to run.
    public let block: UInt64
    /// The seed the run used (`--seed` may have replaced the scenario's).
    public let seed: UInt64
    /// The scenario's name.
    public let scenarioName: String
    /// The network at the start of `block`.
    public let network: Network
    let market: TaoUsdPath.State
    let flowRandom: RandomStream
    let agents: MinerAgents.State
    let world: WorldSchedule
    let recorder: RunRecorder.State
    let era: Int
}

extension SimulationRun {
    /// The run's state now (at the start of `network.block`).
    public var state: RunState {
        RunState(block: network.block, seed: scenario.seed, scenarioName: scenario.name, network: network, market: market.state,
                 flowRandom: flowRandom, agents: agents.state, world: world, recorder: recorder.state, era: era)
    }

    /// A run of `scenario` continuing from `state`.
    /// - Throws: `RunError.resume` when the state belongs to another scenario, seed or rule set,
    ///   or does not fit the scenario (its block outside the run, miners without a model).
    public init(scenario: Scenario, resumingFrom state: RunState) throws(RunError) {
        func refuse(_ reason: String) -> RunError { .resume(reason) }
        guard state.scenarioName == scenario.name else {
            throw refuse("the state is of scenario '\(state.scenarioName)', not '\(scenario.name)'")
        }
        guard state.seed == scenario.seed else { throw refuse("the state was run with seed \(state.seed), not \(scenario.seed)") }
        let rules = scenario.rules
        guard state.network.rules == rules else {
            throw refuse("the state runs rule set \(state.network.rules.label), not \(rules.label) as this scenario asks")
        }
        guard state.block >= scenario.startBlock, state.block <= scenario.endBlock, state.network.block == state.block else {
            throw refuse("the state is at block \(state.block), outside the run (\(scenario.startBlock) to \(scenario.endBlock))")
        }
        guard let agents = MinerAgents(state: state.agents, models: scenario.minerModels, blocksPerDay: scenario.blocksPerDay) else {
            throw refuse("the state has miners on a subnet the scenario gives no miner model")
        }
        guard let recorder = RunRecorder(clock: scenario.clock, state: state.recorder) else {
            throw refuse("the state names an event kind this engine does not know")
        }
        guard state.world.stochasticNext.count == scenario.stochasticFlows.count,
              state.world.registrationIndex <= scenario.registrations.count, state.world.flowIndex <= scenario.flows.count else {
            throw refuse("the state's world schedule does not fit the scenario's flows and registrations")
        }
        self.scenario = scenario
        network = state.network
        market = TaoUsdPath(model: scenario.market, startBlock: scenario.startBlock, blocksPerDay: scenario.blocksPerDay, seed: scenario.seed)
        market.state = state.market
        flowRandom = state.flowRandom
        self.agents = agents
        self.recorder = recorder
        world = state.world
        era = state.era
        resumedAtBlock = state.block
        if case let .snapshot(snapshot, netuids, keyPath) = scenario.subnets {
            snapshotImport = try? snapshot.imported(rules: rules, netuids: netuids, keyPath: keyPath)
        }
    }
}
