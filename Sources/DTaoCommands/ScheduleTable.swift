import Reporting
import TaoEconomics

/// One era of the emission schedule as printed by `dtao schedule`.
struct ScheduleRow: Equatable {
    let era: Int
    let startBlock: UInt64
    let startIssuanceRao: UInt64
    let emissionRaoPerBlock: UInt64
    let startDate: CalendarDate
    /// nil for the last row, whose emission lasts for ever.
    let blocks: UInt64?
    let endIssuanceRao: UInt64?
}

/// A schedule row in JSON: block numbers counted from the starting point, nulls for the last
/// row's open length.
struct ScheduleRowJSON: Encodable {
    let row: ScheduleRow
    let origin: UInt64

    enum CodingKeys: String, CodingKey { case era, startBlock, startIssuanceRao, emissionRaoPerBlock, startDate, blocks, endIssuanceRao }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(row.era, forKey: .era)
        try container.encode(row.startBlock - origin, forKey: .startBlock)
        try container.encode(row.startIssuanceRao, forKey: .startIssuanceRao)
        try container.encode(row.emissionRaoPerBlock, forKey: .emissionRaoPerBlock)
        try container.encode(row.startDate.description, forKey: .startDate)
        try container.encode(row.blocks, forKey: .blocks)
        try container.encode(row.endIssuanceRao, forKey: .endIssuanceRao)
    }
}

enum ScheduleTable {
    static let columns = ["era", "start_block", "start_issuance_rao", "emission_rao_per_block", "start_date", "blocks", "end_issuance_rao"]

    /// The schedule's segments as rows, from (`fromBlock`, `issuanceRao`) until emission is 0.
    static func rows(schedule: EmissionSchedule, fromBlock: UInt64, issuanceRao: UInt64, clock: BlockClock) -> [ScheduleRow] {
        schedule.segments(from: fromBlock, issuanceRao: issuanceRao).map { segment in
            ScheduleRow(
                era: schedule.era(block: segment.startBlock, issuanceRao: segment.startIssuanceRao),
                startBlock: segment.startBlock, startIssuanceRao: segment.startIssuanceRao,
                emissionRaoPerBlock: segment.emissionRaoPerBlock, startDate: clock.date(ofBlock: segment.startBlock),
                blocks: segment.blockCount, endIssuanceRao: segment.endIssuanceRao)
        }
    }

    /// Projected eras (`EmissionSchedule.projectedEras`) as rows.
    static func rows(eras: [ProjectedEra], schedule: EmissionSchedule, clock: BlockClock) -> [ScheduleRow] {
        eras.map { era in
            ScheduleRow(era: era.era, startBlock: era.startBlock, startIssuanceRao: era.startIssuanceRao, emissionRaoPerBlock: era.emissionRaoPerBlock,
                        startDate: clock.date(ofBlock: era.startBlock), blocks: era.blockCount, endIssuanceRao: era.endIssuanceRao)
        }
    }

    /// Text cells of a row; block numbers count from `countFrom`.
    static func cells(_ row: ScheduleRow, countFrom origin: UInt64) -> [String] {
        [String(row.era), String(row.startBlock - origin), String(row.startIssuanceRao), String(row.emissionRaoPerBlock),
         row.startDate.description, row.blocks.map(String.init) ?? "", row.endIssuanceRao.map(String.init) ?? ""]
    }

    static func render(_ rows: [ScheduleRow], format: TableFormat, countFrom origin: UInt64) -> String {
        let body = rows.map { cells($0, countFrom: origin) }
        switch format {
        case .csv:
            return ([columns] + body).map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
        case .table:
            return TextTable.render(header: columns, rows: body)
        case .json:
            return JSONText.encode(rows.map { ScheduleRowJSON(row: $0, origin: origin) })
        }
    }
}

/// Right-aligned plain-text tables for terminals.
enum TextTable {
    static func render(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { String(repeating: " ", count: $1 - $0.count) + $0 }.joined(separator: "  ")
        }
        return all.map(line).joined(separator: "\n") + "\n"
    }
}
