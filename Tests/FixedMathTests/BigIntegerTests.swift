import FixedMath
import Testing

@Suite struct BigIntegerTextTests {
    @Test(arguments: ["0", "1", "-1", "18446744073709551615", "-170141183460469231731687303715884105728",
                      "123456789012345678901234567890123456789012345678901234567890"])
    func roundTripsDecimalText(_ text: String) throws {
        #expect(try BigInteger(parsing: text).description == text)
    }

    @Test(arguments: ["", "-", "1 000", " 1", "1 ", "+1", "1e9", "0x10", "1.0", "--1", "1_000", "١٢"])
    func rejectsMalformedText(_ text: String) {
        #expect(throws: FixedMathError.self) { try BigInteger(parsing: text) }
    }

    @Test func parseUInt64NamesTheProblem() {
        #expect(throws: FixedMathError.outOfRange(value: "18446744073709551616", format: "x (at most 18446744073709551615)")) {
            try BigInteger.parseUInt64("18446744073709551616", what: "x")
        }
        #expect(throws: FixedMathError.malformedNumber(text: "-1", expected: "x, which cannot be negative")) {
            try BigInteger.parseUInt64("-1", what: "x")
        }
        #expect(throws: FixedMathError.malformedNumber(text: "1.5", expected: "x")) {
            try BigInteger.parseUInt64("1.5", what: "x")
        }
        #expect((try? BigInteger.parseUInt64("18446744073709551615")) == .max)
    }

    @Test func errorMessagesAreReadable() {
        #expect(FixedMathError.divisionByZero.description == "division by zero")
        #expect(FixedMathError.tooManyFractionDigits(text: "0.0000000001", maximum: 9).description
            == "'0.0000000001' has more than 9 decimal places")
    }
}

@Suite struct BigIntegerValueSemanticsTests {
    @Test func copiesAreIndependentAfterMutation() {
        let original = BigInteger(41 as Int64)
        var copy = original
        copy += .one
        #expect(original == BigInteger(41 as Int64))
        #expect(copy == BigInteger(42 as Int64))
    }

    @Test func inPlaceOperationsMatchTheirPureForms() throws {
        let a = try BigInteger(parsing: "123456789123456789123456789")
        let b = try BigInteger(parsing: "-987654321987654321")
        var x = a
        x *= b
        #expect(x == a * b)
        x -= b
        #expect(x == a * b - b)
        var sum = BigInteger()
        sum.formSum(a, b)
        #expect(sum == a + b)
        var product = BigInteger()
        product.formProduct(a, b)
        #expect(product == a * b)
        for rule in RoundingRule.allCases {
            var q = a
            try q.formQuotient(dividingBy: b, rounding: rule)
            #expect(try q == a.divided(by: b, rounding: rule))
            var md = a
            try md.formMultipliedDivided(by: b, dividedBy: BigInteger(7 as Int64), rounding: rule)
            #expect(try md == a.multipliedDivided(by: b, dividedBy: BigInteger(7 as Int64), rounding: rule))
        }
    }

