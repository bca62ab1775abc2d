import FixedMath

/// How a swap's fee is charged.
public enum FeeModel: Sendable, Equatable, CustomStringConvertible {
    /// No fee.
    case none
    /// A flat amount of TAO rao, taken from a stake's TAO or from an unstake's TAO out, and
    /// added to the pool's TAO reserve (the launch chain: 50,000 rao).
    case flatTao(rao: UInt64)
    /// ⌊amount · numerator / denominator⌋ of the input, kept in the pool's input-side reserve
    /// (`card`: 5/10,000 = 0.05%). denominator > numerator ≥ 0.
    case proportional(numerator: UInt64, denominator: UInt64)
    /// ⌊amount ⊗ (numerator ÷ 65535)⌋ of the input in U64F64, paid to the block author, not to
    /// the pool (HEAD: 33/65535 ≈ 0.05%; an alpha fee is sold fee-less for the author's TAO).
    case toBlockAuthor(numerator: UInt64)

    public var description: String {
        switch self {
        case let .toBlockAuthor(numerator):
            return "⌊input ⊗ (\(numerator) ÷ 65535)⌋ (U64F64), paid to the block author; an alpha fee is sold fee-less for TAO first"
        case .none: return "none"
        case let .flatTao(rao): return "flat \(rao) rao of TAO, kept in the pool's TAO reserve"
        case let .proportional(numerator, denominator):
            return "⌊input · \(numerator)/\(denominator)⌋, kept in the pool's input-side reserve"
        }
    }
}

/// How the slippage-limit helpers decide that a limit is already breached.
public enum PriceLimitRule: String, Sendable, Equatable {
    /// Compare the limit with the exact spot price.
    case exact
    /// The launch chain's `get_max_amount_add`: compare with ⌊price⌋·1e9 (the price floored
    /// to a whole number first), so for prices below 1 the guard never triggers.
    case launchFlooredPrice
}

/// The fixed-point format the moving-price update computes in.
public enum EMAArithmetic: String, Sendable, Equatable {
    /// I96F32 throughout (the launch chain's `update_moving_price`).
    case i96f32
    /// U64F64, stored truncated to I96F32 (the chain from April 2025, and `card`).
    case u64f64
}

/// The moving-price (EMA) update: P ← α_eff·s + (1 − α_eff)·P, with flooring multiplications
/// and saturating additions in `arithmetic`, stored as I96F32.
public struct EMAParameters: Sendable, Equatable {
    /// α per block, as a U64F64 value (converted exactly, or floored, to I96F32 when the
    /// arithmetic is I96F32).
    public let smoothing: FixedPoint<U64F64>
    /// s = min(spot, 1.0) when true (the chain since the 2025-02-13 hotfix), else s = spot.
    public let capsSpotAtOne: Bool
    /// When set, α_eff = α · b / (b + h) with b blocks since the subnet started emitting and
    /// h this value (the chain from March 2025); nil: α_eff = α.
    public let warmUpHalvingBlocks: UInt64?
    /// The fixed-point format of the update.
    public let arithmetic: EMAArithmetic
    /// α's raw U64F64 value and its I96F32 raw value (floored), precomputed for hot loops.
    let smoothingRawU64F64: UInt128
    let smoothingRawI96F32: UInt128

    /// The update with these parameters.
    public init(smoothing: FixedPoint<U64F64>, capsSpotAtOne: Bool, warmUpHalvingBlocks: UInt64?, arithmetic: EMAArithmetic = .u64f64) {
        self.smoothing = smoothing
        self.capsSpotAtOne = capsSpotAtOne
        self.warmUpHalvingBlocks = warmUpHalvingBlocks
        self.arithmetic = arithmetic
        smoothingRawU64F64 = smoothing.raw.uint128Value ?? .max
        smoothingRawI96F32 = smoothingRawU64F64 >> 32
    }
}

/// The pool parts of a rule set: curve, fee, minimums, limits, injection and EMA.
public struct PoolRules: Sendable, Equatable {
    /// The AMM curve and its rounding.
    public let curve: PoolCurve
    /// How a swap's fee is charged.
    public let fee: FeeModel
    /// A trade must leave the output-side reserve at or above this many rao.
    public let minimumOutputReserveRao: UInt64
    /// Smallest stake (TAO, before the fee) and smallest unstake TAO out; 0 for none. At launch
    /// an add needs amount ≥ minimum + flat fee, and a removal needs TAO out > minimum.
    public let minimumStakeRao: UInt64
    /// How the slippage-limit helpers decide a limit is breached.
    public let priceLimit: PriceLimitRule
    /// How injection rounds alpha_in.
    public let injection: InjectionRounding
    /// The moving-price update.
    public let ema: EMAParameters

