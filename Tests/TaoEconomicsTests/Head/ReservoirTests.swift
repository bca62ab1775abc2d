import FixedMath
@testable import TaoEconomics
import Testing

/// `head-2026-10`'s coinbase: the chain buy before the injection, and the reservoirs of
/// `adjust_protocol_liquidity` with their four-step try order (the chain's
/// `tests/adjust_protocol_liquidity.rs` cases, restated with their numbers).
@Suite struct ReservoirTests {
    static let rules = RuleSet.head2026_10

    /// A weighted pool at ½ with these reserves and reservoirs.
    static func pool(tao: UInt64, alpha: UInt64, taoReservoir: UInt64 = 0, alphaReservoir: UInt64 = 0, weight: Perquintill = .half) -> SubnetPool {
        var pool = SubnetPool(netuid: 1, taoReserveRao: tao, alphaReserveRao: alpha, alphaOutstandingRao: 0, quoteWeight: weight)
        pool.setReservoirs(taoRao: taoReservoir, alphaRao: alphaReservoir)
        return pool
    }

    static func place(_ pool: SubnetPool, tao: UInt64, alpha: UInt64, excess: UInt64 = 0) -> CoinbaseInjection {
        pool.coinbaseInjectionQuote(taoRao: tao, alphaRao: alpha, excessTaoRao: excess, order: .buyThenInject, rules: rules.pool)
    }

    @Test func tooMuchTaoWaitsInTheTaoReservoirAndTheAlphaGoesIn() {
        // 1,000 : 1,000 with 200,000 TAO and 1,000 alpha: the full try and the alpha-only... the
        // full try fails, alpha alone fits.
        let injection = Self.place(Self.pool(tao: 1_000, alpha: 1_000), tao: 200_000, alpha: 1_000)
        #expect(injection.taoPlacedRao == 0)
        #expect(injection.alphaPlacedRao == 1_000)
        #expect(injection.taoReservoirAfterRao == 200_000)
        #expect(injection.alphaReservoirAfterRao == 0)
        // The whole tao_in is spent from the credit; the whole alpha_in is minted.
        #expect(injection.taoInjectionSpentRao == 200_000)
        #expect(injection.alphaMintedRao == 1_000)
    }

    @Test func tooMuchAlphaWaitsInTheAlphaReservoirAndTheTaoGoesIn() {
        let injection = Self.place(Self.pool(tao: 1_000, alpha: 1_000), tao: 1_000, alpha: 200_000)
        #expect(injection.taoPlacedRao == 1_000)
        #expect(injection.alphaPlacedRao == 0)
        #expect(injection.taoReservoirAfterRao == 0)
        #expect(injection.alphaReservoirAfterRao == 200_000)
        #expect(injection.alphaMintedRao == 200_000)
    }

    @Test func theNextInjectionRetriesTheReservoir() throws {
        var pool = Self.pool(tao: 1_000, alpha: 1_000)
        try pool.apply(Self.place(pool, tao: 200_000, alpha: 1_000))
        #expect(pool.taoReservoirRao == 200_000 && pool.alphaReserveRao == 2_000)
        let second = Self.place(pool, tao: 1_000, alpha: 200_000)
        #expect(second.taoPlacedRao >= 1_000 && second.alphaPlacedRao >= 200_000)
        try pool.apply(second)
        #expect(pool.taoReservoirRao == 0 && pool.alphaReservoirRao == 0)
        #expect(pool.taoReserveRao == 202_000 && pool.alphaReserveRao == 202_000)
    }

    @Test func reservoirAmountsBecomeActiveWithTheNewOnes() {
        let injection = Self.place(Self.pool(tao: 1_000_000, alpha: 1_000_000, taoReservoir: 10_000, alphaReservoir: 20_000), tao: 300, alpha: 400)
        #expect(injection.taoPlacedRao == 10_300)
        #expect(injection.alphaPlacedRao == 20_400)
        #expect(injection.taoReservoirAfterRao == 0 && injection.alphaReservoirAfterRao == 0)
    }

    @Test func whatNoTryTakesStaysParked() {
        // A weight at the bound: neither side alone, nor both, keeps it in [0.01, 0.99].
        let pool = Self.pool(tao: 1_000, alpha: 1_000, weight: Perquintill(parts: 10_000_000_000_000_000)!)
        let injection = Self.place(pool, tao: 0, alpha: 50_000)
        #expect(injection.alphaPlacedRao == 0 && injection.taoPlacedRao == 0)
        #expect(injection.alphaReservoirAfterRao == 50_000)
        #expect(injection.reweighting.quoteWeightAfter == nil)
    }

