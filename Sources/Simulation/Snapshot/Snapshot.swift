import FixedMath
import TaoEconomics

/// The formats a chain snapshot can come in (detected from the content; Scenarios/README.md
/// names the versions their field names were read from).
public enum SnapshotFormat: String, Sendable, CaseIterable {
    /// The chain's runtime-API answer `SubnetInfoRuntimeApi.get_all_dynamic_info` decoded to
    /// JSON (integers in rao, the moving price as I96F32 bits), as `scripts/fetch-snapshot.py`
    /// writes it: a bare list, or an object with `dynamic_info` and the extras the script adds.
    case runtimeAPI = "runtime-api"
    /// The bittensor SDK 10.x `DynamicInfo` list written as JSON: amounts in TAO as decimal numbers.
    case sdkDynamicInfo = "sdk-dynamic-info"
    /// `btcli subnets list --json-output` (bittensor-cli 9.x): amounts and prices as floats.
    case btcliSubnetsList = "btcli-subnets-list"

    /// The format's name for messages.
    public var title: String {
        switch self {
        case .runtimeAPI: return "the runtime API's get_all_dynamic_info"
        case .sdkDynamicInfo: return "the bittensor SDK's DynamicInfo list"
        case .btcliSubnetsList: return "btcli subnets list --json-output"
        }
    }
}

/// One subnet as a snapshot records it. What a format lacks is nil.
public struct SnapshotSubnet: Sendable, Equatable {
    /// The subnet.
    public let netuid: UInt16
    /// Its name, when the format gives one.
    public let name: String
    /// TAO in the pool (`tao_in`), rao.
    public let taoReserveRao: UInt64
    /// Alpha in the pool (`alpha_in`), alpha rao.
    public let alphaReserveRao: UInt64
    /// Alpha outstanding (`alpha_out`), alpha rao.
    public let alphaOutstandingRao: UInt64
    /// The moving price (`moving_price`), I96F32.
    public let emaPrice: FixedPoint<I96F32>?
    /// The spot price the chain reports (`price`), U64F64 raw, floored.
    public let priceU64F64Raw: UInt128?
    /// The pool's quote weight (`SwapBalancer`, only from `scripts/fetch-snapshot.py`).
    public let quoteWeight: Perquintill?
    /// The subnet's tempo.
    public let tempo: UInt64?
    /// The block it registered at (`network_registered_at`).
    public let registeredAtBlock: UInt64?
    /// Whether its owner has called start_call (`first_emission_block`, only from
    /// `scripts/fetch-snapshot.py`): nil when the format does not say.
    public let started: Bool?
    /// The start_call block (first emission block − 1), when the format gives it.
    public let startCallBlock: UInt64?
    /// Whether it gets a TAO share (`subnet_emission_enabled`, only from `scripts/fetch-snapshot.py`).
    public let emissionEnabled: Bool?
}

/// A chain snapshot read from a file (`SnapshotReader`).
public struct Snapshot: Sendable {
    /// The file it was read from.
    public let file: String
    /// Its format.
    public let format: SnapshotFormat
    /// The block it was taken at, when the format gives it.
    public let block: UInt64?
    /// Total TAO issued, rao, when the format gives it.
    public let totalIssuanceRao: UInt64?
    /// TAO staked on root (the root subnet's `tao_in`), rao, when the format gives it.
    public let rootStakeRao: UInt64?
    /// The non-root subnets, ascending netuid.
    public let subnets: [SnapshotSubnet]
    /// Decimal amounts with digits beyond the rao, floored on reading.
    public let flooredAmounts: Int
    /// What the format does not carry, filled from the scenario or a default when it is used.
    public let lacks: [String]
}
