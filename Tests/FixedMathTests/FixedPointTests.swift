import FixedMath
import PropertyBased
import Testing

/// The chain's fixed-point behaviour (`substrate-fixed` v0.6.0, chain-rules §0.2).
@Suite struct FixedPointChainQuirkTests {
    typealias F = FixedPoint<I96F32>

    @Test func fromDoubleRoundsHalfEvenLikeFromNum() throws {
        // I96F32::from_num(0.000003) is stored as 12885 · 2^-32.
        #expect(try F(0.000003).raw == BigInteger(12885 as Int64))
        // 0.5 · 2^-32 is a tie: to even (0); 1.5 · 2^-32 goes to 2.
        #expect(try F(0.5 * 0x1p-32).raw == .zero)
        #expect(try F(1.5 * 0x1p-32).raw == BigInteger(2 as Int64))
        #expect(throws: FixedMathError.self) { try F(.nan) }
        #expect(throws: FixedMathError.self) { try FixedPoint<U64F64>(-1.0) }
    }

    @Test func multiplicationFloorsTowardNegativeInfinity() throws {
        let tiny = try F(raw: .one)  // 2^-32
        let half = try F(0.5)
        #expect(try tiny.multiplied(by: half).raw == .zero)
        #expect(try F(raw: BigInteger(-1 as Int64)).multiplied(by: half).raw == BigInteger(-1 as Int64))
    }

    @Test func divisionTruncatesTowardZero() throws {
        let one = F.one, three = try F(3 as UInt64)
        let third = try one.divided(by: three)
        #expect(third.raw == BigInteger(1_431_655_765 as Int64))  // floor(2^32 / 3)
        let minusThird = try F(raw: -one.raw).divided(by: three)
        #expect(minusThird.raw == BigInteger(-1_431_655_765 as Int64))
        #expect(throws: FixedMathError.divisionByZero) { try one.divided(by: .zero) }
    }

    @Test func safeDivisionReturnsZeroForZeroDivisor() throws {
        #expect(F.one.safeDivided(by: .zero) == .zero)
        #expect(try F(6 as UInt64).safeDivided(by: F(3 as UInt64)) == F(2 as UInt64))
    }

    @Test func toNumFloorsAndSaturates() throws {
        #expect(try F(2.999).saturatingUInt64() == 2)
        #expect(try F(-2.5).saturatingUInt64() == 0)
        #expect(F.maximum.saturatingUInt64() == .max)
        #expect(try F(raw: BigInteger.powerOfTwo(32) * BigInteger(UInt64.max) + .one).saturatingUInt64() == .max)
    }

    @Test func saturatingOperationsClampAtTheBounds() throws {
        #expect(F.maximum.saturatingAdding(.one) == .maximum)
        #expect(F.minimum.saturatingSubtracting(.one) == .minimum)
        #expect(FixedPoint<U64F64>.zero.saturatingSubtracting(.one) == .zero)
        #expect(F.maximum.saturatingMultiplied(by: try F(2 as UInt64)) == .maximum)
        #expect(throws: FixedMathError.self) { try F.maximum.adding(.one) }
        #expect(throws: FixedMathError.self) { try FixedPoint<U64F64>.zero.subtracting(.one) }
        #expect(throws: FixedMathError.self) { try FixedPoint<U64F64>(raw: BigInteger.powerOfTwo(128)) }
    }

    @Test func formatBoundsAreTheChainTypes() {
        #expect(I96F32.maximumRaw == BigInteger.powerOfTwo(127) - .one)
        #expect(I96F32.minimumRaw == -BigInteger.powerOfTwo(127))
        #expect(U64F64.maximumRaw == BigInteger.powerOfTwo(128) - .one)
        #expect(U96F32.minimumRaw == .zero)
        #expect(I110F18.maximumRaw == BigInteger.powerOfTwo(127) - .one)
        #expect(I32F32.maximumRaw == BigInteger.powerOfTwo(63) - .one)
    }

