import FixedMath

extension Network {
    /// HEAD's epoch scheduler (`drain_pending`, `should_run_epoch`, §2.5), over every subnet in
    /// netuid order: an epoch is due when a deferred one's block has come (`PendingEpochAt`) or
    /// block − `LastEpochBlock` ≥ tempo (tempo 0: never); under the spec-475 schedule also when
    /// `BlocksSinceLastStep`, counted for this block (at most tempo + 1), passes tempo, and while
    /// any subnet on the Null consensus is due (counted before this block) only one epoch runs.
    /// At most the rule set's maximum run in a block (`paid`); the other due ones are deferred to
    /// the next block (`deferred`). Nothing changes here; each payout is checked to fit 64-bit rao.
    func dueEpochs() throws(NetworkError) -> (paid: [Int], deferred: [Int]) {
        guard var maximum = rules.epochs.maximumPerBlock else { return ([], []) }
        let counts: Bool
        if case .spec475 = rules.epochs { counts = true } else { counts = false }
        func isDue(_ index: Int, counted: Bool) -> Bool {
            let subnet = subnets[index]
            let tempo = subnet.tempo ?? rules.tempo
            guard tempo > 0 else { return false }
            if subnet.pendingEpochAt > 0 && block >= subnet.pendingEpochAt { return true }
            if counts {
                let sinceStep = counted ? min(subnet.blocksSinceLastStep &+ 1, tempo &+ 1) : subnet.blocksSinceLastStep
                if sinceStep > tempo { return true }
            }
            return block >= subnet.lastEpochBlock && block - subnet.lastEpochBlock >= tempo
        }
        if counts, subnets.indices.contains(where: { subnets[$0].epochConsensus == .none && isDue($0, counted: false) }) {
            maximum = min(maximum, 1)
        }
        var paid: [Int] = [], deferred: [Int] = []
        for index in subnets.indices {
            guard isDue(index, counted: true) else { continue }
            if paid.count >= maximum {
                deferred.append(index)
                continue
            }
            let (_, overflow) = subnets[index].holders.totalRao.addingReportingOverflow(subnets[index].pendingAlphaRao)
            guard !overflow else { throw .overflow("alpha held on subnet \(subnets[index].netuid)") }
            paid.append(index)
        }
        return (paid, deferred)
    }

    /// Pays the due epochs (`payPendingHead`) and defers the rest, in place; their
    /// `LastEpochBlock` becomes this block. Under the spec-475 schedule every subnet's
    /// `BlocksSinceLastStep` first counts this block (at most tempo + 1), and an epoch resets it.
    mutating func runEpochs(_ due: (paid: [Int], deferred: [Int])) throws(NetworkError) {
        if case .spec475 = rules.epochs {
            for index in subnets.indices {
                let tempo = subnets[index].tempo ?? rules.tempo
                subnets[index].blocksSinceLastStep = min(subnets[index].blocksSinceLastStep &+ 1, tempo &+ 1)
            }
        }
        for index in due.paid {
            try payPendingHead(at: index)
            subnets[index].lastEpochBlock = block
            subnets[index].pendingEpochAt = 0
            subnets[index].blocksSinceLastStep = 0
        }
        for index in due.deferred { subnets[index].pendingEpochAt = block + 1 }
    }

