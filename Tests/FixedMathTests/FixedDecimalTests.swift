import FixedMath
import PropertyBased
import Testing

@Suite struct FixedDecimalTests {
    typealias TAO = FixedDecimal<Rao>

    @Test func parsesTaoToRaoExactly() throws {
        #expect(try TAO(parsing: "1").raw == BigInteger(1_000_000_000 as Int64))
        #expect(try TAO(parsing: "1.5").raw == BigInteger(1_500_000_000 as Int64))
        #expect(try TAO(parsing: "0.000000001").raw == .one)
        #expect(try TAO(parsing: "-0.25").raw == BigInteger(-250_000_000 as Int64))
        #expect(try TAO(parsing: "21000000").raw == BigInteger(21_000_000_000_000_000 as Int64))
        #expect(try TAO(parsing: "0.1").description == "0.100000000")
    }

    @Test func rejectsMoreThanNineDecimals() {
        #expect(throws: FixedMathError.tooManyFractionDigits(text: "0.0000000001", maximum: 9)) {
            try TAO(parsing: "0.0000000001")
        }
    }

    @Test(arguments: ["", "1 000", ".5", "1.", "1.2.3", "1e9", "--1", "-", "1,5", "0x1", "1.-5", " 1"])
    func rejectsMalformedDecimals(_ text: String) {
        #expect(throws: FixedMathError.self) { try TAO(parsing: text) }
    }

    @Test func convertsToAndFromBinaryFormats() throws {
        let half = try TAO(parsing: "0.5")
        let binary = try half.converted(to: I96F32.self, rounding: .floor)
        #expect(binary == (try FixedPoint<I96F32>(0.5)))
        #expect(TAO(binary, rounding: .floor) == half)
        let third = try FixedPoint<U64F64>(numerator: .one, denominator: BigInteger(3 as Int64), rounding: .floor)
        #expect(FixedDecimal<Decimal18>(third, rounding: .floor).description == "0.333333333333333333")
    }

    @Test func textRoundTripsForAnyRaoAmount() async {
        await propertyCheck(count: 2_000, input: Gen.int64()) { rao in
            let amount = TAO(raw: BigInteger(rao))
            #expect((try? TAO(parsing: amount.description)) == amount)
        }
    }
}
