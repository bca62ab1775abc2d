import FixedMath
import PropertyBased
import Testing

/// The GMP path checked against Swift's `Int128` wherever the values fit.
@Suite struct BigIntegerPropertyTests {
    static let cases = 3_000

    /// Reference rounding of n/d in Int128 (d ≠ 0, no overflow for the inputs used).
    static func referenceQuotient(_ n: Int128, _ d: Int128, _ rule: RoundingRule) -> Int128 {
        let truncated = n / d
        let remainder = n % d
        if remainder == 0 { return truncated }
        let negative = (n < 0) != (d < 0)
        switch rule {
        case .towardZero: return truncated
        case .floor: return negative ? truncated - 1 : truncated
        case .ceiling: return negative ? truncated : truncated + 1
        case .halfEven:
            let twice = remainder.magnitude * 2
            let away = negative ? truncated - 1 : truncated + 1
            if twice > d.magnitude { return away }
            if twice < d.magnitude { return truncated }
            return truncated % 2 == 0 ? truncated : away
        }
    }

    @Test func ringOperationsMatchInt128() async {
        await propertyCheck(count: Self.cases, input: Gen.int64(), Gen.int64()) { a, b in
            let (x, y) = (BigInteger(a), BigInteger(b))
            #expect((x + y).int128Value == Int128(a) + Int128(b))
            #expect((x - y).int128Value == Int128(a) - Int128(b))
            #expect((x * y).int128Value == Int128(a) * Int128(b))
            #expect((-x).int128Value == -Int128(a))
            #expect((x < y) == (a < b))
            #expect((x == y) == (a == b))
        }
    }

    @Test func int128RoundTrips() async {
        await propertyCheck(count: Self.cases, input: Gen.int128()) { value in
            let big = BigInteger(value)
            #expect(big.int128Value == value)
            #expect(big.description == String(value))
            #expect((try? BigInteger(parsing: String(value))) == big)
        }
    }

    @Test func divisionMatchesInt128ForEveryRule() async {
        await propertyCheck(count: Self.cases, input: Gen.int128(in: -(Int128(1) << 100)...(Int128(1) << 100)), Gen.int64()) { n, d in
            guard d != 0 else { return }
            for rule in RoundingRule.allCases {
                let q = try? BigInteger(n).divided(by: BigInteger(d), rounding: rule)
                #expect(q?.int128Value == Self.referenceQuotient(n, Int128(d), rule), "\(n) / \(d) \(rule)")
            }
        }
    }

    @Test func multiplyDivideRoundsOnceMatchingInt128() async {
        await propertyCheck(count: Self.cases, input: Gen.int64(), Gen.int64(), Gen.int64()) { a, b, d in
            guard d != 0 else { return }
            let product = Int128(a) * Int128(b)
            for rule in RoundingRule.allCases {
                let value = try? BigInteger(a).multipliedDivided(by: BigInteger(b), dividedBy: BigInteger(d), rounding: rule)
                #expect(value?.int128Value == Self.referenceQuotient(product, Int128(d), rule))
            }
        }
    }

    @Test func productDividedByFactorIsExact() async {
        await propertyCheck(count: Self.cases, input: Gen.int128(), Gen.int128()) { a, b in
            guard b != 0 else { return }
            let (x, y) = (BigInteger(a), BigInteger(b))
            for rule in RoundingRule.allCases {
                #expect((try? (x * y).divided(by: y, rounding: rule)) == x)
            }
        }
    }

    @Test func floorAndCeilingBracketTheExactQuotient() async {
        await propertyCheck(count: Self.cases, input: Gen.int128(), Gen.int128()) { a, b in
            guard b != 0 else { return }
            let (n, d) = (BigInteger(a), BigInteger(b))
            guard let low = try? n.divided(by: d, rounding: .floor),
                  let high = try? n.divided(by: d, rounding: .ceiling),
                  let nearest = try? n.divided(by: d, rounding: .halfEven) else {
                Issue.record("division failed")
                return
            }
            // low ≤ n/d ≤ high, compared without division: d·low ≤ n ≤ d·high for d > 0.
            let positive = d.signum > 0
            #expect(positive ? d * low <= n : d * low >= n)
            #expect(positive ? d * high >= n : d * high <= n)
            #expect(high - low == (n == d * low ? .zero : .one))
            #expect(nearest == low || nearest == high)
        }
    }

    @Test func squareRootBracketsTheValue() async {
        await propertyCheck(count: Self.cases, input: Gen.uint128()) { value in
            let n = BigInteger(value)
            guard let root = try? n.squareRoot(rounding: .floor),
                  let ceiling = try? n.squareRoot(rounding: .ceiling) else {
                Issue.record("square root failed")
                return
            }
            #expect(root * root <= n)
            #expect((root + .one) * (root + .one) > n)
            #expect(ceiling * ceiling >= n)
            #expect(ceiling - root <= .one)
        }
    }

    @Test func doublesConvertExactlyAndRoundOnce() async {
        await propertyCheck(count: Self.cases, input: Gen.int64(in: -(1 << 53)...(1 << 53))) { value in
            // Integers up to 2^53 are exact in a Double.
            #expect((try? BigInteger(Double(value), rounding: .floor)) == BigInteger(value))
            let half = Double(value) + 0.5
            if abs(half) < Double(1 << 52) {
                let expected = Self.referenceQuotient(Int128(value) * 2 + 1, 2, .halfEven)
                #expect((try? BigInteger(half, rounding: .halfEven))?.int128Value == expected)
            }
        }
    }
}
