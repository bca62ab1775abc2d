import CSV
import Foundation
import Simulation

/// One cell that differs between a fresh report and its stored baseline.
public struct GoldenDifference: Sendable, Equatable, Encodable, CustomStringConvertible {
    /// The report file.
    public let file: String
    /// 1-based line in the file (the header is line 1).
    public let line: Int
    /// The row's key: its block, date and netuid where the file has them.
    public let key: String
    /// The column's name.
    public let column: String
    /// The baseline's cell.
    public let expected: String
    /// The fresh run's cell.
    public let actual: String

    public var description: String {
        "\(file) line \(line) (\(key)) column \(column): expected \(expected), got \(actual)"
    }
}

/// Something wrong with a compared file as a whole, rather than with a cell.
public enum GoldenProblem: Sendable, Equatable, Encodable, CustomStringConvertible {
    /// The baseline has no such file (or no folder at all).
    case missingBaseline(file: String)
    /// The fresh run wrote no such file.
    case missingFresh(file: String)
    /// The header changed: columns were added, removed or renamed.
    case columnsChanged(file: String, expected: String, actual: String)
    /// The files have different numbers of rows.
    case rowCount(file: String, expected: Int, actual: Int)

    public var description: String {
        switch self {
        case let .missingBaseline(file): return "no baseline for \(file): store baselines with --update-golden"
        case let .missingFresh(file): return "the fresh run wrote no \(file)"
        case let .columnsChanged(file, expected, actual): return "\(file): the columns changed: expected \(expected), got \(actual)"
        case let .rowCount(file, expected, actual): return "\(file): expected \(expected) rows after the header, got \(actual)"
        }
    }

    enum CodingKeys: String, CodingKey { case kind, file, message }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let (kind, file): (String, String) = switch self {
        case let .missingBaseline(file): ("missing_baseline", file)
        case let .missingFresh(file): ("missing_fresh", file)
        case let .columnsChanged(file, _, _): ("columns_changed", file)
        case let .rowCount(file, _, _): ("row_count", file)
        }
        try container.encode(kind, forKey: .kind)
        try container.encode(file, forKey: .file)
        try container.encode(description, forKey: .message)
    }
}

/// How a fresh report compares with its baseline.
public enum GoldenStatus: String, Sendable, Equatable, Encodable {
    /// No baseline directory was given.
    case skipped
    /// Every compared file matches.
    case match
    /// A cell, a header or a row count differs.
    case drift
    /// The baseline (or one of its files) does not exist.
    case missing
    /// The baseline was rewritten from the fresh run (`--update-golden`).
    case updated
}

/// The outcome of comparing a fresh report with a baseline.
public struct GoldenResult: Sendable {
    /// The first differences (at most the limit asked for), in file order.
    public let differences: [GoldenDifference]
    /// Differing cells in all, per file (every compared file listed, 0 when it matches).
    public let differingCells: [String: Int]
    /// Differing rows in all, per file.
    public let differingRows: [String: Int]
    /// Problems with whole files: missing, changed columns, row counts.
    public let problems: [GoldenProblem]

    /// missing when a baseline file is missing, match when nothing differs, drift otherwise.
    public var status: GoldenStatus {
        if problems.contains(where: { if case .missingBaseline = $0 { return true } else { return false } }) { return .missing }
        return differences.isEmpty && problems.isEmpty && differingCells.values.allSatisfy { $0 == 0 } ? .match : .drift
    }
}

/// Compares report CSVs with stored baselines, column by column, each by its column table's
/// comparison (`ColumnComparison`): integers, dates and text exactly, decimals derived from
/// floating-point inputs within a relative 1e-9.
public enum GoldenComparison {
    /// The compared files and their column specs. `summary.md` is not stored: it is derived
    /// from these files, so comparing them covers it.
    public static let tables: [(file: String, specs: [ColumnSpec])] = [
        (SubnetColumns.table.file, SubnetColumns.table.specs), (NetworkColumns.table.file, NetworkColumns.table.specs),
        (MinerColumns.table.file, MinerColumns.table.specs), (EventColumns.table.file, EventColumns.table.specs),
    ]

    /// Files compared when either side has them: uids.csv, written only by runs with Yuma consensus.
    public static let optionalTables: [(file: String, specs: [ColumnSpec])] = [(UIDColumns.table.file, UIDColumns.table.specs)]

    /// The compared files' names (always present).
    public static var files: [String] { tables.map(\.file) }

