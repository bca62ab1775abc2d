import FixedMath
import PropertyBased
import TaoEconomics
import Testing

/// Chain vectors (the numbers `opentensor/subtensor`'s own tests assert) and unit cases for the pools.
@Suite struct SubnetPoolVectorTests {
    static let launchFeeless = PoolRules.launch2025_02.with(fee: .none)

    @Test func launchStakeVector() throws {
        var pool = SubnetPool(netuid: 1, taoReserveRao: 10_000_000_000, alphaReserveRao: 5_000_000_000, alphaOutstandingRao: 5_000_000_000)
        let quote = try pool.swap(.stake, amountRao: 1_000_000_000, rules: Self.launchFeeless)
        #expect(quote.amountOutRao == 454_545_454)
        #expect(pool.taoReserveRao == 11_000_000_000)
        #expect(pool.alphaReserveRao == 4_545_454_546)
        #expect(pool.alphaOutstandingRao == 5_454_545_454)
    }

    @Test func launchFlatFeeStaysInThePoolTao() throws {
        var pool = SubnetPool(netuid: 1, taoReserveRao: 10_000_000_000, alphaReserveRao: 5_000_000_000)
        let quote = try pool.swap(.stake, amountRao: 1_000_050_000, rules: .launch2025_02)
        #expect(quote.feeRao == 50_000)
        #expect(quote.amountOutRao == 454_545_454)
        #expect(pool.taoReserveRao == 11_000_050_000)
        var back = pool
        let unstake = try back.swap(.unstake, amountRao: 454_545_454, rules: .launch2025_02)
        #expect(unstake.feeRao == 50_000)
        #expect(unstake.amountOutRao == unstake.curveOutRao - 50_000)
        #expect(back.taoReserveRao == pool.taoReserveRao - unstake.curveOutRao + 50_000)
    }

    @Test(arguments: [(1_000 as UInt64, 1_000 as UInt64, 2_000_000_000 as UInt64, 1_000 as UInt64),
                      (150_000_000_000, 100_000_000_000, 1_500_000_001, 100),
                      (150_000_000_000, 100_000_000_000, 3_000_000_000, 150_000_000_000)])
    func launchMaxAmountAdd(_ tao: UInt64, _ alpha: UInt64, _ limit: UInt64, _ expected: UInt64) {
        let pool = SubnetPool(netuid: 1, taoReserveRao: tao, alphaReserveRao: alpha)
        #expect(pool.maxStakeRao(averagePriceLimitRaoPerAlpha: limit, rules: .launch2025_02) == expected)
    }

    @Test(arguments: [(1_000_000_000 as UInt64, 1_000_000_000 as UInt64, 0 as UInt64, UInt64.max),
                      (200_000_000_000, 100_000_000_000, 500_000_000, 300_000_000_000)])
    func launchMaxAmountRemove(_ tao: UInt64, _ alpha: UInt64, _ limit: UInt64, _ expected: UInt64) {
        let pool = SubnetPool(netuid: 1, taoReserveRao: tao, alphaReserveRao: alpha)
        #expect(pool.maxUnstakeRao(averagePriceLimitRaoPerAlpha: limit, rules: .launch2025_02) == expected)
    }

    @Test func launchLimitQuirkFloorsThePrice() {
        // Price 0.5: ⌊0.5⌋·1e9 = 0, so the launch guard passes a limit of 1 rao per alpha, whose
        // formula result saturates to 0 anyway; under exact rules the guard refuses it outright.
        let pool = SubnetPool(netuid: 1, taoReserveRao: 500, alphaReserveRao: 1_000)
        #expect(pool.maxStakeRao(averagePriceLimitRaoPerAlpha: 1, rules: .launch2025_02) == 0)
        #expect(pool.maxStakeRao(averagePriceLimitRaoPerAlpha: 1, rules: .card) == 0)
        // Limits on a root (stable) pool are all or nothing.
        let root = SubnetPool(netuid: 0, taoReserveRao: 5, alphaReserveRao: 5)
        #expect(root.maxStakeRao(averagePriceLimitRaoPerAlpha: 1_000_000_000, rules: .card) == .max)
        #expect(root.maxStakeRao(averagePriceLimitRaoPerAlpha: 999_999_999, rules: .card) == 0)
        #expect(root.maxUnstakeRao(averagePriceLimitRaoPerAlpha: 1_000_000_001, rules: .card) == 0)
    }

