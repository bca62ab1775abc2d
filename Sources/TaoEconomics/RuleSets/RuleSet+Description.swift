import FixedMath

extension RuleSet {
    /// Each part as (name, what it does, with its values), for `dtao rules NAME` and run
    /// manifests; the notes follow as `note_N`.
    public var parts: [(name: String, value: String)] {
        var lines: [(String, String)] = []
        lines.append(("coinbase_order", coinbase.summary))
        switch halving {
        case .blocks: lines.append(("halving", "blocks: emission ⌊1e9 / 2^⌊block / 10,500,000⌋⌋ rao per block, 0 from block 315,000,000; clipped at the 21,000,000 TAO cap"))
        case .issuance: lines.append(("halving", "issuance: the chain's get_block_emission_for_issuance (I96F32); halving k from ceil(21e15·(1 − 2^−k)) rao; 0 at or above 21,000,000 TAO"))
        }
        switch issuance {
        case .wholeEmission: lines.append(("issued_tao", "the whole block emission (it all lands in pools)"))
        case .injectedOnly: lines.append(("issued_tao", "only the TAO injected into pools; the rest of the emission is never issued"))
        case .creditUnspentRecycled: lines.append(("issued_tao", "the whole block emission is minted as a credit; TAO spent on injections and chain buys stays issued, the rest (refused injections, rounding) is recycled the same block: issuance grows by E − recycled"))
        }
        switch shares {
        case .taoReserveLargestRemainder: lines.append(("subnet_share", "pool TAO at the start of the block: ⌊E·T_i/ΣT⌋, the remainder one rao each to the largest fractional parts (ties: lower netuid)"))
        case .emaPriceI96F32: lines.append(("subnet_share", "EMA price: (E ⊗ p_i) ⊘ Σp in I96F32, floored; the remainder is not issued"))
        case .emaPriceNetOfMinerBurn:
            lines.append(("emitting_subnets", "subnets whose owner has called start_call (scenario actions come before a block's coinbase, so from that block on); a subnet with emission disabled gets no TAO share but still mints alpha_out"))
            lines.append(("subnet_share", "s_i = p_i ÷ Σp over the subnets that emit (U64F64 EMA prices); w_i = s_i ⊗ (1 − min(MinerBurned_i, 1)); share_i = w_i ÷ Σw (s_i when Σw = 0), renormalised over the emission-enabled subnets; tao_i = E ⊗ share_i (U96F32)"))
        }
        if let gate { lines.append(("emission_gate", gate.description + "; applied to the shares above, before tao_i")) }
        let issuance = reservoirs == .park ? "pool alpha + outstanding + alpha reservoir" : "pool alpha + outstanding"
        lines.append(("alpha_emission", "the emission function applied to the subnet's alpha issuance (\(issuance)); its own halvings and 21,000,000 cap"))
        switch pool.injection {
        case .exactFloor: lines.append(("alpha_injection", "alpha_in = min(⌊tao_in·A/T⌋, alpha emission); tao_in injected in full when capped"))
        case .launchI96F32: lines.append(("alpha_injection", "alpha_in = min(tao_in ⊘ (T/A), alpha emission) in I96F32, floored; alpha emission when the price is 0; tao_in not reduced when capped"))
        case .reweighting:
            lines.append(("alpha_injection", "alpha_in = tao_i ÷ spot (U96F32, the spot before the block, truncated), capped at root_prop ⊗ alpha emission with root_prop before the block's minting (then tao_in = alpha_in ⊗ spot and the excess TAO buys alpha for the protocol); the pool re-weights for the TAO Δy and alpha Δx it takes: q1 = round(w1·y·(x+Δx)), q2 = round(w2·x·(y+Δy)) (half up), w2' = ⌊10^18·q2/(q1+q2)⌋/10^18, which must stay in [0.01, 0.99]"))
            switch coinbase {
            case .buyThenInject:
                lines.append(("chain_buy", "⌊excess⌋ buys alpha fee-less at the highest price limit against the pool before this block's injection; the alpha is held by the protocol; TAO the buy does not take stays in the subnet's account, and a refused buy returns it to the credit (recycled)"))
            default:
                lines.append(("chain_buy", "⌊excess⌋ buys alpha fee-less at the highest price limit against the re-weighted pool (the new weight, the old reserves); the alpha is held by the protocol; a refused buy leaves the TAO in the subnet's account, recycled at dissolution"))
            }
            switch reservoirs {
            case .refuse: lines.append(("reservoirs", "none: an injection the weight bounds refuse enters nothing, and its TAO is recycled with the unspent credit"))
            case .park: lines.append(("reservoirs", "P_τ = TAO reservoir + ⌊tao_in⌋, P_α = alpha reservoir + ⌊alpha_in⌋; the pool takes (P_τ, P_α), else (0, P_α) parking P_τ, else (P_τ, 0) parking P_α, else parks both; the whole alpha_in is minted; parked TAO and alpha are issued, held outside the pool, counted in the subnet's alpha issuance (alpha), and tried again next block"))
            }
        }
        lines.append(("alpha_out", "the alpha emission every block, counted as outstanding when minted (pending included)"))
        switch split {
        case let .exactFraction(numerator, denominator):
            lines.append(("owner_cut", "⌊alpha_out·\(numerator)/\(denominator)⌋"))
            lines.append(("miners_validators", "miners ⌊rest·50/100⌋, validators the rest"))
        case let .launchI96F32(cut):
            lines.append(("owner_cut", "alpha_out ⊗ (\(cut)/65535) in I96F32, floored when accumulated"))
            lines.append(("miners_validators", "miners rest ⊗ 0.5; validators rest − miners − root alpha (I96F32, floored when accumulated)"))
        case let .headU96F32(cut):
            lines.append(("owner_cut", "alpha_out ⊗ (\(cut)/65535) in U96F32, floored when accumulated"))
            lines.append(("miners_validators", "miners rest ⊗ 0.5; validators rest − miners − root alpha, root_prop recomputed after the block's minting (U96F32, floored when accumulated)"))
        }
        switch root {
        case .none: lines.append(("root_dividends", "none: root stake is reported but earns nothing"))
        case let .sellEveryBlock(weight):
            lines.append(("root_dividends", "root_prop = tw·root / (tw·root + alpha issuance), tw = \(weight)/18446744073709551615 (0.18); root alpha = root_prop ⊗ rest ⊗ 0.5, sold through the pool every block, the TAO paid to root stakers at the epoch"))
        case let .claimable(weight):
            lines.append(("root_dividends", "root_prop = tw·root / (tw·root + alpha issuance), tw = \(weight)/18446744073709551615 (0.18); root alpha = root_prop ⊗ rest ⊗ 0.5, kept as alpha and paid at the epoch as claimable; recycled when Σ EMA prices of the emitting subnets ≤ 1"))
            lines.append(("root_claims", "root stakers claim at each epoch, once at least \(thresholdText) alpha rao is claimable: swap (the default) sells the alpha fee-less down to the lowest price limit and stakes the TAO on root; keep holds the alpha (valued in network.csv); the scenario's root.claim says which"))
        case let .rootRegisteredBaskets(weight):
            lines.append(("root_dividends", "root_prop = tw·root / (tw·root + alpha issuance), tw = \(weight)/18446744073709551615; root alpha = root_prop ⊗ rest ⊗ 0.5 accrues as pending; at the epoch the root-registered share of it (each subnet's root_registered_fraction, default 1) joins the root stakers' basket and the rest is recycled (all of it when none is registered, or when Σ EMA prices of the emitting subnets ≤ 1)"))
            lines.append(("root_claims", "at each epoch the root stakers claim a pro-rata slice of the basket (the scenario's root.claim_slice, default the whole basket) once it reaches \(thresholdText) alpha rao: swap sells it fee-less down to the lowest price limit and stakes the TAO on root; keep holds it"))
        }
        switch epochs {
        case .staggered: lines.append(("tempo", "\(tempo): pending emission paid when (block + netuid + 1) mod \(tempo + 1) = 0"))
        case let .sinceLastEpoch(maximum), let .spec475(maximum):
            if case .spec475 = epochs {
                lines.append(("tempo", "\(tempo): an epoch is due when a deferred epoch's block has come, when BlocksSinceLastStep (counted every block, at most tempo + 1, reset at the epoch) passes tempo, or when block − last epoch block ≥ tempo; at most \(maximum) a block in netuid order (1 while a due subnet runs the Null consensus), the rest deferred one block; a subnet at the start has its last epoch at start − (netuid mod tempo)"))
            } else {
                lines.append(("tempo", "\(tempo): an epoch is due when block − last epoch block ≥ tempo (or a deferred epoch's block has come); at most \(maximum) a block in netuid order, the rest deferred one block; a subnet at the start has its last epoch at start − (netuid mod tempo)"))
            }
            lines.append(("miner_burn", "at each epoch ⌊miners' alpha ⊗ miner_burned⌋ goes to the owner's hotkey and is burned (issued, held by nobody); MinerBurned = withheld ÷ miners' alpha (U96F32) enters the shares from the next block; a subnet at the start holds its miner_burned as MinerBurned"))
            lines.append(("ema_order", "the EMA updates after the coinbase and the epochs, for the subnets that emit, with b = block − start_call block; root claims follow"))
        }
        lines.append(("consensus", "miners' and validators' alpha by fixed shares from the scenario (equal by default), a stand-in for Yuma, or by Yuma/Yuma3 epochs from simulated validators' weights (consensus:), the \(consensus.epochCode.rawValue) epoch code by default" + (consensus.nullEpochs ? "; a subnet may run the chain's Null consensus (epoch_consensus: none)" : "")))
        switch pool.curve {
        case let .constantProduct(rounding): lines.append(("swap_rounding", "constant product x·y = k, " + rounding.description))
        case .weighted: lines.append(("swap_curve", pool.curve.description))
        }
        lines.append(("swap_fee", pool.fee.description))
        lines.append(("minimum_output_reserve_rao", String(pool.minimumOutputReserveRao)))
        if case .weighted = pool.curve {
            lines.append(("minimum_stake_rao", "\(pool.minimumStakeRao) (a stake needs the minimum plus its fee and must put the minimum into the pool; an unstake must pay the minimum out unless it closes the position)"))
            lines.append(("slippage_limits", "on the final spot price: the swap stops at the limit and the rest is returned; get_max_amount_add/remove simulate an input of 1000 × the reserve"))
        } else {
            lines.append(("minimum_stake_rao", pool.minimumStakeRao == 0 ? "none" : "\(pool.minimumStakeRao) (an add needs the minimum plus the flat fee; a removal needs more than the minimum out)"))
            lines.append(("slippage_limits", pool.priceLimit == .exact ? "average price, exact" : "average price, get_max_amount_add/remove with the launch quirks"))
        }
        let ema = pool.ema
        lines.append(("ema", "P ← α·s + (1 − α)·P in \(ema.arithmetic == .i96f32 ? "I96F32" : "U64F64 (stored as I96F32)"), α = \(ema.smoothing.decimalString(fractionDigits: 12, rounding: .halfEven)) (raw \(ema.smoothing.raw) / 2^64)\(ema.capsSpotAtOne ? ", spot capped at 1.0" : ", spot not capped")\(ema.warmUpHalvingBlocks.map { ", warm-up b/(b + \($0))" } ?? ", no warm-up")"))
        lines.append(("ema_default", initialMovingPrice == .spot ? "the spot price at the start" : "min(spot, 1.0) for subnets present at the start; 0 for subnets registered later"))
        let registration = self.registration
        let interval = registration.lockIntervalHalvesWithEmission
            ? "⌊\(registration.lockReductionIntervalBlocks) ⊗ (E ÷ 10^9)⌋ (I64F64, E this block's emission)" : String(registration.lockReductionIntervalBlocks)
        lines.append(("lock_cost", "max(min lock, last lock·2 − ⌊last lock / \(interval)⌋·blocks since), min lock \(registration.minimumLockRao) rao; ×1 before any registration"))
        if let lastLock = registration.defaultLastLockRao {
            lines.append(("last_lock_default", "\(lastLock) rao at the start block unless the scenario's start says otherwise (the chain's migrate_network_lock_cost_2500)"))
        }
        if registration.rateLimitBlocks > 0 {
            lines.append(("registration_rate_limit", "one registration per \(registration.rateLimitBlocks) blocks; a closer one is refused"))
        }
        switch registration.poolInitialisation {
        case .wholeLockAtMedianPrice: lines.append(("new_pool", "the whole lock as TAO, alpha ⌊lock / median spot price of the other subnets⌋ (1.0 if none)"))
        case .wholeLockAtMedianPriceU64F64: lines.append(("new_pool", "the whole lock as TAO, alpha ⌊U64F64(lock) ÷ median⌋ with the median of the positive U64F64 spot prices (even count: ⌊(a + b)/2⌋; 1.0 if none), quote weight 0.5, EMA 0"))
        case .recycleAboveMinimum: lines.append(("new_pool", "lock − min lock recycled; \(registration.minimumLockRao) rao TAO : \(registration.minimumLockRao) rao alpha"))
        }
        if registration.activation == .startCallNextBlockEmissionOff {
            lines.append(("new_subnet_start", "start_call the block after registration; no TAO share until an enable_emission event"))
        }
        if let limit = registration.subnetLimit {
            let payout = registration.dissolution == .payAllHolders
                ? "its pending emission paid, then its pool TAO paid pro rata to its alpha holders"
                : "its pending emission and unclaimed root dividends dropped, its pool TAO split by largest remainder over the stakes and the protocol (pool alpha + protocol alpha), the stakers' parts freed, the protocol's part and the subnet account recycled"
            lines.append(("subnet_limit", "\(limit) non-root subnets; beyond it the non-immune subnet with the lowest EMA price is pruned (immunity \(registration.immunityBlocks) blocks): \(payout)"))
        } else {
            lines.append(("subnet_limit", "none"))
        }
        for (index, note) in notes.enumerated() { lines.append(("note_\(index + 1)", note)) }
        return lines
    }

