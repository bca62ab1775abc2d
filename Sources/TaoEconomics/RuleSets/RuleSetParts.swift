import FixedMath

/// What a block's TAO emission adds to total issuance.
public enum IssuanceAccounting: String, Sendable, Equatable {
    /// The whole block emission is issued; it all lands in pools (`card`).
    case wholeEmission
    /// Only the TAO injected into pools is issued; the rest is never minted (the launch chain, §1.4).
    case injectedOnly
}

/// How the block's TAO emission is split across subnets.
public enum ShareRule: String, Sendable, Equatable {
    /// tao_in_i = ⌊E·T_i/ΣT⌋ with T the TAO reserves at the start of the block; the remainder
    /// goes one rao each to the largest fractional parts (ties: lower netuid), so Σ = E exactly.
    case taoReserveLargestRemainder
    /// tao_in_i = (E ⊗ p_i) ⊘ Σp in I96F32 with p the EMA prices, floored to rao; the
    /// remainder is not issued (the launch chain, `run_coinbase` step 3).
    case emaPriceI96F32
}

/// How alpha_out is split into owner cut, miners and validators.
public enum EmissionSplit: Sendable, Equatable {
    /// owner = ⌊alpha_out·owner/denominator⌋, miners = ⌊rest·50/100⌋, validators = the rest:
    /// exact, nothing left over (`card`: 18/100).
    case exactPercent(ownerNumerator: UInt64, ownerDenominator: UInt64)
    /// The launch chain in I96F32: owner = alpha_out ⊗ (cut/65535), rest = alpha_out − owner,
    /// root = root_prop ⊗ rest ⊗ 0.5, miners = rest ⊗ 0.5, validators = rest − miners − root;
    /// each floored to rao when it is accumulated (the floors' leftovers are kept as dust).
    case launchI96F32(ownerCutU16: UInt64)
}

/// What root stake earns.
public enum RootDividends: Sendable, Equatable {
    /// Root stake is reported but earns nothing (`card`).
    case none
    /// root_prop = tw·rootTAO / (tw·rootTAO + alpha issuance) in I96F32 with tw = taoWeight /
    /// u64::MAX; the root share of alpha is sold through the pool every block and the TAO is paid
    /// to root stakers at the subnet's epoch (the launch chain, §2.4).
    case sellEveryBlock(taoWeightU64: UInt64)
}

/// Where a new subnet's pool comes from.
public enum PoolInitialisation: Sendable, Equatable {
    /// The whole lock becomes the pool's TAO, at the median spot price of the other subnets
    /// (1.0 if none): alpha = ⌊lock / median⌋ (`card`).
    case wholeLockAtMedianPrice
    /// lock − minimum lock is recycled; the pool starts at minimum lock TAO and as much alpha
    /// (1 TAO : 1 alpha at launch).
    case recycleAboveMinimum
}

/// The EMA a subnet starts with when the scenario gives none.
public enum InitialMovingPrice: String, Sendable, Equatable {
    /// The spot price at the start (`card`).
    case spot
    /// min(spot, 1.0) for subnets present at the start, 0 for subnets registered later (launch).
    case cappedSpotThenZero
}

/// Subnet registration: lock cost (§5.1), pool initialisation, limit and pruning.
public struct RegistrationRules: Sendable, Equatable {
    /// The smallest lock cost, rao.
    public let minimumLockRao: UInt64
    /// The lock decays by ⌊last_lock / interval⌋ per block after a registration.
    public let lockReductionIntervalBlocks: UInt64
    /// Where a new subnet's pool comes from.
    public let poolInitialisation: PoolInitialisation
    /// The most non-root subnets; a registration beyond it prunes one. nil: no limit.
    public let subnetLimit: Int?
    /// A subnet younger than this many blocks cannot be pruned.
    public let immunityBlocks: UInt64

    /// Registration rules with these parts.
    public init(minimumLockRao: UInt64, lockReductionIntervalBlocks: UInt64, poolInitialisation: PoolInitialisation,
                subnetLimit: Int?, immunityBlocks: UInt64) {
        self.minimumLockRao = minimumLockRao
        self.lockReductionIntervalBlocks = lockReductionIntervalBlocks
        self.poolInitialisation = poolInitialisation
        self.subnetLimit = subnetLimit
        self.immunityBlocks = immunityBlocks
    }
}