    /// Compares the report in `fresh` with the baseline in `golden`, keeping at most `limit`
    /// differences (all are counted).
    public static func compare(fresh: String, golden: String, limit: Int = 10) -> GoldenResult {
        var differences: [GoldenDifference] = []
        var cells: [String: Int] = [:], rows: [String: Int] = [:]
        var problems: [GoldenProblem] = []
        let present = optionalTables.filter { table in
            [golden, fresh].contains { FileManager.default.fileExists(atPath: ($0 as NSString).appendingPathComponent(table.file)) }
        }
        for (file, specs) in tables + present {
            cells[file] = 0
            rows[file] = 0
            guard let storedBytes = FileManager.default.contents(atPath: (golden as NSString).appendingPathComponent(file)) else {
                problems.append(.missingBaseline(file: file))
                continue
            }
            guard let currentBytes = FileManager.default.contents(atPath: (fresh as NSString).appendingPathComponent(file)) else {
                problems.append(.missingFresh(file: file))
                continue
            }
            // Byte-identical files match without parsing either (the usual case in CI).
            if currentBytes == storedBytes { continue }
            guard let stored = readRows(storedBytes) else {
                problems.append(.missingBaseline(file: file))
                continue
            }
            guard let current = readRows(currentBytes) else {
                problems.append(.missingFresh(file: file))
                continue
            }
            guard stored.first == current.first, let header = stored.first else {
                problems.append(.columnsChanged(file: file, expected: stored.first?.joined(separator: ",") ?? "",
                                                actual: current.first?.joined(separator: ",") ?? ""))
                continue
            }
            if stored.count != current.count {
                problems.append(.rowCount(file: file, expected: stored.count - 1, actual: current.count - 1))
            }
            let comparisons = header.map { name in specs.first { $0.name == name }?.comparison ?? .exact }
            for index in 1..<min(stored.count, current.count) where stored[index] != current[index] {
                let expected = stored[index], actual = current[index]
                var rowDiffers = false
                for (column, name) in header.enumerated() {
                    let a = column < expected.count ? expected[column] : "", b = column < actual.count ? actual[column] : ""
                    guard !comparisons[column].accepts(expected: a, actual: b) else { continue }
                    rowDiffers = true
                    cells[file, default: 0] += 1
                    if differences.count < limit {
                        differences.append(GoldenDifference(file: file, line: index + 1, key: key(header: header, row: expected),
                                                            column: name, expected: a, actual: b))
                    }
                }
                if rowDiffers { rows[file, default: 0] += 1 }
            }
        }
        return GoldenResult(differences: differences, differingCells: cells, differingRows: rows, problems: problems)
    }

    /// Every row of a CSV file's bytes (RFC 4180, yaslab/CSV.swift), or nil when they cannot be
    /// read. The one reader of the report files the engine wrote (golden comparison, HTML report).
    public static func readRows(_ data: Data) -> [[String]]? {
        guard let text = String(data: data, encoding: .utf8), let reader = try? CSVReader(string: text) else { return nil }
        var rows: [[String]] = []
        while let row = reader.next() {
            if row == [""] { continue }  // the final line end
            rows.append(row)
        }
        return rows
    }

    static func key(header: [String], row: [String]) -> String {
        ["block", "date", "netuid"].compactMap { name in
            header.firstIndex(of: name).flatMap { $0 < row.count ? "\(name) \(row[$0])" : nil }
        }.joined(separator: ", ")
    }

    /// Replaces the baseline in `golden` with a fresh report's compared files and `record`, all
    /// at once: the new baseline is assembled in `<golden>.partial-<pid>` (with any other file
    /// the old folder held, but not a stored `summary.md`, which is not a baseline file), each
    /// file synced, and renamed over the old folder only when complete (`ReportDirectory`), the
    /// parent folder synced. On any failure (a full disk, an unwritable folder) the old baseline
    /// is left byte for byte as it was and nothing else remains.
    public static func update(fresh: String, golden: String, record: BaselineRecord) throws(OutputFailure) {
        let manager = FileManager.default
        let staging: ReportDirectory
        do { staging = try ReportDirectory(out: golden, force: true) } catch {
            if case let .output(failure) = error { throw failure }
            throw OutputFailure(path: golden, reason: error.description)
        }
        do {
            let baselineFiles = Set(files + optionalTables.map(\.file) + [BaselineRecord.fileName, "summary.md"])
            let kept = ((try? manager.contentsOfDirectory(atPath: golden)) ?? []).filter { !baselineFiles.contains($0) }.sorted()
            for file in kept {
                try manager.copyItem(atPath: (golden as NSString).appendingPathComponent(file), toPath: staging.path(file))
            }
            for file in files + optionalTables.map(\.file) {
                let source = (fresh as NSString).appendingPathComponent(file)
                guard files.contains(file) || manager.fileExists(atPath: source) else { continue }
                try manager.copyItem(atPath: source, toPath: staging.path(file))
                try SystemError.synchronize(staging.path(file))
            }
        } catch let failure as OutputFailure {
            staging.abandon()
            throw failure
        } catch {
            staging.abandon()
            throw OutputFailure(path: staging.workingPath, reason: SystemError.message(error))
        }
        let stored = ((try? manager.contentsOfDirectory(atPath: staging.workingPath)) ?? [])
            .filter { (files + optionalTables.map(\.file)).contains($0) }.sorted()
        do { try record.storing(stored, in: staging.workingPath).write(to: staging.workingPath) } catch { staging.abandon(); throw error }
        try staging.commit()
    }
}
