import FixedMath
import PropertyBased
import TaoEconomics
import Testing

/// Invariants of the pools over random pools and trades, including the extremes.
@Suite struct SubnetPoolPropertyTests {
    static let count = 2_000
    /// Reserves from 1 rao to u64::MAX, biased toward the interesting ends.
    static let reserve = Gen.uint64(in: 1...UInt64.max)
    static let realistic = Gen.uint64(in: 1...21_000_000_000_000_000)
    static let amount = Gen.uint64(in: 1...UInt64.max / 2)
    static let allRules: [PoolRules] = [.card, .launch2025_02, .card.with(fee: .none), .launch2025_02.with(fee: .none)]

    static func pool(_ tao: UInt64, _ alpha: UInt64) -> SubnetPool {
        SubnetPool(netuid: 1, taoReserveRao: tao, alphaReserveRao: alpha, alphaOutstandingRao: UInt64.max / 2)
    }

    @Test func cardNeverLowersK() async {
        await propertyCheck(count: Self.count, input: Self.reserve, Self.reserve, Self.amount, Gen.bool) { tao, alpha, amount, stake in
            var pool = Self.pool(tao, alpha)
            let before = pool.constantProduct
            if (try? pool.swap(stake ? .stake : .unstake, amountRao: amount, rules: .card)) != nil {
                #expect(pool.constantProduct >= before)
            }
        }
    }

    @Test func launchLowersKByLessThanTheNewInputReserve() async {
        await propertyCheck(count: Self.count, input: Self.realistic, Self.realistic, Self.realistic, Gen.bool) { tao, alpha, amount, stake in
            var pool = Self.pool(tao, alpha)
            let before = pool.constantProduct
            let rules = PoolRules.launch2025_02.with(fee: .none)
            guard let quote = try? pool.swap(stake ? .stake : .unstake, amountRao: amount, rules: rules) else { return }
            let newInputReserve = BigInteger(stake ? quote.taoReserveAfterRao : quote.alphaReserveAfterRao)
            #expect(pool.constantProduct + newInputReserve > before)
        }
    }

    @Test func stakeThenUnstakeNeverReturnsMore() async {
        await propertyCheck(count: Self.count, input: Self.realistic, Self.realistic, Self.realistic) { tao, alpha, amount in
            for rules in Self.allRules {
                var pool = Self.pool(tao, alpha)
                guard let stake = try? pool.swap(.stake, amountRao: amount, rules: rules),
                      let unstake = try? pool.swap(.unstake, amountRao: stake.amountOutRao, rules: rules) else { continue }
                #expect(unstake.amountOutRao <= amount)
            }
        }
    }

    @Test func refusedTradesLeaveThePoolUnchanged() async {
        await propertyCheck(count: Self.count, input: Self.reserve, Self.reserve, Self.amount, Gen.bool) { tao, alpha, amount, stake in
            for rules in Self.allRules {
                var pool = Self.pool(tao, alpha)
                let original = pool
                if (try? pool.swap(stake ? .stake : .unstake, amountRao: amount, rules: rules)) == nil {
                    #expect(pool == original)
                }
            }
        }
    }

    @Test func reservesStayAboveTheMinimumAndAccountsBalance() async {
        await propertyCheck(count: Self.count, input: Self.reserve, Self.reserve, Self.amount, Gen.bool) { tao, alpha, amount, stake in
            for rules in Self.allRules {
                var pool = Self.pool(tao, alpha)
                guard let quote = try? pool.swap(stake ? .stake : .unstake, amountRao: amount, rules: rules) else { continue }
                let outputReserveAfter = stake ? pool.alphaReserveRao : pool.taoReserveRao
                #expect(outputReserveAfter >= rules.minimumOutputReserveRao)
                // Conservation: what enters the pool equals what leaves it plus the change in reserves.
                if stake {
                    #expect(pool.taoReserveRao == tao + amount)
                    #expect(alpha - pool.alphaReserveRao == quote.amountOutRao)
                } else {
                    #expect(pool.alphaReserveRao == alpha + amount)
                    #expect(tao - pool.taoReserveRao == quote.amountOutRao)
                }
            }
        }
    }

    @Test func exactInjectionKeepsThePriceAndCappedNeverLowersIt() async {
        await propertyCheck(count: Self.count, input: Self.realistic, Self.realistic, Self.realistic, Gen.uint64(in: 0...2_000_000_000)) { tao, alpha, taoIn, cap in
            var pool = Self.pool(tao, alpha)
            guard let result = try? pool.inject(tao: TaoInjection(rao: taoIn), alphaCapRao: cap, rounding: .exactFloor) else {
                Issue.record("injection overflowed")
                return
            }
            #expect(result.priceAfter >= result.priceBefore)
            if !result.capped {
                // One more rao of alpha would take the price below where it was.
                let oneMore = PriceRatio(taoRao: pool.taoReserveRao, alphaRao: pool.alphaReserveRao + 1)
                #expect(oneMore < result.priceBefore || taoIn == 0)
            }
        }
    }

    @Test func launchInjectionDeviatesOnlyByThePriceTruncation() async {
        await propertyCheck(count: Self.count, input: Self.realistic, Self.realistic, Gen.uint64(in: 0...1_000_000_000_000)) { tao, alpha, taoIn in
            let pool = Self.pool(tao, alpha)
            let exact = pool.injectionQuote(tao: TaoInjection(rao: taoIn), alphaCapRao: .max, rounding: .exactFloor).alphaInRao
            let launch = pool.injectionQuote(tao: TaoInjection(rao: taoIn), alphaCapRao: .max, rounding: .launchI96F32).alphaInRao
            let price = pool.chainSpotPrice
            guard !price.isZero else {
                // The chain's division by a zero price fails, and alpha_in is then the cap.
                #expect(launch == .max)
                return
            }
            // The truncated price p' ≤ T/A gives alpha ≥ the exact floor, and alpha·p' ≤ taoIn.
            #expect(launch >= exact)
            #expect(BigInteger(launch) * price.raw <= BigInteger(taoIn).shiftedLeft(by: 32))
        }
    }
}
