import FixedMath

/// The AMM curve a rule set's pools trade on: the replaceable part of `PoolRules`. Quotes,
/// injection and limits dispatch on it; nothing outside `Pool/` does curve arithmetic.
public enum PoolCurve: Sendable, Equatable, CustomStringConvertible {
    /// x·y = k (Uniswap V2 style), with the rule set's rounding of the output.
    case constantProduct(SwapRounding)
    /// x^w1·y^w2 (the balancer pool the chain runs since March 2026), with its guards.
    case weighted(WeightedCurveRules)

    public var description: String {
        switch self {
        case let .constantProduct(rounding): return "constant product x·y = k; \(rounding)"
        case let .weighted(rules):
            return "weighted constant product x^w1·y^w2 (balancer), w2 the quote (TAO) weight as a Perquintill, w1 = 1 − w2, both ≥ 0.01; the power term by safe-bigmath's pow_ratio_scaled (precision 256, scale 1e18); net input ≤ \(rules.inputReserveMultiplier) × the input reserve; prices from \(rules.minimumPriceRao) to \(rules.maximumPriceRao) rao per alpha; a buy that would empty the alpha reserve stops at its limit (the chain's price_target reads that price as 0 and would pay out the whole reserve)"
        }
    }

    /// Output of the curve for `inputRao` (fees already taken) against reserves R_in, R_out > 0,
    /// in `mode`'s arithmetic (both give identical results).
    func output(inputReserveRao: UInt64, outputReserveRao: UInt64, inputRao: UInt64, side: SwapSide,
                minimumOutputReserveRao: UInt64, mode: ArithmeticMode) throws(SwapRefusal) -> UInt64 {
        switch self {
        case .weighted:
            // Weighted pools quote through `weightedQuote`, which needs the pool's weight.
            throw .outOfRange("a weighted pool quotes with its weight")
        case let .constantProduct(rounding):
            switch mode {
            case .native:
                return try ConstantProductCurve.output(inputReserveRao: inputReserveRao, outputReserveRao: outputReserveRao, inputRao: inputRao,
                                                       side: side, rounding: rounding, minimumOutputReserveRao: minimumOutputReserveRao)
            case .reference:
                return try ConstantProductCurve.referenceOutput(inputReserveRao: inputReserveRao, outputReserveRao: outputReserveRao, inputRao: inputRao,
                                                                side: side, rounding: rounding, minimumOutputReserveRao: minimumOutputReserveRao)
            }
        }
    }
}

/// The weighted curve's guards (subtensor 14bc6f9f9 `swap_step.rs`, `impls.rs`).
public struct WeightedCurveRules: Sendable, Equatable {
    /// The net input may be at most this many times the input-side reserve
    /// (`MAX_SWAP_INPUT_RESERVE_MULTIPLIER`).
    public let inputReserveMultiplier: UInt64
    /// The lowest and highest prices a limit may take, rao of TAO per alpha (`min_price`,
    /// `max_price`); a sell without a limit stops at the lowest, a buy at the highest.
    public let minimumPriceRao: UInt64
    /// See `minimumPriceRao`.
    public let maximumPriceRao: UInt64

    /// The chain's values: 1000×, 1,000 rao (10^−6 TAO per alpha) and 10^15 rao (10^6 TAO).
    public static let head = WeightedCurveRules(inputReserveMultiplier: 1_000, minimumPriceRao: 1_000, maximumPriceRao: 1_000_000_000_000_000)
}

/// How the constant-product curve rounds a swap's output.
public enum SwapRounding: String, Sendable, Equatable, CustomStringConvertible {
    /// The exact floor of the rational output: k never falls.
    case exactFloor
    /// The launch chain (§3.1): the new output-side reserve k/(R+Δ) is truncated to 2^−18
    /// (I110F18), then the output is floored, so k can fall by less than (R+Δ).
    case launchI110F18

    public var description: String {
        switch self {
        case .exactFloor: return "exact floor (k never falls)"
        case .launchI110F18: return "I110F18 truncation of the new reserve, then floor (the launch chain)"
        }
    }
}

