import Foundation
@testable import Reporting
import Testing

/// The column tables are the one definition of each report: names are unique, every column is
/// documented in Reports/README.md, and the golden comparison uses their comparisons.
@Suite struct ColumnTableTests {
    static let readme: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("Reports/README.md"), encoding: .utf8)) ?? ""
    }()

    @Test(arguments: GoldenComparison.tables.map(\.file))
    func everyColumnIsUniqueAndDocumented(_ file: String) throws {
        let specs = try #require(GoldenComparison.tables.first { $0.file == file }?.specs)
        #expect(Set(specs.map(\.name)).count == specs.count)
        #expect(Self.readme.contains("## \(file)"))
        for spec in specs {
            #expect(Self.readme.contains("`\(spec.name)`"), "\(file): \(spec.name) is not in Reports/README.md")
        }
    }

    @Test func comparisonsFollowTheTable() {
        let price = SubnetColumns.priceTao.spec.comparison
        #expect(price.accepts(expected: "0.111111111111111111", actual: "0.111111111111111112"))
        #expect(!price.accepts(expected: "0.1", actual: "0.2"))
        let reserve = SubnetColumns.taoReserve.spec.comparison
        #expect(reserve == .exact)
        #expect(!reserve.accepts(expected: "100", actual: "101"))
        #expect(!ColumnComparison.derivedDecimal.accepts(expected: "1", actual: "text"))
    }

    @Test func goldenComparisonReadsQuotedMultiLineFields() throws {
        let fresh = try ReportFixtures.temporaryDirectory(), golden = try ReportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: fresh); try? FileManager.default.removeItem(atPath: golden) }
        for directory in [fresh, golden] {
            for table in GoldenComparison.tables {
                let header = table.specs.map(\.name).joined(separator: ",")
                let body = table.file == EventColumns.table.file ? "1,2025-01-01,,refused,x,0,0,\"two\nlines, and \"\"quotes\"\"\"\n" : ""
                try (header + "\n" + body).write(toFile: (directory as NSString).appendingPathComponent(table.file), atomically: true, encoding: .utf8)
            }
        }
        #expect(GoldenComparison.compare(fresh: fresh, golden: golden).status == .match)
        let changed = (golden as NSString).appendingPathComponent(EventColumns.table.file)
        try (EventColumns.table.header + "\n1,2025-01-01,,refused,x,0,0,\"two\nlines\"\n").write(toFile: changed, atomically: true, encoding: .utf8)
        let result = GoldenComparison.compare(fresh: fresh, golden: golden)
        #expect(result.status == .drift)
        #expect(result.differences.first?.column == "detail")
        #expect(result.differingCells[EventColumns.table.file] == 1)
    }
}
