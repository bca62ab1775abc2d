import FixedMath

/// The weighted ("balancer") pool's arithmetic exactly as the chain computes it
/// (subtensor 14bc6f9f9, `pallets/swap/src/pallet/balancer.rs`, `swap_step.rs`, `impls.rs`).
/// x is the alpha (base) reserve, y the TAO (quote) reserve, w2 the quote weight, w1 = 1 − w2.
///
/// U64F64 values are carried as their raw integers (value · 2^64) with substrate-fixed's
/// semantics: `from_num` of an integer is exact, multiplication floors, division truncates,
/// and `safe_div` gives 0 on a zero divisor or an overflow.
public enum BalancerMath {
    /// 1.0 as a U64F64 raw value.
    public static let one: UInt128 = 1 << 64
    /// The weights' bounds: each at least 0.01 (`MIN_WEIGHT`; the header comment's [0.1, 0.9]
    /// is not what the code enforces).
    public static let minimumWeight = Perquintill(uncheckedParts: Perquintill.accuracy / 100)
    /// The precision `exp_scaled` asks of `pow_ratio_scaled`.
    static let swapPrecision = 256
    /// The precision the limit calculations ask.
    static let limitPrecision = 1_024

    /// Whether both weights are at least the minimum (`check_constraints`).
    public static func isValid(quoteWeight w2: Perquintill) -> Bool {
        w2 >= minimumWeight && w2.complement >= minimumWeight
    }

    /// U64F64 `safe_div` on raw values: ⌊a·2^64 / b⌋, or 0 when b is 0 or the quotient
    /// overflows 128 bits.
    static func divide(_ a: UInt128, _ b: UInt128) -> UInt128 {
        guard b > 0 else { return 0 }
        // A whole divisor b = b'·2^64 (a reserve or a weight from `from_num`): ⌊a·2^64/b⌋ = ⌊a/b'⌋,
        // which always fits.
        if UInt64(truncatingIfNeeded: b) == 0 { return WideArithmetic.divide(a, by: UInt64(truncatingIfNeeded: b >> 64)) }
        if a >> 64 == 0 { return (a << 64) / b }
        let shifted = (high: a >> 64, low: a << 64)
        guard shifted.high < b else { return 0 }
        return WideArithmetic.divide(shifted.high, shifted.low, by: b).quotient
    }

    /// U64F64 `saturating_mul` on raw values: ⌊a·b / 2^64⌋, saturating at 2^128 − 1.
    static func multiply(_ a: UInt128, _ b: UInt128) -> UInt128 {
        let product = WideArithmetic.multiply(a, b)
        guard product.high >> 64 == 0 else { return .max }
        return product.high << 64 | product.low >> 64
    }

    /// The spot price `calculate_price`: (w1 ÷ w2) ⊗ (y ÷ x) in U64F64, raw; 0 when x is 0.
    public static func price(alphaReserveRao x: UInt64, taoReserveRao y: UInt64, quoteWeight w2: Perquintill) -> UInt128 {
        let ratio = divide(UInt128(w2.complement.parts) << 64, UInt128(w2.parts) << 64)
        let reserves = divide(UInt128(y) << 64, UInt128(x) << 64)
        return multiply(ratio, reserves)
    }

    /// The spot price a buy would end at, as `price`, except that a pool left with TAO and no
    /// alpha is priced above every limit (2^128 − 1) instead of `safe_div`'s 0.
    ///
    /// The chain's `price_target` uses `calculate_price`, whose `safe_div` reads y ÷ 0 as 0, so a
    /// buy whose power term underflows (e.g. quote weight 0.99, an input 170 × the TAO reserve:
    /// (R/(R + Δ))^99 < 10^−18) compares 0 with its limit, runs in full and pays out the whole
    /// alpha reserve. Priced here as what it is (unbounded), the buy stops at its limit price
    /// (by default the highest price) and the pool keeps alpha.
    ///
    ///     buyTargetPrice(alphaReserveRao: 0, taoReserveRao: 1, quoteWeight: .half) == UInt128.max
    ///     buyTargetPrice(alphaReserveRao: 2, taoReserveRao: 1, quoteWeight: .half) == 1 << 63   // 0.5
    public static func buyTargetPrice(alphaReserveRao x: UInt64, taoReserveRao y: UInt64, quoteWeight w2: Perquintill) -> UInt128 {
        x == 0 && y > 0 ? .max : price(alphaReserveRao: x, taoReserveRao: y, quoteWeight: w2)
    }

