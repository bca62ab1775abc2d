/// One Yuma consensus epoch for one subnet, as the chain computes it (§6): stake weights, permits,
/// weight masks and row normalisation, the stake-weighted median with κ, clipping, incentive,
/// validator trust, bonds and dividends (original Yuma or Yuma3), then the per-UID alpha.
/// Every step is the chain's fixed-point step with its rounding; `A` chooses GMP or native
/// integers for them (identical results, proven by a differential test).
public enum YumaEpoch {
    /// Runs the epoch on native integers.
    /// - Precondition: every per-UID list has `input.count` entries and `state` is for as many UIDs.
    public static func run(_ input: EpochInput, state: EpochState, parameters: YumaParameters) -> EpochOutput {
        run(input, state: state, parameters: parameters, arithmetic: NativeEpochArithmetic.self)
    }

    /// Runs the epoch with the arithmetic `A`.
    public static func run<A: EpochArithmetic>(_ input: EpochInput, state: EpochState, parameters: YumaParameters, arithmetic: A.Type) -> EpochOutput {
        let n = input.count
        let owner = ownerUID(parameters, count: n)

        // Activity.
        let active = (0..<n).map { i in input.lastUpdate[i] &+ parameters.activityCutoffBlocks >= input.block || input.lastUpdate[i] > UInt64.max - parameters.activityCutoffBlocks }

        // Stake: alpha + root · TaoWeight in I64F64, threshold (HEAD), normalised, narrowed.
        let stake = stakeWeights(input, parameters: parameters, owner: owner, arithmetic)

        // Permits: the stored ones mask this epoch; the new ones are stored.
        var oldPermits = state.validatorPermits
        if let owner { oldPermits[owner] = true }
        let newPermits = permits(stake: stake, parameters: parameters, owner: owner)

        var activeStake = stake
        for i in 0..<n where !active[i] || !oldPermits[i] { activeStake[i] = 0 }
        SparseMath.normalize(&activeStake, arithmetic)

        // Weights: permitted rows, no self-weight (but the owner's at HEAD), none set before the
        // target registered, row-normalised.
        var weights = SparseRows.build(rows: n, capacity: input.weights.prefix(n).reduce(0) { $0 + $1.count }) { weights in
            input.lastUpdate.withUnsafeBufferPointer { lastUpdate in
                input.registeredAt.withUnsafeBufferPointer { registeredAt in
                    for i in 0..<n {
                        if oldPermits[i] {
                            // Rows in UID order (the bonds and liquid-alpha steps walk them in column order).
                            let row = input.weights[i]
                            let ordered = zip(row, row.dropFirst()).allSatisfy { $0.uid < $1.uid } ? row : row.sorted { $0.uid < $1.uid }
                            let updated = lastUpdate[i]
                            for (j, w) in ordered where j < n && (j != i || owner == i) && updated > registeredAt[j] {
                                weights.append(column: j, value: EpochFixed.integer(Int64(w)))
                            }
                        }
                        weights.endRow()
                    }
                }
            }
        }
        SparseMath.normalizeRows(&weights, arithmetic)

        // Consensus, clipping, trust, incentive.
        let kappa = A.safeDivide(EpochFixed.integer(Int64(parameters.kappa)), EpochFixed.u16Max)
        let consensus = WeightedMedian.columns(stake: activeStake, scores: weights, columns: n, majority: kappa, arithmetic)
        let clipped = clip(weights, consensus)
        let validatorTrust = SparseMath.rowSums(clipped, arithmetic)
        var incentive = SparseMath.columnWeightedSums(clipped, activeStake, columns: n, arithmetic)
        SparseMath.normalize(&incentive, arithmetic)

        // Bonds and dividends.
        let penalty = A.safeDivide(EpochFixed.integer(Int64(parameters.bondsPenalty)), EpochFixed.u16Max)
        let weightsForBonds = interpolate(weights, clipped, columns: n, ratio: penalty, arithmetic)
        let bonds = YumaBonds(input: input, state: state, parameters: parameters, columns: n)
        let (dividends, emaBonds, storedBonds) = switch parameters.mechanism {
        case .yuma3: bonds.yuma3(weightsForBonds: weightsForBonds, consensus: consensus, incentive: incentive, activeStake: activeStake, arithmetic)
        case .yuma: bonds.original(weightsForBonds: weightsForBonds, consensus: consensus, incentive: incentive, activeStake: activeStake, arithmetic)
        }

        // Scores to alpha (§6.5).
        let (serverShares, validatorShares) = emissionShares(incentive: incentive, dividends: dividends, activeStake: activeStake, stake: stake, arithmetic)
        let server = serverShares.map { A.payout(share: $0, emissionRao: input.emissionRao) }
        let validator = validatorShares.map { A.payout(share: $0, emissionRao: input.emissionRao) }

        // Storage: bonds of permitted UIDs replaced; a UID losing its permit loses its bonds.
        var nextBonds = state.bondRows
        if nextBonds.count < n { nextBonds += Array(repeating: [], count: n - nextBonds.count) }
        for i in 0..<n {
            if newPermits[i] {
                let range = storedBonds.range(ofRow: i)
                nextBonds[i] = [StoredBond](unsafeUninitializedCapacity: range.count) { row, count in
                    count = 0
                    for k in range {
                        let bond = toU16(storedBonds.values[k], arithmetic)
                        guard bond != 0 else { continue }
                        row.initializeElement(at: count, to: StoredBond(uid: UInt16(storedBonds.columns[k]), bond: bond))
                        count += 1
                    }
                }
            } else if oldPermits[i] {
                nextBonds[i] = []
            }
        }

        return EpochOutput(
            consensus: consensus.map { toU16($0, arithmetic) }, incentive: incentive.map { toU16($0, arithmetic) },
            dividends: dividends.map { toU16($0, arithmetic) }, validatorTrust: validatorTrust.map { toU16($0, arithmetic) },
            stakeWeight: stake.map { toU16($0, arithmetic) }, active: active,
            serverEmissionRao: server, validatorEmissionRao: validator, incentiveRaw: incentive, dividendsRaw: dividends,
            bondsRaw: emaBonds, state: EpochState(bondRows: nextBonds, validatorPermits: newPermits)
        )
    }

