import FixedMath

/// `SafeInt::pow_ratio_scaled` of the `safe-bigmath` crate (github.com/sam0x17/safe-bigmath at
/// 013c49984910e1c9a23289e8c85e7a856e263a02, v0.4.1, the revision subtensor 14bc6f9f9 pins),
/// ported step for step to GMP: the reference the weighted pool's fast path is proven against.
///
/// It returns ≈ scale · (b_num / b_den)^(e_num / e_den) as an integer:
///
/// - the exponent is reduced by its gcd; when both parts are at most 1024 the result is exact:
///   ⌊(b_num^p · scale^q / b_den^p)^(1/q)⌋ (the crate's binary search for the q-th root, which
///   GMP's `mpz_root` of the floored ratio equals: k^q·D ≤ N ⇔ k^q ≤ ⌊N/D⌋);
/// - otherwise a fixed-point ln/exp evaluation at `max(precision, 32, bits(scale) + 8)` bits plus
///   24 guard bits: Taylor series for ln(1 + x) on mantissas normalised to [0.5, 1.5) and for
///   exp(x), each stopping once the value rounded to the requested precision stops changing
///   (or a term falls below the guard bits, or the iteration cap min(4096, bits + 128) is hit).
///   Every division there floors (`div_floor`), and the rounding to the requested precision is
///   half away from zero on a truncating division (`div_rem`), exactly as the crate does.
///
/// nil where the crate returns None: a zero denominator, a negative base or exponent, or a
/// negative scale.
enum PowRatio {
    static let maximumExactExponent = 1_024
    static let defaultMaximumIterations = 4_096
    static let guardBits = 24

    static func scaled(baseNumerator: BigInteger, baseDenominator: BigInteger, exponentNumerator: BigInteger,
                       exponentDenominator: BigInteger, precision: Int, scale: BigInteger) -> BigInteger? {
        if baseDenominator.isZero || exponentDenominator.isZero { return nil }
        if baseNumerator.isZero { return .zero }
        if scale.isNegative || baseNumerator.isNegative || baseDenominator.isNegative { return nil }
        if exponentNumerator.isNegative || exponentDenominator.isNegative { return nil }
        if exponentNumerator.isZero { return scale }
        var p = exponentNumerator, q = exponentDenominator
        let divisor = p.greatestCommonDivisor(q)
        if divisor > .one {
            p = (try? p.divided(by: divisor, rounding: .floor)) ?? p
            q = (try? q.divided(by: divisor, rounding: .floor)) ?? q
        }
        let scaleBits = bitLength(scale)
        if let pSmall = p.int64Value, let qSmall = q.int64Value, pSmall <= maximumExactExponent, qSmall <= maximumExactExponent {
            let numerator = baseNumerator.power(Int(pSmall)) * scale.power(Int(qSmall))
            let denominator = baseDenominator.power(Int(pSmall))
            let ratio = (try? numerator.divided(by: denominator, rounding: .floor)) ?? .zero
            return (try? ratio.rootFloor(Int(qSmall))) ?? .zero
        }
        return fallback(baseNumerator: baseNumerator, baseDenominator: baseDenominator, p: p, q: q,
                        precision: precision, scale: scale, scaleBits: scaleBits)
    }

    /// The crate's fixed-point ln/exp path for large exponents.
    static func fallback(baseNumerator: BigInteger, baseDenominator: BigInteger, p: BigInteger, q: BigInteger,
                         precision: Int, scale: BigInteger, scaleBits: Int) -> BigInteger {
        let requested = max(precision, 32, scaleBits + 8)
        let internalPrecision = requested + guardBits
        let iterations = max(1, min(defaultMaximumIterations, internalPrecision + 128))
        let targetScale = BigInteger.powerOfTwo(requested)
        let guardFactor = BigInteger.powerOfTwo(guardBits)
        let internalScale = BigInteger.powerOfTwo(internalPrecision)
        let context = Context(internalPrecision: internalPrecision, internalScale: internalScale, guardFactor: guardFactor,
                              iterations: iterations)
        let lnBase = context.ln(baseNumerator) - context.ln(baseDenominator)
        let lnScaled = floorDivide(lnBase * p, q)
        let exponential = context.exp(lnScaled)
        let rounded = roundToPrecision(exponential, guardFactor)
        return floorDivide(rounded * scale, targetScale)
    }