    /// `exp_scaled(reserve, Δ)` for Δ ≥ 0: (R / (R + Δ))^k as U64F64 raw, at most 1.0, where
    /// k = w1/w2 for a sell (`baseQuote`, R the alpha reserve) and w2/w1 for a buy (R the TAO
    /// reserve). R + Δ saturates at 2^64 − 1 as the chain's `saturating_add` does. The power is
    /// `pow_ratio_scaled(R, R + Δ, …, 256, 10^18)` taken as an integer P (0 when it does not fit
    /// 64 bits), then ⌊P·2^64 / 10^18⌋ (U64F64 division), then min(·, 1).
    ///
    /// `.native` evaluates P by `FastPower` and runs the exact port only when that cannot prove
    /// the floor; `.reference` always runs the port. Both give identical results.
    public static func power(reserveRao r: UInt64, deltaRao: UInt64, sell: Bool, quoteWeight w2: Perquintill,
                             mode: ArithmeticMode = .native) -> UInt128 {
        let total = r.addingReportingOverflow(deltaRao).overflow ? UInt64.max : r + deltaRao
        guard total > 0 else { return 0 }
        let w1 = w2.complement
        let (p, q) = sell ? (w1.parts, w2.parts) : (w2.parts, w1.parts)
        let scaled: UInt64?
        if r == 0 {
            scaled = 0
        } else if r == total {
            scaled = FastPower.scale
        } else if mode == .native, q > 0, p > 0,
                  let fast = FastPower.floorScaledPower(numerator: r, denominator: total, exponentNumerator: p, exponentDenominator: q) {
            scaled = fast
        } else {
            scaled = PowRatio.scaled(baseNumerator: BigInteger(r), baseDenominator: BigInteger(total), exponentNumerator: BigInteger(p),
                                     exponentDenominator: BigInteger(q), precision: swapPrecision, scale: BigInteger(FastPower.scale))?.uint64Value
        }
        guard let scaled else { return 0 }
        return min(divide(UInt128(scaled) << 64, UInt128(FastPower.scale) << 64), one)
    }

    /// What the pool pays out for a power term e: ⌊R·(1 − e)⌋ (U64F64 `saturating_mul`, then
    /// `saturating_to_num` floors).
    public static func output(reserveRao r: UInt64, power e: UInt128) -> UInt64 {
        UInt64(clamping: multiply(UInt128(r) << 64, one - min(e, one)) >> 64)
    }

    /// `calculate_quote_delta_in`: the TAO that moves the price from `current` up to `target`
    /// (U64F64 raw): ⌊y·((target/current)^w1 − 1)⌋ with the power from `pow_ratio_scaled` at
    /// precision 1024 (the exact port; this is not on any per-block path). 0 when the target is
    /// not above the current price or the current price is 0.
    public static func taoToReachPrice(current: UInt128, target: UInt128, taoReserveRao y: UInt64, quoteWeight w2: Perquintill) -> UInt64 {
        deltaToReachPrice(baseNumerator: target, baseDenominator: current, weight: w2.complement, reserve: y)
    }

    /// `calculate_base_delta_in`: the alpha that moves the price from `current` down to
    /// `target`: ⌊x·((current/target)^w2 − 1)⌋, as `taoToReachPrice`.
    public static func alphaToReachPrice(current: UInt128, target: UInt128, alphaReserveRao x: UInt64, quoteWeight w2: Perquintill) -> UInt64 {
        deltaToReachPrice(baseNumerator: current, baseDenominator: target, weight: w2, reserve: x)
    }

    static func deltaToReachPrice(baseNumerator: UInt128, baseDenominator: UInt128, weight: Perquintill, reserve: UInt64) -> UInt64 {
        guard let power = PowRatio.scaled(baseNumerator: BigInteger(baseNumerator), baseDenominator: BigInteger(baseDenominator),
                                          exponentNumerator: BigInteger(weight.parts), exponentDenominator: BigInteger(Perquintill.accuracy),
                                          precision: limitPrecision, scale: BigInteger(FastPower.scale)) else { return 0 }
        // The integer as U64F64: itself when it fits, u64::MAX above, 0 below (never negative).
        let integer: UInt64 = power.uint64Value ?? (power.isNegative ? 0 : .max)
        let ratio = divide(UInt128(integer) << 64, UInt128(FastPower.scale) << 64)
        let excess = ratio > one ? ratio - one : 0
        return UInt64(clamping: multiply(UInt128(reserve) << 64, excess) >> 64)
    }

