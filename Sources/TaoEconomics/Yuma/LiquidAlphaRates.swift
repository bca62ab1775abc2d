/// Liquid alpha: EMA rates that depend on consensus (§6.4).
enum LiquidAlphaRates {
    /// The bounds as I32F32: u16 / 65535 (`get_alpha_values_32`).
    static func bounds<A: EpochArithmetic>(_ liquid: LiquidAlpha, _: A.Type) -> (low: Int64, high: Int64) {
        (A.safeDivide(EpochFixed.integer(Int64(liquid.alphaLow)), EpochFixed.u16Max),
         A.safeDivide(EpochFixed.integer(Int64(liquid.alphaHigh)), EpochFixed.u16Max))
    }

    /// Launch's per-column rates: a logistic 1/(1 + e^(b − a·C_j)) through the consensus
    /// quartiles (α_high at c_hi, α_low at c_lo), clamped to [α_low, α_high]. With c_hi ≤ c_lo
    /// or a zero bound, a = b = 0 (rate ½ before clamping).
    /// Nil (the fixed rate applies) without liquid alpha, when all consensus is 0, or when both
    /// quartiles are 0 (`compute_ema_bonds_sparse`).
    static func logistic<A: EpochArithmetic>(consensus: [Int64], liquid: LiquidAlpha?, _ arithmetic: A.Type) -> [Int64]? {
        guard let liquid, consensus.contains(where: { $0 != 0 }) else { return nil }
        let (low, high) = bounds(liquid, arithmetic)
        let cHigh = quantile(consensus, numerator: 3, arithmetic), cLow = quantile(consensus, numerator: 1, arithmetic)
        guard cHigh > cLow || cHigh != 0 || cLow < 0 else { return nil }
        var a: Int64 = 0, b: Int64 = 0
        if cHigh > cLow, low != 0, high != 0 {
            let lnLow = safeLn(A.subtract(A.safeDivide(EpochFixed.one, low), EpochFixed.one), arithmetic)
            let lnHigh = safeLn(A.subtract(A.safeDivide(EpochFixed.one, high), EpochFixed.one), arithmetic)
            a = A.safeDivide(A.subtract(lnHigh, lnLow), A.subtract(cLow, cHigh))
            b = A.add(lnLow, A.multiply(a, cLow))
        }
        return consensus.map { c in
            let e = FixedTranscendental.exp(A.subtract(b, A.multiply(a, c)), arithmetic) ?? 0
            let alpha = A.safeDivide(EpochFixed.one, A.add(EpochFixed.one, e))
            return max(min(alpha, high), low)
        }
    }

    /// ln, 0 where the chain's `ln` fails (`safe_ln`).
    static func safeLn<A: EpochArithmetic>(_ x: Int64, _ arithmetic: A.Type) -> Int64 {
        FixedTranscendental.ln(x, arithmetic) ?? 0
    }

    /// The chain's `quantile(data, q)` for q = numerator/4: sorted values at position
    /// q·(n−1), linearly interpolated (the fraction is exact: 0, ¼, ½ or ¾).
    static func quantile<A: EpochArithmetic>(_ data: [Int64], numerator: Int, _: A.Type) -> Int64 {
        guard !data.isEmpty else { return 0 }
        let sorted = data.sorted()
        let scaled = numerator * (sorted.count - 1)  // position · 4
        let lowIndex = scaled / 4, highIndex = (scaled + 3) / 4
        if lowIndex == highIndex { return sorted[lowIndex] }
        let weight = Int64(scaled % 4) << 30  // (scaled mod 4)/4 in I32F32
        return A.add(sorted[lowIndex], A.multiply(A.subtract(sorted[highIndex], sorted[lowIndex]), weight))
    }