/// The constant-product curve's output, in native 128-bit integers and in GMP.
enum ConstantProductCurve {
    /// The output for Δ = `inputRao` against R_in, R_out > 0:
    ///
    /// - exact floor: ⌊R_out · Δ / (R_in + Δ)⌋;
    /// - launch: R'_out = k / (R_in + Δ) truncated to 2^−18 (I110F18, k = R_in·R_out must be
    ///   below 2^109), output = ⌊R_out − R'_out⌋, refused when R'_out < the minimum reserve.
    ///
    /// Every intermediate fits 128 bits (products of two u64; k·2^18 below 2^127 once k fits
    /// I110F18), so no fallback is needed; bit-identical to `referenceOutput` (differential test).
    static func output(inputReserveRao: UInt64, outputReserveRao: UInt64, inputRao: UInt64, side: SwapSide,
                       rounding: SwapRounding, minimumOutputReserveRao: UInt64) throws(SwapRefusal) -> UInt64 {
        let denominator = UInt128(inputReserveRao) + UInt128(inputRao)
        switch rounding {
        case .exactFloor:
            return UInt64(clamping: UInt128(outputReserveRao) * UInt128(inputRao) / denominator)
        case .launchI110F18:
            let product = UInt128(inputReserveRao) * UInt128(outputReserveRao)
            guard product < (1 << 109) else { throw outOfI110F18(BigInteger(product)) }
            let newReserveRaw = (product << 18) / denominator
            if newReserveRaw < UInt128(minimumOutputReserveRao) << 18 {
                throw belowMinimum(BigInteger(newReserveRaw), side: side, minimumRao: minimumOutputReserveRao)
            }
            let ceilingReserve = (newReserveRaw + (1 << 18) - 1) >> 18
            return ceilingReserve >= UInt128(outputReserveRao) ? 0 : UInt64(UInt128(outputReserveRao) - ceilingReserve)
        }
    }

    /// The same output computed with GMP at every step: the reference.
    static func referenceOutput(inputReserveRao: UInt64, outputReserveRao: UInt64, inputRao: UInt64, side: SwapSide,
                                rounding: SwapRounding, minimumOutputReserveRao: UInt64) throws(SwapRefusal) -> UInt64 {
        let inReserve = BigInteger(inputReserveRao), outReserve = BigInteger(outputReserveRao), delta = BigInteger(inputRao)
        let denominator = inReserve + delta
        switch rounding {
        case .exactFloor:
            // The denominator is positive, so this cannot throw.
            let out = (try? outReserve.multipliedDivided(by: delta, dividedBy: denominator, rounding: .floor)) ?? .zero
            return out.uint64Value ?? 0
        case .launchI110F18:
            let product = inReserve * outReserve
            guard (try? FixedPoint<I110F18>(product)) != nil else { throw outOfI110F18(product) }
            let newReserveRaw = (try? product.shiftedLeft(by: 18).divided(by: denominator, rounding: .towardZero)) ?? .zero
            if newReserveRaw < BigInteger(minimumOutputReserveRao).shiftedLeft(by: 18) {
                throw belowMinimum(newReserveRaw, side: side, minimumRao: minimumOutputReserveRao)
            }
            // ⌊R_out − raw/2^18⌋ = R_out − ⌈raw/2^18⌉.
            let ceilingReserve = newReserveRaw.shiftedRight(by: 18, rounding: .ceiling)
            return (outReserve - ceilingReserve).uint64Value ?? 0
        }
    }

    static func outOfI110F18(_ product: BigInteger) -> SwapRefusal {
        .outOfRange("k = \(product) does not fit the launch chain's I110F18 arithmetic (at most 2^109)")
    }

    static func belowMinimum(_ newReserveRaw: BigInteger, side: SwapSide, minimumRao: UInt64) -> SwapRefusal {
        .belowMinimumReserve(side: side, reserveAfterRao: DecimalText.format(numerator: newReserveRaw, denominatorPowerOfTwo: 18), minimumRao: minimumRao)
    }
}
