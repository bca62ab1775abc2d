import FixedMath
import PropertyBased
@testable import TaoEconomics
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The weighted pool against the chain's vectors (the numbers subtensor's own tests assert, and subtensor
/// 14bc6f9f9 balancer.rs tests).
@Suite struct BalancerVectorTests {
    static func weight(_ numerator: UInt64, _ denominator: UInt64) -> Perquintill {
        Perquintill.fromRational(BigInteger(numerator), BigInteger(denominator))
    }

    static func asDouble(_ raw: UInt128) -> Double { Double(raw) / 0x1p64 }

    @Test func powerTermVectors() {
        // (w2, R, Δ, which reserve, e), to ±1e-9.
        let half = BalancerMath.power(reserveRao: 100_000, deltaRao: 100, sell: true, quoteWeight: .half)
        #expect(abs(Self.asDouble(half) - 0.999000999000999) < 1e-9)
        #expect(BalancerMath.power(reserveRao: 100_000, deltaRao: 100, sell: false, quoteWeight: .half) == half)
        let quarter = BalancerMath.power(reserveRao: 500_000, deltaRao: 5_000, sell: true, quoteWeight: Self.weight(1, 4))
        #expect(abs(Self.asDouble(quarter) - 0.970590147927644) < 1e-9)
    }

    @Test func taoNeededToDoubleThePriceAtQuoteWeightAQuarter() {
        // ⌊1e9·(2^0.75 − 1)⌋: calculate_quote_delta_in from 0.1 to 0.2 (the chain's test builds
        // both prices from f64, whose U64F64 values are exactly in ratio 2).
        let current = UInt128(0x1999_9999_9999_999A) << 8  // U64F64::from_num(0.1_f64)
        #expect(BalancerMath.taoToReachPrice(current: current, target: current << 1, taoReserveRao: 1_000_000_000, quoteWeight: Self.weight(1, 4)) == 681_792_830)
        // The chain's reverse: alpha to halve the price at w2 = 0.25: ⌊1e9·(2^0.25 − 1)⌋.
        #expect(BalancerMath.alphaToReachPrice(current: current << 1, target: current, alphaReserveRao: 1_000_000_000, quoteWeight: Self.weight(1, 4)) == 189_207_115)
        // Impossible directions give 0.
        #expect(BalancerMath.taoToReachPrice(current: current, target: current >> 1, taoReserveRao: 1_000_000_000, quoteWeight: Self.weight(1, 4)) == 0)
        #expect(BalancerMath.alphaToReachPrice(current: current, target: current << 1, alphaReserveRao: 1_000_000_000, quoteWeight: Self.weight(1, 4)) == 0)
    }

    @Test func perquintillRoundingIsHalfUp() {
        let half = Perquintill.half
        for (value, expected) in [(0, 0), (1, 1), (2, 1), (3, 2), (4, 2), (5, 3), (1_023, 512), (1_025, 513)] as [(UInt128, UInt128)] {
            #expect(BalancerMath.multiplyRounded(half, value) == expected)
        }
        let third = Self.weight(1, 3)
        for (value, expected) in [(3, 1), (4, 1), (5, 2), (6, 2)] as [(UInt128, UInt128)] {
            #expect(BalancerMath.multiplyRounded(third, value) == expected)
        }
        #expect(BalancerMath.multiplyRounded(.one, .max) == .max)
        #expect(BalancerMath.multiplyRounded(.zero, 1_000_000) == 0)
        #expect(Perquintill.fromRational(BigInteger(2 as UInt64), BigInteger(3 as UInt64)).parts == 666_666_666_666_666_666)  // floors
        #expect(Perquintill.fromRational(BigInteger(3 as UInt64), BigInteger(2 as UInt64)) == .one)  // p > q: one, as the chain
    }

