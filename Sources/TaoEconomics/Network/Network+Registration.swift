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
    /// mult = 2 after a registration (1 before any), saturating at 0 and at UInt64.max.
    public var lockCostRao: UInt64 {
        let registration = rules.registration
        guard let lastBlock = lastLockBlock else { return max(registration.minimumLockRao, lastLockRao) }
        let (doubled, overflow) = lastLockRao.multipliedReportingOverflow(by: 2)
        let start = overflow ? UInt64.max : doubled
        let perBlock = registration.lockReductionIntervalBlocks == 0 ? 0 : lastLockRao / registration.lockReductionIntervalBlocks
        let elapsed = block >= lastBlock ? block - lastBlock : 0
        let (decay, decayOverflow) = perBlock.multipliedReportingOverflow(by: elapsed)
        let decayed = decayOverflow || decay >= start ? 0 : start - decay
        return max(registration.minimumLockRao, decayed)
    }

    /// Registers a new subnet at the current block, paying the lock from free TAO, with pool,
    /// pruning and EMA as the rule set says. The new subnet takes the lowest free netuid (or the
    /// pruned one) and emits from this block on.
    /// - Throws: `insufficientFreeTao`, `subnetLimitReached`, `lockTooSmall`; the network is untouched.
    @discardableResult
    public mutating func registerSubnet(minerWeights: [UInt64] = [1], validatorWeights: [UInt64] = [1]) throws(NetworkError) -> Registration {
        guard minerWeights.contains(where: { $0 > 0 }), validatorWeights.contains(where: { $0 > 0 }) else {
            throw .invalidConfiguration(.subnets, "miner and validator weights need at least one positive entry")
        }
        let lock = lockCostRao
        guard lock <= tao.freeRao else { throw .insufficientFreeTao(availableRao: tao.freeRao, requestedRao: lock) }
        var next = self
        var prunedNetuid: UInt16?
        var prunedPayout: UInt64 = 0
        if let limit = rules.registration.subnetLimit, subnets.count >= limit {
            guard let candidate = pruneCandidate() else { throw .subnetLimitReached(limit: limit) }
            prunedNetuid = subnets[candidate].netuid
            prunedPayout = try next.dissolve(at: candidate)
        }
        let netuid = prunedNetuid ?? next.lowestFreeNetuid()
        let taoReserve: UInt64, alphaReserve: UInt64, recycled: UInt64
        switch rules.registration.poolInitialisation {
        case .wholeLockAtMedianPrice:
            let median = next.medianSpotPrice()
            let alpha = (try? BigInteger(lock).multipliedDivided(by: median.alphaRao, dividedBy: median.taoRao, rounding: .floor))?.uint64Value ?? 0
            guard alpha > 0 else { throw .lockTooSmall(lockRao: lock) }
            (taoReserve, alphaReserve, recycled) = (lock, min(alpha, Supply.capRao), 0)
        case .recycleAboveMinimum:
            let minimum = rules.registration.minimumLockRao
            (taoReserve, alphaReserve, recycled) = (minimum, minimum, lock - minimum)
        }
        let unpriced = SubnetPool(netuid: netuid, taoReserveRao: taoReserve, alphaReserveRao: alphaReserve)
        let pool = SubnetPool(netuid: netuid, taoReserveRao: taoReserve, alphaReserveRao: alphaReserve,
                              emaPrice: Network.initialMovingPrice(of: unpriced, rules: rules, atStart: false))
        let state = SubnetState(pool: pool, registeredAtBlock: block,
                                holders: AlphaHolders(minerWeights: minerWeights, validatorWeights: validatorWeights),
                                alphaMintedRao: alphaReserve)
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

    /// Removes a subnet: pending emission is paid out first, then the pool's TAO goes to the
    /// alpha holders pro rata (⌊pot·α_i/Σα⌋, the leftover one rao each to the largest remainders)
    /// as free TAO, and all its alpha leaves issuance. Returns the TAO paid.
    mutating func dissolve(at index: Int) throws(NetworkError) -> UInt64 {
        try payPending(at: index)
        let subnet = subnets[index]
        let pot = subnet.pool.taoReserveRao
        // Holders' shares are reported by `dissolutionPayouts`; in the aggregate all goes to
        // free TAO, including the dust account's share (it has no wallet, so it is freed too).
        tao.freeRao += pot
        tao.poolsRao -= pot
        subnets.remove(at: index)
        return pot
    }

    /// How a subnet's pool TAO would be paid to its alpha holders if it were dissolved now.
    public func dissolutionPayouts(netuid: UInt16) -> [(holder: AlphaHolder, taoRao: UInt64)] {
        guard let subnet = subnet(netuid) else { return [] }
        let holders = subnet.holders.positiveBalances
        let parts = LargestRemainder.split(subnet.pool.taoReserveRao, among: holders.map(\.rao))
        return zip(holders, parts).map { ($0.holder, $1) }
    }

    func lowestFreeNetuid() -> UInt16 {
        var candidate: UInt16 = 1
        for subnet in subnets {
            if subnet.netuid == candidate { candidate += 1 } else if subnet.netuid > candidate { break }
        }
        return candidate
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
