import FixedMath
import Simulation
import TaoEconomics

/// Writes a run's CSV time series as the run goes: `subnets.csv`, `network.csv`, `events.csv`
/// and `miners.csv` (and `uids.csv` with Yuma consensus), each from its typed column table (Reports/README.md documents them), and
/// its checkpoints (`state-<block>.json`) when the run makes them.
public struct ReportWriter: RunSink {
    let subnets: StreamingFile
    let network: StreamingFile
    let events: StreamingFile
    let miners: StreamingFile
    /// uids.csv, created with the first per-UID rows (runs with Yuma consensus only).
    var uids: StreamingFile?
    let directory: ReportDirectory
    /// What a checkpoint records of the scenario and the engine; nil: checkpoints are ignored.
    let checkpointing: (scenario: StateFile.ScenarioRecord, engineVersion: String)?
    /// The checkpoint files written so far, in order.
    public private(set) var stateFiles: [String] = []

    /// Creates the four files in `directory` and writes their headers; with `checkpointing`,
    /// checkpoints are written as state files recording that scenario and engine.
    public init(directory: ReportDirectory, checkpointing: (scenario: StateFile.ScenarioRecord, engineVersion: String)? = nil) throws(OutputFailure) {
        self.directory = directory
        self.checkpointing = checkpointing
        subnets = try StreamingFile(path: directory.path(SubnetColumns.table.file))
        network = try StreamingFile(path: directory.path(NetworkColumns.table.file))
        events = try StreamingFile(path: directory.path(EventColumns.table.file))
        miners = try StreamingFile(path: directory.path(MinerColumns.table.file))
        try miners.write(MinerColumns.table.header + "\n")
        try subnets.write(SubnetColumns.table.header + "\n")
        try network.write(NetworkColumns.table.header + "\n")
        try events.write(EventColumns.table.header + "\n")
    }

    /// Writes the sample's network.csv row and its subnets.csv rows.
    public mutating func sample(_ sample: NetworkSample) throws(OutputFailure) {
        try network.write(NetworkColumns.table.line(sample) + "\n")
        for subnet in sample.subnets {
            try subnets.write(SubnetColumns.table.line(SubnetRow(sample: sample, subnet: subnet)) + "\n")
        }
    }

    /// Writes the event's events.csv row.
    public mutating func event(_ event: RunEvent) throws(OutputFailure) {
        try events.write(EventColumns.table.line(event) + "\n")
    }

    /// Writes the miners.csv rows of the period ending at `sample`.
    public mutating func miners(_ rows: [MinerSample], at sample: NetworkSample) throws(OutputFailure) {
        for row in rows {
            try miners.write(MinerColumns.table.line(MinerRow(sample: sample, miners: row)) + "\n")
        }
    }

    /// Writes the uids.csv rows at `sample`, creating the file with its header first.
    public mutating func uids(_ rows: [ConsensusUIDRow], at sample: NetworkSample) throws(OutputFailure) {
        if uids == nil {
            let file = try StreamingFile(path: directory.path(UIDColumns.table.file))
            try file.write(UIDColumns.table.header + "\n")
            uids = file
        }
        for row in rows { try uids?.write(UIDColumns.table.line(UIDRow(sample: sample, uid: row)) + "\n") }
    }

    /// Writes `state-<block>.json`.
    public mutating func checkpoint(_ state: RunState) throws(OutputFailure) {
        guard let checkpointing else { return }
        let name = StateFile.fileName(block: state.block)
        try StreamingFile.write(StateFile(state: state, scenario: checkpointing.scenario, engineVersion: checkpointing.engineVersion).text,
                                to: directory.path(name))
        stateFiles.append(name)
    }

    /// Flushes and closes every file.
    public func close() throws(OutputFailure) {
        try uids?.close()
        try miners.close()
        try subnets.close()
        try network.close()
        try events.close()
    }
}
