import FixedMath
import PropertyBased
@testable import TaoEconomics
import Testing

/// The native 64/128-bit fast paths are bit-identical to the GMP reference.
@Suite struct NativeExactDifferentialTests {
    static let edges: [UInt64] = [0, 1, 2, 3, 1_000_000_000, Supply.capRao, UInt64.max / 2, UInt64.max - 1, UInt64.max]

    @Test func multiplyDivideFloorMatchesGMP() async {
        await propertyCheck(count: 3_000, input: Gen.uint64(), Gen.uint64(), Gen.uint64()) { a, b, c in
            #expect(NativeExact.multiplyDivideFloor(a, b, c, mode: .native)?.quotient == NativeExact.multiplyDivideFloor(a, b, c, mode: .reference)?.quotient)
            #expect(NativeExact.multiplyDivideFloor(a, b, c, mode: .native)?.remainder == NativeExact.multiplyDivideFloor(a, b, c, mode: .reference)?.remainder)
        }
        for a in Self.edges { for b in Self.edges { for c in Self.edges {
            let native = NativeExact.multiplyDivideFloor(a, b, c, mode: .native)
            let reference = NativeExact.multiplyDivideFloor(a, b, c, mode: .reference)
            #expect(native?.quotient == reference?.quotient && native?.remainder == reference?.remainder, "\(a)·\(b)/\(c)")
        } } }
    }

    @Test func spotValueMatchesGMP() async {
        // Weighted and constant-product pools, any reserves and amount: ⌊alpha · p⌋ natively
        // equals the GMP valuation (saturated to 64 bits).
        await propertyCheck(count: 2_000, input: Gen.uint64(), Gen.uint64(), Gen.uint64(), Gen.uint64(in: 10_000_000_000_000_000...990_000_000_000_000_000)) { tao, alpha, amount, weight in
            for quoteWeight in [nil, Perquintill(parts: weight)] {
                let pool = SubnetPool(netuid: 1, taoReserveRao: tao, alphaReserveRao: alpha, alphaOutstandingRao: 0, quoteWeight: quoteWeight)
                let reference = pool.taoValueRao(ofAlphaRao: BigInteger(amount))
                #expect(pool.taoValueRao(ofAlphaRao: amount) == (reference.uint64Value ?? .max), "\(tao) \(alpha) \(amount) \(String(describing: quoteWeight))")
            }
        }
        for tao in Self.edges { for alpha in Self.edges { for amount in Self.edges {
            let pool = SubnetPool(netuid: 1, taoReserveRao: tao, alphaReserveRao: alpha, alphaOutstandingRao: 0, quoteWeight: .half)
            #expect(pool.taoValueRao(ofAlphaRao: amount) == (pool.taoValueRao(ofAlphaRao: BigInteger(amount)).uint64Value ?? .max))
        } } }
    }

    @Test func ratioMatchesGMP() async {
        await propertyCheck(count: 3_000, input: Gen.uint64(), Gen.uint64()) { value, divisor in
            #expect(NativeExact.ratioU64F64(value, divisor, mode: .native) == NativeExact.ratioU64F64(value, divisor, mode: .reference))
        }
        for a in Self.edges { for b in Self.edges {
            #expect(NativeExact.ratioU64F64(a, b, mode: .native) == NativeExact.ratioU64F64(a, b, mode: .reference))
        } }
    }

    @Test func u64f64MultiplyMatchesFixedPoint() async {
        await propertyCheck(count: 3_000, input: Gen.uint128(), Gen.uint128()) { a, b in
            #expect(NativeExact.multiplyU64F64(a, b, mode: .native) == NativeExact.multiplyU64F64(a, b, mode: .reference))
        }
        for a: UInt128 in [0, 1, 1 << 64, (1 << 64) + 1, .max / 2, .max] { for b: UInt128 in [0, 1, 1 << 63, 1 << 64, .max] {
            #expect(NativeExact.multiplyU64F64(a, b, mode: .native) == NativeExact.multiplyU64F64(a, b, mode: .reference))
        } }
    }