    /// The owner's UID when the HEAD code honours it (and it is among the n UIDs).
    static func ownerUID(_ parameters: YumaParameters, count n: Int) -> Int? {
        parameters.code == .head ? parameters.ownerUID.flatMap { $0 < n ? $0 : nil } : nil
    }

    /// The permits an epoch stores: top-k of stake (never zero stake at HEAD), the owner's always.
    static func permits(stake: [Int64], parameters: YumaParameters, owner: Int?) -> [Bool] {
        var permits = topK(stake, parameters.maxAllowedValidators, nonZero: parameters.code == .head)
        if let owner { permits[owner] = true }
        return permits
    }

    /// `fixed_proportion_to_u16`: ⌊x · 65535⌋ clamped to u16.
    @inline(__always) static func toU16<A: EpochArithmetic>(_ x: Int64, _: A.Type) -> UInt16 {
        EpochFixed.floorU16(A.multiply(x, EpochFixed.u16Max))
    }

    /// Normalised stake weights S in I32F32: I64F64 alpha + root · (TaoWeight as U96F32), HEAD's
    /// threshold (owner excepted), normalised in I64F64 then floored to I32F32.
    static func stakeWeights<A: EpochArithmetic>(_ input: EpochInput, parameters: YumaParameters, owner: Int?, _: A.Type) -> [Int64] {
        // TaoWeight: u64 / u64::MAX in U96F32 (32 fractional bits, truncated), then I64F64.
        let taoWeight32 = (UInt128(input.taoWeightU64) << 32) / UInt128(UInt64.max)
        let taoWeight = Int128(taoWeight32 << 32)
        var total: [Int128] = (0..<input.count).map { i in
            let alpha = wide(input.alphaStakeRao[i])
            let root = input.rootStakeRao[i] == 0 || taoWeight == 0 ? 0 : A.wideMultiply(wide(input.rootStakeRao[i]), taoWeight)
            return A.wideAdd(alpha, root)
        }
        if parameters.code == .head {
            for i in total.indices where owner != i && EpochFixed.floorU64(wide: total[i]) < parameters.stakeThresholdRao { total[i] = 0 }
        }
        let sum = total.reduce(Int128(0)) { A.wideAdd($0, $1) }
        if sum != 0 { total = total.map { A.wideSafeDivide($0, sum) } }
        return total.map(EpochFixed.narrow)
    }

