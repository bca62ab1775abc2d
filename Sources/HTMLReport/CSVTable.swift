import Foundation
import Reporting

/// A CSV file of a report folder read by column name.
struct CSVTable {
    /// The header.
    let columns: [String]
    /// The rows, as written.
    let rows: [[String]]

    /// Reads `path`; nil when the file is missing or not CSV.
    init?(path: String) {
        guard let data = FileManager.default.contents(atPath: path), let rows = GoldenComparison.readRows(data),
              let header = rows.first else { return nil }
        columns = header
        self.rows = Array(rows.dropFirst())
    }

    /// The column index of `name`.
    func index(_ name: String) -> Int? { columns.firstIndex(of: name) }

    /// The cell of `row` in column `name` ("" when absent).
    func cell(_ row: [String], _ name: String) -> String {
        guard let index = index(name), index < row.count else { return "" }
        return row[index]
    }

    /// The cell as a number (nil when empty or not a number).
    func number(_ row: [String], _ name: String) -> Double? { Double(cell(row, name)) }
}
