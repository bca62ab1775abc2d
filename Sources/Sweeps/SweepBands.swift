import FixedMath

/// A metric the sweep bands across seeds, with its unit: every value is an integer in that unit.
public enum SweepMetric: String, CaseIterable, Sendable {
    /// A subnet's spot price, 10^−18 TAO per alpha (written with 18 decimals).
    case priceTao = "price_tao"
    /// A subnet's price in USD, micro-dollars (6 decimals).
    case priceUsd = "price_usd"
    /// TAO issued, rao.
    case totalIssuanceRao = "total_issuance_rao"
    /// The block's TAO emission, rao per block (it halves at each halving).
    case emissionRaoPerBlock = "emission_rao_per_block"
    /// The TAO price, micro-dollars (6 decimals).
    case taoUsd = "tao_usd"
    /// A subnet's miners' profit over the period ending at the sample, micro-dollars.
    case profitUsd = "profit_usd"
    /// The TAO price at which that period's revenue covers its cost, micro-dollars (rounded up;
    /// absent for a period without TAO revenue).
    case breakevenTaoUsd = "breakeven_tao_usd"

    /// Decimals the metric is written with.
    var fractionDigits: Int {
        switch self {
        case .priceTao: 18
        case .totalIssuanceRao, .emissionRaoPerBlock: 0
        case .priceUsd, .taoUsd, .profitUsd, .breakevenTaoUsd: 6
        }
    }

    /// `value` written in the metric's unit.
    func text(_ value: BigInteger) -> String { DecimalText.format(scaled: value, fractionDigits: fractionDigits) }
}

/// Statistics of one metric across the runs of a grid point, exactly: n, mean (the sum over n,
/// floored toward −∞), min, max, and the nearest-rank percentiles p5, p25, p50, p75, p95: with
/// the n values sorted ascending as x₁ ≤ … ≤ xₙ, p_q = x_k for k = ⌈q·n / 100⌉ (no
/// interpolation, so every band is a value some run had).
public struct SweepBand: Sendable, Equatable {
    /// How many runs had a value.
    public let count: Int
    /// ⌊Σx / n⌋.
    public let mean: BigInteger
    /// The smallest and largest value.
    public let minimum: BigInteger, maximum: BigInteger
    /// p5, p25, p50, p75, p95 (nearest rank).
    public let percentiles: [BigInteger]

    /// The percentiles reported, in percent.
    public static let percents = [5, 25, 50, 75, 95]

    /// The band of `values` (at least one).
    public init(_ values: [BigInteger]) {
        precondition(!values.isEmpty, "a band needs a value")
        let sorted = values.sorted()
        let count = sorted.count
        self.count = count
        let sum = sorted.reduce(BigInteger.zero, +)
        mean = (try? sum.divided(by: BigInteger(UInt64(count)), rounding: .floor)) ?? .zero
        minimum = sorted[0]
        maximum = sorted[count - 1]
        percentiles = Self.percents.map { percent in sorted[Self.rank(percent: percent, count: count) - 1] }
    }

    /// The nearest rank of `percent` among `count` sorted values, 1-based: ⌈percent · count / 100⌉,
    /// at least 1. Bands and the HTML report's end-of-run figures both pick by it.
    public static func rank(percent: Int, count: Int) -> Int { max(1, (percent * count + 99) / 100) }
}
