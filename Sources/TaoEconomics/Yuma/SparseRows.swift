/// A sparse matrix of I32F32 raw values in compressed rows, in the order the chain's
/// `Vec<Vec<(u16, I32F32)>>` holds them: row i's entries are `columns[rowStart[i]..<rowStart[i+1]]`
/// with `values` alongside, in ascending column order when built from sorted input. An entry
/// with value 0 is still an entry: the chain keeps explicit zeros and some steps depend on it.
public struct SparseRows: Equatable, Sendable {
    /// Offsets of each row's first entry; `rowCount + 1` of them.
    public private(set) var rowStart: [Int]
    /// Column of each entry.
    public private(set) var columns: [Int]
    /// I32F32 raw value of each entry.
    public var values: [Int64]

    /// An empty matrix ready for `append` and `endRow`.
    public init(reservingEntries capacity: Int = 0) {
        rowStart = [0]
        columns = []
        values = []
        columns.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
    }

    /// `rows` rows without entries.
    public init(emptyRows rows: Int) {
        rowStart = Array(repeating: 0, count: rows + 1)
        columns = []
        values = []
    }

    /// A matrix of `rows` rows built by `body` through a `Builder` writing straight into
    /// buffers of `capacity` entries (no per-entry capacity or uniqueness checks); `body` must
    /// write at most `capacity` entries and close every row.
    static func build(rows: Int, capacity: Int, _ body: (inout Builder) -> Void) -> SparseRows {
        var result = SparseRows(emptyRows: 0)
        var written = 0
        result.rowStart = [Int](unsafeUninitializedCapacity: rows + 1) { starts, startCount in
            result.columns = [Int](unsafeUninitializedCapacity: capacity) { columns, columnCount in
                result.values = [Int64](unsafeUninitializedCapacity: capacity) { values, valueCount in
                    var builder = Builder(rowStart: starts.baseAddress!, columns: columns.baseAddress!, values: values.baseAddress!, capacity: capacity)
                    builder.rowStart[0] = 0
                    body(&builder)
                    precondition(builder.rows == rows, "every row closed")
                    written = builder.count
                    valueCount = written
                }
                columnCount = written
            }
            startCount = rows + 1
        }
        return result
    }

    /// Writes a matrix's entries in order (see `build`).
    struct Builder {
        let rowStart: UnsafeMutablePointer<Int>
        let columns: UnsafeMutablePointer<Int>
        let values: UnsafeMutablePointer<Int64>
        let capacity: Int
        private(set) var count = 0
        private(set) var rows = 0

        init(rowStart: UnsafeMutablePointer<Int>, columns: UnsafeMutablePointer<Int>, values: UnsafeMutablePointer<Int64>, capacity: Int) {
            self.rowStart = rowStart
            self.columns = columns
            self.values = values
            self.capacity = capacity
        }

        /// Adds an entry to the row being written.
        @inline(__always) mutating func append(column: Int, value: Int64) {
            assert(count < capacity)
            columns[count] = column
            values[count] = value
            count += 1
        }

        /// Closes the row being written.
        @inline(__always) mutating func endRow() {
            rows += 1
            rowStart[rows] = count
        }
    }

    /// Number of rows.
    public var rowCount: Int { rowStart.count - 1 }

    /// The entry range of row `i`.
    @inline(__always) public func range(ofRow i: Int) -> Range<Int> { rowStart[i]..<rowStart[i + 1] }

    /// Adds an entry to the row being built.
    @inline(__always) public mutating func append(column: Int, value: Int64) {
        columns.append(column)
        values.append(value)
    }

    /// Closes the row being built.
    @inline(__always) public mutating func endRow() { rowStart.append(columns.count) }
}

/// The chain's row and column operations on sparse matrices (`epoch/math.rs`), each with the
/// rounding of its I32F32 steps.
enum SparseMath {
    /// Each row divided by its sum when the sum is positive (`inplace_row_normalize_sparse`).
    static func normalizeRows<A: EpochArithmetic>(_ matrix: inout SparseRows, _: A.Type) {
        let starts = matrix.rowStart
        matrix.values.withUnsafeMutableBufferPointer { values in
            for i in 0..<starts.count - 1 {
                let range = starts[i]..<starts[i + 1]
                var sum: Int64 = 0
                for k in range { sum = A.add(sum, values[k]) }
                guard sum > 0 else { continue }
                for k in range { values[k] = A.safeDivide(values[k], sum) }
            }
        }
    }