    @Test func maxAmountKeepsTheAveragePriceWithinTheLimit() throws {
        let pool = SubnetPool(netuid: 1, taoReserveRao: 150_000_000_000, alphaReserveRao: 100_000_000_000, alphaOutstandingRao: .max / 2)
        let limit: UInt64 = 2_000_000_000
        let noFee = PoolRules.card.with(fee: .none)
        let maxIn = pool.maxStakeRao(averagePriceLimitRaoPerAlpha: limit, rules: noFee)
        let quote = try pool.quote(.stake, amountRao: maxIn, rules: noFee)
        // Average price maxIn / out ≤ limit/1e9, and one more rao would exceed it... up to flooring.
        #expect(BigInteger(maxIn) * BigInteger(1_000_000_000 as UInt64) <= BigInteger(limit) * BigInteger(quote.amountOutRao + 1))
        let maxOut = pool.maxUnstakeRao(averagePriceLimitRaoPerAlpha: limit / 2, rules: noFee)
        let unstake = try pool.quote(.unstake, amountRao: maxOut, rules: noFee)
        #expect(BigInteger(unstake.amountOutRao + 1) * BigInteger(1_000_000_000 as UInt64) >= BigInteger(limit / 2) * BigInteger(maxOut))
    }

    @Test func cardFeeIsProportionalAndKeptOnTheInputSide() throws {
        var pool = SubnetPool(netuid: 1, taoReserveRao: 10_000_000_000, alphaReserveRao: 5_000_000_000)
        let stake = try pool.swap(.stake, amountRao: 1_000_000_000, rules: .card)
        #expect(stake.feeRao == 500_000)
        #expect(stake.swappedInRao == 999_500_000)
        #expect(pool.taoReserveRao == 11_000_000_000)
        let unstake = try pool.swap(.unstake, amountRao: 100_000_000, rules: .card)
        #expect(unstake.feeRao == 50_000)
        #expect(pool.alphaReserveRao == 5_000_000_000 - stake.amountOutRao + 100_000_000)
    }

    @Test func refusalsSayWhyAndLeaveThePoolUntouched() {
        let original = SubnetPool(netuid: 1, taoReserveRao: 20_000_000, alphaReserveRao: 20_000_000, alphaOutstandingRao: 1_000)
        var pool = original
        #expect(throws: SwapRefusal.belowMinimumStake(amountRao: 549_999, minimumRao: 550_000)) {
            try pool.swap(.stake, amountRao: 549_999, rules: .launch2025_02)
        }
        #expect(throws: SwapRefusal.self) { try pool.swap(.stake, amountRao: 100_000_000, rules: .launch2025_02) }
        #expect(throws: SwapRefusal.self) { try pool.swap(.stake, amountRao: 1_000_000_000, rules: .card) }
        #expect(throws: SwapRefusal.exceedsOutstanding(amountRao: 1_001, outstandingRao: 1_000)) {
            try pool.swap(.unstake, amountRao: 1_001, rules: .card)
        }
        #expect(throws: SwapRefusal.zeroOutput) { try pool.swap(.stake, amountRao: 1, rules: .card.with(fee: .none)) }
        #expect(pool == original)
        let empty = SubnetPool(netuid: 1, taoReserveRao: 0, alphaReserveRao: 10)
        #expect((try? empty.quote(.stake, amountRao: 5, rules: .card)) == nil)
        do {
            _ = try empty.quote(.stake, amountRao: 5, rules: .card)
        } catch {
            #expect(error.isBadInput)
        }
    }

    @Test func launchArithmeticRangeIsRefusedNotTrapped() {
        let huge = SubnetPool(netuid: 1, taoReserveRao: .max, alphaReserveRao: .max, alphaOutstandingRao: .max)
        #expect(throws: SwapRefusal.self) { try huge.quote(.stake, amountRao: 1_000_000_000, rules: .launch2025_02) }
        // 21M TAO pools fit I110F18.
        let big = SubnetPool(netuid: 1, taoReserveRao: Supply.capRao, alphaReserveRao: Supply.capRao)
        #expect((try? big.quote(.stake, amountRao: 1_000_000_000, rules: .launch2025_02)) != nil)
    }

    @Test func rootPoolIsStableOneToOne() throws {
        var root = SubnetPool(netuid: 0, taoReserveRao: 1_000, alphaReserveRao: 0)
        let quote = try root.swap(.stake, amountRao: 10_000_000, rules: .card.with(fee: .none))
        #expect(quote.amountOutRao == 10_000_000)
        #expect(quote.slippageRao == 0)
        #expect(root.spotPrice == PriceRatio(taoRao: 1, alphaRao: 1))
        root.updateMovingPrice(PoolRules.card.ema)
        #expect(root.emaPrice == .one)
    }
}

