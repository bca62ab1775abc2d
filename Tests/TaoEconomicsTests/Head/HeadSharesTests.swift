import FixedMath
import Foundation
import PropertyBased
@testable import TaoEconomics
import Testing

/// The HEAD split of the block's TAO (§2.2) and the emission gate (§2.2b).
@Suite struct HeadSharesTests {
    static let one: UInt128 = 1 << 64

    /// An I96F32 raw price from numerator / denominator (exact for the values used).
    static func price(_ numerator: UInt128, _ denominator: UInt128) -> UInt128 { (numerator << 32) / denominator }

    static func input(_ ema: UInt128, burned: UInt128 = 0, enabled: Bool = true) -> HeadShares.Input {
        HeadShares.Input(emaPriceRaw: ema, minerBurnedRaw: burned, emissionEnabled: enabled)
    }

    /// |share − expected| within a few U64F64 units (each of the chain's divisions and products
    /// floors once) or the Double expectation's own rounding.
    static func expectClose(_ shares: [UInt128], _ expected: [Double]) {
        for (share, value) in zip(shares, expected) {
            let target = UInt128(value * 0x1p64)
            let slack = max(4, target >> 48)
            #expect(share <= target + slack && share + slack >= target, "share \(share) vs \(target)")
        }
    }

    @Test func minerBurnTakesShareAwayAndTheRestIsRenormalised() {
        // EMA prices 1, 1, ½; the second subnet burns half its miners' alpha.
        let inputs = [Self.input(Self.price(1, 1)), Self.input(Self.price(1, 1), burned: Self.price(1, 2)), Self.input(Self.price(1, 2))]
        let native = HeadShares.shares(inputs, arithmetic: NativeU64F64.self)
        #expect(native == HeadShares.shares(inputs, arithmetic: ReferenceU64F64.self))
        // s = (0.4, 0.4, 0.2); w = (0.4, 0.2, 0.2); shares = w / 0.8.
        Self.expectClose(native, [0.5, 0.25, 0.25])
        #expect(native.reduce(0, +) <= Self.one)
    }

    @Test func disabledSubnetsGetNothingAndTheOthersShareItAll() {
        let inputs = [Self.input(Self.price(1, 4)), Self.input(Self.price(1, 4), enabled: false), Self.input(Self.price(1, 2))]
        let shares = HeadShares.shares(inputs, arithmetic: NativeU64F64.self)
        #expect(shares[1] == 0)
        Self.expectClose(shares, [1.0 / 3, 0, 2.0 / 3])
        #expect(shares == HeadShares.shares(inputs, arithmetic: ReferenceU64F64.self))
    }

    @Test func whenEverySubnetBurnsEverythingThePriceSharesStand() {
        let inputs = [Self.input(Self.price(1, 4), burned: Self.price(1, 1)), Self.input(Self.price(3, 4), burned: Self.price(2, 1))]
        Self.expectClose(HeadShares.shares(inputs, arithmetic: NativeU64F64.self), [0.25, 0.75])
    }

    @Test func noPriceMeansNoShare() {
        let shares = HeadShares.shares([Self.input(0), Self.input(0)], arithmetic: NativeU64F64.self)
        #expect(shares == [0, 0])
    }

    @Test func taoEmissionIsTheShareOfEInU96F32() {
        // ¼ of 1e9 rao: 250,000,000 exactly.
        let raw = HeadShares.taoEmissionRaw(emissionRao: 1_000_000_000, shareRaw: Self.one / 4, arithmetic: NativeU64F64.self)
        #expect(raw == UInt128(250_000_000) << 32)
        #expect(raw == HeadShares.taoEmissionRaw(emissionRao: 1_000_000_000, shareRaw: Self.one / 4, arithmetic: ReferenceU64F64.self))
    }

    // MARK: - The gate

    /// 40 shares falling geometrically (ratio 0.9), normalised to 1.
    static let manyShares: [UInt128] = {
        let weights = (0..<40).map { pow(0.9, Double($0)) }
        let total = weights.reduce(0, +)
        return weights.map { UInt128($0 / total * 0x1p64) }
    }()

    @Test func thetaIsTheNthLargestShare() {
        let gate = EmissionGate(bar: .rank(32), exponent: 3)
        let shuffled = Self.manyShares.reversed().map { $0 }
        #expect(gate.theta(shares: shuffled) == Self.manyShares[31])
        // Fewer positive shares than the rank: the smallest positive one.
        #expect(gate.theta(shares: [0, Self.one / 2, Self.one / 4, 0]) == Self.one / 4)
        #expect(gate.theta(shares: [0, 0]) == 0)
    }

    @Test func theMassBarIsTheShareThatReachesQ() {
        let gate = EmissionGate(bar: .mass(quantileRaw: UInt128((0.61 * 0x1p64).rounded())), exponent: 3)
        let theta = gate.theta(shares: Self.manyShares)
        var sum: UInt128 = 0
        var reached: UInt128 = 0
        for share in Self.manyShares {
            sum += share
            if Double(sum) / 0x1p64 >= 0.61 { reached = share; break }
        }
        #expect(theta == reached)
    }