    /// RootClaimableThreshold as a decimal alpha rao.
    var thresholdText: String { ParameterValue.fixed(raw: rootClaimThresholdRaw, format: .i96f32).decimalText }

    /// Each chain parameter with its value, where it comes from, and whether a scenario changed it.
    public var parameterRows: [(parameter: ChainParameter, setting: ParameterSetting, source: String, overridden: Bool)] {
        chainParameters.compactMap { parameter in
            guard let setting = setting(of: parameter) else { return nil }
            let overridden = overrides.contains { $0.parameter == parameter }
            let source = overridden ? "the scenario (\(base.setting(of: parameter).map { "\(name): \($0)" } ?? name))" : (sources[parameter] ?? "the engine's choice")
            return (parameter, setting, source, overridden)
        }
    }
}

extension CoinbaseOrder {
    /// One line on the order, for `dtao rules NAME`.
    var summary: String {
        switch self {
        case .injectThenSplit: return "per subnet: inject tao_in with price-neutral alpha (capped at the alpha emission), then mint and split alpha_out; no chain buys"
        case .injectThenBuy: return "the emission is minted as a credit; per subnet in netuid order: re-weight the pool for (⌊tao_in⌋, ⌊alpha_in⌋), buy alpha with ⌊excess⌋ against the re-weighted pool, add the injected reserves; then alpha_out; unspent credit recycled"
        case .buyThenInject: return "the emission is minted as a credit; per subnet in netuid order: buy alpha with ⌊excess⌋ first (fee-less, highest price limit), then place ⌊tao_in⌋ and ⌊alpha_in⌋ through the reservoirs (the whole alpha_in minted, only the placed part in the pool); then alpha_out; unspent credit recycled"
        }
    }
}
