import FixedMath
import TaoEconomics

/// One subnet's miners over a period (since the previous report row).
public struct MinerSample: Sendable, Equatable, Codable {
    /// The subnet.
    public let netuid: UInt16
    /// Miners at the row's block.
    public let miners: Int
    /// Blocks of mining the period covers.
    public let blocks: UInt64
    /// Miners' alpha earned in the period (alpha rao).
    public let revenueAlphaRao: UInt64
    /// Alpha earned valued at the spot price just before each miner's daily sale.
    public let revenueTaoRao: BigInteger
    /// The same in USD at the day's TAO/USD (micro-dollars).
    public let revenueUsdMicro: BigInteger
    /// USD actually received from selling alpha through the pool (daily sales and exits).
    public let realisedUsdMicro: BigInteger
    /// The miners' operating costs for the period (micro-dollars).
    public let costUsdMicro: BigInteger
    /// The lowest profit among the miners present at the row (micro-dollars); nil with none.
    public let marginalMinerProfitMicro: BigInteger?
    /// The median miner present at the row, by revenue in TAO over the period (the lower
    /// median of an even count; ties by rank): its revenue and cost; nil with none.
    public var medianMiner: MinerFigures? = nil
    /// Miners who left in the period.
    public let exits: Int
    /// Miners who joined in the period.
    public let entries: Int
    /// The subnet's miners over the last seven mining days ending at the row, whatever the
    /// row's period: daily figures alias (see `TrailingWindow`), these do not.
    public let trailing: TrailingWindow

    /// Revenue (mark-to-market) less cost, micro-dollars.
    public var profitUsdMicro: BigInteger { revenueUsdMicro - costUsdMicro }
}

/// One miner's revenue and cost over a period.
public struct MinerFigures: Sendable, Equatable, Codable {
    /// Alpha earned, valued in TAO just before each daily sale (rao).
    public let revenueTaoRao: BigInteger
    /// Its operating cost (micro-dollars).
    public let costUsdMicro: BigInteger
}

/// Revenue and cost over the last `days` mining days (at most 7; fewer at the start of a run;
/// a run's final part-day counts as one).
///
/// Why daily figures alias: miners are paid at epochs, every tempo + 1 blocks (361), and a day
/// holds a whole number of blocks (7,200, or 7,161 on the real chain), so some days hold 20
/// payouts and others 19: the daily revenue drops by exactly 1/20 (5%) about every sixth day at
/// 7,161 blocks a day, with no change in the economy. Seven days average that out.
public struct TrailingWindow: Sendable, Equatable, Codable {
    /// The window's length in days.
    public static let days = 7

    /// Days summed (at most `TrailingWindow.days`).
    public let days: Int
    /// Revenue over the window at spot, TAO rao.
    public let revenueTaoRao: BigInteger
    /// Revenue over the window, micro-dollars.
    public let revenueUsdMicro: BigInteger
    /// Cost over the window, micro-dollars.
    public let costUsdMicro: BigInteger
}

/// Miners who earn, sell, pay USD costs and react, on every subnet with a `MinerModel`.
///
/// Once a day (at each day boundary, and for the part-day at the end of a run) each miner's
/// alpha earned since the last day is valued at the spot price just before its sale, it sells
/// `sell_fraction` of it through the pool (fee and slippage paid, price moved), and pays its
/// day's cost. Then miners whose profit over the trailing window is negative may leave (selling
/// everything they hold), and newcomers may join while the marginal one would profit, within
/// the rate limits, the seeded probabilities and the UID slots.
struct MinerAgents {
    struct SubnetMiners {
        let model: MinerModel
        /// The subnet these miners mine (a netuid reused after pruning is another subnet).
        let registeredAtBlock: UInt64
        /// Miner ids by rank (rank 1 first).
        var ids: [Int]
        var nextID: Int
        /// Each miner's holding right after its last day's sale.
        var lastHolding: [Int: UInt64] = [:]
        /// Each miner's daily profits (micro-dollars), newest last, at most the exit window.
        var history: [Int: [BigInteger]] = [:]
        var period = Period()
        /// The last `TrailingWindow.days` days' totals, oldest first.
        var recentDays: [DayTotals] = []
        var totalExits = 0
        var totalEntries = 0
    }

