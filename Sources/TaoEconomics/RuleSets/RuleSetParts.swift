import FixedMath

/// What a block's TAO emission adds to total issuance.
public enum IssuanceAccounting: String, Sendable, Equatable {
    /// The whole block emission is issued; it all lands in pools (`card`).
    case wholeEmission
    /// Only the TAO injected into pools is issued; the rest is never minted (the launch chain, §1.4).
    case injectedOnly
    /// The whole block emission E is minted as a credit; what the coinbase spends (injections,
    /// chain buys) stays issued and the rest (refused injections, rounding) is recycled the same
    /// block, so issuance grows by E − recycled (HEAD, §1.4, §2.3 step 6).
    case creditUnspentRecycled
}

/// How the block's TAO emission is split across subnets.
public enum ShareRule: String, Sendable, Equatable {
    /// tao_in_i = ⌊E·T_i/ΣT⌋ with T the TAO reserves at the start of the block; the remainder
    /// goes one rao each to the largest fractional parts (ties: lower netuid), so Σ = E exactly.
    case taoReserveLargestRemainder
    /// tao_in_i = (E ⊗ p_i) ⊘ Σp in I96F32 with p the EMA prices, floored to rao; the
    /// remainder is not issued (the launch chain, `run_coinbase` step 3).
    case emaPriceI96F32
    /// HEAD (§2.2): s_i = p_i ÷ Σp (U64F64, EMA prices of the subnets that emit), w_i = s_i ⊗
    /// (1 − min(miner burned_i, 1)), share_i = w_i ÷ Σw (s_i when Σw = 0), renormalised over
    /// the emission-enabled subnets; tao_emission_i = E ⊗ share_i (U96F32).
    case emaPriceNetOfMinerBurn

    /// Whether a subnet's `MinerBurned` and `SubnetEmissionEnabled` enter its share.
    public var weighsMinerBurnAndEmissionSwitch: Bool { self == .emaPriceNetOfMinerBurn }
}

/// How alpha_out is split into owner cut, miners and validators.
public enum EmissionSplit: Sendable, Equatable {
    /// owner = ⌊alpha_out·owner/denominator⌋, miners = ⌊rest·50/100⌋, validators = the rest:
    /// exact, nothing left over (`card`: 18/100; `subnet_owner_cut` N makes it N/65535).
    case exactFraction(ownerNumerator: UInt64, ownerDenominator: UInt64)
    /// The launch chain in I96F32: owner = alpha_out ⊗ (cut/65535), rest = alpha_out − owner,
    /// root = root_prop ⊗ rest ⊗ 0.5, miners = rest ⊗ 0.5, validators = rest − miners − root;
    /// each floored to rao when it is accumulated (the floors' leftovers are kept as dust).
    case launchI96F32(ownerCutU16: UInt64)
    /// HEAD in U96F32 (§2.3): owner = alpha_out ⊗ (cut ÷ 65535), rest = alpha_out − owner,
    /// root = root_prop ⊗ rest ⊗ ½ with root_prop recomputed after the block's minting, miners =
    /// rest ⊗ ½, validators = rest − miners − root; each floored to rao when accumulated.
    case headU96F32(ownerCutU16: UInt64)
}

/// What root stake earns.
public enum RootDividends: Sendable, Equatable {
    /// Root stake is reported but earns nothing (`card`).
    case none
    /// root_prop = tw·rootTAO / (tw·rootTAO + alpha issuance) in I96F32 with tw = taoWeight /
    /// u64::MAX; the root share of alpha is sold through the pool every block and the TAO is paid
    /// to root stakers at the subnet's epoch (the launch chain, §2.4).
    case sellEveryBlock(taoWeightU64: UInt64)
    /// HEAD (§2.4): the same root_prop; the root share of alpha is kept as alpha, paid at the
    /// subnet's epoch as claimable per unit of root stake, and claimed by root stakers (swap:
    /// sold fee-less and staked on root; keep: held as alpha). Recycled instead when the EMA
    /// prices of the emitting subnets add up to at most 1.
    case claimable(taoWeightU64: UInt64)
    /// spec 475 (§2.2c): the same root_prop and root alpha, but at the epoch only the
    /// root-registered share of the validators' root stake earns it (a subnet's
    /// `root_registered_fraction`; none registered: the pending root alpha is recycled); what they
    /// earn accumulates in place as a basket of alpha (no sale at payout), and each claim sells
    /// a pro-rata slice of the basket for root TAO.
    case rootRegisteredBaskets(taoWeightU64: UInt64)

