/// The stake-weighted median of each column (`weighted_median_col_sparse` and
/// `weighted_median`), with the chain's deterministic mid-pivot search.
enum WeightedMedian {
    /// Per column j, the largest score w such that the rows scoring j at ≥ w hold at least
    /// `majority` of the (renormalised) positive stake, found exactly as the chain does:
    /// rows with stake ≤ 0 are left out, the rest renormalised; a row without an entry for j
    /// scores 0; `minority = Σstake − majority`.
    static func columns<A: EpochArithmetic>(stake: [Int64], scores: SparseRows, columns: Int, majority: Int64, _ arithmetic: A.Type) -> [Int64] {
        var useStake: [Int64] = [], useRow: [Int] = []
        for (i, s) in stake.enumerated() where s > 0 {
            useStake.append(s)
            useRow.append(i)
        }
        SparseMath.normalize(&useStake, arithmetic)
        let stakeSum = useStake.reduce(Int64(0)) { A.add($0, $1) }
        let minority = A.subtract(stakeSum, majority)
        let k = useStake.count
        // Column-major scores of the positive-stake rows.
        var columnScores = [Int64](repeating: 0, count: columns * k)
        for (position, i) in useRow.enumerated() where i < scores.rowCount {
            for entry in scores.range(ofRow: i) where scores.columns[entry] < columns {
                columnScores[scores.columns[entry] * k + position] = scores.values[entry]
            }
        }
        var scratch = Scratch(capacity: k)
        defer { scratch.deallocate() }
        return useStake.withUnsafeBufferPointer { stakes in
            columnScores.withUnsafeBufferPointer { all in
                (0..<columns).map { j in
                    median(stake: stakes, score: UnsafeBufferPointer(rebasing: all[(j * k)..<(j * k + k)]), minority: minority, high: stakeSum, scratch: &scratch, arithmetic)
                }
            }
        }
    }

    /// Three index buffers for one median search, allocated once per epoch.
    struct Scratch {
        var current: UnsafeMutablePointer<Int32>, lower: UnsafeMutablePointer<Int32>, upper: UnsafeMutablePointer<Int32>
        init(capacity: Int) {
            current = .allocate(capacity: max(1, capacity))
            lower = .allocate(capacity: max(1, capacity))
            upper = .allocate(capacity: max(1, capacity))
        }
        func deallocate() {
            current.deallocate()
            lower.deallocate()
            upper.deallocate()
        }
    }

    /// `weighted_median` over all rows: pivot at position ⌊n/2⌋ of the current index list;
    /// recurse into the lower part while the minority lies below it, into the upper part while
    /// it lies at or above it; else the pivot. Gives up (0) after as many rounds as rows.
    static func median<A: EpochArithmetic>(stake: UnsafeBufferPointer<Int64>, score: UnsafeBufferPointer<Int64>, minority: Int64, high: Int64, scratch: inout Scratch, _: A.Type) -> Int64 {
        var n = stake.count
        for i in 0..<n { scratch.current[i] = Int32(i) }
        var low: Int64 = 0, high = high
        let limit = stake.count
        var rounds = 0
        while true {
            if n == 0 { return 0 }
            if n == 1 { return score[Int(scratch.current[0])] }
            let pivot = score[Int(scratch.current[n / 2])]
            var lowStake: Int64 = 0, highStake: Int64 = 0
            var lowerCount = 0, upperCount = 0
            for position in 0..<n {
                let index = Int(scratch.current[position])
                let value = score[index]
                if value == pivot { continue }
                if value < pivot {
                    lowStake = A.add(lowStake, stake[index])
                    scratch.lower[lowerCount] = Int32(index)
                    lowerCount += 1
                } else {
                    highStake = A.add(highStake, stake[index])
                    scratch.upper[upperCount] = Int32(index)
                    upperCount += 1
                }
            }
            if minority < A.add(low, lowStake), lowerCount > 0 {
                swap(&scratch.current, &scratch.lower)
                n = lowerCount
                high = A.add(low, lowStake)
            } else if A.subtract(high, highStake) <= minority, upperCount > 0 {
                swap(&scratch.current, &scratch.upper)
                n = upperCount
                low = A.subtract(high, highStake)
            } else {
                return pivot
            }
            rounds += 1
            if rounds > limit { return 0 }
        }
    }
}