    /// Each column divided by its sum where the sum is not 0 (`inplace_col_normalize_sparse`).
    static func normalizeColumns<A: EpochArithmetic>(_ matrix: inout SparseRows, columns: Int, _: A.Type) {
        var sums = [Int64](repeating: 0, count: columns)
        let entryColumns = matrix.columns
        sums.withUnsafeMutableBufferPointer { sums in
            entryColumns.withUnsafeBufferPointer { entryColumns in
                matrix.values.withUnsafeMutableBufferPointer { values in
                    for k in values.indices { sums[entryColumns[k]] = A.add(sums[entryColumns[k]], values[k]) }
                    for k in values.indices where sums[entryColumns[k]] != 0 { values[k] = A.safeDivide(values[k], sums[entryColumns[k]]) }
                }
            }
        }
    }

    /// Each column divided by its largest entry where that is not 0 (`inplace_col_max_upscale_sparse`).
    static func upscaleColumns<A: EpochArithmetic>(_ matrix: inout SparseRows, columns: Int, _: A.Type) {
        var maxima = [Int64](repeating: 0, count: columns)
        let entryColumns = matrix.columns
        maxima.withUnsafeMutableBufferPointer { maxima in
            entryColumns.withUnsafeBufferPointer { entryColumns in
                matrix.values.withUnsafeMutableBufferPointer { values in
                    for k in values.indices where maxima[entryColumns[k]] < values[k] { maxima[entryColumns[k]] = values[k] }
                    for k in values.indices where maxima[entryColumns[k]] != 0 { values[k] = A.safeDivide(values[k], maxima[entryColumns[k]]) }
                }
            }
        }
    }

    /// Σ_j of each row (`row_sum_sparse`).
    static func rowSums<A: EpochArithmetic>(_ matrix: SparseRows, _: A.Type) -> [Int64] {
        matrix.values.withUnsafeBufferPointer { values in
            (0..<matrix.rowCount).map { i in
                var sum: Int64 = 0
                for k in matrix.rowStart[i]..<matrix.rowStart[i + 1] { sum = A.add(sum, values[k]) }
                return sum
            }
        }
    }

    /// result_j = Σ_i vector_i · m_ij (`matmul_sparse`).
    static func columnWeightedSums<A: EpochArithmetic>(_ matrix: SparseRows, _ vector: [Int64], columns: Int, _: A.Type) -> [Int64] {
        var result = [Int64](repeating: 0, count: columns)
        result.withUnsafeMutableBufferPointer { result in
            matrix.columns.withUnsafeBufferPointer { entryColumns in
                matrix.values.withUnsafeBufferPointer { values in
                    for i in 0..<matrix.rowCount {
                        let scale = vector[i]
                        for k in matrix.rowStart[i]..<matrix.rowStart[i + 1] {
                            result[entryColumns[k]] = A.add(result[entryColumns[k]], A.multiply(scale, values[k]))
                        }
                    }
                }
            }
        }
        return result
    }

    /// result_i = Σ_j vector_j · m_ij (`matmul_transpose_sparse`).
    static func rowWeightedSums<A: EpochArithmetic>(_ matrix: SparseRows, _ vector: [Int64], _: A.Type) -> [Int64] {
        matrix.columns.withUnsafeBufferPointer { entryColumns in
            matrix.values.withUnsafeBufferPointer { values in
                vector.withUnsafeBufferPointer { vector in
                    (0..<matrix.rowCount).map { i in
                        var sum: Int64 = 0
                        for k in matrix.rowStart[i]..<matrix.rowStart[i + 1] { sum = A.add(sum, A.multiply(vector[entryColumns[k]], values[k])) }
                        return sum
                    }
                }
            }
        }
    }

    /// x divided by its sum when the sum is not 0 (`inplace_normalize`).
    static func normalize<A: EpochArithmetic>(_ x: inout [Int64], _: A.Type) {
        let sum = x.reduce(Int64(0)) { A.add($0, $1) }
        guard sum != 0 else { return }
        for i in x.indices { x[i] = A.safeDivide(x[i], sum) }
    }

    /// Row i's values densified into `buffer` (zeros elsewhere), for element-wise steps.
    static func densify(_ matrix: SparseRows, row i: Int, into buffer: inout [Int64]) {
        for j in buffer.indices { buffer[j] = 0 }
        for k in matrix.range(ofRow: i) { buffer[matrix.columns[k]] = matrix.values[k] }
    }
}