    /// TaoWeight (u64, normalised by u64::MAX), or nil without root dividends.
    public var taoWeightU64: UInt64? {
        switch self {
        case .none: return nil
        case let .sellEveryBlock(weight), let .claimable(weight), let .rootRegisteredBaskets(weight): return weight
        }
    }

    /// Whether root dividends are kept as alpha for root stakers to claim (HEAD), not sold.
    public var keepsAlpha: Bool {
        switch self {
        case .claimable, .rootRegisteredBaskets: return true
        case .none, .sellEveryBlock: return false
        }
    }

    /// The same policy with another TaoWeight (`tao_weight`); `.none` stays `.none`.
    func with(taoWeightU64 weight: UInt64) -> RootDividends {
        switch self {
        case .none: return .none
        case .sellEveryBlock: return .sellEveryBlock(taoWeightU64: weight)
        case .claimable: return .claimable(taoWeightU64: weight)
        case .rootRegisteredBaskets: return .rootRegisteredBaskets(taoWeightU64: weight)
        }
    }
}

/// What root stakers do with claimable root dividends (HEAD `RootClaimType`).
public enum RootClaim: String, Sendable, Equatable, CaseIterable {
    /// Sell the alpha fee-less at the lowest price limit and stake the TAO on root (the
    /// chain's default): root stake grows.
    case swap
    /// Hold the alpha.
    case keep

    /// `RootClaimableThreshold`'s default, 500,000 alpha rao, as I96F32 raw: a claim smaller than
    /// it waits for the next epoch.
    public static let defaultThresholdRaw: UInt128 = 500_000 << 32
}

/// When a subnet's epoch runs (its pending emission is paid). A tempo of 0 never runs.
public enum EpochSchedule: Sendable, Equatable {
    /// When (block + netuid + 1) mod (tempo + 1) = 0 (launch to 2026-06-24).
    case staggered
    /// When block − last epoch block ≥ tempo, at most `maximumPerBlock` a block in netuid
    /// order, the rest deferred a block; a subnet present at the start has its last epoch at
    /// start − (netuid mod tempo) (HEAD `should_run_epoch`, §2.5).
    case sinceLastEpoch(maximumPerBlock: Int)
    /// spec 475 (§2.2c): due when a deferred epoch's block has come (`PendingEpochAt`), when
    /// `BlocksSinceLastStep` (counted every block, capped at tempo + 1, reset at an epoch) passes
    /// tempo, or when block − last epoch block ≥ tempo; at most `maximumPerBlock` a block in
    /// netuid order, and only one while any due subnet runs the Null consensus.
    case spec475(maximumPerBlock: Int)

    /// The most epochs a block runs; nil under the staggered schedule (every due one runs).
    public var maximumPerBlock: Int? {
        switch self {
        case .staggered: return nil
        case let .sinceLastEpoch(maximum), let .spec475(maximum): return maximum
        }
    }

    /// Whether the schedule keeps `LastEpochBlock` (and `PendingEpochAt`) per subnet.
    public var tracksLastEpoch: Bool { maximumPerBlock != nil }

    /// The same schedule with another per-block maximum (`max_epochs_per_block`).
    func with(maximumPerBlock maximum: Int) -> EpochSchedule {
        switch self {
        case .staggered: return .staggered
        case .sinceLastEpoch: return .sinceLastEpoch(maximumPerBlock: maximum)
        case .spec475: return .spec475(maximumPerBlock: maximum)
        }
    }
}