    @Test func theChainBuySeesThePoolBeforeTheInjection() throws {
        let pool = Self.pool(tao: 1_000_000_000_000, alpha: 2_000_000_000_000)
        let injection = Self.place(pool, tao: 5_000_000, alpha: 10_000_000, excess: 300_000_000)
        let buy = try #require(injection.chainBuy)
        // The buy is the quote of the pool as it stood.
        #expect(buy == (try pool.quote(.stake, amountRao: 300_000_000, rules: Self.rules.pool, origin: .protocol)))
        // The re-weighting saw the reserves after the buy.
        #expect(injection.reweighting.taoBeforeRao == buy.taoReserveAfterRao)
        #expect(injection.reweighting.alphaBeforeRao == buy.alphaReserveAfterRao)
        // Injected at the price before the buy (alpha-heavy for the raised price): the weight falls.
        #expect(try #require(injection.reweighting.quoteWeightAfter) < .half)
        // Inject-then-buy (head-2026-08) keeps the weight and buys against the re-weighted pool.
        let earlier = pool.coinbaseInjectionQuote(taoRao: 5_000_000, alphaRao: 10_000_000, excessTaoRao: 300_000_000, order: .injectThenBuy, rules: Self.rules.pool)
        #expect(earlier.reweighting.taoBeforeRao == pool.taoReserveRao)
        #expect(earlier.reweighting.quoteWeightAfter == .half)
    }

    @Test func aRefusedBuyReturnsItsTaoToTheCredit() {
        // Output reserve below the 1,000,000-rao minimum: the swap pallet refuses the buy.
        let injection = Self.place(Self.pool(tao: 1_000_000, alpha: 900_000), tao: 0, alpha: 0, excess: 5_000)
        #expect(injection.chainBuy == nil && injection.chainBuyRefusal != nil)
        #expect(injection.excessSpentRao == 0 && injection.unspentExcessRao == 0)
        // Before spec 472 a refused buy left the TAO in the subnet's account.
        let earlier = Self.pool(tao: 1_000_000, alpha: 900_000)
            .coinbaseInjectionQuote(taoRao: 0, alphaRao: 0, excessTaoRao: 5_000, order: .injectThenBuy, rules: Self.rules.pool)
        #expect(earlier.excessSpentRao == 5_000 && earlier.unspentExcessRao == 5_000)
    }

    @Test func reservoirsFillAndDrainAndTheLedgerBalancesEveryBlock() throws {
        // Pools just above the lowest weight with 2% of their alpha waiting in the alpha
        // reservoir: the alpha cannot go in (the weight would fall below 0.01), so each block's
        // alpha_in joins the reservoir while the TAO goes in alone and lifts the weight, until
        // the whole reservoir fits and drains.
        var configurations: [SubnetConfiguration] = []
        for netuid in 1...4 {
            configurations.append(SubnetConfiguration(
                netuid: UInt16(netuid), taoReserveRao: 10_000_000_000_000, alphaReserveRao: 1_000_000_000_000_000,
                alphaOutstandingRao: 4_000_000_000_000_000, emaPrice: try FixedPoint<I96F32>(numerator: BigInteger(1), denominator: BigInteger(100), rounding: .floor),
                quoteWeight: Perquintill(parts: 10_100_000_000_000_000 + UInt64(netuid) * 10_000_000_000_000)!,
                alphaReservoirRao: 20_000_000_000_000))
        }
        var network = try Network(rules: Self.rules, startBlock: 9_240_000, startIssuanceRao: 11_600_000_000_000_000,
                                  rootStakeRao: 6_000_000_000_000_000, subnets: configurations)
        network.isObserving = true
        var grew = false, drained = false
        var reservoirs = network.subnets.map(\.pool.alphaReservoirRao)
        for _ in 0..<3_000 {
            try network.step()
            #expect(network.checkConservation().isEmpty)
            for (index, subnet) in network.subnets.enumerated() {
                let now = subnet.pool.alphaReservoirRao
                if now > reservoirs[index] { grew = true }
                if now == 0, reservoirs[index] > 0 { drained = true }
                reservoirs[index] = now
                #expect(subnet.alphaIssuanceRao == subnet.pool.alphaReserveRao + subnet.pool.alphaOutstandingRao + now)
            }
            for reweighting in network.observations.reweightings {
                #expect(reweighting.priceBefore == reweighting.priceAfter || reweighting.quoteWeightAfter != nil)
            }
            network.observations.removeAll()
        }
        #expect(grew, "alpha_in joined a reservoir")
        #expect(drained, "a reservoir drained")
    }
}