    /// A rao amount as I64F64 (`saturating_from_num`: amounts ≥ 2^63 clamp to the maximum).
    static func wide(_ rao: UInt64) -> Int128 { rao > UInt64(Int64.max) ? .max : Int128(rao) << 64 }

    /// `is_topk` / `is_topk_nonzero`: true for the k largest (a stable ascending sort, so on ties
    /// the lower UID loses); with `nonZero`, never for 0.
    static func topK(_ values: [Int64], _ k: Int, nonZero: Bool) -> [Bool] {
        var result = values.map { nonZero ? $0 != 0 : true }
        guard values.count >= k else { return result }
        let order = values.indices.sorted { values[$0] != values[$1] ? values[$0] < values[$1] : $0 < $1 }
        for index in order.prefix(values.count - k) { result[index] = false }
        return result
    }

    /// `col_clip_sparse`: entries above their column's consensus become it, or are dropped when it is 0.
    static func clip(_ weights: SparseRows, _ consensus: [Int64]) -> SparseRows {
        SparseRows.build(rows: weights.rowCount, capacity: weights.values.count) { result in
            weights.columns.withUnsafeBufferPointer { columns in
                weights.values.withUnsafeBufferPointer { values in
                    consensus.withUnsafeBufferPointer { consensus in
                        for i in 0..<weights.rowCount {
                            for k in weights.rowStart[i]..<weights.rowStart[i + 1] {
                                let threshold = consensus[columns[k]], value = values[k]
                                if threshold < value {
                                    if threshold > 0 { result.append(column: columns[k], value: threshold) }
                                } else {
                                    result.append(column: columns[k], value: value)
                                }
                            }
                            result.endRow()
                        }
                    }
                }
            }
        }
    }

    /// `interpolate_sparse`: W + β(W̄ − W); β = 0 gives W and β = 1 gives W̄ as they are
    /// (explicit zeros kept), otherwise only entries > 0, in column order.
    static func interpolate<A: EpochArithmetic>(_ weights: SparseRows, _ clipped: SparseRows, columns: Int, ratio: Int64, _: A.Type) -> SparseRows {
        if ratio == 0 { return weights }
        if ratio == EpochFixed.one { return clipped }
        var result = SparseRows(reservingEntries: weights.values.count)
        var first = [Int64](repeating: 0, count: columns), second = first
        for i in 0..<weights.rowCount {
            SparseMath.densify(weights, row: i, into: &first)
            SparseMath.densify(clipped, row: i, into: &second)
            for j in 0..<columns {
                let value = A.add(first[j], A.multiply(ratio, A.subtract(second[j], first[j])))
                if value > 0 { result.append(column: j, value: value) }
            }
            result.endRow()
        }
        return result
    }

    /// Normalised server and validator scores (§6.5): I and D divided by Σ(I + D); when that is
    /// 0, validators are scored by active stake (or by stake when no stake is active).
    static func emissionShares<A: EpochArithmetic>(incentive: [Int64], dividends: [Int64], activeStake: [Int64], stake: [Int64], _: A.Type) -> (server: [Int64], validator: [Int64]) {
        let sum = zip(incentive, dividends).reduce(Int64(0)) { A.add($0, A.add($1.0, $1.1)) }
        guard sum != 0 else {
            let activeSum = activeStake.reduce(Int64(0)) { A.add($0, $1) }
            return (incentive, activeSum == 0 ? stake : activeStake)
        }
        return (incentive.map { A.safeDivide($0, sum) }, dividends.map { A.safeDivide($0, sum) })
    }
}