    /// One day's (or the final part-day's) totals for a subnet's miners.
    struct DayTotals: Codable {
        var revenueTao = BigInteger.zero
        var revenueUsd = BigInteger.zero
        var cost = BigInteger.zero
    }

    struct Period: Codable {
        var blocks: UInt64 = 0
        var revenueAlpha: UInt64 = 0
        var revenueTao = BigInteger.zero
        var revenueUsd = BigInteger.zero
        var realisedUsd = BigInteger.zero
        var cost = BigInteger.zero
        var minerProfit: [Int: BigInteger] = [:]
        /// Each miner's revenue (TAO rao) and cost (micro-dollars) in the period.
        var minerRevenueTao: [Int: BigInteger] = [:]
        var minerCost: [Int: BigInteger] = [:]
        var exits = 0
        var entries = 0
    }

    var subnets: [UInt16: SubnetMiners] = [:]
    var random: RandomStream
    let blocksPerDay: UInt64
    static let scale = BigInteger(1_000_000_000 as UInt64)

    init(models: [UInt16: MinerModel], network: inout Network, seed: UInt64, blocksPerDay: UInt64) throws(NetworkError) {
        random = RandomStream(seed: seed, purpose: "agents")
        self.blocksPerDay = blocksPerDay
        for (netuid, model) in models.sorted(by: { $0.key < $1.key }) where network.subnet(netuid) != nil {
            let ids = Array(0..<model.count)
            try network.setMiners(netuid: netuid, ids: ids, weights: model.distribution.weights(count: ids.count))
            subnets[netuid] = SubnetMiners(model: model, registeredAtBlock: network.subnet(netuid)?.registeredAtBlock ?? 0, ids: ids, nextID: model.count)
        }
    }

    /// One mining day (or `blocks` of one, at the end) ending at the current block.
    mutating func day(network: inout Network, taoUsdMicro: UInt64, blocks: UInt64) {
        for netuid in subnets.keys.sorted() {
            guard var miners = subnets[netuid], network.subnet(netuid)?.registeredAtBlock == miners.registeredAtBlock else { continue }
            let costBlock = network.block > 0 ? network.block - 1 : 0
            let fullDayCost = BigInteger(miners.model.cost.perMinerPerDayMicro(atBlock: costBlock))
            let cost = (try? fullDayCost.multipliedDivided(by: BigInteger(blocks), dividedBy: BigInteger(blocksPerDay), rounding: .floor)) ?? .zero
            var earnedTotal: UInt64 = 0
            var today = DayTotals()
            for id in miners.ids {
                guard let subnet = network.subnet(netuid) else { break }
                let holding = subnet.holders.balance(of: .miner(id))
                let earned = holding - min(holding, miners.lastHolding[id] ?? 0)
                earnedTotal += earned
                // Valued at the spot price just before this miner's sale.
                let valueTao = subnet.pool.taoValueRao(ofAlphaRao: BigInteger(earned))
                let valueUsd = MicroUSD.value(ofTaoRao: valueTao, taoUsdMicro: taoUsdMicro)
                miners.period.revenueAlpha += earned
                miners.period.revenueTao += valueTao
                miners.period.revenueUsd += valueUsd
                today.revenueTao += valueTao
                today.revenueUsd += valueUsd
                let sell = ((try? BigInteger(earned).multipliedDivided(by: miners.model.sellFractionRaw, dividedBy: FixedDecimal<Decimal18>.scale, rounding: .floor))?.uint64Value) ?? 0
                if sell > 0, let quote = try? network.unstake(netuid: netuid, holder: .miner(id), alphaRao: sell) {
                    miners.period.realisedUsd += MicroUSD.value(ofTaoRao: BigInteger(quote.amountOutRao), taoUsdMicro: taoUsdMicro)
                }
                miners.lastHolding[id] = network.subnet(netuid)?.holders.balance(of: .miner(id)) ?? 0
                let profit = valueUsd - cost
                miners.period.minerProfit[id, default: .zero] += profit
                miners.period.minerRevenueTao[id, default: .zero] += valueTao
                miners.period.minerCost[id, default: .zero] += cost
                if let window = miners.model.exits?.windowDays {
                    var history = miners.history[id] ?? []
                    history.append(profit)
                    if history.count > window { history.removeFirst(history.count - window) }
                    miners.history[id] = history
                }
            }
            miners.period.cost += cost * BigInteger(miners.ids.count)
            miners.period.blocks += blocks
            today.cost = cost * BigInteger(miners.ids.count)
            miners.recentDays.append(today)
            if miners.recentDays.count > TrailingWindow.days { miners.recentDays.removeFirst() }
            if blocks == blocksPerDay {
                react(&miners, netuid: netuid, network: &network, taoUsdMicro: taoUsdMicro, earnedTotal: earnedTotal, dayCost: fullDayCost)
            }
            subnets[netuid] = miners
        }
    }