    @Test func priceIsTheWeightRatioTimesTheReserveRatio() {
        #expect(abs(Self.asDouble(BalancerMath.price(alphaReserveRao: 2, taoReserveRao: 5, quoteWeight: .half)) - 2.5) < 1e-12)
        #expect(abs(Self.asDouble(BalancerMath.price(alphaReserveRao: 4, taoReserveRao: 5, quoteWeight: Self.weight(1, 3))) - 2.5) < 1e-12)
        #expect(BalancerMath.price(alphaReserveRao: 0, taoReserveRao: 5, quoteWeight: .half) == 0)
        // y/x fits U64F64 for any u64 reserves; the weight ratio times it saturates.
        #expect(BalancerMath.price(alphaReserveRao: 1, taoReserveRao: .max, quoteWeight: .half) == UInt128(UInt64.max) << 64)
        #expect(BalancerMath.price(alphaReserveRao: 1, taoReserveRao: .max, quoteWeight: Self.weight(1, 4)) == .max)
    }

    @Test func weightsOutsideTheBoundsAreInvalid() {
        for parts in [0, 1, 9_999_999_999_999_999, 990_000_000_000_000_001, Perquintill.accuracy] as [UInt64] {
            #expect(!BalancerMath.isValid(quoteWeight: Perquintill(parts: parts)!))
        }
        #expect(BalancerMath.isValid(quoteWeight: BalancerMath.minimumWeight))
        #expect(BalancerMath.isValid(quoteWeight: BalancerMath.minimumWeight.complement))
    }

    /// test_exp_base_quote_happy_path: y·(1 − e) against f64, within 0.001 rao (1 rao above
    /// 100,000 TAO), for both orientations.
    @Test(arguments: [500_000_000_000, 500_000_000_001, 499_999_999_999, 500_000_000_100, 500_010_000_000, 501_000_000_000,
                      510_000_000_000, 100_000_000_000, 200_000_000_000, 300_000_000_000, 400_000_000_000, 600_000_000_000,
                      700_000_000_000, 800_000_000_000, 899_999_999_999, 900_000_000_000] as [UInt64])
    func happyPathMatchesFloatingPoint(_ numerator: UInt64) {
        let w2 = Self.weight(numerator, 1_000_000_000_000)
        let cases: [(UInt64, UInt64, UInt64)] = [
            (1_000, 1_000, 0), (1_000, 1_000, 1), (1_500, 1_000, 1), (1_000_000_000_000, 100_000_000_000_000, 100_000_000),
            (100_000_000_000, 100_000_000_000_000, 1_000_000), (100_000_000_000, 100_000_000_000_000, 1_000_000_000_000),
            (1_000_000_000, 100_000_000_000_000, 1_000_000_000_000), (1_000, 100_000_000_000_000, 1_000_000_000),
            (1_000_000_000, 4_000_000_000, 1_000_000_000_000), (5_628_038_062_729_553, 400_775_553, 14_446_633_907_665_582),
        ]
        for (y, x, dx) in cases where dx / 1_000 <= x {
            let w1 = Double(w2.complement.parts) / 1e18, w = Double(w2.parts) / 1e18
            for sell in [true, false] {
                let e = BalancerMath.power(reserveRao: x, deltaRao: dx, sell: sell, quoteWeight: w2)
                let dy = Double(y) * (1 - Self.asDouble(e))
                let expected = Double(y) * (1 - pow(Double(x) / (Double(x) + Double(dx)), sell ? w1 / w : w / w1))
                let tolerance = expected > 1e14 ? 1.0 : 0.001 + Double(y) * 1e-18 * 4
                #expect(abs(dy - expected) <= tolerance, "w2 \(w2) y \(y) x \(x) dx \(dx) sell \(sell)")
            }
        }
    }

    /// test_exp_base_quote_dy_precision: a slightly different weight or input gives a
    /// strictly different, non-zero output.
    @Test func nearbyParametersGiveDifferentOutputs() {
        let y: UInt64 = 1_000_000_000, x: UInt64 = 21_000_000_000_000_000
        func dy(_ dx: UInt64, _ w2: Perquintill) -> UInt128 {
            let e = BalancerMath.power(reserveRao: x, deltaRao: dx, sell: true, quoteWeight: w2)
            return BalancerMath.multiply(UInt128(y) << 64, BalancerMath.one - e)
        }
        let cases: [(UInt64, Perquintill, UInt64, Perquintill)] = [
            (21_000_000_000, Self.weight(1_000_000_000_000, 2_000_000_000_000), 21_000_000_000, Self.weight(1_000_000_000_001, 2_000_000_000_000)),
            (21_000_000_000, Self.weight(1_000_000_000_000, 2_000_000_000_001), 21_000_000_000, Self.weight(1_000_000_000_000, 2_000_000_000_000)),
            (2, .half, 1, .half),
            (1, .half, 1, Self.weight(1_010_000_000_000, 2_000_000_000_000)),
            (1, Self.weight(1_000_000_000_000, 2_010_000_000_000), 1, .half),
        ]
        for (dx1, w1, dx2, w2) in cases {
            #expect(dy(dx1, w1) > dy(dx2, w2))
            #expect(dy(dx2, w2) > 0)
        }
    }
}