/// The order of a block's coinbase, per subnet; every consumer of the block asks this part.
public enum CoinbaseOrder: String, Sendable, Equatable {
    /// `card` and the launch chain: tao_in with price-neutral alpha (capped) joins the pool, then
    /// alpha_out is minted and split (the launch root share sold through the pool); nothing is
    /// bought and the issuance part says what is issued.
    case injectThenSplit
    /// HEAD to spec 443 (§2.3): the whole emission is a credit; per subnet the pool re-weights
    /// for (⌊tao_in⌋, ⌊alpha_in⌋), the excess TAO buys alpha against the re-weighted pool, the
    /// reserves grow; then alpha_out. Unspent credit is recycled.
    case injectThenBuy
    /// From spec 472 at the latest (§2.2c): the same credit, but the excess TAO buys alpha
    /// first, fee-less at the highest price limit, and only then is this block's TAO and alpha
    /// placed through the reservoir policy; the whole alpha_in is minted.
    case buyThenInject

    /// Whether the block runs the HEAD coinbase (the emission minted as a credit, recycled where
    /// unspent); `injectThenSplit` is the card and launch block.
    public var isCredit: Bool { self != .injectThenSplit }
}

/// What the coinbase does with an injection a weighted pool's bounds cannot take.
public enum ReservoirPolicy: String, Sendable, Equatable {
    /// Nothing is injected and the TAO is recycled with the unspent credit (HEAD to spec 443).
    case refuse
    /// spec 472–475 `adjust_protocol_liquidity`: with P_τ = TAO reservoir + ⌊tao_in⌋ and P_α =
    /// alpha reservoir + ⌊alpha_in⌋ the pool tries (P_τ, P_α), else (0, P_α) parking P_τ, else
    /// (P_τ, 0) parking P_α, else parks both; parked amounts stay in `BalancerTaoReservoir` /
    /// `BalancerAlphaReservoir` (issued, outside the pool) for the next block's try.
    case park
}

/// Who decides the miners' and validators' shares of a subnet's epoch.
public struct ConsensusRules: Sendable, Equatable {
    /// The epoch code a scenario's Yuma epochs follow unless `consensus.rules` names another.
    public let epochCode: EpochCode
    /// Whether a subnet may run the chain's Null epoch consensus (`epoch_consensus: none`,
    /// `SubnetEpochConsensus` of spec 474–475): no Yuma, the epoch's budget split by a fixed rule.
    public let nullEpochs: Bool

    /// Consensus rules with these parts.
    public init(epochCode: EpochCode, nullEpochs: Bool = false) {
        self.epochCode = epochCode
        self.nullEpochs = nullEpochs
    }
}

/// How a subnet's epoch consensus is run on the chain (`SubnetEpochConsensus`, spec 474–475).
public enum EpochConsensus: String, Sendable, Equatable, Codable, CaseIterable {
    /// Yuma (the default): the scenario's `consensus:` or the fixed-share stand-in.
    case yuma
    /// The chain's Null consensus: no weights are scored; the miners' half of the epoch's budget
    /// (budget − ⌊budget/2⌋) follows the highest-stake validator's weights, the validators'
    /// half (⌊budget/2⌋) follows stake, each by largest remainder.
    case none
}

