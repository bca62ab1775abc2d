import FixedMath
@testable import Simulation
@testable import TaoEconomics
import Testing

/// Each invariant can fire: a fault of the kind it guards against is injected
/// into a running check (after block `faultBlock`'s step, before its checks, through the run's
/// test-only hook) and the run stops with that invariant at that block, as `dtao check` reports.
@Suite struct InvariantFaultTests {
    static let faultBlock: UInt64 = 450

    static func violation(rules: String = "card", _ fault: @escaping (inout Network) -> Void) throws -> InvariantViolation? {
        let text = ScenarioText.valid.replacingOccurrences(of: "rules: card", with: "rules: \(rules)")
        var simulation = try SimulationRun(scenario: try ScenarioText.parse(text))
        simulation.checker = InvariantChecker()
        simulation.faultAfterStep = { network in
            if network.block == faultBlock + 1 { fault(&network) }
        }
        var sink = MemorySink()
        do {
            _ = try simulation.run(into: &sink)
            return nil
        } catch let RunError.invariant(violation) {
            return violation
        }
    }

    static func expect(_ invariant: Invariant, _ violation: InvariantViolation?, netuid: UInt16? = nil) {
        #expect(violation?.invariant == invariant, "\(String(describing: violation))")
        #expect(violation?.block == faultBlock)
        if let netuid { #expect(violation?.netuid == netuid) }
    }

    @Test func aCleanRunPassesEveryInvariant() throws {
        #expect(try Self.violation { _ in } == nil)
        #expect(try Self.violation(rules: "launch-2025-02") { _ in } == nil)
    }

    @Test func supplyCapFiresWhenAnAlphaIssuancePassesTwentyOneMillion() throws {
        Self.expect(.supplyCap, try Self.violation { network in
            // Minted, held and counted alike (the ledger balances), but above the cap.
            try? network.subnets[0].pool.mintOutstanding(Supply.capRao)
            network.subnets[0].alphaMintedRao += Supply.capRao
            try? network.subnets[0].holders.credit(.staker("minter"), Supply.capRao)
        }, netuid: 1)
    }

    @Test func taoConservationFiresOnARaoMintedFromNowhere() throws {
        Self.expect(.taoConservation, try Self.violation { network in network.tao.freeRao += 1 })
    }

    @Test func alphaConservationFiresOnAnAlphaRaoFromNowhere() throws {
        Self.expect(.alphaConservation, try Self.violation { network in
            try? network.subnets[1].holders.credit(.staker("thief"), 1)
        }, netuid: 2)
    }

    @Test func constantProductFiresOnASwapThatLowersK() throws {
        Self.expect(.constantProduct, try Self.violation { network in
            let rules = network.rules.pool
            var pool = network.subnets[0].pool
            guard let honest = try? pool.quote(.stake, amountRao: 1_000_000_000, rules: rules) else { return }
            // Twice the alpha the curve pays (the fee kept in the pool would absorb a single rao): k falls.
            let extra = honest.curveOutRao
            let forged = SwapQuote(side: .stake, amountInRao: honest.amountInRao, feeRao: honest.feeRao, swappedInRao: honest.swappedInRao,
                                   curveOutRao: honest.curveOutRao + extra, amountOutRao: honest.amountOutRao + extra,
                                   taoReserveBeforeRao: honest.taoReserveBeforeRao, alphaReserveBeforeRao: honest.alphaReserveBeforeRao,
                                   taoReserveAfterRao: honest.taoReserveAfterRao, alphaReserveAfterRao: honest.alphaReserveAfterRao - extra,
                                   alphaOutstandingAfterRao: honest.alphaOutstandingAfterRao + extra, isStable: false)
            pool.apply(forged)
            network.subnets[0].pool = pool
            try? network.subnets[0].holders.credit(.others, forged.amountOutRao)
            network.tao.freeRao -= forged.amountInRao
            network.tao.poolsRao += forged.amountInRao
            network.observations.swaps.append(SwapObservation(netuid: 1, quote: forged, rules: rules))
        }, netuid: 1)
    }

    @Test func poolBoundsFiresOnATradeThatEmptiesAReserve() throws {
        Self.expect(.poolBounds, try Self.violation { network in
            let pool = network.subnets[0].pool
            // A forged stake that takes every alpha rao of the pool (recorded only: the ledger stays whole).
            let drained = SwapQuote(side: .stake, amountInRao: 1_000_000_000, feeRao: 0, swappedInRao: 1_000_000_000,
                                    curveOutRao: pool.alphaReserveRao, amountOutRao: pool.alphaReserveRao,
                                    taoReserveBeforeRao: pool.taoReserveRao, alphaReserveBeforeRao: pool.alphaReserveRao,
                                    taoReserveAfterRao: pool.taoReserveRao + 1_000_000_000, alphaReserveAfterRao: 0,
                                    alphaOutstandingAfterRao: pool.alphaOutstandingRao + pool.alphaReserveRao, isStable: false)
            network.observations.swaps.append(SwapObservation(netuid: 1, quote: drained, rules: network.rules.pool))
        }, netuid: 1)
    }

    @Test func injectionFiresOnAnInjectionThatLowersThePrice() throws {
        Self.expect(.injection, try Self.violation { network in
            let pool = network.subnets[1].pool
            let honest = pool.injectionQuote(tao: TaoInjection(rao: 1_000_000), alphaCapRao: .max, rounding: .exactFloor)
            let forged = Injection(netuid: 2, taoBeforeRao: honest.taoBeforeRao, alphaBeforeRao: honest.alphaBeforeRao, taoInRao: honest.taoInRao,
                                   alphaInRao: honest.alphaInRao + 1, alphaCapRao: honest.alphaCapRao, taoInFixedRaw: honest.taoInFixedRaw,
                                   rounding: .exactFloor, capped: false)
            try? network.subnets[1].pool.apply(forged)
            network.subnets[1].alphaMintedRao += forged.alphaInRao
            network.tao.mintedRao += forged.taoInRao
            network.tao.poolsRao += forged.taoInRao
            network.observations.injections.append(forged)
        }, netuid: 2)
    }

    @Test func sharesSumFiresWhenABlockRoutesOneRaoLess() throws {
        Self.expect(.sharesSum, try Self.violation { network in
            guard let block = network.lastBlock else { return }
            network.lastBlock = BlockSummary(block: block.block, emissionRao: block.emissionRao, taoInjectedRao: block.taoInjectedRao - 1,
                                             unissuedRemainderRao: block.unissuedRemainderRao, issuedRao: block.issuedRao)
        })
    }

    @Test func emissionScheduleFiresOnABlockMintingTheWrongEmission() throws {
        Self.expect(.emissionSchedule, try Self.violation(rules: "launch-2025-02") { network in
            guard let block = network.lastBlock else { return }
            network.lastBlock = BlockSummary(block: block.block, emissionRao: block.emissionRao + 1, taoInjectedRao: block.taoInjectedRao,
                                             unissuedRemainderRao: block.unissuedRemainderRao + 1, issuanceBeforeRao: block.issuanceBeforeRao,
                                             issuedRao: block.issuedRao)
        })
    }
}
