/// One subnet in a running network: its pool, pending emission, holders and alpha ledger.
public struct SubnetState: Sendable, Equatable, Codable {
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
    /// Root alpha accumulated for the next epoch (HEAD `PendingRootAlphaDivs`), alpha rao.
    public internal(set) var pendingRootAlphaRao: UInt64 = 0

    /// HEAD: whether the subnet gets a TAO share (`SubnetEmissionEnabled`); without it the
    /// subnet still mints alpha_out.
    public internal(set) var emissionEnabled = true
    /// HEAD: the block of the owner's start_call, nil before it. The subnet emits from that
    /// block's coinbase on (scenario actions come before a block's coinbase), and the EMA's
    /// warm-up counts b = block − startCallBlock.
    public internal(set) var startCallBlock: UInt64?
    /// HEAD: the fraction of the miners' alpha the subnet owner's hotkey takes, and burns.
    public internal(set) var minerBurnFraction: Perquintill = .zero
    /// HEAD `MinerBurned`: withheld ÷ total miner alpha at the last epoch, U96F32 raw (·2^32).
    public internal(set) var minerBurnedRaw: UInt128 = 0
    /// Yuma consensus paying miners and validators, or nil for the fixed payout weights.
    public internal(set) var consensus: SubnetConsensus? = nil
    /// HEAD epoch scheduler: the block of the last epoch (`LastEpochBlock`).
    public internal(set) var lastEpochBlock: UInt64 = 0
    /// HEAD epoch scheduler: a deferred epoch's block (`PendingEpochAt`), 0 for none.
    public internal(set) var pendingEpochAt: UInt64 = 0
    /// spec 475 scheduler (`BlocksSinceLastStep`): blocks since the last epoch, counted every
    /// block up to tempo + 1 and reset at an epoch.
    public internal(set) var blocksSinceLastStep: UInt64 = 0
    /// The subnet's epoch consensus (`SubnetEpochConsensus`; rule sets with Null epochs).
    public internal(set) var epochConsensus: EpochConsensus = .yuma
    /// spec 475 root dividends: the share of the validators' root stake registered on root
    /// (`RootRegisteredBaskets`); 0 recycles the pending root alpha.
    public internal(set) var rootRegisteredFraction: Perquintill = .one
    /// HEAD: TAO in the subnet's account outside the pool (excess emission a chain buy could not
    /// spend), rao; recycled when the subnet is dissolved.
    public internal(set) var accountTaoRao: UInt64 = 0

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
    /// TAO of excess emission spent on chain buys since the subnet joined the run, rao.
    public internal(set) var chainBuyTaoRao: UInt64 = 0
    /// Root alpha claimed by root stakers since the subnet joined the run, alpha rao.
    public internal(set) var rootClaimedAlphaRao: UInt64 = 0

    /// The subnet's netuid.
    public var netuid: UInt16 { pool.netuid }

    /// Alpha issuance the emission function and root_prop see: pool alpha + outstanding + the
    /// alpha reservoir (`get_alpha_issuance`).
    public var alphaIssuanceRao: UInt64 { pool.alphaIssuanceRao }

    /// Pending alpha of every kind.
    public var pendingAlphaRao: UInt64 { pendingOwnerRao + pendingMinerRao + pendingValidatorRao + pendingRootAlphaRao }

    /// HEAD: whether the subnet is in the coinbase's `subnets_to_emit_to` at `block`.
    public func emits(atBlock block: UInt64) -> Bool {
        guard let start = startCallBlock else { return false }
        return block >= start
    }
}
