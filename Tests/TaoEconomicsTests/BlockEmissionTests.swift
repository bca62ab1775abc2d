import FixedMath
import PropertyBased
import TaoEconomics
import Testing

/// The chain's emission vectors (the numbers `opentensor/subtensor`'s own tests assert) and the exact threshold table.
@Suite struct BlockEmissionVectorTests {
    static let vectors: [(issuance: UInt64, emission: UInt64)] = [
        (0, 1_000_000_000),
        (1_776_000_000_000, 1_000_000_000),
        (10_500_000_000_000_000, 500_000_000),
        (10_999_999_000_000_000, 500_000_000),
        (15_749_999_000_000_000, 500_000_000),
        (15_800_000_000_000_000, 250_000_000),
        (18_400_000_000_000_000, 125_000_000),
        (19_700_000_000_000_000, 62_500_000),
        (20_400_000_000_000_000, 31_250_000),
        (20_979_493_000_000_000, 976_562),
        (20_999_360_000_000_000, 30_517),
        (21_000_000_000_000_000, 0),
        (UInt64.max, 0),
    ]

    @Test(arguments: vectors)
    func chainVector(_ vector: (issuance: UInt64, emission: UInt64)) {
        #expect(BlockEmission.forIssuance(vector.issuance) == vector.emission)
        #expect(BlockEmission.referenceForIssuance(vector.issuance) == vector.emission)
    }

    /// `test_issuance_bounds`: 100 times issuance += emission(issuance) × 10.5M.
    @Test func chainIssuanceBounds() {
        var issuance: UInt64 = 0
        for _ in 0..<100 { issuance += BlockEmission.forIssuance(issuance) * 10_500_000 }
        #expect(issuance == 20_999_999_989_500_000)
    }

    /// Halving k starts at ceil(21e15 · (1 − 2^−k)), computed here independently in GMP.
    @Test func thresholdsAreCeilOfTheClosedForm() throws {
        let cap = BigInteger(Supply.capRao)
        for k in 1...30 {
            let power = BigInteger.powerOfTwo(k)
            let expected = try (cap * (power - .one)).divided(by: power, rounding: .ceiling)
            #expect(BigInteger(BlockEmission.thresholds[k]) == expected, "k = \(k)")
            #expect(BlockEmission.referenceForIssuance(BlockEmission.thresholds[k]) == Supply.initialBlockEmissionRao >> UInt64(k))
            #expect(BlockEmission.referenceForIssuance(BlockEmission.thresholds[k] - 1) == Supply.initialBlockEmissionRao >> UInt64(k - 1))
        }
        // Rows of chain-rules §1.2.
        #expect(BlockEmission.thresholds[20] == 20_999_979_972_839_356)
        #expect(BlockEmission.thresholds[29] == 20_999_999_960_884_452)
        #expect(BlockEmission.thresholds[30] == 20_999_999_980_442_226)
    }

    @Test func blockCountRuleOfTheCard() {
        #expect(BlockEmission.forBlock(0) == 1_000_000_000)
        #expect(BlockEmission.forBlock(10_499_999) == 1_000_000_000)
        #expect(BlockEmission.forBlock(10_500_000) == 500_000_000)
        #expect(BlockEmission.forBlock(314_999_999) == 1)
        #expect(BlockEmission.forBlock(315_000_000) == 0)
        #expect(BlockEmission.forBlock(.max) == 0)
    }
}

@Suite struct BlockEmissionPropertyTests {
    /// The table look-up is bit-identical to the step-by-step I96F32 reference.
    @Test func fastPathEqualsReference() async {
        await propertyCheck(count: 3_000, input: Gen.uint64(in: 0...21_000_000_000_000_100)) { issuance in
            #expect(BlockEmission.forIssuance(issuance) == BlockEmission.referenceForIssuance(issuance))
        }
        for threshold in BlockEmission.thresholds where threshold > 3 {
            for issuance in (threshold - 3)...(threshold + 3) {
                #expect(BlockEmission.forIssuance(issuance) == BlockEmission.referenceForIssuance(issuance))
            }
        }
    }

    @Test func emissionNeverIncreasesWithIssuance() async {
        await propertyCheck(count: 3_000, input: Gen.uint64(in: 0...21_000_000_000_000_000), Gen.uint64(in: 0...21_000_000_000_000_000)) { a, b in
            let (low, high) = (min(a, b), max(a, b))
            #expect(BlockEmission.forIssuance(low) >= BlockEmission.forIssuance(high))
            #expect(BlockEmission.referenceForIssuance(low) >= BlockEmission.referenceForIssuance(high))
        }
    }
}