    /// The fixed-point setting of one evaluation: the scale 2^internalPrecision, the guard
    /// factor 2^24, the iteration cap and ln 2 at that precision.
    struct Context {
        let internalPrecision: Int
        let internalScale: BigInteger
        let guardFactor: BigInteger
        let iterations: Int
        let lnTwo: BigInteger

        init(internalPrecision: Int, internalScale: BigInteger, guardFactor: BigInteger, iterations: Int) {
            self.internalPrecision = internalPrecision
            self.internalScale = internalScale
            self.guardFactor = guardFactor
            self.iterations = iterations
            // ln 2 = −ln(1 − 1/2), by the same series the crate uses.
            let minusHalf = -(internalScale.shiftedRightFloor(by: 1))
            lnTwo = -PowRatio.ln1p(minusHalf, scale: internalScale, guardFactor: guardFactor, iterations: iterations)
        }

        /// `ln_biguint`: ln of a positive integer, normalising its mantissa to [0.5, 1.5).
        func ln(_ value: BigInteger) -> BigInteger {
            var shift = max(0, PowRatio.bitLength(value) - 1)
            var mantissa = value.shiftedLeft(by: internalPrecision).shiftedRightFloor(by: shift)
            let scalePlusHalf = internalScale + internalScale.shiftedRightFloor(by: 1)
            if mantissa >= scalePlusHalf {
                mantissa = mantissa.shiftedRightFloor(by: 1)
                shift += 1
            }
            let lnMantissa = PowRatio.ln1p(mantissa - internalScale, scale: internalScale, guardFactor: guardFactor, iterations: iterations)
            return lnMantissa + lnTwo * BigInteger(shift)
        }

        /// `exp_fixed`: e^x in fixed point.
        func exp(_ x: BigInteger) -> BigInteger {
            var term = internalScale
            var result = term
            var previous = PowRatio.roundToPrecision(result, guardFactor)
            var n = 1
            while n <= iterations {
                term = PowRatio.floorDivide(term * x, internalScale * BigInteger(n))
                if term.isZero { break }
                result += term
                let rounded = PowRatio.roundToPrecision(result, guardFactor)
                if term.magnitude < guardFactor || rounded == previous { break }
                previous = rounded
                n += 1
            }
            return result
        }
    }

    /// `ln1p_fixed`: ln(1 + x) in fixed point by its Taylor series.
    static func ln1p(_ x: BigInteger, scale: BigInteger, guardFactor: BigInteger, iterations: Int) -> BigInteger {
        var term = x
        var result = term
        var previous = roundToPrecision(result, guardFactor)
        var n = 2
        while n <= iterations {
            term = floorDivide(term * x, scale)
            if term.isZero { break }
            let next = floorDivide(term, BigInteger(n))
            if next.isZero { break }
            if n % 2 == 0 { result -= next } else { result += next }
            let rounded = roundToPrecision(result, guardFactor)
            if next.magnitude < guardFactor || rounded == previous { break }
            previous = rounded
            n += 1
        }
        return result
    }

    /// `round_to_precision`: value / guard, truncated, then moved one away from zero when the
    /// remainder is at least half the guard.
    static func roundToPrecision(_ value: BigInteger, _ guardFactor: BigInteger) -> BigInteger {
        let truncated = (try? value.divided(by: guardFactor, rounding: .towardZero)) ?? .zero
        let remainder = value - truncated * guardFactor
        if !remainder.isZero, remainder.magnitude.shiftedLeft(by: 1) >= guardFactor {
            return remainder.isNegative ? truncated - .one : truncated + .one
        }
        return truncated
    }

    /// ⌊a / b⌋ toward −∞ (`div_floor`); b is never 0 here.
    static func floorDivide(_ a: BigInteger, _ b: BigInteger) -> BigInteger {
        (try? a.divided(by: b, rounding: .floor)) ?? .zero
    }

    /// The number of bits of |value| (`BigUint::bits`): 0 for 0.
    static func bitLength(_ value: BigInteger) -> Int {
        value.isZero ? 0 : value.magnitudeBitWidth
    }
}
