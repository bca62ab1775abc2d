import FixedMath
import PropertyBased
@testable import TaoEconomics
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The fast power term is bit-identical to the exact port of `pow_ratio_scaled` whenever it
/// answers, and answers almost always.
@Suite struct FastPowerTests {
    static func exact(_ n: UInt64, _ d: UInt64, _ p: UInt64, _ q: UInt64) -> UInt64? {
        PowRatio.scaled(baseNumerator: BigInteger(n), baseDenominator: BigInteger(d), exponentNumerator: BigInteger(p),
                        exponentDenominator: BigInteger(q), precision: 256, scale: BigInteger(FastPower.scale))?.uint64Value
    }

    static func reduced(_ w: UInt64) -> (UInt64, UInt64) {
        let a = Perquintill.accuracy - w, b = w
        var x = a, y = b
        while y != 0 { (x, y) = (y, x % y) }
        return (a / x, b / x)
    }

    /// The swap domain: an input of at most 1000 times the reserve (the chain's cap).
    @Test func agreesWithTheExactPortOnRandomSwaps() async {
        let weights = Gen.uint64(in: 10_000_000_000_000_000...990_000_000_000_000_000)
        let reserves = Gen.uint64(in: 1...UInt64.max / 1_001)
        var answered = 0, total = 0
        await propertyCheck(count: 2_000, input: reserves, Gen.uint64(in: 1...1_000), Gen.uint64(), weights, Gen.bool) { n, times, fraction, w, sell in
            // Inputs from 1 rao to 1000 × the reserve, spread over every magnitude.
            let delta = max(1, UInt64(Double(n) * Double(times) * (Double(fraction >> 11) * 0x1p-53)))
            let d = n + delta
            let y = Double(sell ? Self.reduced(w).0 : Self.reduced(w).1) / Double(sell ? Self.reduced(w).1 : Self.reduced(w).0) * log(Double(d) / Double(n))
            let (a, b) = Self.reduced(w)
            let (p, q) = sell ? (a, b) : (b, a)
            total += 1
            if let fast = FastPower.floorScaledPower(numerator: n, denominator: d, exponentNumerator: p, exponentDenominator: q) {
                answered += 1
                #expect(fast == Self.exact(n, d, p, q), "n \(n) d \(d) p \(p) q \(q)")
            } else {
                // Only where the chain's series stops converging (or, rarely, near an integer).
                #expect(y > 89, "no answer at y \(y): n \(n) d \(d) p \(p) q \(q)")
            }
        }
        #expect(answered >= total / 2)
    }

    /// Beyond the swap domain too, whenever it answers.
    @Test func agreesWithTheExactPortOnAnyReserves() async {
        let weights = Gen.uint64(in: 10_000_000_000_000_000...990_000_000_000_000_000)
        var answered = 0, total = 0
        await propertyCheck(count: 1_000, input: Gen.uint64(in: 1...UInt64.max - 1), Gen.uint64(in: 1...UInt64.max), weights, Gen.bool) { n, spread, w, sell in
            let d = n &+ max(1, spread % max(1, UInt64.max - n)) // n < d
            guard d > n else { return }
            let (a, b) = Self.reduced(w)
            let (p, q) = sell ? (a, b) : (b, a)
            total += 1
            if let fast = FastPower.floorScaledPower(numerator: n, denominator: d, exponentNumerator: p, exponentDenominator: q) {
                answered += 1
                #expect(fast == Self.exact(n, d, p, q), "n \(n) d \(d) p \(p) q \(q)")
            }
        }
        #expect(answered >= total / 3)
    }

    @Test func agreesNearOneAndAtTheExtremes() {
        let cases: [(UInt64, UInt64, UInt64)] = [
            (100_000, 100_100, 500_000_000_000_000_000), (500_000, 505_000, 250_000_000_000_000_000),
            (21_000_000_000_000_000, 21_000_000_000_000_001, 500_000_000_500_000_000), (1, 2, 10_000_000_000_000_000),
            (1, UInt64.max, 990_000_000_000_000_000), (UInt64.max - 1, UInt64.max, 10_000_000_000_000_000),
            (1_000_000_000, 1_000_000_001, 499_999_999_999_999_999),
        ]
        for (n, d, w) in cases {
            for sell in [true, false] {
                let (a, b) = Self.reduced(w)
                let (p, q) = sell ? (a, b) : (b, a)
                let fast = FastPower.floorScaledPower(numerator: n, denominator: d, exponentNumerator: p, exponentDenominator: q)
                #expect(fast != nil, "\(n)/\(d)^(\(p)/\(q))")
                #expect(fast == Self.exact(n, d, p, q), "\(n)/\(d)^(\(p)/\(q))")
            }
        }
    }

