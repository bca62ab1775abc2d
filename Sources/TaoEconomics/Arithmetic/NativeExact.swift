import FixedMath

/// Which implementation exact helpers use. Both give identical results (differential tests
/// prove it); `.reference` routes every step through GMP.
public enum ArithmeticMode: String, Sendable, Equatable {
    /// Native 64/128-bit integer instructions, falling back to GMP when a value does not fit.
    case native
    /// GMP (`BigInteger`) for every step: the reference.
    case reference
}

/// Exact integer helpers for hot paths. Every function states its rounding and is bit-identical
/// in both modes.
public enum NativeExact {
    /// ⌊a·b/c⌋ and the remainder a·b − c·⌊a·b/c⌋, or nil when c is 0 or the quotient does not
    /// fit in 64 bits.
    @inlinable
    public static func multiplyDivideFloor(_ a: UInt64, _ b: UInt64, _ c: UInt64, mode: ArithmeticMode = .native) -> (quotient: UInt64, remainder: UInt64)? {
        guard c > 0 else { return nil }
        switch mode {
        case .native:
            let product = a.multipliedFullWidth(by: b)
            // The quotient fits in 64 bits exactly when the high word is below the divisor.
            guard product.high < c else { return nil }
            let (quotient, remainder) = c.dividingFullWidth(product)
            return (quotient, remainder)
        case .reference:
            let product = BigInteger(a) * BigInteger(b)
            guard let quotient = try? product.divided(by: BigInteger(c), rounding: .floor), let q = quotient.uint64Value else { return nil }
            let remainder = product - quotient * BigInteger(c)
            return (q, remainder.uint64Value ?? 0)
        }
    }

    /// ⌊value · 2^64 / divisor⌋ saturated to UInt128 (a U64F64 raw ratio); 0 when divisor is 0.
    @inlinable
    public static func ratioU64F64(_ value: UInt64, _ divisor: UInt64, mode: ArithmeticMode = .native) -> UInt128 {
        guard divisor > 0 else { return 0 }
        switch mode {
        case .native:
            // value·2^64 / d = (value / d)·2^64 + ((value mod d)·2^64) / d; the first part is
            // below 2^64 because value < 2^64, so the whole fits in 128 bits.
            let (high, remainder) = value.quotientAndRemainder(dividingBy: divisor)
            let (low, _) = divisor.dividingFullWidth((remainder, 0))
            return UInt128(high) << 64 | UInt128(low)
        case .reference:
            let raw = (try? BigInteger(value).shiftedLeft(by: 64).divided(by: BigInteger(divisor), rounding: .floor)) ?? .zero
            return raw.uint128Value ?? .max
        }
    }

    /// (a · b) >> 64, floored, saturating at UInt128.max: U64F64 `saturating_mul` on raw values.
    @inlinable
    public static func multiplyU64F64(_ a: UInt128, _ b: UInt128, mode: ArithmeticMode = .native) -> UInt128 {
        switch mode {
        case .native:
            let product = WideArithmetic.multiply(a, b)
            guard product.high >> 64 == 0 else { return .max }
            return product.high << 64 | product.low >> 64
        case .reference:
            return FixedPoint<U64F64>(saturatingRaw: BigInteger(a)).saturatingMultiplied(by: FixedPoint<U64F64>(saturatingRaw: BigInteger(b))).raw.uint128Value ?? .max
        }
    }
}
