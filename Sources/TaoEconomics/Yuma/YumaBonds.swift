/// Bonds and dividends (§6.4) for one epoch: the stored bonds read and masked as the chain
/// does, the EMA (fixed or liquid alpha), dividends, and the bonds to store.
struct YumaBonds {
    let input: EpochInput
    let state: EpochState
    let parameters: YumaParameters
    let columns: Int

    /// The block from which bonds count at HEAD: the block after the previous epoch, or
    /// `block − tempo` when there was none (`LastMechansimStepBlock`).
    var lastTempo: UInt64 {
        input.lastEpochBlock == 0 ? (input.block >= input.tempo ? input.block - input.tempo : 0) : input.lastEpochBlock &+ 1
    }

    /// Stored bonds as I32F32 (`asProportion`: u16/65535, else the u16 as an integer), with bonds
    /// on UIDs registered since they were formed dropped: at HEAD when `lastTempo ≤ reg_j`, at
    /// launch when the validator's `last_update ≤ reg_j`.
    func storedBonds<A: EpochArithmetic>(asProportion: Bool, _: A.Type) -> SparseRows {
        let stored = min(state.bondRows.count, columns)
        return SparseRows.build(rows: columns, capacity: state.bondRows.prefix(stored).reduce(0) { $0 + $1.count }) { bonds in
            input.registeredAt.withUnsafeBufferPointer { registered in
                for i in 0..<columns {
                    if i < stored {
                        let formed = parameters.code == .head ? lastTempo : input.lastUpdate[i]
                        state.bondRows[i].withUnsafeBufferPointer { row in
                            for entry in row where Int(entry.uid) < columns && formed > registered[Int(entry.uid)] {
                                let value = EpochFixed.integer(Int64(entry.bond))
                                bonds.append(column: Int(entry.uid), value: asProportion ? A.divide(value, byInteger: 65_535) : value)
                            }
                        }
                    }
                    bonds.endRow()
                }
            }
        }
    }

    /// The fixed EMA rate α = 1 − BondsMovingAverage/10^6 (the quotient in I64F64, floored to I32F32).
    func fixedAlpha<A: EpochArithmetic>(_: A.Type) -> Int64 {
        let average = A.wideSafeDivide(Int128(parameters.bondsMovingAverage) << 64, Int128(1_000_000) << 64)
        return A.subtract(EpochFixed.one, EpochFixed.narrow(average))
    }

    /// Original Yuma: B_old column-normalised; ΔB = W_b ∘ S column-normalised; B = EMA (fixed α,
    /// or at launch the logistic liquid alpha per column) column-normalised; D_i = Σ_j B_ij I_j
    /// normalised; stored column-max-upscaled.
    func original<A: EpochArithmetic>(weightsForBonds: SparseRows, consensus: [Int64], incentive: [Int64], activeStake: [Int64], _ arithmetic: A.Type)
        -> (dividends: [Int64], bonds: SparseRows, stored: SparseRows)
    {
        var old = storedBonds(asProportion: false, arithmetic)
        SparseMath.normalizeColumns(&old, columns: columns, arithmetic)
        var delta = weightsForBonds
        let starts = delta.rowStart
        delta.values.withUnsafeMutableBufferPointer { values in
            for i in 0..<starts.count - 1 {
                let scale = activeStake[i]
                for k in starts[i]..<starts[i + 1] { values[k] = A.multiply(values[k], scale) }
            }
        }
        SparseMath.normalizeColumns(&delta, columns: columns, arithmetic)
        let alphas = LiquidAlphaRates.logistic(consensus: consensus, liquid: parameters.code == .launch ? parameters.liquidAlpha : nil, arithmetic)
            ?? Array(repeating: fixedAlpha(arithmetic), count: columns)
        var ema = movingAverage(new: delta, old: old, alphaPerColumn: alphas, arithmetic)
        SparseMath.normalizeColumns(&ema, columns: columns, arithmetic)
        var dividends = SparseMath.rowWeightedSums(ema, incentive, arithmetic)
        SparseMath.normalize(&dividends, arithmetic)
        var stored = ema
        SparseMath.upscaleColumns(&stored, columns: columns, arithmetic)
        return (dividends, ema, stored)
    }

    /// `mat_ema_sparse` / `mat_ema_alpha_vec_sparse`: per row, α_j · new + (1 − α_j) · old over
    /// the dense row, keeping entries > 0. Rows must be in column order, each column once.
    func movingAverage<A: EpochArithmetic>(new: SparseRows, old: SparseRows, alphaPerColumn alphas: [Int64], _: A.Type) -> SparseRows {
        let complements = alphas.map { A.subtract(EpochFixed.one, $0) }
        // Both rows are in column order: merge them (the dense row's sum, column by column).
        return SparseRows.build(rows: new.rowCount, capacity: new.values.count + old.values.count) { result in
            for i in 0..<new.rowCount {
                var a = new.range(ofRow: i).lowerBound, b = i < old.rowCount ? old.range(ofRow: i).lowerBound : 0
                let aEnd = new.range(ofRow: i).upperBound, bEnd = i < old.rowCount ? old.range(ofRow: i).upperBound : 0
                while a < aEnd || b < bEnd {
                    let j = min(a < aEnd ? new.columns[a] : .max, b < bEnd ? old.columns[b] : .max)
                    var cell: Int64 = 0
                    if a < aEnd, new.columns[a] == j {
                        cell = A.add(cell, A.multiply(alphas[j], new.values[a]))
                        a += 1
                    }
                    if b < bEnd, old.columns[b] == j {
                        cell = A.add(cell, A.multiply(complements[j], old.values[b]))
                        b += 1
                    }
                    if cell > 0 { result.append(column: j, value: cell) }
                }
                result.endRow()
            }
        }
    }

    /// Yuma3: B_old as u16 proportions; B_ij = min(1, (1 − α_ij) B_old + α_ij W_b) only for
    /// entries present in W_b's row (sigmoid liquid alpha when on and some consensus is not 0,
    /// else the fixed α over the dense rows); D_i = S_i · Σ_j norm(B)_ij I_j normalised; stored as is.
    func yuma3<A: EpochArithmetic>(weightsForBonds: SparseRows, consensus: [Int64], incentive: [Int64], activeStake: [Int64], _ arithmetic: A.Type)
        -> (dividends: [Int64], bonds: SparseRows, stored: SparseRows)
    {
        let old = storedBonds(asProportion: true, arithmetic)
        let ema: SparseRows
        if let liquid = parameters.liquidAlpha, consensus.contains(where: { $0 != 0 }) {
            ema = LiquidAlphaRates.sigmoidMovingAverage(weights: weightsForBonds, bonds: old, consensus: consensus, liquid: liquid, arithmetic)
        } else {
            ema = movingAverage(new: weightsForBonds, old: old, alphaPerColumn: Array(repeating: fixedAlpha(arithmetic), count: columns), arithmetic)
        }
        var normalised = ema
        SparseMath.normalizeColumns(&normalised, columns: columns, arithmetic)
        // row_sum(mat_vec_mul(B, I)): the chain drops zero products first, which changes no sum.
        let perValidator = SparseMath.rowWeightedSums(normalised, incentive, arithmetic)
        var dividends = zip(perValidator, activeStake).map { A.checkedMultiply($0, $1) ?? 0 }
        SparseMath.normalize(&dividends, arithmetic)
        return (dividends, ema, ema)
    }
}
