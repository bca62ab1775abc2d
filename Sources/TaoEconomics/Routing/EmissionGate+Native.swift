/// The gate's weights v = ⌊W^(h+1) / (W^h + T^h)⌋ on native 256-bit integers, for h ≤ 3 and
/// shares below one (W, T < 2^64, so W^(h+1) < 2^256): the per-block path of `gated(shares:)`.
/// It gives exactly the GMP result (`EmissionGateTests` compares them on random shares).
enum GateWeight {
    /// A 256-bit unsigned integer as two 128-bit halves.
    struct Wide: Comparable {
        var high: UInt128
        var low: UInt128

        static func < (lhs: Wide, rhs: Wide) -> Bool { lhs.high != rhs.high ? lhs.high < rhs.high : lhs.low < rhs.low }

        /// self · m, or nil when it passes 2^256.
        func multiplied(by m: UInt64) -> Wide? {
            let low = WideArithmetic.multiply(self.low, UInt128(m))
            let (high, overflow) = self.high.multipliedReportingOverflow(by: UInt128(m))
            let (sum, carry) = high.addingReportingOverflow(low.high)
            guard !overflow, !carry else { return nil }
            return Wide(high: sum, low: low.low)
        }

        /// self + other, or nil when it passes 2^256.
        func adding(_ other: Wide) -> Wide? {
            let (low, carry) = self.low.addingReportingOverflow(other.low)
            let (high, overflow) = self.high.addingReportingOverflow(other.high)
            let (sum, overflow2) = high.addingReportingOverflow(carry ? 1 : 0)
            guard !overflow, !overflow2 else { return nil }
            return Wide(high: sum, low: low)
        }

        /// self >> bits for 0 < bits < 128.
        func shiftedRight(by bits: Int) -> Wide {
            Wide(high: high >> bits, low: (low >> bits) | (high << (128 - bits)))
        }

        /// The number of significant bits.
        var bitWidth: Int { high != 0 ? 256 - high.leadingZeroBitCount : 128 - low.leadingZeroBitCount }
    }

    /// x^n for x < 2^64 and n ≤ 4 (always below 2^256).
    static func power(_ x: UInt64, _ n: Int) -> Wide {
        var result = Wide(high: 0, low: 1)
        for _ in 0..<n { result = result.multiplied(by: x)! }
        return result
    }

    /// ⌊W^(h+1) / (W^h + T^h)⌋, or nil outside this path's range (h > 3 or W, T ≥ 2^64, where
    /// the caller uses GMP). 0 for W = 0.
    static func weight(share w: UInt128, barPower: Wide, exponent h: Int) -> UInt64? {
        guard h >= 1, h <= 3, w >> 64 == 0 else { return nil }
        let w64 = UInt64(w)
        guard w64 > 0 else { return 0 }
        let powerH = power(w64, h)
        guard let numerator = powerH.multiplied(by: w64), let denominator = powerH.adding(barPower) else { return nil }
        return floorQuotient(numerator, denominator)
    }

    /// ⌊n / d⌋ for d > 0 when the quotient is below 2^64 (here v ≤ W < 2^64).
    static func floorQuotient(_ n: Wide, _ d: Wide) -> UInt64 {
        if d.high == 0 {
            // n < 2^64·d, so n's high half is below d.
            return UInt64(WideArithmetic.divide(n.high, n.low, by: d.low).quotient)
        }
        // Estimate with d's top 128 bits: d = d'·2^k + r, n = n'·2^k + s; the true quotient is
        // within one of ⌊n'/d'⌋ (d' ≥ 2^127, quotient < 2^64), then corrected exactly.
        let k = d.bitWidth - 128
        let dTop = d.shiftedRight(by: k).low, nTop = n.shiftedRight(by: k)
        var q = UInt64(clamping: WideArithmetic.divide(nTop.high, nTop.low, by: dTop).quotient)
        // Lower q while q·d > n, then raise it while (q + 1)·d ≤ n.
        while q > 0, d.multiplied(by: q).map({ n < $0 }) ?? true { q -= 1 }
        while q < .max, let next = d.multiplied(by: q + 1), !(n < next) { q += 1 }
        return q
    }
}
