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

    @Test(arguments: ["", "1 000", ".5", "1.", "1.2.3", "1e", "1e+", "1e1.5", "1ee3", "e3", "--1", "-", "1,5", "0x1", "1.-5", " 1", "1e401"])
    func rejectsMalformedDecimals(_ text: String) {
        #expect(throws: FixedMathError.self) { try TAO(parsing: text) }
    }

    /// Exponent notation, as JSON and YAML writers print numbers, is a decimal too: read
    /// exactly, never through a Double.
    @Test(arguments: [("1e-06", 1_000), ("1E-6", 1_000), ("1e9", 1_000_000_000_000_000_000), ("2.5e+3", 2_500_000_000_000),
                      ("-1e-9", -1), ("0.0000000001e1", 1), ("123456789e-9", 123_456_789), ("0e-400", 0)])
    func readsExponentNotationExactly(_ text: String, _ rao: Int64) throws {
        #expect(try TAO(parsing: text).raw == BigInteger(rao))
    }

    @Test func exponentNotationStillKeepsTheResolution() {
        #expect(throws: FixedMathError.tooManyFractionDigits(text: "1e-10", maximum: 9)) { try TAO(parsing: "1e-10") }
        #expect(throws: FixedMathError.tooManyFractionDigits(text: "1.5e-9", maximum: 9)) { try TAO(parsing: "1.5e-9") }
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