    /// Yuma3's liquid EMA (`compute_liquid_alpha_values_sparse` + `mat_ema_alpha_sparse`): for
    /// each entry of W_b's row, α = alpha_sigmoid(C_j, w, b); value = min(1, (1 − α)·b + max(0, α·w)),
    /// kept when > 0. Bonds on columns absent from W_b's row are dropped. Rows must be in
    /// column order (as every matrix the epoch builds is), as the chain's merge walk assumes.
    static func sigmoidMovingAverage<A: EpochArithmetic>(weights: SparseRows, bonds: SparseRows, consensus: [Int64], liquid: LiquidAlpha, _ arithmetic: A.Type) -> SparseRows {
        let (low, high) = bounds(liquid, arithmetic)
        let steepness = EpochFixed.integer(Int64(liquid.steepness))
        let scale = A.saturatingDivide(steepness, EpochFixed.integer(-100)) ?? 0
        // α depends on the entry only through the sigmoid's exponent: a small direct-mapped
        // memo of exponents seen (exact: the same exponent always gives the same α).
        let memoKeys = UnsafeMutablePointer<Int64>.allocate(capacity: 1_024), memoValues = UnsafeMutablePointer<Int64>.allocate(capacity: 1_024)
        memoKeys.initialize(repeating: .min, count: 1_024)
        memoValues.initialize(repeating: 0, count: 1_024)
        defer {
            memoKeys.deallocate()
            memoValues.deallocate()
        }
        let bondRows = bonds.rowCount
        return SparseRows.build(rows: weights.rowCount, capacity: weights.values.count) { result in
            weights.columns.withUnsafeBufferPointer { wColumns in
                weights.values.withUnsafeBufferPointer { wValues in
                    bonds.columns.withUnsafeBufferPointer { bColumns in
                        bonds.values.withUnsafeBufferPointer { bValues in
                            consensus.withUnsafeBufferPointer { consensus in
                                for i in 0..<weights.rowCount {
                                    // Rows are in column order: walk the bonds row alongside the weights row.
                                    var b = i < bondRows ? bonds.rowStart[i] : 0
                                    let bEnd = i < bondRows ? bonds.rowStart[i + 1] : 0
                                    for k in weights.rowStart[i]..<weights.rowStart[i + 1] {
                                        let j = wColumns[k]
                                        while b < bEnd, bColumns[b] < j { b += 1 }
                                        let bond = b < bEnd && bColumns[b] == j ? bValues[b] : 0
                                        let exponent = sigmoidExponent(consensus: consensus[j], weight: wValues[k], bond: bond, scale: scale, arithmetic)
                                        let slot = Int(truncatingIfNeeded: UInt64(bitPattern: exponent &* -7_046_029_254_386_353_131) >> 54)
                                        let alpha: Int64
                                        if memoKeys[slot] == exponent, exponent != .min {
                                            alpha = memoValues[slot]
                                        } else {
                                            alpha = sigmoidAlpha(exponent: exponent, low: low, high: high, arithmetic)
                                            memoKeys[slot] = exponent
                                            memoValues[slot] = alpha
                                        }
                                        let decayed = A.multiply(A.subtract(EpochFixed.one, alpha), bond)
                                        let value = min(A.add(decayed, max(A.multiply(alpha, wValues[k]), 0)), EpochFixed.one)
                                        if value > 0 { result.append(column: j, value: value) }
                                    }
                                    result.endRow()
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// `alpha_sigmoid`'s exponent: diff = clamp(w − C) when w ≥ b, else clamp(b − w), both to
    /// [0, 1]; exponent = scale · (diff − ½) with scale = steepness / −100.
    static func sigmoidExponent<A: EpochArithmetic>(consensus: Int64, weight: Int64, bond: Int64, scale: Int64, _: A.Type) -> Int64 {
        let diff = weight >= bond ? A.subtract(weight, consensus) : A.subtract(bond, weight)
        let clamped = max(min(diff, EpochFixed.one), 0)
        return A.multiply(scale, A.subtract(clamped, EpochFixed.half))
    }

    /// `alpha_sigmoid` from its exponent: σ = 1/(1 + exp_safe(exponent));
    /// α = clamp(α_lo + σ(α_hi − α_lo), α_lo, α_hi).
    static func sigmoidAlpha<A: EpochArithmetic>(exponent: Int64, low: Int64, high: Int64, _ arithmetic: A.Type) -> Int64 {
        let sigmoid = A.saturatingDivide(EpochFixed.one, A.add(EpochFixed.one, FixedTranscendental.expSafe(exponent, arithmetic))) ?? 0
        let alpha = A.add(low, A.multiply(sigmoid, A.subtract(high, low)))
        return max(min(alpha, high), low)
    }
}