    @Test func movingPriceFastPathMatchesGMP() async {
        let smoothing = Gen.uint128(in: 0...(1 << 64))
        await propertyCheck(count: 3_000, input: Gen.uint64(), Gen.uint64(), Gen.uint128(in: 0...((1 << 127) - 1)), smoothing, Gen.bool) { tao, alpha, ema, alphaRaw, cap in
            let parameters = EMAParameters(smoothing: FixedPoint<U64F64>(saturatingRaw: BigInteger(alphaRaw)), capsSpotAtOne: cap, warmUpHalvingBlocks: nil)
            var native = SubnetPool(netuid: 1, taoReserveRao: tao, alphaReserveRao: alpha, emaPrice: FixedPoint(saturatingRaw: BigInteger(ema)))
            var reference = native
            native.updateMovingPrice(parameters, mode: .native)
            reference.updateMovingPrice(parameters, mode: .reference)
            #expect(native.emaPriceRaw == reference.emaPriceRaw)
        }
    }
}

enum SubnetPoolTesting {
    static func curve(_ inputReserveRao: UInt64, _ outputReserveRao: UInt64, _ inputRao: UInt64, _ rules: PoolRules,
                      _ mode: ArithmeticMode) throws(SwapRefusal) -> UInt64 {
        try rules.curve.output(inputReserveRao: inputReserveRao, outputReserveRao: outputReserveRao, inputRao: inputRao,
                               side: .stake, minimumOutputReserveRao: rules.minimumOutputReserveRao, mode: mode)
    }
}

@Suite struct NativeLaunchArithmeticTests {
    static let raw = Gen.uint128(in: 0...((1 << 127) - 1))
    static let small = Gen.uint128(in: 0...(1 << 80))

    @Test func i96f32OperationsMatchGMP() async {
        await propertyCheck(count: 3_000, input: Self.raw, Self.raw, Self.small, Self.small) { a, b, c, d in
            for (x, y) in [(a, b), (c, d), (a, d), (c, b)] {
                let (rx, ry) = (ReferenceI96F32.fromRaw(x), ReferenceI96F32.fromRaw(y))
                #expect(NativeI96F32.multiply(x, y) == ReferenceI96F32.raw(ReferenceI96F32.multiply(rx, ry)))
                #expect(NativeI96F32.divide(x, y) == ReferenceI96F32.divide(rx, ry).map(ReferenceI96F32.raw))
                #expect(NativeI96F32.add(x, y) == ReferenceI96F32.raw(ReferenceI96F32.add(rx, ry)))
                #expect(NativeI96F32.floorUInt64(x) == ReferenceI96F32.floorUInt64(rx))
                if x >= y { #expect(NativeI96F32.subtract(x, y) == ReferenceI96F32.raw(ReferenceI96F32.subtract(rx, ry))) }
            }
        }
    }

    @Test func curveOutputMatchesGMP() async {
        await propertyCheck(count: 3_000, input: Gen.uint64(in: 1...UInt64.max), Gen.uint64(in: 1...UInt64.max), Gen.uint64(in: 1...UInt64.max)) { reserveIn, reserveOut, amount in
            for rules in [PoolRules.card, .launch2025_02] {
                let native = try? SubnetPoolTesting.curve(reserveIn, reserveOut, amount, rules, .native)
                let reference = try? SubnetPoolTesting.curve(reserveIn, reserveOut, amount, rules, .reference)
                #expect(native == reference)
            }
        }
        for a: UInt64 in [1, 10_000_000, 1_000_000_000, Supply.capRao, .max] {
            for b: UInt64 in [1, 10_000_000, 1_000_000_000, Supply.capRao, .max] {
                for c: UInt64 in [1, 999, 1_000_000_000, .max] {
                    for rules in [PoolRules.card, .launch2025_02] {
                        #expect((try? SubnetPoolTesting.curve(a, b, c, rules, .native)) == (try? SubnetPoolTesting.curve(a, b, c, rules, .reference)))
                    }
                }
            }
        }
    }
}
