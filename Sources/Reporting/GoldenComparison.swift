import Foundation

/// One cell that differs between a fresh report and its stored baseline.
public struct GoldenDifference: Sendable, Equatable, CustomStringConvertible {
    public let file: String
    /// 1-based line in the file (the header is line 1).
    public let line: Int
    /// The row's key: its block, date and netuid where the file has them.
    public let key: String
    public let column: String
    public let expected: String
    public let actual: String

    public var description: String {
        "\(file) line \(line) (\(key)) column \(column): expected \(expected), got \(actual)"
    }
}

/// The outcome of comparing a fresh report with a baseline.
public struct GoldenResult: Sendable {
    /// The first differences (at most `limit`), in file order.
    public let differences: [GoldenDifference]
    /// Rows that differ in all, per file.
    public let differingRows: [String: Int]
    /// Problems that are not cell differences: a missing file, a changed header, a row count.
    public let problems: [String]

    public var matches: Bool { differences.isEmpty && problems.isEmpty }
}

/// Compares report CSVs with stored baselines, column by column: integer and text columns
/// exactly, derived decimal columns (prices and USD figures) within a relative tolerance.
public enum GoldenComparison {
    /// The files compared (the manifest holds timing, and the summary is derived from these).
    public static let files = ["subnets.csv", "network.csv", "miners.csv", "events.csv"]
    /// Derived decimal columns, compared with `relativeTolerance`; every other column exactly.
    public static let toleranceColumns: Set<String> = [
        "price_tao", "ema_price_tao", "price_usd", "market_cap_usd", "tao_usd", "revenue_usd", "realised_usd", "cost_usd",
        "profit_usd", "margin", "breakeven_tao_usd", "breakeven_alpha_price_tao", "profit_usd_per_miner", "marginal_miner_profit_usd",
    ]
    /// |fresh − stored| ≤ 1e-9 · max(1, |stored|).
    public static let relativeTolerance = 1e-9

    public static func compare(fresh: String, golden: String, limit: Int = 10) -> GoldenResult {
        var differences: [GoldenDifference] = []
        var differingRows: [String: Int] = [:]
        var problems: [String] = []
        for file in files {
            let freshPath = (fresh as NSString).appendingPathComponent(file)
            let goldenPath = (golden as NSString).appendingPathComponent(file)
            guard let stored = try? String(contentsOfFile: goldenPath, encoding: .utf8) else {
                problems.append("\(goldenPath) is missing: store baselines with --update-golden")
                continue
            }
            guard let current = try? String(contentsOfFile: freshPath, encoding: .utf8) else {
                problems.append("the fresh run wrote no \(file)")
                continue
            }
            let storedLines = stored.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let currentLines = current.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard storedLines.first == currentLines.first else {
                problems.append("\(file): the columns changed: expected \(storedLines.first ?? ""), got \(currentLines.first ?? "")")
                continue
            }
            let header = CSVRow.fields(storedLines.first ?? "")
            if storedLines.count != currentLines.count {
                problems.append("\(file): expected \(storedLines.count - 1) lines after the header, got \(currentLines.count - 1)")
            }
            for index in 1..<min(storedLines.count, currentLines.count) where storedLines[index] != currentLines[index] {
                let expected = CSVRow.fields(storedLines[index]), actual = CSVRow.fields(currentLines[index])
                var rowDiffers = false
                for (column, name) in header.enumerated() {
                    let a = column < expected.count ? expected[column] : "", b = column < actual.count ? actual[column] : ""
                    guard a != b, !withinTolerance(column: name, expected: a, actual: b) else { continue }
                    rowDiffers = true
                    if differences.count < limit {
                        differences.append(GoldenDifference(file: file, line: index + 1, key: key(header: header, row: expected),
                                                            column: name, expected: a, actual: b))
                    }
                }
                if rowDiffers { differingRows[file, default: 0] += 1 }
            }
        }
        return GoldenResult(differences: differences, differingRows: differingRows, problems: problems)
    }

    static func withinTolerance(column: String, expected: String, actual: String) -> Bool {
        guard toleranceColumns.contains(column), let a = Double(expected), let b = Double(actual) else { return false }
        return abs(a - b) <= relativeTolerance * max(1, abs(a))
    }

    static func key(header: [String], row: [String]) -> String {
        ["block", "date", "netuid"].compactMap { name in
            header.firstIndex(of: name).flatMap { $0 < row.count ? "\(name) \(row[$0])" : nil }
        }.joined(separator: ", ")
    }

    /// Copies a fresh report's compared files and summary into `golden`, replacing it.
    public static func update(fresh: String, golden: String) throws(ReportError) {
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: golden, withIntermediateDirectories: true)
            for file in files + ["summary.md"] {
                let target = (golden as NSString).appendingPathComponent(file)
                if manager.fileExists(atPath: target) { try manager.removeItem(atPath: target) }
                try manager.copyItem(atPath: (fresh as NSString).appendingPathComponent(file), toPath: target)
            }
        } catch {
            throw ReportError("cannot update \(golden): \(error)")
        }
    }
}

/// Splits one CSV line (RFC 4180 quoting).
enum CSVRow {
    static func fields(_ line: String) -> [String] {
        var fields: [String] = [], current = "", quoted = false
        var characters = line.makeIterator()
        while let character = characters.next() {
            if quoted {
                if character == "\"" {
                    if let next = characters.next() {
                        if next == "\"" { current.append("\"") } else { quoted = false; if next == "," { fields.append(current); current = "" } else { current.append(next) } }
                    } else { quoted = false }
                } else { current.append(character) }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
