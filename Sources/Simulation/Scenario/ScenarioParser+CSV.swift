import CSV
import FixedMath
import Foundation
import TaoEconomics

extension ScenarioParser {
    /// A CSV of `block-or-date,<value>` rows in USD, read exactly: TAO/USD prices (positive) or
    /// miner costs (zero allowed). RFC 4180 through yaslab/CSV.swift: quoted fields, LF, CRLF
    /// or CR line ends, a UTF-8 byte-order mark; blank rows are skipped, and so is the first
    /// row when its first field is neither a block nor a date (a header). Errors name the file and
    /// the row (1-based, the header counted).
    static func parseValueCSV(_ spec: YAMLValue, context: Context, value: String, allowZero: Bool) throws(ScenarioError) -> [(block: UInt64, price: FixedDecimal<Decimal18>)] {
        let name = try spec.text("a path to a CSV file of block-or-date,\(value) rows")
        let path = name.hasPrefix("/") ? name : (context.directory as NSString).appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw spec.error("a readable CSV file (looked for \(path))")
        }
        context.read(path)
        guard var text = String(data: data, encoding: .utf8) else {
            throw spec.error("a CSV file in UTF-8 (\(path) is not)")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let reader: CSVReader
        do { reader = try CSVReader(string: text, trimFields: true) } catch {
            throw spec.error("a CSV file (\(path): \(error))")
        }
        let expected = "block-or-date,\(value) with a USD \(value) \(MicroUSD.range(positive: !allowZero))"
        var points: [(block: UInt64, price: FixedDecimal<Decimal18>)] = []
        var row = 0, sawRow = false
        while let cells = reader.next() {
            row += 1
            if cells.allSatisfy(\.isEmpty) { continue }
            defer { sawRow = true }
            let rowError = ScenarioError(file: path, keyPath: spec.path, line: row, value: cells.joined(separator: ","), expected: expected)
            guard cells.count == 2 else { throw rowError }
            let block: UInt64
            if let parsed = try? BigInteger.parseUInt64(cells[0]) {
                block = parsed
            } else if let date = try? CalendarDate(parsing: cells[0]) {
                block = context.blockOfDay(date.daysSinceEpoch - context.startDate.daysSinceEpoch)
            } else if !sawRow {
                continue  // the header row
            } else {
                throw rowError
            }
            guard let price = try? FixedDecimal<Decimal18>(parsing: cells[1]), MicroUSD.isExact(price, positive: !allowZero) else {
                throw rowError
            }
            guard !points.contains(where: { $0.block == block }) else {
                throw ScenarioError(file: path, keyPath: spec.path, line: row, value: cells.joined(separator: ","),
                                    expected: "one \(value) per block (block \(block) appears twice)")
            }
            points.append((block, price))
        }
        if let error = reader.error { throw spec.error("a readable CSV file (\(path): \(error))") }
        guard !points.isEmpty else { throw spec.error("a CSV with at least one block-or-date,\(value) row") }
        return points.sorted { $0.block < $1.block }
    }
}
