import FixedMath
@testable import Sweeps
import Testing

/// The bands are exact: nearest-rank percentiles (a value some run had) and a floored mean.
@Suite struct SweepBandTests {
    static func band(_ values: [Int]) -> SweepBand { SweepBand(values.map(Self.big)) }
    static func big(_ value: Int) -> BigInteger { BigInteger(Int64(value)) }

    @Test func nearestRankOnTwentyValues() {
        // 1…20 shuffled: p5 = x₁, p25 = x₅, p50 = x₁₀, p75 = x₁₅, p95 = x₁₉.
        let band = Self.band([7, 3, 20, 1, 15, 9, 12, 5, 18, 2, 11, 4, 16, 8, 19, 6, 14, 10, 17, 13])
        #expect(band.count == 20)
        #expect(band.percentiles == [1, 5, 10, 15, 19].map { BigInteger(Int64($0)) })
        #expect(band.minimum == Self.big(1) && band.maximum == Self.big(20))
        #expect(band.mean == Self.big(10))  // 210 / 20 = 10.5, floored
    }

    @Test func oneValueAndNegativeMeans() {
        let single = Self.band([-7])
        #expect(single.percentiles == Array(repeating: Self.big(-7), count: 5) && single.mean == Self.big(-7))
        #expect(Self.band([-1, -2]).mean == Self.big(-2))  // −1.5 floors toward −∞
        #expect(Self.band([3, 4]).percentiles == [3, 3, 3, 4, 4].map(Self.big))  // ranks 1, 1, 1, 2, 2
    }

    @Test func ranksAreCeilings() {
        #expect(SweepBand.rank(percent: 5, count: 16) == 1)
        #expect(SweepBand.rank(percent: 25, count: 16) == 4)
        #expect(SweepBand.rank(percent: 95, count: 16) == 16)  // 15.2 → 16
        #expect(SweepBand.rank(percent: 50, count: 3) == 2)
        #expect(SweepBand.rank(percent: 95, count: 100) == 95)
    }

    @Test func metricsAreWrittenInTheirUnits() {
        #expect(SweepMetric.priceTao.text(BigInteger(UInt64(3_000_000_000_000_000))) == "0.003000000000000000")
        #expect(SweepMetric.profitUsd.text(BigInteger(Int64(-1_500_000))) == "-1.500000")
        #expect(SweepMetric.totalIssuanceRao.text(BigInteger(UInt64(42))) == "42")
    }
}
