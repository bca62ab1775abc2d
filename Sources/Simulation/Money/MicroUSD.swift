import FixedMath
import TaoEconomics

/// Micro-dollars (10^−6 USD): the one place amounts become USD. Every conversion floors.
public enum MicroUSD {
    static let perUSD = BigInteger(1_000_000 as UInt64)
    static let raoPerTao = BigInteger(Supply.raoPerTao)

    /// The largest USD amount a scenario may give (a TAO/USD price, a cost): $10,000,000,000,
    /// the ceiling a GBM path is held under, far inside 64-bit micro-dollars.
    public static let maximumUSD = FixedDecimal<Decimal18>(raw: BigInteger(10_000_000_000 as UInt64) * FixedDecimal<Decimal18>.scale)

    /// Whether `usd` is a USD amount the engine holds exactly: from 0 (or, when `positive`, from
    /// $0.000001) to `maximumUSD`, with at most 6 decimals (whole micro-dollars).
    public static func isExact(_ usd: FixedDecimal<Decimal18>, positive: Bool) -> Bool {
        let microStep = BigInteger(1_000_000_000_000 as UInt64)  // 10^18 / 10^6
        guard !usd.raw.isNegative, !(positive && usd.raw.isZero), usd.raw <= maximumUSD.raw else { return false }
        guard let micro = try? usd.raw.divided(by: microStep, rounding: .floor) else { return false }
        return micro * microStep == usd.raw
    }

    /// The words for `isExact`'s range, for error messages.
    public static func range(positive: Bool) -> String {
        "\(positive ? "from 0.000001" : "from 0") to 10000000000 with at most 6 decimals (the engine counts whole micro-dollars)"
    }

    /// An exact 18-decimal USD amount (a price, a cost) floored to micro-dollars, saturating at
    /// 2^64 − 1; negative amounts give 0.
    public static func from(_ usd: FixedDecimal<Decimal18>) -> UInt64 {
        guard !usd.raw.isNegative else { return 0 }
        return usd.scaled(toFractionDigits: 6, rounding: .floor).uint64Value ?? .max
    }

    /// numerator / denominator of 18-decimal USD units (raw), floored to micro-dollars in one
    /// step: ⌊numerator / (denominator · 10^12)⌋; 0 for a zero denominator.
    public static func from(decimal18Numerator numerator: BigInteger, denominator: BigInteger) -> UInt64 {
        ((try? numerator.divided(by: denominator * .power(10, 12), rounding: .floor)) ?? .zero).uint64Value ?? .max
    }

    /// TAO rao at `taoUsdMicro` micro-dollars per TAO: ⌊rao · usd / 10^9⌋.
    public static func value(ofTaoRao taoRao: BigInteger, taoUsdMicro: UInt64) -> BigInteger {
        (try? (taoRao * BigInteger(taoUsdMicro)).divided(by: raoPerTao, rounding: .floor)) ?? .zero
    }

    /// One alpha at `price` (TAO per alpha) and `taoUsdMicro`: ⌊T · usd / A⌋ (0 for a zero price).
    public static func price(ofAlphaAt price: PriceRatio, taoUsdMicro: UInt64) -> BigInteger {
        guard !price.alphaRao.isZero else { return .zero }
        return (try? price.taoRao.multipliedDivided(by: BigInteger(taoUsdMicro), dividedBy: price.alphaRao, rounding: .floor)) ?? .zero
    }

    /// `alphaRao` of alpha at `price` and `taoUsdMicro`, in one floor: ⌊T · usd · alpha / (A · 10^9)⌋.
    public static func value(ofAlphaRao alphaRao: UInt64, at price: PriceRatio, taoUsdMicro: UInt64) -> BigInteger {
        guard !price.alphaRao.isZero else { return .zero }
        let numerator = price.taoRao * BigInteger(taoUsdMicro) * BigInteger(alphaRao)
        return (try? numerator.divided(by: price.alphaRao * raoPerTao, rounding: .floor)) ?? .zero
    }
}
