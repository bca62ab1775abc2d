import FixedMath
@testable import TaoEconomics
import Testing

/// The port of safe-bigmath's `pow_ratio_scaled` reproduces the crate's own test vectors
/// (safe-bigmath 013c499, src/integer.rs tests, and subtensor 14bc6f9f9 balancer.rs).
@Suite struct PowRatioTests {
    static func big(_ text: String) -> BigInteger { try! BigInteger(parsing: text) }

    static func pow(_ n: String, _ d: String, _ p: String, _ q: String, precision: Int = 256, scale: String = "1000000000000000000") -> BigInteger? {
        PowRatio.scaled(baseNumerator: big(n), baseDenominator: big(d), exponentNumerator: big(p), exponentDenominator: big(q),
                        precision: precision, scale: big(scale))
    }

    @Test func theCratesDocumentationExample() {
        // (2/3)^(1/2) · 1000 → 816 when floored.
        #expect(Self.pow("2", "3", "1", "2", precision: 0, scale: "1000") == BigInteger(816 as UInt64))
    }

    @Test func perquintillPowerTakesTheExactPath() {
        // test_perquintill_power: (21e15 / 28e15)^(0.6/0.4) · 1e18.
        #expect(Self.pow("21000000000000000", "28000000000000000", "600000000000000000", "400000000000000000")
            == Self.big("649519052838328985"))
    }

    @Test(arguments: [("500000000000000000", "500000000000000000"), ("499999999999500000", "500000000000500000"),
                      ("500000000000250000", "499999999999750000")])
    func largeWeightDenominatorsAgreeAcrossBothPaths(_ w1: String, _ w2: String) {
        // pow_ratio_scaled_handles_large_weight_denominators: the first case is exact (exponent 1),
        // the others take the ln/exp path; all give the same integer.
        #expect(Self.pow("21000000000000000", "21000000000000100", w1, w2) == Self.big("999999999999995238"))
    }

    @Test func boundaryWeightsConverge() {
        // pow_ratio_scaled_converges_on_boundary_weights.
        #expect(Self.pow("21000000000000000", "21000000000000001", "499999999500000000", "500000000500000000")
            == Self.big("999999999999999952"))
    }

    @Test func coarseAndPrecisePrecisionsAgreeToOne() throws {
        // pow_ratio_scaled_uses_scale_to_pick_precision.
        let coarse = try #require(Self.pow("123456789", "987654321", "987654321123456789", "123456789987654321", precision: 0))
        let precise = try #require(Self.pow("123456789", "987654321", "987654321123456789", "123456789987654321", precision: 256))
        #expect((precise - coarse).magnitude <= .one)
    }

    @Test func degenerateInputsAreTheCratesToo() {
        #expect(Self.pow("1", "0", "1", "2") == nil)
        #expect(Self.pow("1", "2", "1", "0") == nil)
        #expect(Self.pow("0", "2", "1", "3") == .zero)
        #expect(Self.pow("5", "7", "0", "3") == Self.big("1000000000000000000"))
    }
}
