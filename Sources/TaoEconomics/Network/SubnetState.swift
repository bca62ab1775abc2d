/// One subnet in a running network: its pool, pending emission, holders and alpha ledger.
public struct SubnetState: Sendable, Equatable {
    /// The subnet's pool.
    public internal(set) var pool: SubnetPool
    /// The block it registered at.
    public let registeredAtBlock: UInt64
    /// The subnet's own tempo, replacing the rule set's; nil for the rule set's.
    public internal(set) var tempo: UInt64? = nil
    /// Who holds its outstanding alpha.
    public internal(set) var holders: AlphaHolders

    /// Alpha accumulated for the next epoch (inside `pool.alphaOutstandingRao`).
    public internal(set) var pendingOwnerRao: UInt64 = 0
    /// Miners' alpha accumulated for the next epoch, alpha rao.
    public internal(set) var pendingMinerRao: UInt64 = 0
    /// Validators' alpha accumulated for the next epoch, alpha rao.
    public internal(set) var pendingValidatorRao: UInt64 = 0
    /// TAO from root alpha sold every block, paid to root stakers at the epoch (launch).
    public internal(set) var pendingRootTaoRao: UInt64 = 0

    /// Cumulative alpha ledger: issuance = minted − recycled; burned alpha stays issued.
    public internal(set) var alphaMintedRao: UInt64
    /// Alpha recycled (removed from issuance), alpha rao.
    public internal(set) var alphaRecycledRao: UInt64 = 0
    /// Alpha burned (issued, held by nobody), alpha rao.
    public internal(set) var alphaBurnedRao: UInt64 = 0

    /// Cumulative flows since the subnet joined the run (reports difference them).
    public internal(set) var taoInjectedRao: UInt64 = 0
    /// Alpha injected into the pool since the subnet joined the run, alpha rao.
    public internal(set) var alphaInjectedRao: UInt64 = 0
    /// Alpha minted to participants since the subnet joined the run, alpha rao.
    public internal(set) var alphaOutRao: UInt64 = 0
    /// TAO the root share's sales took from the pool since the subnet joined the run, rao.
    public internal(set) var rootTaoSoldRao: UInt64 = 0

    /// The subnet's netuid.
    public var netuid: UInt16 { pool.netuid }

    /// Alpha issuance the emission function sees: pool alpha + outstanding.
    public var alphaIssuanceRao: UInt64 { pool.alphaReserveRao &+ pool.alphaOutstandingRao }

    /// Pending alpha of every kind.
    public var pendingAlphaRao: UInt64 { pendingOwnerRao + pendingMinerRao + pendingValidatorRao }
}
