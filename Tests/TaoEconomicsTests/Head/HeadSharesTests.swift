import FixedMath
import Foundation
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
        let gate = EmissionGate(bar: .mass(Perquintill(parts: 610_000_000_000_000_000)!), exponent: 3)
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
}
