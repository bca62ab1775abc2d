/// How `dtao check` compares a column of a fresh report with its baseline.
public enum ColumnComparison: Sendable, Equatable, CustomStringConvertible {
    /// Byte for byte: integers, dates, names, and decimals that are exact floors of integers.
    case exact
    /// As numbers, within |fresh − stored| ≤ tolerance · max(1, |stored|): decimals derived from
    /// floating-point inputs (a GBM price path, the subnet generator), whose last digits may
    /// differ between machines' maths libraries.
    case relative(Double)

    /// The tolerance `dtao check` uses for derived decimals.
    public static let derivedDecimal = ColumnComparison.relative(1e-9)

    /// Whether `actual` is an acceptable value where the baseline has `expected`.
    public func accepts(expected: String, actual: String) -> Bool {
        if expected == actual { return true }
        switch self {
        case .exact: return false
        case let .relative(tolerance):
            guard let a = Double(expected), let b = Double(actual) else { return false }
            return abs(a - b) <= tolerance * max(1, abs(a))
        }
    }

    public var description: String {
        switch self {
        case .exact: return "exact"
        case let .relative(tolerance): return "relative \(tolerance)"
        }
    }
}

/// The unit of a report column, as Reports/README.md documents it.
public enum ColumnUnit: String, Sendable, CaseIterable {
    case block, date = "YYYY-MM-DD", none = "", rao, alphaRao = "alpha rao", taoPerAlpha = "TAO per alpha", usd = "USD"
    case usdPerAlpha = "USD per alpha", usdPerTao = "USD per TAO", fraction = "fraction", count = "count", text = "text"
    case raoPerBlock = "rao per block"
}

/// The name, unit and comparison of a column, without its row type: what the golden
/// comparison and the documentation need.
public struct ColumnSpec: Sendable, Equatable {
    /// The CSV header cell.
    public let name: String
    /// The unit its cells are in.
    public let unit: ColumnUnit
    /// How `dtao check` compares it with a baseline.
    public let comparison: ColumnComparison
}

/// One column of a report: declared once, it gives the CSV header cell, each row's cell, the
/// golden comparison and the unit. The summary and the charts read cells through it too.
public struct ReportColumn<Row>: Sendable {
    /// Its name, unit and comparison.
    public let spec: ColumnSpec
    let format: @Sendable (Row) -> String

    /// A column called `name` in `unit`, compared by `comparison`, whose cell for a row is
    /// `format(row)` (already exact text: integers, floored decimals, quoted text).
    public init(_ name: String, _ unit: ColumnUnit, _ comparison: ColumnComparison = .exact, format: @escaping @Sendable (Row) -> String) {
        spec = ColumnSpec(name: name, unit: unit, comparison: comparison)
        self.format = format
    }

    /// The CSV header cell.
    public var name: String { spec.name }

    /// The cell for `row`.
    public func cell(_ row: Row) -> String { format(row) }
}

/// A report file's typed column table: the CSV header and every row come from it.
public struct ReportTable<Row>: Sendable {
    /// The report file the table describes (e.g. `subnets.csv`).
    public let file: String
    /// The columns, in file order.
    public let columns: [ReportColumn<Row>]

    /// The table of `file` with `columns` in that order.
    public init(file: String, columns: [ReportColumn<Row>]) {
        self.file = file
        self.columns = columns
    }

    /// The header line, without its line end.
    public var header: String { columns.map(\.name).joined(separator: ",") }

    /// One row's line, without its line end.
    public func line(_ row: Row) -> String { columns.map { $0.cell(row) }.joined(separator: ",") }

    /// The columns' names, units and comparisons.
    public var specs: [ColumnSpec] { columns.map(\.spec) }
}

/// CSV quoting (RFC 4180): a field with a comma, quote or line end is quoted, quotes doubled.
public enum CSVText {
    /// `text` as one CSV field.
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