/// A weighted pool at w2 = 1/2 is the constant-product curve, to the chain's rounding.
@Suite struct BalancerEqualsConstantProductTests {
    static func pools(_ tao: UInt64, _ alpha: UInt64) -> (weighted: SubnetPool, v2: SubnetPool) {
        (SubnetPool(netuid: 1, taoReserveRao: tao, alphaReserveRao: alpha, alphaOutstandingRao: .max / 2, quoteWeight: .half),
         SubnetPool(netuid: 1, taoReserveRao: tao, alphaReserveRao: alpha, alphaOutstandingRao: .max / 2))
    }

    /// The bound: 0 ≤ out_w − out_v2 ≤ ⌈R_out·(10^−18 + 2^−64)⌉, at most 1 rao below 5·10^17 rao.
    static func bound(_ reserve: UInt64) -> UInt64 {
        UInt64((Double(reserve) * (1e-18 + 0x1p-64)).rounded(.up))
    }

    static let v2 = PoolRules.card.with(fee: .none)

    @Test func theV2VectorsComeOutWithinOneRao() throws {
        // The launch vector T = 10e9, A = 5e9, stake 1e9 → 454,545,454 (exact floor too).
        let (weighted, v2) = Self.pools(10_000_000_000, 5_000_000_000)
        let head = PoolRules.head2026_06.with(fee: .none)
        let w = try weighted.quote(.stake, amountRao: 1_000_000_000, rules: head, origin: .protocol)
        let c = try v2.quote(.stake, amountRao: 1_000_000_000, rules: Self.v2, origin: .protocol)
        #expect(c.amountOutRao == 454_545_454)
        #expect(w.amountOutRao >= c.amountOutRao && w.amountOutRao - c.amountOutRao <= 1)
        let sell = try weighted.quote(.unstake, amountRao: 1_000_000_000, rules: head, origin: .protocol)
        let sellV2 = try v2.quote(.unstake, amountRao: 1_000_000_000, rules: Self.v2, origin: .protocol)
        #expect(sell.amountOutRao >= sellV2.amountOutRao && sell.amountOutRao - sellV2.amountOutRao <= 1)
    }

    @Test func everyOutputIsWithinTheBoundOfV2() async {
        await propertyCheck(count: 1_500, input: Gen.uint64(in: 1_000_000...UInt64.max / 1_001), Gen.uint64(in: 1_000_000...UInt64.max / 2),
                            Gen.uint64(in: 1...1_000_000_000_000_000), Gen.bool) { tao, alpha, amount, stake in
            let side: SwapSide = stake ? .stake : .unstake
            let input = stake ? tao : alpha
            let (cap, overflow) = input.multipliedReportingOverflow(by: 1_000)
            let delta = overflow ? amount : min(amount, cap)
            let (inReserve, outReserve) = stake ? (tao, alpha) : (alpha, tao)
            let e = BalancerMath.power(reserveRao: inReserve, deltaRao: delta, sell: !stake, quoteWeight: .half)
            let weighted = BalancerMath.output(reserveRao: outReserve, power: e)
            let v2 = UInt64(UInt128(outReserve) * UInt128(delta) / (UInt128(inReserve) + UInt128(delta)))
            #expect(weighted >= v2, "\(side) \(delta) on \(tao)/\(alpha)")
            #expect(weighted - v2 <= Self.bound(outReserve), "\(side) \(delta) on \(tao)/\(alpha)")
        }
    }
}