    /// Exits, then entries, then the new payout weights.
    mutating func react(_ miners: inout SubnetMiners, netuid: UInt16, network: inout Network, taoUsdMicro: UInt64,
                        earnedTotal: UInt64, dayCost: BigInteger) {
        let before = miners.ids
        if let rule = miners.model.exits {
            var left = 0
            // From the lowest rank up: the lowest earners leave first.
            for id in miners.ids.reversed() {
                let history = miners.history[id] ?? []
                guard history.count >= rule.windowDays, history.reduce(BigInteger.zero, +).isNegative else { continue }
                let draw = random.nextUnit()
                guard left < rule.maxPerDay, draw < rule.probability else { continue }
                // Leaving miners sell everything they hold: real sell pressure.
                let holding = network.subnet(netuid)?.holders.balance(of: .miner(id)) ?? 0
                if holding > 0, let quote = try? network.unstake(netuid: netuid, holder: .miner(id), alphaRao: holding) {
                    miners.period.realisedUsd += MicroUSD.value(ofTaoRao: BigInteger(quote.amountOutRao), taoUsdMicro: taoUsdMicro)
                }
                miners.ids.removeAll { $0 == id }
                miners.history[id] = nil
                miners.lastHolding[id] = nil
                miners.period.minerProfit[id] = nil
                miners.period.minerRevenueTao[id] = nil
                miners.period.minerCost[id] = nil
                left += 1
            }
            miners.period.exits += left
            miners.totalExits += left
        }
        if let rule = miners.model.entries, let subnet = network.subnet(netuid) {
            var joined = 0
            while joined < rule.maxPerDay, miners.ids.count < miners.model.slots {
                // The newcomer's share of today's miner alpha at its rank, valued at spot.
                let weights = miners.model.distribution.weights(count: miners.ids.count + 1)
                let total = weights.reduce(BigInteger.zero) { $0 + BigInteger($1) }
                let alpha = (try? BigInteger(earnedTotal).multipliedDivided(by: BigInteger(weights.last ?? 0), dividedBy: total, rounding: .floor)) ?? .zero
                let tao = subnet.pool.taoValueRao(ofAlphaRao: alpha)
                guard MicroUSD.value(ofTaoRao: tao, taoUsdMicro: taoUsdMicro) > dayCost else { break }
                let draw = random.nextUnit()
                guard draw < rule.probability else { break }
                miners.ids.append(miners.nextID)
                miners.lastHolding[miners.nextID] = 0
                miners.nextID += 1
                joined += 1
            }
            miners.period.entries += joined
            miners.totalEntries += joined
        }
        if miners.ids != before {
            try? network.setMiners(netuid: netuid, ids: miners.ids, weights: miners.model.distribution.weights(count: miners.ids.count))
        }
    }