    @Test func failedInPlaceDivisionLeavesTheValueUnchanged() {
        var x = BigInteger(10 as Int64)
        #expect(throws: FixedMathError.divisionByZero) { try x.formQuotient(dividingBy: .zero, rounding: .floor) }
        #expect(throws: FixedMathError.divisionByZero) {
            try x.formMultipliedDivided(by: .one, dividedBy: .zero, rounding: .halfEven)
        }
        #expect(x == BigInteger(10 as Int64))
    }

    @Test func equalValuesHashEqually() throws {
        let a = try BigInteger(parsing: "-340282366920938463463374607431768211457")
        let b = try BigInteger(parsing: "-340282366920938463463374607431768211457")
        #expect(a == b)
        #expect(Set([a, b]).count == 1)
        #expect(a.hashValue == b.hashValue)
        #expect(BigInteger(1 as Int64).hashValue != BigInteger(-1 as Int64).hashValue)
    }

    @Test func divisionByZeroIsAnErrorNotATrap() {
        for rule in RoundingRule.allCases {
            #expect(throws: FixedMathError.divisionByZero) { try BigInteger.one.divided(by: .zero, rounding: rule) }
        }
        #expect(throws: FixedMathError.negativeSquareRoot(value: "-4")) {
            try BigInteger(-4 as Int64).squareRoot(rounding: .floor)
        }
    }

    @Test func roundingTiesAndDirections() throws {
        // 5/2 = 2.5, -5/2 = -2.5, 7/2 = 3.5
        func q(_ n: Int64, _ d: Int64, _ rule: RoundingRule) throws -> Int64? {
            try BigInteger(n).divided(by: BigInteger(d), rounding: rule).int64Value
        }
        #expect(try q(5, 2, .floor) == 2)
        #expect(try q(5, 2, .ceiling) == 3)
        #expect(try q(5, 2, .towardZero) == 2)
        #expect(try q(5, 2, .halfEven) == 2)
        #expect(try q(7, 2, .halfEven) == 4)
        #expect(try q(-5, 2, .floor) == -3)
        #expect(try q(-5, 2, .ceiling) == -2)
        #expect(try q(-5, 2, .towardZero) == -2)
        #expect(try q(-5, 2, .halfEven) == -2)
        #expect(try q(-7, 2, .halfEven) == -4)
        #expect(try q(5, -2, .halfEven) == -2)
        #expect(try q(-5, -2, .halfEven) == 2)
        #expect(try q(8, 3, .halfEven) == 3)
    }

    @Test func squareRootRounding() throws {
        #expect(try BigInteger(15 as Int64).squareRoot(rounding: .floor) == BigInteger(3 as Int64))
        #expect(try BigInteger(15 as Int64).squareRoot(rounding: .ceiling) == BigInteger(4 as Int64))
        #expect(try BigInteger(16 as Int64).squareRoot(rounding: .ceiling) == BigInteger(4 as Int64))
        #expect(try BigInteger(12 as Int64).squareRoot(rounding: .halfEven) == BigInteger(3 as Int64))
        #expect(try BigInteger(13 as Int64).squareRoot(rounding: .halfEven) == BigInteger(4 as Int64))
    }

    @Test func conversionsAtTheEdges() {
        #expect(BigInteger(UInt64.max).uint64Value == .max)
        #expect((BigInteger(UInt64.max) + .one).uint64Value == nil)
        #expect(BigInteger(-1 as Int64).uint64Value == nil)
        #expect(BigInteger(Int128.min).int128Value == .min)
        #expect(BigInteger(Int128.max).int128Value == .max)
        #expect((BigInteger(Int128.max) + .one).int128Value == nil)
        #expect((BigInteger(Int128.min) - .one).int128Value == nil)
        #expect(BigInteger(UInt128.max).uint128Value == .max)
        #expect(BigInteger(Int64.min).int64Value == .min)
        #expect(BigInteger.powerOfTwo(64) == BigInteger(UInt64.max) + .one)
    }

    @Test func doublesConvertExactly() throws {
        #expect(try BigInteger(2.5, rounding: .halfEven) == BigInteger(2 as Int64))
        #expect(try BigInteger(3.5, rounding: .halfEven) == BigInteger(4 as Int64))
        #expect(try BigInteger(-2.5, rounding: .floor) == BigInteger(-3 as Int64))
        #expect(try BigInteger(1e20, rounding: .floor).description == "100000000000000000000")
        #expect(throws: FixedMathError.self) { try BigInteger(.nan, rounding: .floor) }
        #expect(throws: FixedMathError.self) { try BigInteger(.infinity, rounding: .floor) }
    }
}

@Suite struct BigIntegerShiftTests {
    @Test func negativeShiftsGoTheOtherWayInsteadOfTrapping() {
        let x = BigInteger(-40 as Int64)
        #expect(x.shiftedLeft(by: -3) == x.shiftedRightFloor(by: 3))
        #expect(x.shiftedRightFloor(by: -3) == x.shiftedLeft(by: 3))
        #expect(BigInteger(-41 as Int64).shiftedLeft(by: -3) == BigInteger(-6 as Int64))  // floor(-41/8)
        #expect(x.shiftedRight(by: -2, rounding: .ceiling) == BigInteger(-160 as Int64))
        #expect(x.isMultipleOfPowerOfTwo(-5) && x.isMultipleOfPowerOfTwo(3) && !x.isMultipleOfPowerOfTwo(4))
    }
}
