/// 256-bit products and quotients of 128-bit integers on 64-bit machine instructions.
///
/// The standard library's `UInt128.multipliedFullWidth(by:)` and `dividingFullWidth(_:)` are
/// generic, bit-at-a-time implementations; the weighted pool and the HEAD coinbase do several
/// per subnet-block. These give the same results (a differential test proves it on random and
/// edge inputs) with a handful of hardware multiplications and divisions.
public enum WideArithmetic {
    /// a · b as (high, low) 128-bit halves: four 64×64 hardware products.
    @inlinable @inline(__always)
    public static func multiply(_ a: UInt128, _ b: UInt128) -> (high: UInt128, low: UInt128) {
        let (a1, a0) = (UInt64(truncatingIfNeeded: a >> 64), UInt64(truncatingIfNeeded: a))
        let (b1, b0) = (UInt64(truncatingIfNeeded: b >> 64), UInt64(truncatingIfNeeded: b))
        let p00 = a0.multipliedFullWidth(by: b0), p01 = a0.multipliedFullWidth(by: b1)
        let p10 = a1.multipliedFullWidth(by: b0), p11 = a1.multipliedFullWidth(by: b1)
        // Middle column: p00.high + p01.low + p10.low, carries into the high half.
        let middle = UInt128(p00.high) + UInt128(p01.low) + UInt128(p10.low)
        let low = (middle << 64) | UInt128(p00.low)
        let high = UInt128(p11.high) << 64 + UInt128(p11.low) + UInt128(p01.high) + UInt128(p10.high) + (middle >> 64)
        return (high, low)
    }

    /// ⌊a / divisor⌋ for a 64-bit divisor > 0: two hardware divisions, inline (the generic
    /// 128-bit division calls a runtime routine).
    @inlinable @inline(__always)
    public static func divide(_ a: UInt128, by divisor: UInt64) -> UInt128 {
        let (q1, r1) = divisor.dividingFullWidth((0, UInt64(truncatingIfNeeded: a >> 64)))
        let (q0, _) = divisor.dividingFullWidth((r1, UInt64(truncatingIfNeeded: a)))
        return UInt128(q1) << 64 | UInt128(q0)
    }

    /// ⌊(high·2^128 + low) / divisor⌋ and the remainder, for divisor > high (so the quotient
    /// fits 128 bits): Knuth's algorithm D on 64-bit digits, two quotient digits.
    @inlinable
    public static func divide(_ high: UInt128, _ low: UInt128, by divisor: UInt128) -> (quotient: UInt128, remainder: UInt128) {
        precondition(divisor > high, "the quotient must fit 128 bits")
        if divisor >> 64 == 0 {
            // A one-digit divisor: two hardware divisions, each with its remainder below the divisor.
            let d = UInt64(truncatingIfNeeded: divisor)
            let (q1, r1) = d.dividingFullWidth((UInt64(truncatingIfNeeded: high), UInt64(truncatingIfNeeded: low >> 64)))
            let (q0, r0) = d.dividingFullWidth((r1, UInt64(truncatingIfNeeded: low)))
            return (UInt128(q1) << 64 | UInt128(q0), UInt128(r0))
        }
        // Normalise so the divisor's top bit is set; the numerator shifts with it (it stays
        // below divisor·2^128, so its top 128 bits stay below the shifted divisor).
        let shift = divisor.leadingZeroBitCount
        let v = divisor << shift
        let top = shift == 0 ? high : (high << shift) | (low >> (128 - shift))
        let bottom = low << shift
        let (q1, r1) = digit(top, UInt64(truncatingIfNeeded: bottom >> 64), v)
        let (q0, r0) = digit(r1, UInt64(truncatingIfNeeded: bottom), v)
        return (UInt128(q1) << 64 | UInt128(q0), r0 >> shift)
    }

    /// One quotient digit: ⌊(r·2^64 + next) / v⌋ and its remainder, for a normalised v (top bit
    /// set, at least two digits) and r < v. The estimate from the top digits is at most 2 too
    /// large (Knuth, TAOCP vol. 2, 4.3.1 Theorem B) and is corrected against the full product.
    @inlinable @inline(__always)
    static func digit(_ r: UInt128, _ next: UInt64, _ v: UInt128) -> (UInt64, UInt128) {
        let v1 = UInt64(truncatingIfNeeded: v >> 64), v0 = UInt64(truncatingIfNeeded: v)
        let rHigh = UInt64(truncatingIfNeeded: r >> 64), rLow = UInt64(truncatingIfNeeded: r)
        var estimate = rHigh >= v1 ? UInt64.max : v1.dividingFullWidth((rHigh, rLow)).quotient
        // N = r·2^64 + next as (high 64 bits, low 128 bits); P = estimate·v likewise.
        let numerator = (high: rHigh, low: (r << 64) | UInt128(next))
        func product(_ q: UInt64) -> (high: UInt64, low: UInt128) {
            let p0 = v0.multipliedFullWidth(by: q), p1 = v1.multipliedFullWidth(by: q)
            let middle = UInt128(p0.high) + UInt128(p1.low)
            return (p1.high &+ UInt64(truncatingIfNeeded: middle >> 64), (middle << 64) | UInt128(p0.low))
        }
        var p = product(estimate)
        while p.high > numerator.high || (p.high == numerator.high && p.low > numerator.low) {
            estimate -= 1
            p = product(estimate)
        }
        // N − P < v fits 128 bits.
        let remainder = numerator.low &- p.low
        return (estimate, remainder)
    }
}