/// Properties over reserves from 1 rao to u64::MAX and weights in [0.01, 0.99].
@Suite struct BalancerPropertyTests {
    static let weights = Gen.uint64(in: 10_000_000_000_000_000...990_000_000_000_000_000)
    static let head = PoolRules.head2026_06

    @Test func swapsNeverPayMoreThanTheReserveNorBreakTheInvariantBeyondTheBound() async {
        await propertyCheck(count: 1_500, input: Gen.uint64(in: 1...UInt64.max), Gen.uint64(in: 1...UInt64.max), Self.weights,
                            Gen.uint64(in: 1...UInt64.max), Gen.bool) { tao, alpha, parts, amount, stake in
            let w2 = Perquintill(parts: parts)!
            let pool = SubnetPool(netuid: 1, taoReserveRao: tao, alphaReserveRao: alpha, alphaOutstandingRao: .max, quoteWeight: w2)
            let side: SwapSide = stake ? .stake : .unstake
            guard let quote = try? pool.quote(side, amountRao: amount, rules: Self.head, origin: .protocol) else { return }
            let outReserve = stake ? alpha : tao
            #expect(quote.curveOutRao <= outReserve)
            let observation = SwapObservation(netuid: 1, quote: quote, rules: Self.head)
            // Beyond the chain's own non-converging region the curve holds to its rounding bound.
            let inReserve = stake ? tao : alpha
            let k = stake ? Double(parts) / Double(1_000_000_000_000_000_000 - parts) : Double(1_000_000_000_000_000_000 - parts) / Double(parts)
            if k * log((Double(inReserve) + Double(quote.swappedInRao)) / Double(inReserve)) < 90 {
                #expect(InvariantChecker.swapProblem(observation) == nil, "\(side) \(amount) on \(tao)/\(alpha) at \(w2)")
            }
        }
    }

    /// No trade empties a reserve or moves the price out of [10^−6, 10^6] TAO per alpha, at every
    /// weight and input up to the 1000× cap (inputs drawn as multiples of the input reserve, where
    /// the power term underflows at the extreme weights and the chain's `price_target` reads 0).
    @Test func noTradeEmptiesAReserveOrLeavesThePriceBounds() async {
        await propertyCheck(count: 1_000, input: Gen.uint64(in: 1_000_000...1_000_000_000_000_000), Gen.uint64(in: 1_000_000...1_000_000_000_000_000),
                            Self.weights, Gen.uint64(in: 1...1_000), Gen.bool) { tao, alpha, parts, multiple, stake in
            let w2 = Perquintill(parts: parts)!
            let pool = SubnetPool(netuid: 1, taoReserveRao: tao, alphaReserveRao: alpha, alphaOutstandingRao: 2_000_000_000_000_000_000, quoteWeight: w2)
            let side: SwapSide = stake ? .stake : .unstake
            let amount = (stake ? tao : alpha) * multiple
            for origin in [SwapOrigin.protocol, .staker] {
                guard let quote = try? pool.quote(side, amountRao: amount, rules: Self.head, origin: origin) else { continue }
                let observation = SwapObservation(netuid: 1, quote: quote, rules: Self.head)
                #expect(InvariantChecker.boundsProblem(observation) == nil, "\(side) \(amount) on \(tao)/\(alpha) at \(w2)")
                #expect(quote.alphaReserveAfterRao > 0 && quote.taoReserveAfterRao > 0)
            }
        }
    }

