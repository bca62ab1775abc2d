/// `exp` and `ln` on I32F32 as `substrate-fixed` 0.6 (`transcendental.rs`) computes them, step
/// for step, so liquid alpha is bit-exact: `exp` sums the Taylor series to the 31st term with
/// each term floored then truncated, and inverts for negative inputs; `ln` is the bit-by-bit
/// `log2` (squaring, rounding right shifts) divided by log2(e) as a 23-bit constant. A step that
/// overflows makes the whole function fail (nil), as the chain's `Result` does.
public enum FixedTranscendental {
    /// e as the crate's I9F23 constant (⌊e · 2^23⌋), widened exactly to I32F32.
    public static let e: Int64 = 22_802_600 << 9
    /// log2(e) as the crate's I9F23 constant, widened exactly to I32F32.
    public static let log2E: Int64 = 12_102_203 << 9

    /// e^x, or nil where the chain's `exp` returns an error.
    public static func exp<A: EpochArithmetic>(_ x: Int64, _: A.Type) -> Int64? {
        if x == 0 { return EpochFixed.one }
        if x == EpochFixed.one { return e }
        let negative = x < 0
        guard x != .min else { return nil }
        let operand = negative ? -x : x
        let (first, overflow) = operand.addingReportingOverflow(EpochFixed.one)
        guard !overflow else { return nil }
        var result = first, term = operand
        for i in Int64(2)..<32 {
            guard let product = A.checkedMultiply(term, operand), let quotient = A.divide(product, i << 32) else { return nil }
            term = quotient
            let (sum, overflow) = result.addingReportingOverflow(term)
            guard !overflow else { return nil }
            result = sum
        }
        return negative ? A.divide(EpochFixed.one, result) : result
    }

    /// e^x with x clamped to [−20, 20] (`exp_safe`); a failure gives 0 for x ≤ 0, else the maximum.
    public static func expSafe<A: EpochArithmetic>(_ x: Int64, _ arithmetic: A.Type) -> Int64 {
        let clamped = min(max(x, EpochFixed.integer(-20)), EpochFixed.integer(20))
        if A.isNative { return nativeExpWithin20(clamped) }
        return exp(clamped, arithmetic) ?? (clamped <= 0 ? 0 : .max)
    }

    /// `exp` for |x| ≤ 20 on hardware integers, the same steps as `exp` (so the same bits; a
    /// differential test compares them): no step can overflow there (the largest term, 20^20/20!,
    /// and the sum, below e^20, stay under 2^31), so the checks are dropped, and the 30 divisions
    /// by 2…31 are by constants, which the compiler turns into multiplications. A term that
    /// reaches 0 stays 0, so the loop stops there.
    static func nativeExpWithin20(_ x: Int64) -> Int64 {
        if x == 0 { return EpochFixed.one }
        if x == EpochFixed.one { return e }
        let operand = x < 0 ? -x : x
        var term = operand, result = operand + EpochFixed.one
        @inline(__always) func next(_ divisor: Int64) -> Bool {
            let (high, low) = term.multipliedFullWidth(by: operand)
            term = (high << 32 | Int64(bitPattern: low >> 32)) / divisor
            result += term
            return term != 0
        }
        _ = next(2) && next(3) && next(4) && next(5) && next(6) && next(7) && next(8) && next(9) && next(10) && next(11)
            && next(12) && next(13) && next(14) && next(15) && next(16) && next(17) && next(18) && next(19) && next(20) && next(21)
            && next(22) && next(23) && next(24) && next(25) && next(26) && next(27) && next(28) && next(29) && next(30) && next(31)
        return x < 0 ? NativeEpochArithmetic.divide(EpochFixed.one, result) ?? 0 : result
    }

    /// ln x, or nil for x ≤ 0 or where 1/x overflows (the chain's `ln`; `safe_ln` maps nil to 0).
    public static func ln<A: EpochArithmetic>(_ x: Int64, _ arithmetic: A.Type) -> Int64? {
        guard x > 0 else { return nil }
        let log2: Int64
        if x < EpochFixed.one {
            guard let inverse = A.divide(EpochFixed.one, x) else { return nil }
            log2 = -log2AtLeastOne(inverse, arithmetic)
        } else {
            log2 = log2AtLeastOne(x, arithmetic)
        }
        return A.divide(log2, log2E)
    }

    /// log2 x for x ≥ 1: the integer part by halving (rounding right shifts), then 32
    /// fractional bits by squaring.
    static func log2AtLeastOne<A: EpochArithmetic>(_ value: Int64, _: A.Type) -> Int64 {
        var x = value, result: Int64 = 0
        let two = EpochFixed.integer(2)
        while x >= two {
            result += 1
            x = (x >> 1) + (x & 1)
        }
        if x == EpochFixed.one { return result << 32 }
        for _ in 0..<32 {
            x = A.multiply(x, x)
            result <<= 1
            if x >= two {
                result |= 1
                x = (x >> 1) + (x & 1)
            }
        }
        return result
    }
}
