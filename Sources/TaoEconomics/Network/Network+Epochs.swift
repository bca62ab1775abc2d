import FixedMath

extension Network {
    /// HEAD's epoch scheduler (`drain_pending`, `should_run_epoch`, §2.5), over every subnet in
    /// netuid order: an epoch is due when a deferred one's block has come (`PendingEpochAt`) or
    /// block − `LastEpochBlock` ≥ tempo (tempo 0: never). At most the rule set's maximum run in
    /// a block; the others are deferred to the next block. A subnet whose epoch runs pays out
    /// (`payPendingHead`) and its `LastEpochBlock` becomes this block. Returns the indices paid.
    mutating func runDueEpochs() throws(NetworkError) -> [Int] {
        guard case let .sinceLastEpoch(maximum) = rules.epochs else { return [] }
        var paid: [Int] = []
        for index in subnets.indices {
            let subnet = subnets[index]
            let tempo = subnet.tempo ?? rules.tempo
            guard tempo > 0 else { continue }
            let deferredDue = subnet.pendingEpochAt > 0 && block >= subnet.pendingEpochAt
            let tempoDue = block >= subnet.lastEpochBlock && block - subnet.lastEpochBlock >= tempo
            guard deferredDue || tempoDue else { continue }
            if paid.count >= maximum {
                subnets[index].pendingEpochAt = block + 1
                continue
            }
            try payPendingHead(at: index)
            subnets[index].lastEpochBlock = block
            subnets[index].pendingEpochAt = 0
            paid.append(index)
        }
        return paid
    }

    /// A HEAD epoch's payout (`distribute_emission` with the fixed-share stand-in for Yuma): the
    /// owner cut to the owner; of the miners' alpha, ⌊alpha · miner_burned⌋ goes to the owner's
    /// hotkey and is burned and the rest to the miners by their weights (no miners: validators
    /// take it all); the validators' alpha by their weights; root alpha becomes claimable.
    /// `MinerBurned` becomes withheld ÷ miners' alpha in U96F32 (0 when there was none).
    mutating func payPendingHead(at index: Int) throws(NetworkError) {
        var subnet = subnets[index]
        try subnet.holders.credit(.owner, subnet.pendingOwnerRao)
        var validatorsPart = subnet.pendingValidatorRao
        let miners = subnet.pendingMinerRao
        if subnet.holders.minerWeights.contains(where: { $0 > 0 }) {
            let withheld = NativeExact.multiplyDivideFloor(miners, subnet.minerBurnFraction.parts, Perquintill.accuracy, mode: mode)?.quotient ?? 0
            subnet.alphaBurnedRao += withheld
            for (rank, amount) in LargestRemainder.split(miners - withheld, among: subnet.holders.minerWeights).enumerated() {
                try subnet.holders.credit(.miner(subnet.holders.minerIDs[rank]), amount)
            }
            subnet.minerBurnedRaw = miners == 0 ? 0 : (UInt128(withheld) << 32) / UInt128(miners)
        } else {
            validatorsPart += miners
            subnet.minerBurnedRaw = 0
        }
        for (validator, amount) in LargestRemainder.split(validatorsPart, among: subnet.holders.validatorWeights).enumerated() {
            try subnet.holders.credit(.validator(validator), amount)
        }
        try subnet.holders.credit(.rootClaimable, subnet.pendingRootAlphaRao)
        subnet.pendingOwnerRao = 0
        subnet.pendingMinerRao = 0
        subnet.pendingValidatorRao = 0
        subnet.pendingRootAlphaRao = 0
        subnets[index] = subnet
    }

    /// Root stakers claim a subnet's claimable root dividends (`root_claim_on_subnet`), once at
    /// least `RootClaim.thresholdRao` is claimable: `swap` sells them fee-less down to the lowest
    /// price limit and stakes the TAO on root (a refused sale leaves them claimable; alpha a limit
    /// left unsold stays claimable); `keep` hands the alpha to the root stakers.
    mutating func claimRootDividends(at index: Int) throws(NetworkError) {
        var subnet = subnets[index]
        let claimable = subnet.holders.balance(of: .rootClaimable)
        guard claimable >= RootClaim.thresholdRao else { return }
        switch rootClaim {
        case .keep:
            try subnet.holders.debit(.rootClaimable, claimable)
            try subnet.holders.credit(.rootStakers, claimable)
            subnet.rootClaimedAlphaRao += claimable
            rootClaimedAlphaRao += claimable
        case .swap:
            guard let sale = try? subnet.pool.quote(.unstake, amountRao: claimable, rules: rules.pool, origin: .protocol, mode: mode) else { return }
            let sold = claimable - sale.refundedRao
            try subnet.holders.debit(.rootClaimable, sold)
            subnet.pool.apply(sale)
            subnet.rootClaimedAlphaRao += sold
            rootClaimedAlphaRao += sold
            tao.poolsRao -= sale.taoReserveBeforeRao - sale.taoReserveAfterRao
            tao.rootStakeRao += sale.amountOutRao
            rootClaimedTaoRao += sale.amountOutRao
            if isObserving { observations.swaps.append(SwapObservation(netuid: subnet.netuid, quote: sale, rules: rules.pool)) }
        }
        subnets[index] = subnet
    }
}