/// Where a new subnet's pool comes from.
public enum PoolInitialisation: Sendable, Equatable {
    /// The whole lock becomes the pool's TAO, at the median spot price of the other subnets
    /// (1.0 if none): alpha = ⌊lock / median⌋ exactly (`card`).
    case wholeLockAtMedianPrice
    /// HEAD (§5.2): the whole lock (at least the minimum lock) becomes the pool's TAO and its
    /// alpha is ⌊U64F64(lock) ÷ median⌋ with the median of the positive U64F64 spot prices (the
    /// mean of the two middle ones, truncated, for an even count; 1.0 if none); quote weight ½.
    case wholeLockAtMedianPriceU64F64
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

/// How a new subnet starts emitting.
public enum SubnetActivation: Sendable, Equatable {
    /// It emits from its registration on (`card`, `launch-2025-02`).
    case immediate
    /// HEAD: its owner calls start_call the block after registration, and it gets no TAO share
    /// until root enables its emission (`SubnetEmissionEnabled` false at registration, §5.2).
    case startCallNextBlockEmissionOff
}

/// What dissolving a subnet does with its pool's TAO.
public enum DissolutionRule: Sendable, Equatable {
    /// Pending emission is paid out first, then the pool's TAO goes to every alpha holder pro rata
    /// (`card`, and the launch rule set, which never prunes).
    case payAllHolders
    /// HEAD (§5.4, every subnet taken as registered after the refund deployment): pending emission
    /// and unclaimed root dividends are dropped; the pool's TAO is split by largest remainder over
    /// the holders' alpha and the protocol's weight (pool alpha + protocol alpha); the stakers'
    /// parts become free TAO, the protocol's part and the subnet account's TAO are recycled.
    case protocolShareRecycled
}

/// Subnet registration: lock cost (§5.1), pool initialisation, limit and pruning.
public struct RegistrationRules: Sendable, Equatable {
    /// The smallest lock cost, rao (`network_min_lock_cost`).
    public internal(set) var minimumLockRao: UInt64
    /// The lock decays by ⌊last_lock / interval⌋ per block after a registration
    /// (`network_lock_reduction_interval`).
    public internal(set) var lockReductionIntervalBlocks: UInt64
    /// HEAD: the interval is ⌊interval ⊗ (E ÷ 10^9)⌋ (I64F64) with E this block's emission, so
    /// it halves with each TAO halving.
    public let lockIntervalHalvesWithEmission: Bool
    /// The last lock when a scenario gives none, rao; nil: the minimum lock (HEAD: 1,250 TAO,
    /// `migrate_network_lock_cost_2500`, paid at the start block).
    public let defaultLastLockRao: UInt64?
    /// A registration closer than this many blocks to the last one is refused (0: no limit;
    /// `network_rate_limit`).
    public internal(set) var rateLimitBlocks: UInt64
    /// Where a new subnet's pool comes from.
    public let poolInitialisation: PoolInitialisation
    /// How a new subnet starts emitting.
    public let activation: SubnetActivation
    /// The most non-root subnets; a registration beyond it prunes one (`subnet_limit`). nil: no limit.
    public internal(set) var subnetLimit: Int?
    /// A subnet younger than this many blocks cannot be pruned (`network_immunity_period`).
    public internal(set) var immunityBlocks: UInt64
    /// What dissolving a subnet does with its pool's TAO.
    public let dissolution: DissolutionRule

    /// Registration rules with these parts.
    public init(minimumLockRao: UInt64, lockReductionIntervalBlocks: UInt64, lockIntervalHalvesWithEmission: Bool = false,
                defaultLastLockRao: UInt64? = nil, rateLimitBlocks: UInt64 = 0, poolInitialisation: PoolInitialisation,
                activation: SubnetActivation = .immediate, subnetLimit: Int?, immunityBlocks: UInt64, dissolution: DissolutionRule = .payAllHolders) {
        self.minimumLockRao = minimumLockRao
        self.lockReductionIntervalBlocks = lockReductionIntervalBlocks
        self.lockIntervalHalvesWithEmission = lockIntervalHalvesWithEmission
        self.defaultLastLockRao = defaultLastLockRao
        self.rateLimitBlocks = rateLimitBlocks
        self.poolInitialisation = poolInitialisation
        self.activation = activation
        self.subnetLimit = subnetLimit
        self.immunityBlocks = immunityBlocks
        self.dissolution = dissolution
    }
}