@Suite struct InjectionAndMovingPriceTests {
    /// Coinbase vectors at launch: pools T = A = 1e6 at price 1, emission 1e6 split by EMA.
    @Test func launchInjectionVectors() throws {
        for (taoIn, expectedAlpha) in [(500_000 as UInt64, 1_500_000 as UInt64), (333_333, 1_333_333), (666_666, 1_666_666)] {
            var pool = SubnetPool(netuid: 1, taoReserveRao: 1_000_000, alphaReserveRao: 1_000_000)
            try pool.inject(tao: TaoInjection(rao: taoIn), alphaCapRao: 1_000_000_000, rounding: .launchI96F32)
            #expect(pool.alphaReserveRao == expectedAlpha)
        }
    }

    @Test func cappedInjectionPutsAllTaoInAndRaisesThePrice() throws {
        var pool = SubnetPool(netuid: 1, taoReserveRao: 1_000_000_000, alphaReserveRao: 300_000_000_000)
        let result = try pool.inject(tao: TaoInjection(rao: 10_000_000), alphaCapRao: 1_000_000_000, rounding: .exactFloor)
        #expect(result.capped)
        #expect(result.alphaInRao == 1_000_000_000)
        #expect(pool.taoReserveRao == 1_010_000_000)
        #expect(result.priceAfter > result.priceBefore)
    }

    @Test func emaVectors() throws {
        let tenth = try FixedPoint<U64F64>(0.1)
        let parameters = EMAParameters(smoothing: tenth, capsSpotAtOne: true, warmUpHalvingBlocks: nil)
        var pool = SubnetPool(netuid: 1, taoReserveRao: 1_000_000_000, alphaReserveRao: 1_000_000_000)
        for _ in 0..<6 { pool.updateMovingPrice(parameters) }
        #expect(pool.emaPrice.decimalString(fractionDigits: 6, rounding: .halfEven) == "0.468559")
        #expect(abs(pool.emaPrice.approximateDouble - 0.468559) < 1e-9)

        let instant = EMAParameters(smoothing: .one, capsSpotAtOne: true, warmUpHalvingBlocks: nil)
        var fresh = SubnetPool(netuid: 1, taoReserveRao: 1_000_000_000, alphaReserveRao: 1_000_000_000)
        fresh.updateMovingPrice(instant)
        #expect(fresh.emaPrice == .one)
        fresh.updateMovingPrice(instant)
        #expect(fresh.emaPrice == .one)
    }

    @Test func launchCapsSpotAtOneAndCardDoesNot() {
        let instantLaunch = EMAParameters(smoothing: .one, capsSpotAtOne: true, warmUpHalvingBlocks: nil)
        let instantCard = EMAParameters(smoothing: .one, capsSpotAtOne: false, warmUpHalvingBlocks: nil)
        var launch = SubnetPool(netuid: 1, taoReserveRao: 3_000_000_000, alphaReserveRao: 1_000_000_000)
        var card = launch
        launch.updateMovingPrice(instantLaunch)
        card.updateMovingPrice(instantCard)
        #expect(launch.emaPrice == .one)
        #expect(card.emaPrice == (try? FixedPoint<I96F32>(3 as UInt64)))
    }

