/// One subnet in a running network: its pool, pending emission, holders and alpha ledger.
public struct SubnetState: Sendable, Equatable {
    public internal(set) var pool: SubnetPool
    public let registeredAtBlock: UInt64
    /// The subnet's own tempo, replacing the rule set's; nil for the rule set's.
    public internal(set) var tempo: UInt64? = nil
    public internal(set) var holders: AlphaHolders

    /// Alpha accumulated for the next epoch (inside `pool.alphaOutstandingRao`).
    public internal(set) var pendingOwnerRao: UInt64 = 0
    public internal(set) var pendingMinerRao: UInt64 = 0
    public internal(set) var pendingValidatorRao: UInt64 = 0
    /// TAO from root alpha sold every block, paid to root stakers at the epoch (launch).
    public internal(set) var pendingRootTaoRao: UInt64 = 0

    /// Cumulative alpha ledger: issuance = minted − recycled; burned alpha stays issued.
    public internal(set) var alphaMintedRao: UInt64
    public internal(set) var alphaRecycledRao: UInt64 = 0
    public internal(set) var alphaBurnedRao: UInt64 = 0

    /// Cumulative flows since the subnet joined the run (reports difference them).
    public internal(set) var taoInjectedRao: UInt64 = 0
    public internal(set) var alphaInjectedRao: UInt64 = 0
    public internal(set) var alphaOutRao: UInt64 = 0
    public internal(set) var rootTaoSoldRao: UInt64 = 0

    public var netuid: UInt16 { pool.netuid }

    /// Alpha issuance the emission function sees: pool alpha + outstanding.
    public var alphaIssuanceRao: UInt64 { pool.alphaReserveRao &+ pool.alphaOutstandingRao }

    /// Pending alpha of every kind.
    public var pendingAlphaRao: UInt64 { pendingOwnerRao + pendingMinerRao + pendingValidatorRao }
}
