import ArgumentParser
import FixedMath
import Foundation
import Simulation
import TaoEconomics

/// `dtao emission --issuance RAO`
struct EmissionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emission",
        abstract: "Print the block emission in rao for a given total issuance (the chain's formula).",
        discussion: """
            The same formula gives a subnet's alpha emission from its alpha issuance. The emission \
            goes to standard output; the issuance as read, in TAO and rao, to standard error, so a \
            misread unit shows.
            """)

    @Option(name: .long, parsing: .unconditional,
            help: ArgumentHelp("Total issuance: rao (10300000000000000), or with a unit (1.03e16 rao, 10.3M TAO); at most the 21,000,000 TAO cap.",
                               valueName: "rao"),
            transform: IssuanceArgument.init(parsing:))
    var issuance: IssuanceArgument

    func run() throws {
        FileHandle.standardError.write(Data("issuance: \(issuance.echo)\n".utf8))
        print(BlockEmission.forIssuance(issuance.rao))
    }
}

/// `dtao issuance --block N [--halving issuance|blocks]`
struct IssuanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issuance",
        abstract: "Print total issuance in rao at the start of a block, from 0 at block 0 with no recycling.")

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Block number.", valueName: "n"), transform: ArgumentParsing.block)
    var block: UInt64

    @Option(name: .long, help: "Halving trigger: issuance (the chain) or blocks (every 10.5M blocks).")
    var halving: HalvingTrigger = .issuance

    func run() throws {
        print(EmissionSchedule(trigger: halving).issuance(atBlock: block))
    }
}

/// `dtao schedule [--halving issuance|blocks | --rules NAME] [--format table|csv|json] [--from-issuance RAO --from-date DATE]
/// [--recycled-tao-per-day TAO]`
struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Print the emission schedule, one row per era, until emission reaches 0.",
        discussion: """
            By default the schedule starts at block 0 with issuance 0, dated \(defaultOriginDate) \
            (a nominal origin). To answer "when is the next halving?", project from a known point \
            with --from-issuance and --from-date: block numbers then count from that point and \
            dates advance at --blocks-per-day. Columns: era, start_block, start_issuance_rao, \
            emission_rao_per_block, start_date, blocks (the era's length; empty for the last row), \
            end_issuance_rao.

            The chain's halvings follow issuance, and the chain recycles TAO (unspent emission, \
            registration locks), so its real halving dates come later than the plain schedule's. \
            --recycled-tao-per-day X takes X TAO out of issuance at every day boundary (each \
            --blocks-per-day blocks from the starting point), the same amount every day, and \
            dates each halving at the first block whose issuance reaches its threshold; a day's \
            recycling can take issuance back under it for a while, and those blocks stay in the \
            new era's row. A projection that does not reach emission 0 within 315,000,000 blocks \
            ends with an open row (empty blocks) and says so on stderr. Issuance trigger only.
            """)

    static let defaultOriginDate = "2021-11-21"

    @Option(name: .long, help: "Halving trigger: issuance (the chain) or blocks (every 10.5M blocks). Default: the rule set's, else issuance.")
    var halving: HalvingTrigger?

    @Option(help: ArgumentHelp("Take the halving trigger from this rule set (card: blocks; the others: issuance).", valueName: "name"))
    var rules: RuleSet?

    @Option(name: .long, help: "Output format: table, csv or json.")
    var format: TableFormat = .table

    @Option(name: .long, parsing: .unconditional,
            help: ArgumentHelp("Start from this total issuance: rao (10300000000000000), or with a unit (1.03e16 rao, 10.3M TAO).", valueName: "rao"),
            transform: IssuanceArgument.init(parsing:))
    var fromIssuance: IssuanceArgument?

    @Option(name: .long, help: ArgumentHelp("Calendar date of the starting point (YYYY-MM-DD).", valueName: "date"), transform: ArgumentParsing.date)
    var fromDate: CalendarDate?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Absolute block of the starting point; only the blocks trigger depends on it.", valueName: "n"), transform: ArgumentParsing.block)
    var fromBlock: UInt64 = 0

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Blocks per day for dates (7,200 at 12-second blocks).", valueName: "n"), transform: ArgumentParsing.blocksPerDay)
    var blocksPerDay: UInt64 = Supply.nominalBlocksPerDay

    @Option(name: .long, parsing: .unconditional,
            help: ArgumentHelp("TAO recycled at every day boundary, the same each day (issuance trigger).", valueName: "tao"),
            transform: ArgumentParsing.taoAmount)
    var recycledTaoPerDay: UInt64?

    /// How far a projection with recycling looks: the longest scenario horizon.
    static let projectionHorizonBlocks = ScenarioParser.Defaults.maximumHorizonBlocks

    /// The halving trigger: --halving, else the rule set's, else the chain's (issuance).
    var trigger: HalvingTrigger { halving ?? rules?.halving ?? .issuance }

    func validate() throws {
        if let halving, let rules, halving != rules.halving {
            throw ValidationError("--halving \(halving) contradicts --rules \(rules.name), whose halvings follow \(rules.halving)")
        }
        if recycledTaoPerDay != nil, trigger != .issuance {
            throw ValidationError("--recycled-tao-per-day needs --halving issuance: under the blocks trigger recycling does not move a halving")
        }
    }

    func run() throws {
        // A constant date that always parses.
        let origin = try fromDate ?? CalendarDate(parsing: Self.defaultOriginDate)
        let clock = BlockClock(originBlock: fromBlock, originDate: origin, blocksPerDay: blocksPerDay)
        let schedule = EmissionSchedule(trigger: trigger)
        var rows = ScheduleTable.rows(schedule: schedule, fromBlock: fromBlock, issuanceRao: fromIssuance?.rao ?? 0, clock: clock)
        if let recycledTaoPerDay, recycledTaoPerDay > 0 {
            let eras = schedule.projectedEras(from: fromBlock, issuanceRao: fromIssuance?.rao ?? 0, recycledRaoPerDay: recycledTaoPerDay,
                                              blocksPerDay: blocksPerDay, horizonBlocks: Self.projectionHorizonBlocks)
            rows = ScheduleTable.rows(eras: eras, schedule: schedule, clock: clock)
            if let last = eras.last, last.emissionRaoPerBlock > 0 {
                FileHandle.standardError.write(Data("note: with \(FixedDecimal<Rao>(raw: BigInteger(recycledTaoPerDay))) TAO recycled a day, era \(last.era) has not ended \(Self.projectionHorizonBlocks) blocks after the starting point; its row is left open\n".utf8))
            }
        }
        // The starting issuance as read: above the table, on standard error beside csv and json.
        let start = "from issuance \((fromIssuance ?? IssuanceArgument.zero).echo)"
        if format == .table { print(start) } else { FileHandle.standardError.write(Data((start + "\n").utf8)) }
        print(ScheduleTable.render(rows, format: format, countFrom: fromBlock), terminator: "")
    }
}