    @Test func u64ProportionsAreNormalisedByU64Max() throws {
        // TaoWeight 0.18 = 3_320_413_933_267_719_290 / u64::MAX, in U64F64 (truncating).
        let weight = try FixedPoint<U64F64>(numerator: BigInteger(3_320_413_933_267_719_290 as UInt64),
                                            denominator: BigInteger(UInt64.max), rounding: .towardZero)
        #expect(weight.decimalString(fractionDigits: 6, rounding: .halfEven) == "0.180000")
    }

    @Test func u16ProportionsAreNormalisedBy65535() throws {
        let ownerCut = try FixedPoint<U96F32>(numerator: BigInteger(11_796 as Int64), denominator: BigInteger(65_535 as Int64), rounding: .towardZero)
        #expect(ownerCut.decimalString(fractionDigits: 5, rounding: .floor) == "0.17999")
    }

    @Test func floorLog2IsExact() throws {
        #expect(try F(1 as UInt64).floorLog2 == 0)
        #expect(try F(2 as UInt64).floorLog2 == 1)
        #expect(try F(3.99).floorLog2 == 1)
        #expect(try F(0.5).floorLog2 == -1)
        #expect(try F(raw: .one).floorLog2 == -32)
        #expect(F.zero.floorLog2 == nil)
    }

    @Test func conversionsBetweenFormatsAreExplicit() throws {
        let third = try FixedPoint<U64F64>(numerator: .one, denominator: BigInteger(3 as Int64), rounding: .floor)
        let down = try third.converted(to: I96F32.self, rounding: .floor)
        let up = try third.converted(to: I96F32.self, rounding: .ceiling)
        #expect(up.raw - down.raw == .one)
        #expect(try down.converted(to: U64F64.self, rounding: .floor).raw == down.raw.shiftedLeft(by: 32))
        #expect(throws: FixedMathError.self) { try F(-1.0).converted(to: U64F64.self, rounding: .floor) }
        #expect(F.maximum.saturatingConverted(to: I32F32.self, rounding: .floor) == .maximum)
    }

    @Test func decimalTextIsExact() throws {
        #expect(try F(0.5).description == "0.5")
        #expect(try F(raw: .one).description == "0.00000000023283064365386962890625")
        #expect(try F(-2.25).description == "-2.25")
        #expect(try F(7 as UInt64).description == "7")
        #expect(try F(2.0 / 3.0).decimalString(fractionDigits: 4, rounding: .halfEven) == "0.6667")
    }
}

@Suite struct FixedPointPropertyTests {
    @Test func multiplyThenDivideStaysWithinOneUnit() async {
        await propertyCheck(count: 2_000, input: Gen.uint64(in: 1...UInt64.max), Gen.uint64(in: 1...UInt64.max)) { a, b in
            guard let x = try? FixedPoint<U64F64>(raw: BigInteger(a)), let y = try? FixedPoint<U64F64>(raw: BigInteger(b)),
                  let product = try? x.multiplied(by: y, rounding: .floor),
                  let ceilingProduct = try? x.multiplied(by: y, rounding: .ceiling) else {
                Issue.record("unexpected overflow")
                return
            }
            // floor(xy) ≤ xy ≤ ceil(xy), exactly one unit apart unless exact.
            let exact = BigInteger(a) * BigInteger(b)
            #expect(product.raw.shiftedLeft(by: 64) <= exact)
            #expect(ceilingProduct.raw.shiftedLeft(by: 64) >= exact)
            #expect(ceilingProduct.raw - product.raw <= .one)
        }
    }

    @Test func saturatingAddEqualsCheckedAddWhenInRange() async {
        await propertyCheck(count: 2_000, input: Gen.int64(), Gen.int64()) { a, b in
            let x = FixedPoint<I32F32>(saturatingRaw: BigInteger(a)), y = FixedPoint<I32F32>(saturatingRaw: BigInteger(b))
            let sum = Int128(a) + Int128(b)
            if let checked = try? x.adding(y) {
                #expect(checked == x.saturatingAdding(y))
                #expect(checked.raw.int128Value == sum)
            } else {
                #expect(sum > Int128(Int64.max) || sum < Int128(Int64.min))
                #expect(x.saturatingAdding(y) == (sum > 0 ? .maximum : .minimum))
            }
        }
    }
}