    /// Pool rules with these parts.
    public init(curve: PoolCurve, fee: FeeModel, minimumOutputReserveRao: UInt64, minimumStakeRao: UInt64,
                priceLimit: PriceLimitRule, injection: InjectionRounding, ema: EMAParameters) {
        self.curve = curve
        self.fee = fee
        self.minimumOutputReserveRao = minimumOutputReserveRao
        self.minimumStakeRao = minimumStakeRao
        self.priceLimit = priceLimit
        self.injection = injection
        self.ema = ema
    }

    /// The same rules with another fee model (the CLI's --fee-rao / --fee-rate, `fee_rate`).
    public func with(fee: FeeModel) -> PoolRules {
        PoolRules(curve: curve, fee: fee, minimumOutputReserveRao: minimumOutputReserveRao,
                  minimumStakeRao: minimumStakeRao, priceLimit: priceLimit, injection: injection, ema: ema)
    }

    /// The same rules with another moving-price update (`subnet_moving_alpha`, `ema_price_halving_blocks`).
    public func with(ema: EMAParameters) -> PoolRules {
        PoolRules(curve: curve, fee: fee, minimumOutputReserveRao: minimumOutputReserveRao,
                  minimumStakeRao: minimumStakeRao, priceLimit: priceLimit, injection: injection, ema: ema)
    }

    /// `card` (docs/rule-sets.md): exact floor, 0.05% fee kept in the input-side reserve,
    /// output side ≥ 1,000,000 rao, no minimum stake, exact average-price limits, exact
    /// injection, EMA α = 0.0003 per block (⌊0.0003·2^64⌋ in U64F64) without cap or warm-up,
    /// spot taken as ⌊T·2^64/A⌋ in U64F64.
    public static let card = PoolRules(
        curve: .constantProduct(.exactFloor), fee: .proportional(numerator: 5, denominator: 10_000),
        minimumOutputReserveRao: 1_000_000, minimumStakeRao: 0, priceLimit: .exact, injection: .exactFloor,
        ema: EMAParameters(
            // ⌊0.0003 · 2^64⌋: 3/10,000 has no finite binary expansion, so this floors it.
            smoothing: (try? FixedPoint<U64F64>(numerator: BigInteger(3 as Int64), denominator: BigInteger(10_000 as Int64), rounding: .floor)) ?? .zero,
            capsSpotAtOne: false, warmUpHalvingBlocks: nil))

    /// `launch-2025-02` (§3.1, §4 LAUNCH): I110F18 rounding, flat 50,000-rao fee into the pool's
    /// TAO, output side ≥ 10,000,000 rao, minimum stake 500,000 rao, the launch limit quirk,
    /// I96F32 injection, EMA α = 1,288,490 / 2^32 (the mainnet value) with spot capped at 1,
    /// all in I96F32 as `update_moving_price` computed it at launch.
    public static let launch2025_02 = PoolRules(
        curve: .constantProduct(.launchI110F18), fee: .flatTao(rao: 50_000),
        minimumOutputReserveRao: 10_000_000, minimumStakeRao: 500_000, priceLimit: .launchFlooredPrice,
        injection: .launchI96F32,
        ema: EMAParameters(
            // 1,288,490 · 2^−32 exactly, widened to 64 fractional bits.
            smoothing: FixedPoint<U64F64>(saturatingRaw: BigInteger(1_288_490 as Int64).shiftedLeft(by: 32)),
            capsSpotAtOne: true, warmUpHalvingBlocks: nil, arithmetic: .i96f32))

    /// `head-2026-06` (§3.3, §4 HEAD): the weighted (balancer) curve with its guards, a fee of
    /// ⌊input ⊗ (33 ÷ 65535)⌋ to the block author, output reserve ≥ 1,000,000 rao before a swap,
    /// minimum stake 2,000,000 rao, limits on the final spot price, re-weighting injection, and
    /// the EMA in U64F64 with α = 1,288,490 / 2^32 (mainnet), spot capped at 1 and the warm-up
    /// b/(b + 201,600) from start_call.
    public static let head2026_06 = PoolRules(
        curve: .weighted(.head), fee: .toBlockAuthor(numerator: 33),
        minimumOutputReserveRao: 1_000_000, minimumStakeRao: 2_000_000, priceLimit: .exact, injection: .reweighting,
        ema: EMAParameters(
            smoothing: FixedPoint<U64F64>(saturatingRaw: BigInteger(1_288_490 as Int64).shiftedLeft(by: 32)),
            capsSpotAtOne: true, warmUpHalvingBlocks: 201_600, arithmetic: .u64f64))
}
