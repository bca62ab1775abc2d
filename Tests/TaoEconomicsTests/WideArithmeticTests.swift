import PropertyBased
@testable import TaoEconomics
import Testing

/// The hardware-digit 256-bit product and quotient equal the standard library's generic ones.
@Suite struct WideArithmeticTests {
    static let edges: [UInt128] = [0, 1, 2, UInt128(UInt64.max), UInt128(UInt64.max) + 1, UInt128(UInt64.max) << 64,
                                   (UInt128(1) << 127), (UInt128(1) << 127) - 1, .max, .max - 1, 1_000_000_000_000_000_000, UInt128(1) << 64 | 1]

    static func random(_ random: inout SplitMix64) -> UInt128 {
        // Mixed magnitudes: full 128-bit values, 64-bit values and small ones.
        switch random.next() % 4 {
        case 0: return UInt128(random.next())
        case 1: return UInt128(random.next() % 1_000_000)
        default: return UInt128(random.next()) << 64 | UInt128(random.next())
        }
    }

    @Test func edgeProductsAndQuotientsAgree() {
        for a in Self.edges {
            for b in Self.edges {
                let wide = WideArithmetic.multiply(a, b), generic = a.multipliedFullWidth(by: b)
                #expect(wide.high == generic.high && wide.low == generic.low, "\(a) × \(b)")
                guard b > 0 else { continue }
                for high in [0, a % b, b - 1] as [UInt128] where high < b {
                    let fast = WideArithmetic.divide(high, a, by: b), slow = b.dividingFullWidth((high, a))
                    #expect(fast.quotient == slow.quotient && fast.remainder == slow.remainder, "(\(high), \(a)) / \(b)")
                }
            }
        }
    }

    @Test func randomProductsAndQuotientsAgree() async {
        await propertyCheck(count: 3_000, input: Gen.uint64()) { seed in
            var random = SplitMix64(state: seed)
            let a = Self.random(&random), b = Self.random(&random), c = Self.random(&random)
            let wide = WideArithmetic.multiply(a, b), generic = a.multipliedFullWidth(by: b)
            #expect(wide.high == generic.high && wide.low == generic.low)
            guard c > 0 else { return }
            let high = b % c
            let fast = WideArithmetic.divide(high, a, by: c), slow = c.dividingFullWidth((high, a))
            #expect(fast.quotient == slow.quotient && fast.remainder == slow.remainder, "(\(high), \(a)) / \(c)")
            // By a 64-bit divisor.
            let small = UInt64(truncatingIfNeeded: c) | 1
            #expect(WideArithmetic.divide(a, by: small) == a / UInt128(small), "\(a) / \(small)")
        }
        for a in Self.edges {
            for divisor in [1, 2, 3, 1 << 32, UInt64.max - 1, .max] as [UInt64] {
                #expect(WideArithmetic.divide(a, by: divisor) == a / UInt128(divisor), "\(a) / \(divisor)")
            }
        }
    }
}