    /// Where the chain's series for e^−y stops converging (here y ≈ 152: a sell of 3.6·10^7
    /// times the reserve at quote weight 0.10), the chain computes a wrong value, and the pool
    /// must reproduce it: the fast path declines, the port gives the chain's number.
    @Test func theChainsNonConvergingSeriesIsLeftToThePort() {
        let (a, b) = Self.reduced(102_337_248_363_782_924)
        #expect(FastPower.floorScaledPower(numerator: 400_775_553, denominator: 14_446_634_308_441_135, exponentNumerator: a, exponentDenominator: b) == nil)
        #expect(Self.exact(400_775_553, 14_446_634_308_441_135, a, b) == 4_971_926_419_173_729_364)
    }
    /// The exponent may come unreduced (the pool passes the weights' parts as they are): the
    /// answer is the reduced exponent's, including where the chain's exact path decides it.
    @Test func anUnreducedExponentGivesTheReducedOnesAnswer() async {
        let weights = Gen.uint64(in: 10_000_000_000_000_000...990_000_000_000_000_000)
        await propertyCheck(count: 1_000, input: Gen.uint64(in: 1...UInt64.max / 1_001), Gen.uint64(in: 1...1_000), weights, Gen.bool) { n, times, w, sell in
            let d = n + n / 7 * times + 1
            let (a, b) = Self.reduced(w)
            let reduced = sell ? (a, b) : (b, a)
            let parts = sell ? (Perquintill.accuracy - w, w) : (w, Perquintill.accuracy - w)
            #expect(FastPower.floorScaledPower(numerator: n, denominator: d, exponentNumerator: parts.0, exponentDenominator: parts.1)
                == FastPower.floorScaledPower(numerator: n, denominator: d, exponentNumerator: reduced.0, exponentDenominator: reduced.1))
        }
        // 0.99/0.01 = 99/1: the chain's exact path, so y ≈ 228 still floors to 0.
        #expect(FastPower.floorScaledPower(numerator: 1, denominator: 10, exponentNumerator: 990_000_000_000_000_000,
                                           exponentDenominator: 10_000_000_000_000_000) == 0)
    }

    @Test func binaryGreatestCommonDivisorMatchesEuclid() async {
        // A shared factor g (powers of two included) on operands of every size.
        await propertyCheck(count: 2_000, input: Gen.uint64(), Gen.uint64(in: 20...64), Gen.uint64(), Gen.uint64(in: 1...1 << 20)) { a, shift, b, g in
            let x = (a >> shift) * g, y = (b >> 20) * g
            var (u, v) = (x, y)
            while v != 0 { (u, v) = (v, u % v) }
            #expect(BalancerMath.greatestCommonDivisor(x, y) == u, "gcd(\(x), \(y))")
        }
        #expect(BalancerMath.greatestCommonDivisor(0, 0) == 0)
        #expect(BalancerMath.greatestCommonDivisor(990_000_000_000_000_000, 10_000_000_000_000_000) == 10_000_000_000_000_000)
    }
    /// The evaluation's own error is far inside the 2^−40 margin: E·2^44 from `approximate`
    /// is within one unit of the exact ⌊10^18·2^44·(n/d)^(p/q)⌋ (the port's exact path, small
    /// exponents), so E is within 2^−43.
    @Test func theApproximationIsWithinTwoToTheMinus43() async {
        let exponents: [(UInt64, UInt64)] = [(1, 1), (1, 2), (1, 3), (2, 3), (3, 7), (7, 3), (99, 1), (1, 99), (19, 81), (81, 19)]
        let scale = BigInteger(FastPower.scale).shiftedLeft(by: 44)
        var compared = 0
        await propertyCheck(count: 400, input: Gen.uint64(in: 1...UInt64.max >> 21), Gen.uint64(in: 1...1 << 20), Gen.uint64(in: 0...9)) { n, ratio, pick in
            let d = n * ratio + ratio  // d/n ∈ (1, 2^20 + 1)
            let (p, q) = exponents[Int(pick)]
            guard case let .value(integer, fraction) = FastPower.approximate(numerator: n, denominator: d, exponentNumerator: p, exponentDenominator: q),
                  let exact = PowRatio.scaled(baseNumerator: BigInteger(n), baseDenominator: BigInteger(d), exponentNumerator: BigInteger(p),
                                              exponentDenominator: BigInteger(q), precision: 256, scale: scale) else { return }
            let approximation = (BigInteger(integer).shiftedLeft(by: 64) + BigInteger(fraction)).shiftedRightFloor(by: 20)
            let error = approximation - exact
            compared += 1
            #expect(error <= BigInteger(1) && error >= BigInteger(-1), "n \(n) d \(d) p \(p) q \(q): \(approximation) vs \(exact)")
        }
        #expect(compared >= 200)
    }
}
