import FixedMath

/// What a registration did.
public struct Registration: Sendable, Equatable {
    /// The new subnet's netuid.
    public let netuid: UInt16
    /// The lock paid, rao.
    public let lockRao: UInt64
    /// Lock TAO removed from issuance (launch: lock − minimum lock).
    public let recycledRao: UInt64
    /// The new pool's TAO, rao.
    public let taoReserveRao: UInt64
    /// The new pool's alpha, alpha rao.
    public let alphaReserveRao: UInt64
    /// The subnet pruned to make room, if any, and the TAO its holders received.
    public let prunedNetuid: UInt16?
    /// The pruned pool's TAO paid to its holders, rao (0 without a prune).
    public let prunedPayoutRao: UInt64
}

extension Network {
    /// The lock cost at the current block (§5.1):
    /// max(min_lock, last_lock·mult − ⌊last_lock / interval⌋·(now − last_lock_block)),
    /// mult = 2 after a registration (1 before any), saturating at 0 and at UInt64.max; the
    /// decay is 0 when the interval is 0.
    public var lockCostRao: UInt64 {
        let registration = rules.registration
        guard let lastBlock = lastLockBlock else { return max(registration.minimumLockRao, lastLockRao) }
        let (doubled, overflow) = lastLockRao.multipliedReportingOverflow(by: 2)
        let start = overflow ? UInt64.max : doubled
        let interval = lockReductionIntervalBlocks
        let perBlock = interval == 0 ? 0 : lastLockRao / interval
        let elapsed = block >= lastBlock ? block - lastBlock : 0
        let (decay, decayOverflow) = perBlock.multipliedReportingOverflow(by: elapsed)
        let decayed = decayOverflow || decay >= start ? 0 : start - decay
        return max(registration.minimumLockRao, decayed)
    }

    /// The lock's reduction interval at the current block: the rule set's, or under HEAD
    /// ⌊interval ⊗ (E ÷ 10^9)⌋ in I64F64 (`get_lock_reduction_interval`) with E this block's
    /// emission, so it halves with each halving.
    public var lockReductionIntervalBlocks: UInt64 {
        let registration = rules.registration
        guard registration.lockIntervalHalvesWithEmission else { return registration.lockReductionIntervalBlocks }
        // E ÷ 10^9 truncated to 64 fractional bits, then the product floored.
        let halving = (UInt128(blockEmissionRao()) << 64) / UInt128(Supply.initialBlockEmissionRao)
        return UInt64(clamping: (UInt128(registration.lockReductionIntervalBlocks) * halving) >> 64)
    }

    /// The first block at which a registration passes the rate limit (`NetworkRateLimit`);
    /// nil when there is no limit or no registration yet.
    public var nextRegistrationBlock: UInt64? {
        let limit = rules.registration.rateLimitBlocks
        guard limit > 0, let last = lastLockBlock else { return nil }
        let (next, overflow) = last.addingReportingOverflow(limit)
        return overflow ? .max : next
    }