    @Test func warmUpScalesTheSmoothing() {
        let parameters = EMAParameters(smoothing: .one, capsSpotAtOne: false, warmUpHalvingBlocks: 100)
        var pool = SubnetPool(netuid: 1, taoReserveRao: 1_000_000_000, alphaReserveRao: 1_000_000_000)
        pool.updateMovingPrice(parameters, blocksSinceStart: 100)  // α_eff = 1/2
        #expect(pool.emaPrice.decimalString(fractionDigits: 9, rounding: .floor) == "0.500000000")
        var young = SubnetPool(netuid: 1, taoReserveRao: 1_000_000_000, alphaReserveRao: 1_000_000_000)
        young.updateMovingPrice(parameters, blocksSinceStart: 0)
        #expect(young.emaPrice == .zero)
    }

    @Test func launchMovingPriceSmoothingIsTheMainnetValue() {
        #expect(PoolRules.launch2025_02.ema.smoothing.raw == BigInteger(1_288_490 as Int64).shiftedLeft(by: 32))
        #expect(PoolRules.card.ema.smoothing.decimalString(fractionDigits: 12, rounding: .halfEven) == "0.000300000000")
    }
}

@Suite struct SubnetPoolExtremeTests {
    @Test(arguments: [PoolRules.card, .launch2025_02])
    func extremesNeverTrap(_ rules: PoolRules) {
        let sizes: [UInt64] = [1, 2, 1_000_000, 10_000_000, Supply.capRao, .max / 2, .max]
        for tao in sizes {
            for alpha in sizes {
                for amount in sizes {
                    let pool = SubnetPool(netuid: 1, taoReserveRao: tao, alphaReserveRao: alpha, alphaOutstandingRao: .max)
                    for side in SwapSide.allCases {
                        if let quote = try? pool.quote(side, amountRao: amount, rules: rules) {
                            #expect(quote.amountOutRao > 0)
                            _ = quote.priceImpact()
                        }
                    }
                    _ = pool.maxStakeRao(averagePriceLimitRaoPerAlpha: amount, rules: rules)
                    _ = pool.maxUnstakeRao(averagePriceLimitRaoPerAlpha: amount, rules: rules)
                    var injected = pool
                    _ = try? injected.inject(tao: TaoInjection(rao: amount), alphaCapRao: amount, rounding: rules.injection)
                    injected.updateMovingPrice(rules.ema)
                }
            }
        }
    }

    @Test func priceImpactOfTheLaunchVector() throws {
        let pool = SubnetPool(netuid: 1, taoReserveRao: 10_000_000_000, alphaReserveRao: 5_000_000_000, alphaOutstandingRao: 5_000_000_000)
        let stake = try pool.quote(.stake, amountRao: 1_000_000_000, rules: PoolRules.launch2025_02.with(fee: .none))
        // 2.4199999997096 / 2 − 1
        #expect(stake.priceImpact(fractionDigits: 12) == "0.209999999854")
        let unstake = try pool.quote(.unstake, amountRao: 1_000_000_000, rules: .card)
        #expect(unstake.priceImpact().hasPrefix("-0."))
    }
}

@Suite struct LaunchMovingPriceTests {
    /// The EMA vector in the launch arithmetic (I96F32): α = 0.1, six updates at price 1.
    @Test func emaVectorInI96F32() throws {
        let parameters = EMAParameters(smoothing: try FixedPoint<U64F64>(0.1), capsSpotAtOne: true, warmUpHalvingBlocks: nil, arithmetic: .i96f32)
        for mode in [ArithmeticMode.native, .reference] {
            var pool = SubnetPool(netuid: 1, taoReserveRao: 1_000_000_000, alphaReserveRao: 1_000_000_000)
            for _ in 0..<6 { pool.updateMovingPrice(parameters, mode: mode) }
            #expect(pool.emaPrice.decimalString(fractionDigits: 6, rounding: .halfEven) == "0.468559")
        }
    }

    @Test func launchSmoothingOneStepFromZero() {
        // One update from 0 at price ≥ 1: α ⊗ 1 = 1,288,490 · 2^−32 exactly.
        var pool = SubnetPool(netuid: 1, taoReserveRao: 5_000_000_000, alphaReserveRao: 1_000_000_000)
        pool.updateMovingPrice(PoolRules.launch2025_02.ema)
        #expect(pool.emaPriceRaw == 1_288_490)
    }
}
