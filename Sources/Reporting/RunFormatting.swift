import FixedMath
import TaoEconomics

/// Exact decimal text for report columns.
public enum RunFormatting {
    /// micro-dollars as dollars with 6 decimals.
    public static func usd(micro: BigInteger) -> String { DecimalText.format(scaled: micro, fractionDigits: 6) }

    /// An I96F32 raw value with 18 decimals, floored.
    public static func i96f32(_ raw: UInt128) -> String {
        DecimalText.format(scaled: (BigInteger(raw) * .power(10, 18)).shiftedRightFloor(by: 32), fractionDigits: 18)
    }

    /// A U64F64 raw value with 18 decimals, floored.
    public static func u64f64(_ raw: UInt128) -> String {
        DecimalText.format(scaled: (BigInteger(raw) * .power(10, 18)).shiftedRightFloor(by: 64), fractionDigits: 18)
    }

    /// The percentage change from a to b with 2 decimals (toward zero); "n/a" when a is 0.
    public static func percentChange(from a: PriceRatio, to b: PriceRatio) -> String {
        guard !a.taoRao.isZero, !a.alphaRao.isZero else { return "n/a" }
        // (b/a − 1)·100 = (b.t·a.α − a.t·b.α)·100 / (a.t·b.α)
        let numerator = (b.taoRao * a.alphaRao - a.taoRao * b.alphaRao) * .power(10, 4)
        let denominator = a.taoRao * b.alphaRao
        guard !denominator.isZero else { return "n/a" }
        let scaled = (try? numerator.divided(by: denominator, rounding: .towardZero)) ?? .zero
        return DecimalText.format(scaled: scaled, fractionDigits: 2)
    }
}