    /// The drain found from outside: at quote weight 0.99 a stake of 170× the TAO reserve took the
    /// whole alpha reserve. It stops at the highest price (10^6 TAO per alpha) and refunds the rest.
    @Test func anExtremeWeightStakeStopsAtTheHighestPrice() throws {
        let pool = SubnetPool(netuid: 1, taoReserveRao: 45_051_570, alphaReserveRao: 4_032_040, alphaOutstandingRao: 4_032_040,
                              quoteWeight: Perquintill(parts: 990_000_000_000_000_000)!)
        let rules = Self.head.with(fee: .toBlockAuthor(numerator: 1))
        let quote = try pool.quote(.stake, amountRao: 7_660_679_025, rules: rules, origin: .staker)
        #expect(quote.alphaReserveAfterRao == 1)
        #expect(quote.amountOutRao == 4_032_039)
        #expect(quote.refundedRao == 7_652_863_505)
        let after = BalancerMath.price(alphaReserveRao: quote.alphaReserveAfterRao, taoReserveRao: quote.taoReserveAfterRao, quoteWeight: pool.quoteWeight!)
        #expect(after <= SubnetPool.limitPrice(rao: WeightedCurveRules.head.maximumPriceRao))
        #expect(BalancerMath.buyTargetPrice(alphaReserveRao: 0, taoReserveRao: 1, quoteWeight: .half) == .max)
        #expect(BalancerMath.buyTargetPrice(alphaReserveRao: 2, taoReserveRao: 1, quoteWeight: .half) == 1 << 63)
    }

    @Test func injectionKeepsTheSpotPriceWithinItsBound() async {
        await propertyCheck(count: 1_500, input: Gen.uint64(in: 1...UInt64.max / 2), Gen.uint64(in: 1...UInt64.max / 2), Self.weights,
                            Gen.uint64(in: 0...UInt64.max / 2), Gen.uint64(in: 0...UInt64.max / 2)) { tao, alpha, parts, taoIn, alphaIn in
            let pool = SubnetPool(netuid: 1, taoReserveRao: tao, alphaReserveRao: alpha, quoteWeight: Perquintill(parts: parts)!)
            let reweighting = pool.reweightingQuote(taoRao: taoIn % (tao / 10 + 1), alphaRao: alphaIn % (alpha / 10 + 1))
            #expect(InvariantChecker.reweightingProblem(reweighting) == nil)
            if let after = reweighting.quoteWeightAfter { #expect(BalancerMath.isValid(quoteWeight: after)) }
        }
    }

    @Test func aSkewedInjectionIsRefusedAndChangesNothing() throws {
        var pool = SubnetPool(netuid: 1, taoReserveRao: 1_000_000_000, alphaReserveRao: 30_000_000_000, quoteWeight: Perquintill(parts: 250_000_000_000_000_000)!)
        let before = pool
        let refused = try pool.reweight(taoRao: 100_000_000_000_000, alphaRao: 5)
        #expect(!refused.accepted)
        #expect(pool == before)
    }

    @Test func theCheckerCatchesASwapThatPaysTooMuch() throws {
        let pool = SubnetPool(netuid: 1, taoReserveRao: 100_000_000_000, alphaReserveRao: 100_000_000_000, alphaOutstandingRao: 1_000, quoteWeight: .half)
        let quote = try pool.quote(.stake, amountRao: 1_000_000_000, rules: Self.head)
        var observation = SwapObservation(netuid: 1, quote: quote, rules: Self.head)
        #expect(InvariantChecker.swapProblem(observation) == nil)
        observation = SwapObservation(netuid: 1, side: .stake, taoBeforeRao: observation.taoBeforeRao, alphaBeforeRao: observation.alphaBeforeRao,
                                      taoAfterRao: observation.taoAfterRao, alphaAfterRao: observation.alphaAfterRao - 2,
                                      newInputReserveRao: observation.newInputReserveRao, outputReserveAfterRao: observation.outputReserveAfterRao - 2,
                                      minimumOutputReserveRao: observation.minimumOutputReserveRao, curve: observation.curve, quoteWeight: .half)
        #expect(InvariantChecker.swapProblem(observation)?.contains("more than the weighted curve") == true)
    }
}

/// Fees to the block author, limits, refusals and refunds, as the chain's swap pallet has them.
@Suite struct WeightedSwapTests {
    static let head = PoolRules.head2026_06
    static func pool(_ tao: UInt64 = 100_000_000_000, _ alpha: UInt64 = 100_000_000_000, weight: Perquintill = .half) -> SubnetPool {
        SubnetPool(netuid: 1, taoReserveRao: tao, alphaReserveRao: alpha, alphaOutstandingRao: 50_000_000_000, quoteWeight: weight)
    }

