import FixedMath

/// A price in TAO per alpha held as the exact ratio of two reserves (T rao / A rao).
public struct PriceRatio: Sendable, Equatable, Comparable, CustomStringConvertible {
    /// TAO rao (the numerator).
    public let taoRao: BigInteger
    /// Alpha rao (the denominator; 0 means the price is 0).
    public let alphaRao: BigInteger

    /// The price taoRao / alphaRao.
    public init(taoRao: BigInteger, alphaRao: BigInteger) {
        self.taoRao = taoRao
        self.alphaRao = alphaRao
    }

    /// The price taoRao / alphaRao.
    public init(taoRao: UInt64, alphaRao: UInt64) {
        self.init(taoRao: BigInteger(taoRao), alphaRao: BigInteger(alphaRao))
    }

    /// A U64F64 price (raw = value · 2^64), exactly.
    public init(u64f64Raw raw: UInt128) {
        self.init(taoRao: BigInteger(raw), alphaRao: BigInteger.powerOfTwo(64))
    }

    /// The price with exactly 18 decimals, floored; "0.000000000000000000" when alpha is 0
    /// (the chain's price of an empty pool).
    public var decimal18: String { decimalString(fractionDigits: 18) }

    /// The price with `fractionDigits` decimals, floored (0 when alpha is 0).
    public func decimalString(fractionDigits: Int) -> String {
        let scaled = (try? taoRao.multipliedDivided(by: .power(10, fractionDigits), dividedBy: alphaRao, rounding: .floor)) ?? .zero
        return DecimalText.format(scaled: scaled, fractionDigits: fractionDigits)
    }

    /// The price rounded to a binary fixed-point format (0 when alpha is 0).
    public func fixedPoint<Format>(_ format: Format.Type, rounding rule: RoundingRule) -> FixedPoint<Format> {
        guard let value = try? FixedPoint<Format>(numerator: taoRao, denominator: alphaRao, rounding: rule) else {
            return alphaRao.isZero ? .zero : .maximum
        }
        return value
    }

    /// (T, A), or (0, 1) when alpha is 0: an empty pool's price is 0.
    var _normalized: (tao: BigInteger, alpha: BigInteger) {
        alphaRao.isZero ? (.zero, .one) : (taoRao, alphaRao)
    }

    /// Compares the exact ratios by cross-multiplication.
    public static func < (lhs: PriceRatio, rhs: PriceRatio) -> Bool {
        let (a, b) = (lhs._normalized, rhs._normalized)
        return a.tao * b.alpha < b.tao * a.alpha
    }

    /// Equal as ratios (1/2 == 2/4).
    public static func == (lhs: PriceRatio, rhs: PriceRatio) -> Bool {
        let (a, b) = (lhs._normalized, rhs._normalized)
        return a.tao * b.alpha == b.tao * a.alpha
    }

    public var description: String { decimal18 }
}