    @Test func gatedSharesStillAddUpToOneBarTheNamedRemainder() {
        let gate = EmissionGate.head2026_08
        let theta = gate.theta(shares: Self.manyShares)
        let gated = gate.gated(shares: Self.manyShares, theta: theta)
        let total = gated.reduce(0, +)
        // Each e_i = ⌊v_i·2^64 / Σv⌋ loses less than one unit: Σ e_i ∈ (1 − n·2^−64, 1].
        #expect(total <= Self.one)
        #expect(total + UInt128(gated.count) > Self.one)
    }

    @Test func aboveTheBarGainsAndFarBelowItTendsToNothing() {
        let gate = EmissionGate.head2026_08
        let theta = gate.theta(shares: Self.manyShares)
        let gated = gate.gated(shares: Self.manyShares, theta: theta)
        #expect(gated[0] > Self.manyShares[0])
        // w = θ/10 keeps (1/10)^3 / (1 + (1/10)^3) of its weight before renormalising.
        let far = gate.gated(shares: [Self.one / 2, Self.one / 2 - Self.one / 20, Self.one / 20], theta: Self.one / 2)
        #expect(Double(far[2]) / 0x1p64 < 0.001)
        #expect(far[0] > Self.one / 2)
    }

    @Test func noBarMeansNoGate() {
        let gate = EmissionGate.head2026_08
        #expect(gate.gated(shares: Self.manyShares, theta: 0) == Self.manyShares)
        #expect(gate.gated(shares: [0, 0], theta: Self.one / 4) == [0, 0])
    }

    @Test func thetaIsRecomputedEvery360Blocks() {
        let gate = EmissionGate.head2026_08
        #expect(gate.recomputes(atBlock: 720))
        #expect(!gate.recomputes(atBlock: 721))
    }
    // MARK: - The gate's native path

    /// The 256-bit path gives GMP's shares exactly: random share lists (from one to 200 subnets,
    /// shares spread over every magnitude down to 1 unit), bars from a share to one, h = 1…4 (4
    /// takes GMP on both sides), and the edges: a share of exactly one, θ equal to a share.
    @Test func theNativeGateEqualsGMP() async {
        await propertyCheck(count: 400, input: Gen.uint64(in: 1...200), Gen.uint64(), Gen.uint64(in: 1...4), Gen.uint64(in: 0...2)) { count, seed, h, barKind in
            var state = seed | 1
            func next() -> UInt64 { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return state }
            let shares: [UInt128] = (0..<Int(count)).map { _ in
                let draw = next()
                return draw % 7 == 0 ? 0 : UInt128(draw >> (draw % 64))
            }
            let theta: UInt128 = switch barKind {
            case 0: shares.max() ?? 1
            case 1: max(1, UInt128(next() >> (next() % 64)))
            default: Self.one - 1
            }
            let gate = EmissionGate(bar: .rank(32), exponent: Int(h))
            #expect(gate.gated(shares: shares, theta: theta, mode: .native) == gate.gated(shares: shares, theta: theta, mode: .reference),
                    "h \(h) θ \(theta) shares \(shares)")
        }
        let gate = EmissionGate.head2026_08
        for (shares, theta) in [([Self.one], Self.one), ([Self.one, 0], Self.one / 3), ([Self.one - 1, 1], Self.one - 1),
                                ([1, 1, 1], 1), (Self.manyShares, Self.manyShares[31])] {
            #expect(gate.gated(shares: shares, theta: theta, mode: .native) == gate.gated(shares: shares, theta: theta, mode: .reference))
        }
    }

    /// ⌊n/d⌋ on 256-bit operands equals GMP's, around the estimate's correction edges.
    @Test func theWideQuotientIsExact() async {
        await propertyCheck(count: 2_000, input: Gen.uint64(), Gen.uint64(), Gen.uint64(in: 0...190), Gen.uint64()) { a, b, shift, c in
            // d of 1…250 bits; n = q·d + r with q < 2^64 and r < d (r near 0 or near d).
            let d = (BigInteger(a) * BigInteger(b) * BigInteger(c | 1)).shiftedRightFloor(by: Int(shift)) + BigInteger(1)
            let q = BigInteger(c)
            let r = c % 2 == 0 ? BigInteger(a % 3) : d - BigInteger(1) - BigInteger(b % 3)
            let n = q * d + (r.isNegative ? .zero : r)
            guard let nWide = Self.wide(n), let dWide = Self.wide(d) else { return }
            let expected = (try? n.divided(by: d, rounding: .floor))?.uint64Value
            #expect(GateWeight.floorQuotient(nWide, dWide) == expected, "n \(n) d \(d)")
        }
    }

    static func wide(_ value: BigInteger) -> GateWeight.Wide? {
        guard let low = (value - value.shiftedRightFloor(by: 128).shiftedLeft(by: 128)).uint128Value,
              let high = value.shiftedRightFloor(by: 128).uint128Value else { return nil }
        return GateWeight.Wide(high: high, low: low)
    }
}