    /// One subnet's miners as a checkpoint records them; the model comes from the scenario.
    struct SubnetState: Codable {
        let netuid: UInt16
        let registeredAtBlock: UInt64
        let ids: [Int]
        let nextID: Int
        let lastHolding: [Int: UInt64]
        let history: [Int: [BigInteger]]
        let period: Period
        let recentDays: [DayTotals]
        let totalExits: Int
        let totalEntries: Int
    }

    /// Every subnet's miners and the agents' random stream, for a checkpoint.
    struct State: Codable {
        let random: RandomStream
        let subnets: [SubnetState]
    }

    /// The miners' position, for a checkpoint.
    var state: State {
        State(random: random, subnets: subnets.keys.sorted().map { netuid in
            let miners = subnets[netuid]!
            return SubnetState(netuid: netuid, registeredAtBlock: miners.registeredAtBlock, ids: miners.ids, nextID: miners.nextID,
                               lastHolding: miners.lastHolding, history: miners.history, period: miners.period, recentDays: miners.recentDays,
                               totalExits: miners.totalExits, totalEntries: miners.totalEntries)
        })
    }

    /// The miners of a checkpoint, with their models from the scenario (`models`, by netuid).
    /// nil when a checkpointed subnet has no model in the scenario.
    init?(state: State, models: [UInt16: MinerModel], blocksPerDay: UInt64) {
        random = state.random
        self.blocksPerDay = blocksPerDay
        for miners in state.subnets {
            guard let model = models[miners.netuid] else { return nil }
            subnets[miners.netuid] = SubnetMiners(model: model, registeredAtBlock: miners.registeredAtBlock, ids: miners.ids, nextID: miners.nextID,
                                                  lastHolding: miners.lastHolding, history: miners.history, period: miners.period,
                                                  recentDays: miners.recentDays, totalExits: miners.totalExits, totalEntries: miners.totalEntries)
        }
    }

    /// The rows for every subnet with miners since the previous call, which starts a new period.
    mutating func takeSamples(network: Network) -> [MinerSample] {
        var rows: [MinerSample] = []
        for netuid in subnets.keys.sorted() {
            guard var miners = subnets[netuid], network.subnet(netuid)?.registeredAtBlock == miners.registeredAtBlock else { continue }
            let present = miners.ids.compactMap { miners.period.minerProfit[$0] }
            // Present miners by revenue (stable: ties keep rank order), the lower median.
            let figures = miners.ids.compactMap { id in
                miners.period.minerCost[id].map { MinerFigures(revenueTaoRao: miners.period.minerRevenueTao[id] ?? .zero, costUsdMicro: $0) }
            }
            let byRevenue = figures.enumerated().sorted { ($0.element.revenueTaoRao, $0.offset) < ($1.element.revenueTaoRao, $1.offset) }.map(\.element)
            var sample = MinerSample(
                netuid: netuid, miners: miners.ids.count, blocks: miners.period.blocks, revenueAlphaRao: miners.period.revenueAlpha,
                revenueTaoRao: miners.period.revenueTao, revenueUsdMicro: miners.period.revenueUsd, realisedUsdMicro: miners.period.realisedUsd,
                costUsdMicro: miners.period.cost, marginalMinerProfitMicro: present.min(), exits: miners.period.exits, entries: miners.period.entries,
                trailing: TrailingWindow(days: miners.recentDays.count, revenueTaoRao: miners.recentDays.reduce(.zero) { $0 + $1.revenueTao },
                                         revenueUsdMicro: miners.recentDays.reduce(.zero) { $0 + $1.revenueUsd },
                                         costUsdMicro: miners.recentDays.reduce(.zero) { $0 + $1.cost }))
            sample.medianMiner = byRevenue.isEmpty ? nil : byRevenue[(byRevenue.count - 1) / 2]
            rows.append(sample)
            miners.period = Period()
            subnets[netuid] = miners
        }
        return rows
    }
}
