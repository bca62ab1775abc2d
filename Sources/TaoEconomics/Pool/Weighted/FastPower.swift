import FixedMath

/// The fast path for the weighted pool's power term: P = ⌊10^18 · (n/d)^(p/q)⌋ for
/// 1 ≤ n < d < 2^64 and a positive exponent p/q ≤ 99, in native 128-bit fixed point with
/// no allocation, or nil when it cannot prove the floor (then `PowRatio`, the exact port, runs).
///
/// Why the floor it returns is the chain's: the chain's `pow_ratio_scaled` returns exactly
/// ⌊10^18·x⌋ on its exact path, and on its ln/exp path the true value within a relative 2^−250
/// (280-bit arithmetic, a few hundred truncations), i.e. within 2^−190 of E = 10^18·x ≤ 2^60.
/// This evaluation's own error is below 2^−52 absolute (below). It answers only when its value
/// lies at least 2^−40 from every integer; then E is too, and both floors agree. Otherwise (about
/// once in 5·10^11 random inputs) it returns nil. One more case is left to the port: the chain's
/// series path stops after 408 terms of e^−y, which no longer converge for y ≳ 135 (a sell of
/// 1000× the reserve at quote weight 0.01 reaches y ≈ 684), and then returns a wrong, even huge,
/// value the pool must still reproduce; for y > 90 on that path this returns nil.
///
/// The evaluation, every quantity an unsigned 128-bit fixed-point integer:
///
/// 1. ln(1 + f) for f ∈ [0, 1): ln(1 + f) = ln c₁ + ln c₂ + ln(1 + t) with
///    c₁ = 1 + i/256 (the top 8 bits of f), c₂ = 1 + j/65536 (the next 8 bits of the reduced
///    argument), t < 2^−16, and ln(1 + t) by its Taylor series to t^8 in Horner form (error
///    < 2^−124: a unit of 2^−127 per step).
///    The tables ln c₁, ln c₂ (rounded to 2^−128) and 1/c₁, 1/c₂ (floored to 2^−127) are
///    computed once, in GMP, to 2^−300. Each step truncates by at most 2 units of 2^−128.
/// 2. L = ln(d/n) = e·ln 2 + ln(1 + f) ≥ 0 at 2^−120, from d/n = 2^e·(1 + f) with f truncated
///    to 2^−127 (one 192-by-64-bit division; error < 2^−118 with ln 2 to 2^−126), and y = L·p/q
///    floored (a 192-by-64-bit division; error < 99·2^−118 + 2^−120 < 2^−111). y > 42 gives
///    E < 0.6: P = 0, on the chain's exact path always, on its
///    series path while that series still converges (y ≤ 90; beyond it, nil: see below).
/// 3. e^−y = 2^−k·e^−r, r = y − k·ln 2 ∈ [0, ln 2); e^−r = e^(−a/256)·e^(−b/65536)·e^−s with
///    s < 2^−16 and e^−s by its Taylor series to s^7 in Horner form; tables rounded to
///    2^−127. The product's relative error is below 2^−120; with y's, below 2^−108, so E (≤ 2^60) is within 2^−48 ≤ 2^−52·16.
enum FastPower {
    /// 10^18: the scale `exp_scaled` asks for.
    static let scale: UInt64 = 1_000_000_000_000_000_000
    /// Values closer than 2^−40 to an integer are left to the exact port.
    static let margin: UInt64 = 1 << 24

