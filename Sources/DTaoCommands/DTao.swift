import ArgumentParser

/// The `dtao` command: an exact economics engine for Bittensor's dynamic TAO.
public struct DTao: ParsableCommand {
    /// The engine version, recorded in every manifest and baseline.
    public static let version = "0.3.0"

    /// The root command: its abstract, exit-code contract and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "dtao",
        abstract: "An exact economics engine for Bittensor's dynamic TAO.",
        discussion: """
            Amounts are integer rao (1 TAO = 1,000,000,000 rao) and every result is exact. \
            Exit codes, for every subcommand: 0 success; 1 the rules refused or a check failed \
            (a refused trade, an invariant violation, a drift, a failed run in a sweep); 2 bad \
            input (including unknown options and malformed numbers); 3 the machine failed it \
            (disk full, an unwritable folder), leaving nothing half-written.
            """,
        version: version,
        subcommands: [RunCommand.self, CheckCommand.self, RulesCommand.self, EmissionCommand.self, IssuanceCommand.self, ScheduleCommand.self, SwapCommand.self, MaxAmountCommand.self, InjectCommand.self, SnapshotCommand.self, SweepCommand.self, ReportCommand.self, CompareCommand.self, EpochCommand.self, BenchCommand.self]
    )

    public init() {}
}