    @Test func aStakesFeeGoesToTheAuthorNotThePool() throws {
        let quote = try Self.pool().quote(.stake, amountRao: 1_000_000_000, rules: Self.head)
        // ⌊1e9 ⊗ (33 ÷ 65535)⌋ in U64F64.
        #expect(quote.feeRao == 503_547 && quote.authorTaoRao == 503_547)
        #expect(quote.taoReserveAfterRao == 100_000_000_000 + 1_000_000_000 - 503_547)
        #expect(quote.refundedRao == 0)
    }

    @Test func anUnstakesAlphaFeeIsSoldForTheAuthorsTAO() throws {
        let pool = Self.pool()
        let quote = try pool.quote(.unstake, amountRao: 1_000_000_000, rules: Self.head)
        #expect(quote.feeRao == 503_547)
        #expect(quote.authorTaoRao > 0 && quote.authorTaoRao < quote.feeRao)
        // Both sales' alpha entered the pool; both TAO payments left it.
        #expect(quote.alphaReserveAfterRao == pool.alphaReserveRao + quote.swappedInRao + quote.feeRao)
        #expect(quote.taoReserveAfterRao == pool.taoReserveRao - quote.amountOutRao - quote.authorTaoRao)
        #expect(quote.alphaOutstandingAfterRao == pool.alphaOutstandingRao - quote.swappedInRao - quote.feeRao)
    }

    @Test func aLimitStopsTheSwapAtTheFinalPriceAndRefundsTheRest() throws {
        let pool = Self.pool(1_000_000_000, 30_000_000_000, weight: BalancerVectorTests.weight(1, 4))
        let quote = try pool.quote(.stake, amountRao: 100_000_000_000, rules: Self.head, limitRao: 200_000_000)
        #expect(quote.swappedInRao == 681_792_830)
        #expect(quote.feeRao == BalancerMath.limitedFee(deltaRao: 681_792_830, rateNumerator: 33))
        #expect(quote.refundedRao == 100_000_000_000 - 681_792_830 - quote.feeRao)
        #expect(quote.priceAfter <= PriceRatio(taoRao: 200_000_000, alphaRao: 1_000_000_000))
    }

    @Test func theChainsRefusalsAreRefusedNotClipped() {
        func reason(_ pool: SubnetPool, _ side: SwapSide, _ amount: UInt64, limit: UInt64? = nil) -> String? {
            do { _ = try pool.quote(side, amountRao: amount, rules: Self.head, limitRao: limit); return nil } catch { return error.description }
        }
        #expect(reason(Self.pool(), .stake, 100_000_000_000 * 1_001 + 100_000_000_000)?.hasPrefix("SwapInputTooLarge") == true)
        #expect(reason(Self.pool(100_000_000_000, 999_999), .stake, 10_000_000)?.hasPrefix("ReservesTooLow") == true)
        #expect(reason(Self.pool(), .stake, 10_000_000, limit: 999_000_000)?.hasPrefix("PriceLimitExceeded") == true)
        #expect(reason(Self.pool(), .unstake, 10_000_000, limit: 1_001_000_000)?.hasPrefix("PriceLimitExceeded") == true)
        #expect(reason(Self.pool(), .stake, 2_000_000)?.contains("minimum stake") == true)  // needs 2,000,000 + its fee
        #expect(reason(Self.pool(), .stake, 2_001_007) == nil)
    }

    @Test func maxAmountIsTheInputToTheLimitFeeIncluded() throws {
        let pool = Self.pool(1_000_000_000, 30_000_000_000, weight: BalancerVectorTests.weight(1, 4))
        #expect(try pool.maxAmountToFinalPrice(.stake, limitRao: 200_000_000, rules: Self.head.with(fee: .none)) == 681_792_830)
        #expect(try pool.maxAmountToFinalPrice(.stake, limitRao: 200_000_000, rules: Self.head) == 681_792_830 + BalancerMath.limitedFee(deltaRao: 681_792_830, rateNumerator: 33))
        #expect(try pool.maxAmountToFinalPrice(.stake, limitRao: 50_000_000, rules: Self.head) == 0)
        #expect(try pool.maxAmountToFinalPrice(.unstake, limitRao: 200_000_000, rules: Self.head) == 0)
    }
}