    /// Registers a new subnet at the current block, paying the lock from free TAO, with pool,
    /// pruning, EMA and start as the rule set says. The new subnet takes the lowest free netuid
    /// (or the pruned one). Under `card` and the launch rules it emits from this block on; under
    /// HEAD its owner calls start_call the next block and its TAO share stays off until
    /// `enableEmission`.
    /// - Throws: `rateLimited`, `insufficientFreeTao`, `subnetLimitReached`, `lockTooSmall`; the
    ///   network is untouched.
    @discardableResult
    public mutating func registerSubnet(minerWeights: [UInt64] = [1], validatorWeights: [UInt64] = [1]) throws(NetworkError) -> Registration {
        guard minerWeights.contains(where: { $0 > 0 }), validatorWeights.contains(where: { $0 > 0 }) else {
            throw .invalidConfiguration(.subnets, "miner and validator weights need at least one positive entry")
        }
        if let next = nextRegistrationBlock, block < next {
            throw .rateLimited(lastBlock: lastLockBlock ?? 0, nextBlock: next)
        }
        let registration = rules.registration
        if let limit = registration.subnetLimit, subnets.count >= limit, pruneCandidate() == nil {
            throw .subnetLimitReached(limit: limit)
        }
        let lock = lockCostRao
        guard lock <= tao.freeRao else { throw .insufficientFreeTao(availableRao: tao.freeRao, requestedRao: lock) }
        var next = self
        var prunedNetuid: UInt16?
        var prunedPayout: UInt64 = 0
        if let limit = registration.subnetLimit, subnets.count >= limit, let candidate = pruneCandidate() {
            prunedNetuid = subnets[candidate].netuid
            prunedPayout = try next.dissolve(at: candidate)
        }
        let netuid = prunedNetuid ?? next.lowestFreeNetuid()
        let taoReserve: UInt64, alphaReserve: UInt64, recycled: UInt64
        var quoteWeight: Perquintill?
        switch registration.poolInitialisation {
        case .wholeLockAtMedianPrice:
            let median = next.medianSpotPrice()
            let alpha = (try? BigInteger(lock).multipliedDivided(by: median.alphaRao, dividedBy: median.taoRao, rounding: .floor))?.uint64Value ?? 0
            guard alpha > 0 else { throw .lockTooSmall(lockRao: lock) }
            (taoReserve, alphaReserve, recycled) = (lock, min(alpha, Supply.capRao), 0)
        case .wholeLockAtMedianPriceU64F64:
            let pooled = max(lock, registration.minimumLockRao)
            let median = next.medianSpotPriceU64F64()
            // U64F64(lock) ÷ median, floored to an integer: ⌊lock·2^64 / median⌋.
            let alpha = median == 0 ? 0 : UInt64(clamping: (UInt128(pooled) << 64) / median)
            guard alpha > 0 else { throw .lockTooSmall(lockRao: lock) }
            (taoReserve, alphaReserve, recycled) = (pooled, min(alpha, Supply.capRao), lock - min(lock, pooled))
            quoteWeight = .half
        case .recycleAboveMinimum:
            let minimum = registration.minimumLockRao
            (taoReserve, alphaReserve, recycled) = (minimum, minimum, lock - minimum)
        }
        let unpriced = SubnetPool(netuid: netuid, taoReserveRao: taoReserve, alphaReserveRao: alphaReserve, quoteWeight: quoteWeight)
        let pool = SubnetPool(netuid: netuid, taoReserveRao: taoReserve, alphaReserveRao: alphaReserve,
                              emaPrice: Network.initialMovingPrice(of: unpriced, rules: rules, atStart: false), quoteWeight: quoteWeight)
        var state = SubnetState(pool: pool, registeredAtBlock: block,
                                holders: AlphaHolders(minerWeights: minerWeights, validatorWeights: validatorWeights),
                                alphaMintedRao: alphaReserve)
        switch registration.activation {
        case .immediate:
            state.startCallBlock = block
        case .startCallNextBlockEmissionOff:
            state.startCallBlock = block + 1
            state.emissionEnabled = false
            state.lastEpochBlock = block - min(block, UInt64(netuid) % max(rules.tempo, 1))
        }
        let position = next.subnets.firstIndex { $0.netuid > netuid } ?? next.subnets.count
        next.subnets.insert(state, at: position)
        next.tao.freeRao -= lock
        next.tao.recycledRao += recycled
        next.tao.poolsRao += taoReserve
        next.lastLockRao = lock
        next.lastLockBlock = block
        self = next
        return Registration(netuid: netuid, lockRao: lock, recycledRao: recycled, taoReserveRao: taoReserve,
                            alphaReserveRao: alphaReserve, prunedNetuid: prunedNetuid, prunedPayoutRao: prunedPayout)
    }

    /// Turns a subnet's TAO share on (root's `sudo_set_subnet_emission_enabled`); under `card`
    /// and the launch rules every subnet already has one. - Throws: `unknownSubnet`.
    public mutating func enableEmission(netuid: UInt16) throws(NetworkError) {
        guard let index = index(of: netuid) else { throw .unknownSubnet(netuid) }
        subnets[index].emissionEnabled = true
    }

    /// The non-immune subnet with the lowest EMA price (ties: earliest registered, then lowest
    /// netuid), or nil when all are immune.
    public func pruneCandidate() -> Int? {
        let immunity = rules.registration.immunityBlocks
        return subnets.indices
            .filter { block >= subnets[$0].registeredAtBlock && block - subnets[$0].registeredAtBlock >= immunity }
            .min { a, b in
                let (x, y) = (subnets[a], subnets[b])
                if x.pool.emaPriceRaw != y.pool.emaPriceRaw { return x.pool.emaPriceRaw < y.pool.emaPriceRaw }
                if x.registeredAtBlock != y.registeredAtBlock { return x.registeredAtBlock < y.registeredAtBlock }
                return x.netuid < y.netuid
            }
    }