    /// ⌊10^18·(n/d)^(p/q)⌋ when provable, else nil. Requires 1 ≤ n < d, p ≥ 1, q ≥ 1 and
    /// p/q < 128 (the weights keep it at most 99); p/q need not be reduced.
    static func floorScaledPower(numerator n: UInt64, denominator d: UInt64, exponentNumerator p: UInt64, exponentDenominator q: UInt64) -> UInt64? {
        switch approximate(numerator: n, denominator: d, exponentNumerator: p, exponentDenominator: q) {
        case .unavailable: return nil
        case let .belowOne(aboveNinety):
            guard aboveNinety else { return 0 }
            // The chain's exact path (both parts of the reduced exponent at most 1024) floors
            // the true value for any y; its series path is only that accurate while its 408
            // Taylor terms of e^−y converge, which holds to y ≈ 135: beyond 90 the exact port
            // reproduces what it gives.
            let divisor = BalancerMath.greatestCommonDivisor(p, q)
            let exactPath = p / divisor <= UInt64(PowRatio.maximumExactExponent) && q / divisor <= UInt64(PowRatio.maximumExactExponent)
            return exactPath ? 0 : nil
        case let .value(integer, fraction):
            guard fraction >= margin, fraction <= UInt64.max - margin else { return nil }
            return integer
        }
    }

    /// E = 10^18·(n/d)^(p/q), evaluated to within 2^−48.
    enum Approximation: Equatable {
        /// E < 0.6 (y > 42); `aboveNinety` when y > 90.
        case belowOne(aboveNinety: Bool)
        /// ⌊E⌋ and the 64 bits of E below its integer part.
        case value(integer: UInt64, fraction: UInt64)
        /// The inputs are outside the method (n ≥ d or n = 0).
        case unavailable
    }

    /// E = 10^18·(n/d)^(p/q) for 1 ≤ n < d, p, q ≥ 1 and p/q < 128, within 2^−48 absolute.
    static func approximate(numerator n: UInt64, denominator d: UInt64, exponentNumerator p: UInt64, exponentDenominator q: UInt64) -> Approximation {
        guard n >= 1, n < d, p >= 1, q >= 1 else { return .unavailable }
        let tables = Tables.shared
        // 2. L = ln(d/n) = e·ln 2 + ln(1 + f) at 2^−120, from the ratio's mantissa.
        let (e, f) = ratioMantissa(d, n)
        let sum = UInt128(e) * tables.ln2At126 >> 6 + lnMantissa(f, tables) >> 8
        // y = L·p/q at 2^−120, by long division of the 192-bit product.
        let product = multiply(sum, p)
        let (q2, r2) = product.top.quotientAndRemainder(dividingBy: q)
        guard q2 == 0 else { return .belowOne(aboveNinety: true) }
        let (q1, r1) = q.dividingFullWidth((r2, product.middle))
        let (q0, _) = q.dividingFullWidth((r1, product.low))
        let y = UInt128(q1) << 64 | UInt128(q0)
        if y > 42 << 120 { return .belowOne(aboveNinety: y > 90 << 120) }
        // 3. e^−y = 2^−k·e^−r.
        let k = y / tables.ln2At120
        let r = y - k * tables.ln2At120
        let r128 = r << 8
        let a = Int(r128 >> 120), rest = r128 & ((1 << 120) - 1)
        let b = Int(rest >> 112), s = rest & ((1 << 112) - 1)
        // e^−s = 1/0! − s·(1/1! − s·(1/2! − … − s/7!)) at 2^−127 (s at 2^−128), by Horner: each
        // inner value lies in (1/(k+1)!, 1/k!], so nothing goes negative.
        var series = tables.inverseFactorials[7]
        for term in stride(from: 6, through: 0, by: -1) {
            series = tables.inverseFactorials[term] - multiplyHigh(s, series)
        }
        let tablesProduct = multiplyHigh(tables.expNegative256[a], tables.expNegative65536[b]) << 1
        let value = multiplyHigh(tablesProduct, series) << 1  // e^−r at 2^−127, in (1/2, 1]
        // E = 10^18·value·2^−(127+k): integer part and the 64 bits below it.
        let scaled = multiply(value, scale)
        let shift = 127 + Int(k)
        return .value(integer: UInt64(truncatingIfNeeded: shiftRight(scaled, by: shift)),
                      fraction: UInt64(truncatingIfNeeded: shiftRight(scaled, by: shift - 64)))
    }