    /// `update_weights_for_added_liquidity`: the quote weight that keeps the price when Δy TAO
    /// and Δx alpha join reserves (y, x):
    ///
    ///     q1 = round(w1 · y·(x + Δx)),  q2 = round(w2 · x·(y + Δy))   (half up, at 10^−18)
    ///     w2' = ⌊10^18 · q2 / (q1 + q2)⌋ / 10^18   (`Perquintill::from_rational`; 1/2 if q1 + q2 = 0)
    ///
    /// with the products saturating at 2^128 − 1 as the chain's u128 arithmetic does. nil when w2'
    /// would leave [0.01, 0.99] (the chain then injects nothing).
    public static func reweighted(taoReserveRao y: UInt64, alphaReserveRao x: UInt64, taoDeltaRao: UInt64, alphaDeltaRao: UInt64,
                                  quoteWeight w2: Perquintill) -> Perquintill? {
        let newTao = UInt128(y) + UInt128(taoDeltaRao), newAlpha = UInt128(x) + UInt128(alphaDeltaRao)
        let q1 = multiplyRounded(w2.complement, saturatingProduct(UInt128(y), newAlpha))
        let q2 = multiplyRounded(w2, saturatingProduct(UInt128(x), newTao))
        let (sum, overflow) = q1.addingReportingOverflow(q2)
        let total = overflow ? UInt128.max : sum
        let weight = total == 0 ? Perquintill.half : Perquintill.fromRational(q2, total)
        return isValid(quoteWeight: weight) ? weight : nil
    }

    /// `mul_perquintill_round`: ⌊(v·parts + 10^18/2) / 10^18⌋ in 256 bits, saturating at 2^128 − 1.
    static func multiplyRounded(_ p: Perquintill, _ value: UInt128) -> UInt128 {
        let product = WideArithmetic.multiply(value, UInt128(p.parts))
        let (low, carry) = product.low.addingReportingOverflow(UInt128(Perquintill.accuracy / 2))
        let high = product.high + (carry ? 1 : 0)
        let divisor = UInt128(Perquintill.accuracy)
        guard high < divisor else { return .max }
        return WideArithmetic.divide(high, low, by: divisor).quotient
    }

    static func saturatingProduct(_ a: UInt128, _ b: UInt128) -> UInt128 {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? .max : product
    }

    /// The quote weight a pool starts with at a given price (`maybe_initialize_palswap`):
    /// w2 = y / (p·x + y) with p·x = ⌊p⌋·x + ⌊x·frac(p)⌋ (U64F64), as `from_rational`; nil when
    /// it would leave [0.01, 0.99] or the denominator is 0 (`ReservesOutOfBalance`).
    public static func initialQuoteWeight(price: UInt128, taoReserveRao y: UInt64, alphaReserveRao x: UInt64) -> Perquintill? {
        let whole = UInt128(UInt64(clamping: price >> 64)) * UInt128(x)
        let fraction = multiply(UInt128(x) << 64, price & (one - 1)) >> 64
        let (partial, overflow) = whole.addingReportingOverflow(fraction)
        let (total, overflow2) = (overflow ? UInt128.max : partial).addingReportingOverflow(UInt128(y))
        let denominator = overflow2 ? UInt128.max : total
        guard denominator > 0 else { return nil }
        let weight = Perquintill.fromRational(UInt128(y), denominator)
        return isValid(quoteWeight: weight) ? weight : nil
    }

    /// `calculate_fee_amount`: ⌊amount ⊗ (rate ÷ 65535)⌋ in U64F64 (the rate in 65535ths).
    public static func fee(amountRao: UInt64, rateNumerator: UInt64) -> UInt64 {
        let rate = divide(UInt128(rateNumerator) << 64, UInt128(65_535) << 64)
        return UInt64(clamping: multiply(UInt128(amountRao) << 64, rate) >> 64)
    }

    /// The fee charged on the part of an input a limited swap uses: ⌊Δ ⊗ (r ÷ (65535 − r))⌋.
    public static func limitedFee(deltaRao: UInt64, rateNumerator: UInt64) -> UInt64 {
        let rate = divide(UInt128(rateNumerator) << 64, (UInt128(65_535) - UInt128(min(rateNumerator, 65_535))) << 64)
        return UInt64(clamping: multiply(UInt128(deltaRao) << 64, rate) >> 64)
    }

    /// gcd(a, b) by Stein's binary algorithm (shifts and subtractions, no division).
    static func greatestCommonDivisor(_ a: UInt64, _ b: UInt64) -> UInt64 {
        guard a != 0 else { return b }
        guard b != 0 else { return a }
        let common = (a | b).trailingZeroBitCount
        var x = a >> a.trailingZeroBitCount, y = b >> b.trailingZeroBitCount
        while x != y {
            if x > y { swap(&x, &y) }
            y -= x
            y >>= y.trailingZeroBitCount
        }
        return x << common
    }
}