    /// Removes a subnet as the rule set's dissolution says and returns the TAO paid to its
    /// holders: under `card` its pending emission is paid out first and the pool's TAO goes to
    /// the holders as free TAO (the dust account's share too: it has no wallet, so it is freed);
    /// under HEAD pending emission and unclaimed root dividends are dropped, the pool's TAO is
    /// split with the protocol (`dissolutionPayouts`), and the protocol's part and the subnet
    /// account's TAO are recycled. All the subnet's alpha leaves issuance.
    mutating func dissolve(at index: Int) throws(NetworkError) -> UInt64 {
        let pot = subnets[index].pool.taoReserveRao
        var paid = pot
        switch rules.registration.dissolution {
        case .payAllHolders:
            try payPending(at: index)
        case .protocolShareRecycled:
            let parts = Network.dissolutionSplit(of: subnets[index], rule: .protocolShareRecycled)
            paid = parts.filter { $0.holder != .protocol }.reduce(0) { $0 + $1.taoRao }
            let account = subnets[index].accountTaoRao
            tao.recycledRao += pot - paid + account
            tao.subnetAccountsRao -= account
        }
        tao.freeRao += paid
        tao.poolsRao -= pot
        subnets.remove(at: index)
        return paid
    }

    /// How a subnet's pool TAO would be paid out if it were dissolved now: to each holder (and,
    /// under HEAD, to the protocol, whose part is recycled).
    public func dissolutionPayouts(netuid: UInt16) -> [(holder: AlphaHolder, taoRao: UInt64)] {
        guard let subnet = subnet(netuid) else { return [] }
        return Network.dissolutionSplit(of: subnet, rule: rules.registration.dissolution)
    }

    /// ⌊pot·α_i/Σα⌋ with the leftover one rao each to the largest remainders (ties: earlier in
    /// the list). `payAllHolders`: every holder's alpha. `protocolShareRecycled`
    /// (`destroy_alpha_in_out_stakes`): the stakes (not dust, pending or unclaimed root
    /// dividends, which the chain does not hold as stakes), then the protocol weighed by pool
    /// alpha + protocol alpha.
    static func dissolutionSplit(of subnet: SubnetState, rule: DissolutionRule) -> [(holder: AlphaHolder, taoRao: UInt64)] {
        var weights: [(holder: AlphaHolder, rao: UInt64)]
        switch rule {
        case .payAllHolders:
            weights = subnet.holders.positiveBalances
        case .protocolShareRecycled:
            weights = subnet.holders.positiveBalances.filter { ![.dust, .protocol, .rootClaimable].contains($0.holder) }
            let protocolWeight = subnet.pool.alphaReserveRao &+ subnet.holders.balance(of: .protocol)
            if protocolWeight > 0 { weights.append((.protocol, protocolWeight)) }
        }
        let parts = LargestRemainder.split(subnet.pool.taoReserveRao, among: weights.map(\.rao))
        return zip(weights, parts).map { ($0.holder, $1) }
    }

    func lowestFreeNetuid() -> UInt16 {
        var candidate: UInt16 = 1
        for subnet in subnets {
            if subnet.netuid == candidate { candidate += 1 } else if subnet.netuid > candidate { break }
        }
        return candidate
    }

    /// HEAD's `get_median_subnet_alpha_price`: the median of the positive U64F64 spot prices
    /// (raw), the two middle ones' mean ⌊(a + b) / 2⌋ for an even count; 1.0 when none is
    /// positive.
    public func medianSpotPriceU64F64() -> UInt128 {
        let prices = subnets.map { subnet in
            subnet.pool.quoteWeight.map { BalancerMath.price(alphaReserveRao: subnet.pool.alphaReserveRao, taoReserveRao: subnet.pool.taoReserveRao, quoteWeight: $0) }
                ?? NativeExact.ratioU64F64(subnet.pool.taoReserveRao, subnet.pool.alphaReserveRao)
        }.filter { $0 > 0 }.sorted()
        guard !prices.isEmpty else { return BalancerMath.one }
        if prices.count % 2 == 1 { return prices[prices.count / 2] }
        let (a, b) = (prices[prices.count / 2 - 1], prices[prices.count / 2])
        let (sum, overflow) = a.addingReportingOverflow(b)
        return (overflow ? .max : sum) / 2
    }

    /// The median of the subnets' positive spot prices (mean of the two middle ones for an
    /// even count), exactly; 1.0 when there are none.
    public func medianSpotPrice() -> PriceRatio {
        let prices = subnets.map(\.pool.spotPrice).filter { !$0.taoRao.isZero && !$0.alphaRao.isZero }.sorted()
        guard !prices.isEmpty else { return PriceRatio(taoRao: 1, alphaRao: 1) }
        if prices.count % 2 == 1 { return prices[prices.count / 2] }
        let (a, b) = (prices[prices.count / 2 - 1], prices[prices.count / 2])
        // (a.t/a.α + b.t/b.α) / 2 = (a.t·b.α + b.t·a.α) / (2·a.α·b.α)
        return PriceRatio(taoRao: a.taoRao * b.alphaRao + b.taoRao * a.alphaRao, alphaRao: (a.alphaRao * b.alphaRao).shiftedLeft(by: 1))
    }
}
