import TaoEconomics

/// The machine failed to write an output (disk full, an unwritable folder): not the input's
/// fault, and not the rules'.
public struct OutputFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file or folder being written.
    public let path: String
    /// What the system said.
    public let reason: String

    /// A failure writing `path`, with the system's `reason`.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot write \(path): \(reason)" }
}

/// Why a run could not start or continue.
public enum RunError: Error, Sendable, CustomStringConvertible {
    /// The scenario describes an impossible network.
    case scenario(ScenarioError)
    /// A sink (the report files) failed to write.
    case output(OutputFailure)
    /// An invariant failed; the run stopped at the first violation.
    case invariant(InvariantViolation)
    /// A checkpoint does not fit the scenario it was to resume (bad input).
    case resume(String)
    /// The run finished but its ledger does not balance (a rule broke conservation): a failed
    /// run, whose reports are not kept.
    case ledger([LedgerViolation])

    public var description: String {
        switch self {
        case let .scenario(error): return error.description
        case let .output(failure): return failure.description
        case let .invariant(violation): return violation.description
        case let .resume(reason): return "cannot resume: \(reason)"
        case let .ledger(violations): return "the ledger does not balance: " + violations.map(\.description).joined(separator: "; ")
        }
    }
}

/// Where a run sends its rows, as it goes.
public protocol RunSink {
    mutating func sample(_ sample: NetworkSample) throws(OutputFailure)
    mutating func event(_ event: RunEvent) throws(OutputFailure)
    /// Miner rows for the period ending at `sample` (subnets with miners only).
    mutating func miners(_ rows: [MinerSample], at sample: NetworkSample) throws(OutputFailure)
    /// The run's state at a checkpoint (`SimulationRun.checkpointEveryBlocks`).
    mutating func checkpoint(_ state: RunState) throws(OutputFailure)
    /// Per-UID rows at `sample` for subnets with Yuma consensus (none without it).
    mutating func uids(_ rows: [ConsensusUIDRow], at sample: NetworkSample) throws(OutputFailure)
}

extension RunSink {
    /// By default a sink ignores miner rows.
    public mutating func miners(_ rows: [MinerSample], at sample: NetworkSample) throws(OutputFailure) {}
    /// By default a sink ignores checkpoints.
    public mutating func checkpoint(_ state: RunState) throws(OutputFailure) {}
    /// By default a sink ignores per-UID rows.
    public mutating func uids(_ rows: [ConsensusUIDRow], at sample: NetworkSample) throws(OutputFailure) {}
}

/// A sink that passes everything to two sinks, `first` then `second`.
public struct TeeSink<First: RunSink, Second: RunSink>: RunSink {
    /// The first sink.
    public var first: First
    /// The second sink.
    public var second: Second

    /// A tee of `first` and `second`.
    public init(_ first: First, _ second: Second) {
        self.first = first
        self.second = second
    }

    /// Passes the sample to both sinks.
    public mutating func sample(_ sample: NetworkSample) throws(OutputFailure) {
        try first.sample(sample)
        try second.sample(sample)
    }

    /// Passes the event to both sinks.
    public mutating func event(_ event: RunEvent) throws(OutputFailure) {
        try first.event(event)
        try second.event(event)
    }

    /// Passes the miner rows to both sinks.
    public mutating func miners(_ rows: [MinerSample], at sample: NetworkSample) throws(OutputFailure) {
        try first.miners(rows, at: sample)
        try second.miners(rows, at: sample)
    }

    /// Passes the checkpoint to both sinks.
    public mutating func checkpoint(_ state: RunState) throws(OutputFailure) {
        try first.checkpoint(state)
        try second.checkpoint(state)
    }

    /// Passes the per-UID rows to both sinks.
    public mutating func uids(_ rows: [ConsensusUIDRow], at sample: NetworkSample) throws(OutputFailure) {
        try first.uids(rows, at: sample)
        try second.uids(rows, at: sample)
    }
}

/// A sink that keeps nothing.
public struct DiscardingSink: RunSink {
    /// A sink that keeps nothing.
    public init() {}
    /// Ignores the sample.
    public mutating func sample(_ sample: NetworkSample) throws(OutputFailure) {}
    /// Ignores the event.
    public mutating func event(_ event: RunEvent) throws(OutputFailure) {}
}