    /// A HEAD epoch's payout (`distribute_emission`; with consensus, miners and validators are
    /// paid from a Yuma epoch, otherwise by the fixed-share stand-in): the
    /// owner cut to the owner; of the miners' alpha, ⌊alpha · miner_burned⌋ goes to the owner's
    /// hotkey and is burned and the rest to the miners by their weights (no miners: validators
    /// take it all); the validators' alpha by their weights; root alpha becomes claimable.
    /// `MinerBurned` becomes withheld ÷ miners' alpha in U96F32 (0 when there was none).
    mutating func payPendingHead(at index: Int) throws(NetworkError) {
        // Pending alpha is outstanding, so the holders cannot pass 2^64 rao; checked first anyway.
        let (_, overflow) = subnets[index].holders.totalRao.addingReportingOverflow(subnets[index].pendingAlphaRao)
        guard !overflow else { throw .overflow("alpha held on subnet \(subnets[index].netuid)") }
        try subnets[index].holders.credit(.owner, subnets[index].pendingOwnerRao)
        var validatorsPart = subnets[index].pendingValidatorRao
        let miners = subnets[index].pendingMinerRao
        if subnets[index].consensus != nil {
            // MinerBurned follows from the epoch: the owner UID's share of the miners' alpha.
            let withheld = try payConsensus(at: index, minersRao: miners, validatorsRao: validatorsPart)
            subnets[index].minerBurnedRaw = miners == 0 ? 0 : (UInt128(withheld) << 32) / UInt128(miners)
            validatorsPart = 0
        } else if subnets[index].holders.minerWeights.contains(where: { $0 > 0 }) {
            let withheld = NativeExact.multiplyDivideFloor(miners, subnets[index].minerBurnFraction.parts, Perquintill.accuracy, mode: mode)?.quotient ?? 0
            subnets[index].alphaBurnedRao += withheld
            for (rank, amount) in LargestRemainder.split(miners - withheld, among: subnets[index].holders.minerWeights).enumerated() {
                try subnets[index].holders.credit(.miner(subnets[index].holders.minerIDs[rank]), amount)
            }
            subnets[index].minerBurnedRaw = miners == 0 ? 0 : (UInt128(withheld) << 32) / UInt128(miners)
        } else {
            validatorsPart += miners
            subnets[index].minerBurnedRaw = 0
        }
        if subnets[index].consensus == nil {
            for (validator, amount) in LargestRemainder.split(validatorsPart, among: subnets[index].holders.validatorWeights).enumerated() {
                try subnets[index].holders.credit(.validator(validator), amount)
            }
        }
        let rootAlpha = subnets[index].pendingRootAlphaRao
        if case .rootRegisteredBaskets = rules.root, subnets[index].rootRegisteredFraction == .zero {
            // No root-registered validator: the chain recycles the whole pending root alpha.
            subnets[index].pool.retireOutstanding(rootAlpha)
            subnets[index].alphaRecycledRao += rootAlpha
        } else {
            try subnets[index].holders.credit(.rootClaimable, rootAlpha)
        }
        subnets[index].pendingOwnerRao = 0
        subnets[index].pendingMinerRao = 0
        subnets[index].pendingValidatorRao = 0
        subnets[index].pendingRootAlphaRao = 0
    }

    /// Root stakers claim a subnet's root dividends (`root_claim_on_subnet`, `claim_root`):
    ///
    /// - claimable root alpha (before spec 475): all of it, once at least RootClaimableThreshold
    ///   alpha is claimable;
    /// - root baskets (spec 475): ⌊basket · claim slice⌋ (one rao when that floors to 0), once the
    ///   slice's spot value ⌊U64F64 spot ⊗ alpha⌋ reaches the threshold (the chain's estimated
    ///   payout; TAO rao against the threshold).
    ///
    /// `swap` sells the alpha fee-less down to the lowest price limit and stakes the TAO on root
    /// (a refused sale leaves it claimable; alpha a limit left unsold stays claimable); `keep`
    /// hands the alpha to the root stakers.
    mutating func claimRootDividends(at index: Int) throws(NetworkError) {
        let held = subnets[index].holders.balance(of: .rootClaimable)
        let claimable: UInt64
        if case .rootRegisteredBaskets = rules.root {
            var slice = NativeExact.multiplyDivideFloor(held, rootClaimSlice.parts, Perquintill.accuracy, mode: mode)?.quotient ?? held
            if slice == 0, held > 0, rootClaimSlice > .zero { slice = 1 }
            guard slice > 0, rules.reachesClaimThreshold(subnets[index].pool.taoValueRao(ofAlphaRao: slice)) else { return }
            claimable = slice
        } else {
            guard rules.reachesClaimThreshold(held) else { return }
            claimable = held
        }
        switch rootClaim {
        case .keep:
            // A move between two holders: the total is unchanged.
            try subnets[index].holders.debit(.rootClaimable, claimable)
            try subnets[index].holders.credit(.rootStakers, claimable)
            subnets[index].rootClaimedAlphaRao += claimable
            rootClaimedAlphaRao += claimable
        case .swap:
            guard let sale = try? subnets[index].pool.quote(.unstake, amountRao: claimable, rules: rules.pool, origin: .protocol, mode: mode) else { return }
            let sold = claimable - sale.refundedRao
            try subnets[index].holders.debit(.rootClaimable, sold)
            subnets[index].pool.apply(sale)
            subnets[index].rootClaimedAlphaRao += sold
            rootClaimedAlphaRao += sold
            tao.poolsRao -= sale.taoReserveBeforeRao - sale.taoReserveAfterRao
            tao.rootStakeRao += sale.amountOutRao
            rootClaimedTaoRao += sale.amountOutRao
            if isObserving { observations.swaps.append(SwapObservation(netuid: subnets[index].netuid, quote: sale, rules: rules.pool)) }
        }
    }
}