    /// d/n = 2^e·(1 + f) for 1 ≤ n < d: e = ⌊log2(d/n)⌋ and f ∈ [0, 1) at 2^−128, truncated
    /// (below 2^−127 under the true value: the mantissa is ⌊(d/n)·2^(127−e)⌋, one 192-by-64-bit
    /// division).
    static func ratioMantissa(_ d: UInt64, _ n: UInt64) -> (exponent: Int, fraction: UInt128) {
        // d/n ∈ (2^(e₀−1), 2^(e₀+1)) for e₀ = ⌊log2 d⌋ − ⌊log2 n⌋ ≥ 0.
        let e0 = n.leadingZeroBitCount - d.leadingZeroBitCount
        func mantissa(shift: Int) -> UInt128 {
            // ⌊d·2^shift / n⌋ for 64 ≤ shift ≤ 128; it is below 2^128, so the high half is below n.
            let high = shift == 128 ? UInt128(d) : UInt128(d) >> (128 - shift)
            let low = shift == 128 ? 0 : UInt128(d) << shift
            return WideArithmetic.divide(high, low, by: UInt128(n)).quotient
        }
        let m = mantissa(shift: 127 - e0)
        if m >> 127 == 1 { return (e0, m << 1) }
        // d/n < 2^e₀: one more bit.
        return (e0 - 1, mantissa(shift: 128 - e0) << 1)
    }

    /// ln(1 + f) ∈ [0, ln 2) at 2^−128 for f ∈ [0, 1) at 2^−128.
    static func lnMantissa(_ f: UInt128, _ tables: Tables) -> UInt128 {
        let i = Int(f >> 120)
        let t1 = multiplyHigh(f & ((1 << 120) - 1), tables.inverse256[i]) << 1  // (f − i/256)/c₁ < 2^−8
        let j = Int(t1 >> 112)
        let t = multiplyHigh(t1 & ((1 << 112) - 1), tables.inverse65536[j]) << 1  // < 2^−16
        // ln(1 + t) = t·(1/1 − t·(1/2 − t·(1/3 − … − t/8))) by Horner at 2^−127 (each inner value
        // lies in (1/(k+1), 1/k]), then the outer product at 2^−128.
        var inner = tables.inverseIntegers[8]
        for term in stride(from: 7, through: 1, by: -1) {
            inner = tables.inverseIntegers[term] - multiplyHigh(t, inner)
        }
        return tables.ln256[i] + tables.ln65536[j] + multiplyHigh(t, inner) << 1
    }

    /// ⌊a·b / 2^128⌋.
    @inline(__always)
    static func multiplyHigh(_ a: UInt128, _ b: UInt128) -> UInt128 { WideArithmetic.multiply(a, b).high }

    /// a·b as three 64-bit limbs (most significant first).
    @inline(__always)
    static func multiply(_ a: UInt128, _ b: UInt64) -> (top: UInt64, middle: UInt64, low: UInt64) {
        let low = UInt128(UInt64(truncatingIfNeeded: a)) * UInt128(b)
        let high = (a >> 64) * UInt128(b) + (low >> 64)
        return (UInt64(truncatingIfNeeded: high >> 64), UInt64(truncatingIfNeeded: high), UInt64(truncatingIfNeeded: low))
    }

    /// The 192-bit value shifted right by 0 ≤ `bits` < 192, truncated to 128 bits.
    @inline(__always)
    static func shiftRight(_ value: (top: UInt64, middle: UInt64, low: UInt64), by bits: Int) -> UInt128 {
        let high = UInt128(value.top) << 64 | UInt128(value.middle)
        if bits >= 128 { return UInt128(value.top) >> (bits - 128) }
        if bits >= 64 { return high >> (bits - 64) }
        if bits == 0 { return high << 64 | UInt128(value.low) }
        return (high << (64 - bits)) | (UInt128(value.low) >> bits)
    }

    /// The constants, computed once in GMP to 2^−300 and rounded to their formats.
    struct Tables: Sendable {
        static let shared = Tables()

