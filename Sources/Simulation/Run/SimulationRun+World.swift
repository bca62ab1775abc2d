import FixedMath
import TaoEconomics

/// How far the world's scheduled actions have got: the next registration and flow, each spread
/// exit's fixed total, and each random flow's next block.
struct WorldSchedule: Codable {
    var registrationIndex = 0
    var flowIndex = 0
    var spreadTotals: [Int: UInt64] = [:]
    var stochasticNext: [UInt64]

    init(scenario: Scenario) {
        stochasticNext = scenario.stochasticFlows.map(\.fromBlock)
    }
}

extension SimulationRun {
    /// The world's actions scheduled in [block, end): registrations, then scheduled flows, spread
    /// exits and random flows, each recorded as an event (refusals included).
    mutating func act(from block: UInt64, before end: UInt64) -> [RunEvent] {
        var events: [RunEvent] = []
        while world.registrationIndex < scenario.registrations.count, scenario.registrations[world.registrationIndex] < end {
            events += register()
            world.registrationIndex += 1
        }
        while world.flowIndex < scenario.flows.count, scenario.flows[world.flowIndex].block < end {
            events.append(apply(scenario.flows[world.flowIndex]))
            world.flowIndex += 1
        }
        for (index, spread) in scenario.spreads.enumerated() {
            for (chunk, chunkBlock) in spread.blocks.enumerated() where chunkBlock >= block && chunkBlock < end {
                events.append(applySpread(spread, chunk: chunk, index: index))
            }
        }
        for (index, flow) in scenario.stochasticFlows.enumerated() {
            while world.stochasticNext[index] < min(end, flow.toBlock) {
                events += applyStochastic(flow)
                let (next, overflow) = world.stochasticNext[index].addingReportingOverflow(flow.everyBlocks)
                world.stochasticNext[index] = overflow ? .max : next
            }
        }
        return events
    }

    func event(_ kind: RunEvent.Kind, netuid: UInt16?, holder: String, in amountIn: UInt64, out amountOut: UInt64, _ detail: String) -> RunEvent {
        RunEvent(block: network.block, date: scenario.clock.date(ofBlock: network.block), netuid: netuid, kind: kind, holder: holder,
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
                let recycled = (payouts ?? []).contains { $0.holder == .protocol } ? "; the protocol's part recycled" : ""
                events.append(event(.prune, netuid: pruned, holder: "holders", in: 0, out: registration.prunedPayoutRao,
                                    "lowest EMA price; pool TAO paid pro rata to alpha holders (\(holders))\(recycled)"))
            }
            events.append(event(.registration, netuid: registration.netuid, holder: AlphaHolder.owner.reportName, in: registration.lockRao, out: registration.alphaReserveRao,
                                "lock \(registration.lockRao) rao, recycled \(registration.recycledRao) rao"))
            return events
        } catch {
            return [event(.refused, netuid: nil, holder: AlphaHolder.owner.reportName, in: network.lockCostRao, out: 0, "registration: \(error)")]
        }
    }

    mutating func apply(_ flow: FlowEvent) -> RunEvent {
        let holder = AlphaHolder.staker(flow.holder)
        do {
            switch flow.action {
            case let .stakeTao(rao):
                let quote = try network.stake(netuid: flow.netuid, holder: holder, taoRao: rao)
                return event(.stake, netuid: flow.netuid, holder: flow.holder, in: rao, out: quote.amountOutRao, flow.source.description)
            case let .unstakeAlpha(rao):
                let quote = try network.unstake(netuid: flow.netuid, holder: holder, alphaRao: rao)
                return event(.unstake, netuid: flow.netuid, holder: flow.holder, in: rao, out: quote.amountOutRao, flow.source.description)
            case let .unstakeFraction(numerator, denominator):
                let position = network.subnet(flow.netuid)?.holders.balance(of: holder) ?? 0
                let amount = (try? BigInteger(position).multipliedDivided(by: numerator, dividedBy: denominator, rounding: .floor))?.uint64Value ?? 0
                let quote = try network.unstake(netuid: flow.netuid, holder: holder, alphaRao: amount)
                return event(.unstake, netuid: flow.netuid, holder: flow.holder, in: amount, out: quote.amountOutRao, flow.source.description)
            case .enableEmission:
                try network.enableEmission(netuid: flow.netuid)
                return event(.emission, netuid: flow.netuid, holder: flow.holder, in: 0, out: 0, "\(flow.source): emission enabled")
            }
        } catch {
            return event(.refused, netuid: flow.netuid, holder: flow.holder, in: 0, out: 0, "\(flow.source): \(error)")
        }
    }

    mutating func applySpread(_ spread: SpreadUnstake, chunk: Int, index: Int) -> RunEvent {
        let holder = AlphaHolder.staker(spread.holder)
        if world.spreadTotals[index] == nil {
            let position = network.subnet(spread.netuid)?.holders.balance(of: holder) ?? 0
            world.spreadTotals[index] = (try? BigInteger(position).multipliedDivided(by: spread.numerator, dividedBy: spread.denominator, rounding: .floor))?.uint64Value ?? 0
        }
        let parts = LargestRemainder.split(world.spreadTotals[index] ?? 0, among: [UInt64](repeating: 1, count: spread.blocks.count))
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
                    let quote = try network.stake(netuid: netuid, holder: .market, taoRao: rao)
                    events.append(event(.stake, netuid: netuid, holder: AlphaHolder.market.reportName, in: rao, out: quote.amountOutRao, flow.source.description))
                } catch {
                    events.append(event(.refused, netuid: netuid, holder: AlphaHolder.market.reportName, in: rao, out: 0, "\(flow.source): \(error)"))
                }
            } else {
                // That much TAO's worth of alpha at the spot price, from the others' position.
                let worth = subnet.pool.alphaWorthRao(ofTaoRao: rao)
                let amount = min(worth, subnet.holders.balance(of: .others))
                guard amount > 0 else { continue }
                do {
                    let quote = try network.unstake(netuid: netuid, holder: .others, alphaRao: amount)
                    events.append(event(.unstake, netuid: netuid, holder: AlphaHolder.others.reportName, in: amount, out: quote.amountOutRao, flow.source.description))
                } catch {
                    events.append(event(.refused, netuid: netuid, holder: AlphaHolder.others.reportName, in: amount, out: 0, "\(flow.source): \(error)"))
                }
            }
        }
        return events
    }
}