        let ln2At120: UInt128
        let ln2At126: UInt128
        /// ln(1 + i/256) and ln(1 + j/65536) at 2^−128, rounded to nearest.
        let ln256: [UInt128]
        let ln65536: [UInt128]
        /// ⌊2^127 / (1 + i/256)⌋ and ⌊2^127 / (1 + j/65536)⌋.
        let inverse256: [UInt128]
        let inverse65536: [UInt128]
        /// e^(−a/256) and e^(−b/65536) at 2^−127, rounded to nearest.
        let expNegative256: [UInt128]
        let expNegative65536: [UInt128]
        /// ⌊2^127 / k⌋ for k = 1…8 and ⌊2^127 / k!⌋ for k = 0…8 (entry 0 of the first unused).
        let inverseIntegers: [UInt128]
        let inverseFactorials: [UInt128]

        init() {
            let work = 300
            func rounded(_ value: BigInteger, bits: Int) -> UInt128 {
                (value + BigInteger.powerOfTwo(work - bits - 1)).shiftedRightFloor(by: work - bits).uint128Value ?? .max
            }
            let ln2 = Self.lnRatio(1, 1, work: work)
            ln2At120 = rounded(ln2, bits: 120)
            ln2At126 = rounded(ln2, bits: 126)
            ln256 = (0..<256).map { rounded(Self.lnRatio(UInt64($0), 256, work: work), bits: 128) }
            ln65536 = (0..<256).map { rounded(Self.lnRatio(UInt64($0), 65_536, work: work), bits: 128) }
            inverse256 = (0..<256).map { Self.floorInverse(UInt64($0), 256) }
            inverse65536 = (0..<256).map { Self.floorInverse(UInt64($0), 65_536) }
            expNegative256 = (0..<256).map { rounded(Self.expNegativeRatio(UInt64($0), 256, work: work), bits: 127) }
            expNegative65536 = (0..<256).map { rounded(Self.expNegativeRatio(UInt64($0), 65_536, work: work), bits: 127) }
            inverseIntegers = (0...8).map { $0 == 0 ? 0 : (UInt128(1) << 127) / UInt128($0) }
            var factorial: UInt128 = 1
            inverseFactorials = (0...8).map { k in
                if k >= 2 { factorial *= UInt128(k) }
                return (UInt128(1) << 127) / factorial
            }
        }

        /// ⌊2^127 / (1 + a/b)⌋ = ⌊2^127·b / (b + a)⌋.
        static func floorInverse(_ a: UInt64, _ b: UInt64) -> UInt128 {
            let value = (BigInteger.powerOfTwo(127) * BigInteger(b))
            return ((try? value.divided(by: BigInteger(b + a), rounding: .floor))?.uint128Value) ?? .max
        }

        /// ln(1 + a/b) · 2^work, to within a few units: 2·atanh(u), u = a/(2b + a).
        static func lnRatio(_ a: UInt64, _ b: UInt64, work: Int) -> BigInteger {
            guard a > 0 else { return .zero }
            let one = BigInteger.powerOfTwo(work)
            let u = (try? (one * BigInteger(a)).divided(by: BigInteger(2 * b + a), rounding: .floor)) ?? .zero
            let uSquared = (u * u).shiftedRightFloor(by: work)
            var power = u, sum = BigInteger.zero, k: UInt64 = 1
            while !power.isZero {
                sum += (try? power.divided(by: BigInteger(k), rounding: .floor)) ?? .zero
                power = (power * uSquared).shiftedRightFloor(by: work)
                k += 2
            }
            return sum.shiftedLeft(by: 1)
        }

        /// e^(−a/b) · 2^work, to within a few units, by its alternating Taylor series.
        static func expNegativeRatio(_ a: UInt64, _ b: UInt64, work: Int) -> BigInteger {
            let one = BigInteger.powerOfTwo(work)
            var term = one, sum = one, n: UInt64 = 1
            while !term.isZero {
                term = (try? (term * BigInteger(a)).divided(by: BigInteger(b) * BigInteger(n), rounding: .floor)) ?? .zero
                sum = n % 2 == 1 ? sum - term : sum + term
                n += 1
            }
            return sum
        }
    }
}
