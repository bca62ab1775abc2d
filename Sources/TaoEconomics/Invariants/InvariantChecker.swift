import FixedMath

/// Checks the enabled invariants against a network after each block and each operation, in
/// O(1) work per subnet and block: it reads the network's running ledger totals and the
/// observations the block recorded, never rescanning history.
public struct InvariantChecker: Sendable {
    /// The invariants asserted.
    public let enabled: Set<Invariant>
    /// `enabled` as one bit per case (`Invariant.bit`): the per-block tests read
    /// this instead of hashing into the set.
    let enabledBits: UInt32
    /// The previous block's (block, issuance, emission), for monotonicity.
    var previousEmission: (block: UInt64, issuance: UInt64, emission: UInt64)?
    /// An issuance interval on which the reference emission is known to be constant.
    var verifiedEmission: (lowRao: UInt64, highRao: UInt64, emissionRao: UInt64)?

    /// A checker of `enabled` (all by default).
    public init(enabled: Set<Invariant> = Set(Invariant.allCases)) {
        self.enabled = enabled
        enabledBits = enabled.reduce(0) { $0 | 1 << $1.bit }
    }

    /// Whether `invariant` is asserted.
    @inline(__always)
    func isEnabled(_ invariant: Invariant) -> Bool { enabledBits & 1 << invariant.bit != 0 }

    /// Turns on the network's observations (so blocks and trades record what the checks need).
    public func prepare(_ network: inout Network) {
        network.isObserving = true
        network.observations.removeAll()
    }

    /// Checks after a block has run (`network.lastBlock` is that block); drains the observations.
    public mutating func checkBlock(_ network: inout Network) -> InvariantViolation? {
        let block = network.lastBlock?.block ?? network.block
        if let violation = checkObservations(network, block: block) { network.observations.removeAll(); return violation }
        network.observations.removeAll()
        if isEnabled(.sharesSum), let summary = network.lastBlock {
            let parts = UInt128(summary.taoInjectedRao) + UInt128(summary.chainBuyTaoRao) + UInt128(summary.recycledRao) + UInt128(summary.unissuedRemainderRao)
            if parts != UInt128(summary.emissionRao) {
                return InvariantViolation(invariant: .sharesSum, block: block, netuid: nil,
                    details: "Σ tao_in \(summary.taoInjectedRao) + chain buys \(summary.chainBuyTaoRao) + recycled \(summary.recycledRao) + not issued \(summary.unissuedRemainderRao) ≠ emission \(summary.emissionRao)")
            }
            if network.rules.shares == .taoReserveLargestRemainder, !network.subnets.isEmpty, summary.unissuedRemainderRao != 0 {
                return InvariantViolation(invariant: .sharesSum, block: block, netuid: nil,
                    details: "card routes the whole emission, but \(summary.unissuedRemainderRao) rao of \(summary.emissionRao) was left unrouted")
            }
            if UInt128(network.tao.issuanceRao) != UInt128(summary.issuanceBeforeRao) + UInt128(summary.issuedRao)
                || UInt128(summary.issuedRao) + UInt128(summary.recycledRao) + UInt128(summary.unissuedRemainderRao) != UInt128(summary.emissionRao) {
                return InvariantViolation(invariant: .sharesSum, block: block, netuid: nil,
                    details: "issuance went from \(summary.issuanceBeforeRao) to \(network.tao.issuanceRao) rao, not by emission \(summary.emissionRao) − recycled \(summary.recycledRao) − not issued \(summary.unissuedRemainderRao)")
            }
        }
        if isEnabled(.emissionSchedule), let summary = network.lastBlock {
            if let violation = checkEmission(network, summary: summary) { return violation }
        }
        return checkLedger(network, block: block)
    }

    /// Checks after operations between blocks (flows, registrations); drains the observations.
    public mutating func checkOperations(_ network: inout Network) -> InvariantViolation? {
        let block = network.block
        if let violation = checkObservations(network, block: block) { network.observations.removeAll(); return violation }
        network.observations.removeAll()
        return checkLedger(network, block: block)
    }

    func checkLedger(_ network: Network, block: UInt64) -> InvariantViolation? {
        guard isEnabled(.supplyCap) || isEnabled(.taoConservation) || isEnabled(.alphaConservation) else { return nil }
        for violation in network.checkConservation() {
            guard isEnabled(violation.law) else { continue }
            return InvariantViolation(invariant: violation.law, block: block, netuid: violation.netuid, details: violation.details)
        }
        return nil
    }

    func checkObservations(_ network: Network, block: UInt64) -> InvariantViolation? {
        if isEnabled(.injection) {
            for observation in network.observations.injections {
                if let details = InvariantChecker.injectionProblem(observation) {
                    return InvariantViolation(invariant: .injection, block: block, netuid: observation.netuid, details: details)
                }
            }
            for observation in network.observations.reweightings {
                if let details = InvariantChecker.reweightingProblem(observation) {
                    return InvariantViolation(invariant: .injection, block: block, netuid: observation.netuid, details: details)
                }
            }
        }
        if isEnabled(.consensus) {
            for observation in network.observations.epochs {
                if let details = InvariantChecker.epochProblem(observation) {
                    return InvariantViolation(invariant: .consensus, block: block, netuid: observation.netuid, details: details)
                }
            }
        }
        if isEnabled(.poolBounds) {
            for observation in network.observations.swaps {
                if let details = InvariantChecker.boundsProblem(observation) {
                    return InvariantViolation(invariant: .poolBounds, block: block, netuid: observation.netuid, details: details)
                }
            }
        }
        if isEnabled(.constantProduct) {
            for observation in network.observations.swaps {
                if let details = InvariantChecker.swapProblem(observation) {
                    return InvariantViolation(invariant: .constantProduct, block: block, netuid: observation.netuid, details: details)
                }
            }
        }
        return nil
    }

    /// a·b compared with c·d exactly (each product of two u64 fits 128 bits).
    static func compare(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64) -> Int {
        let left = UInt128(a) * UInt128(b), right = UInt128(c) * UInt128(d)
        return left < right ? -1 : (left == right ? 0 : 1)
    }

    static func injectionProblem(_ o: Injection) -> String? {
        let (tao, alpha) = (o.taoBeforeRao &+ o.taoInRao, o.alphaBeforeRao &+ o.alphaInRao)
        guard o.taoBeforeRao > 0, o.alphaBeforeRao > 0 else { return nil }
        let capped = o.alphaInRao >= o.alphaCapRao
        switch o.rounding {
        case .exactFloor, .reweighting:
            // (T+t)/(A+a) ≥ T/A, and uncapped: (T+t)/(A+a+1) < T/A.
            if compare(tao, o.alphaBeforeRao, o.taoBeforeRao, alpha) < 0 {
                return "price fell from \(o.taoBeforeRao)/\(o.alphaBeforeRao) to \(tao)/\(alpha) (tao_in \(o.taoInRao), alpha_in \(o.alphaInRao))"
            }
            if !capped, o.taoInRao > 0, compare(tao, o.alphaBeforeRao, o.taoBeforeRao, alpha &+ 1) >= 0 {
                return "uncapped alpha_in \(o.alphaInRao) is more than one rao short of price-neutral (T \(o.taoBeforeRao), A \(o.alphaBeforeRao), tao_in \(o.taoInRao))"
            }
        case .launchI96F32:
            // The chain divides its unfloored I96F32 tao_in (t, raw ·2^32) by its own price
            // p' = ⌊T·2^32/A⌋ but injects only ⌊t⌋ TAO. So, stated at that arithmetic: the price
            // with t is not below p', and uncapped alpha_in = ⌊t / p'⌋, i.e. a·p' ≤ t < (a+1)·p'.
            // The pool's price can be lower than before by less than one rao of TAO over A + a.
            let before = (UInt128(o.taoBeforeRao) << 32) / UInt128(o.alphaBeforeRao)
            let withFraction = alpha == 0 ? 0 : ((UInt128(o.taoBeforeRao) << 32) + o.taoInFixedRaw) / UInt128(alpha)
            if withFraction < before {
                return "the I96F32 price fell from raw \(before) to raw \(withFraction) (tao_in raw \(o.taoInFixedRaw), alpha_in \(o.alphaInRao))"
            }
            if !capped, before > 0 {
                // a·p' ≤ t < (a+1)·p', with 256-bit products.
                func atMost(_ factor: UInt64, _ limit: UInt128) -> Bool {
                    let product = WideArithmetic.multiply(before, UInt128(factor))
                    return product.high == 0 && product.low <= limit
                }
                if !atMost(o.alphaInRao, o.taoInFixedRaw) || (o.alphaInRao < .max && atMost(o.alphaInRao + 1, o.taoInFixedRaw)) {
                    return "uncapped alpha_in \(o.alphaInRao) is not ⌊tao_in / price⌋ at the chain's price (raw \(before), tao_in raw \(o.taoInFixedRaw))"
                }
            }
        }
        return nil
    }

    /// A re-weighting injection keeps the spot price (w1/w2)·y/x within the chain's rounding:
    /// with q1, q2 rounded half up and w2' floored at 10^−18,
    ///
    ///     |p'/p − 1| ≤ 1.5 · (10^−18 / (w1'·w2') + 1/q1 + 1/q2)
    ///
    /// (the floor moves w1'/w2' by at most 10^−18/(w1'·w2') relatively, each rounding moves q_i
    /// by at most ½, i.e. 1/q_i once q_i ≥ 1; 1.5 covers the second-order terms). The prices are
    /// compared as exact rationals (256-bit products); only the final ratio is a Double. A refused
    /// injection changes nothing and is not checked.
    static func reweightingProblem(_ r: Reweighting) -> String? {
        guard let after = r.quoteWeightAfter, r.taoBeforeRao > 0, r.alphaBeforeRao > 0 else { return nil }
        let before = r.quoteWeightBefore
        let (y, x) = (UInt128(r.taoBeforeRao), UInt128(r.alphaBeforeRao))
        let (y2, x2) = (y + UInt128(r.taoInRao), x + UInt128(r.alphaInRao))
        // p ∝ w1·y / (w2·x); compare A = w1'·y'·w2·x with B = w1·y·w2'·x'.
        let a = WideArithmetic.multiply(UInt128(after.complement.parts) * y2, UInt128(before.parts) * x)
        let b = WideArithmetic.multiply(UInt128(before.complement.parts) * y, UInt128(after.parts) * x2)
        func double(_ v: (high: UInt128, low: UInt128)) -> Double { double128(v.high) * 0x1p128 + double128(v.low) }
        let greater = a.high > b.high || (a.high == b.high && a.low >= b.low)
        let (big, small) = greater ? (a, b) : (b, a)
        let (low, borrow) = big.low.subtractingReportingOverflow(small.low)
        let difference = double((big.high - small.high - (borrow ? 1 : 0), low))
        let relative = difference / double(b)
        // q1 and q2 only scale the bound, so their Double values (relative error ~1e-16) serve.
        let q1 = Double(before.complement.parts) / 1e18 * double128(y) * double128(x2)
        let q2 = Double(before.parts) / 1e18 * double128(x) * double128(y2)
        guard q1 >= 1, q2 >= 1 else { return nil }  // dust pools: the rounding bounds nothing
        let w1 = Double(after.complement.parts) / 1e18, w2 = Double(after.parts) / 1e18
        let bound = 1.5 * (1e-18 / (w1 * w2) + 1 / q1 + 1 / q2)
        if relative > bound {
            return "re-weighting moved the spot price by a relative \(relative), beyond the rounding bound \(bound) (weight \(before) → \(after), TAO in \(r.taoInRao), alpha in \(r.alphaInRao))"
        }
        return nil
    }

    /// The nearest Double to a UInt128, through two UInt64 halves (the standard library's
    /// generic conversion from UInt128 is far slower, and this runs for every injection).
    static func double128(_ value: UInt128) -> Double {
        Double(UInt64(truncatingIfNeeded: value >> 64)) * 0x1p64 + Double(UInt64(truncatingIfNeeded: value))
    }

    static func swapProblem(_ o: SwapObservation) -> String? {
        let kBefore = UInt128(o.taoBeforeRao) * UInt128(o.alphaBeforeRao)
        let kAfter = UInt128(o.taoAfterRao) * UInt128(o.alphaAfterRao)
        switch o.curve {
        case .constantProduct(.exactFloor):
            if kAfter < kBefore { return "k fell from \(kBefore) to \(kAfter) on a \(o.side.rawValue)" }
        case .constantProduct(.launchI110F18):
            if kAfter &+ UInt128(o.newInputReserveRao) <= kBefore {
                return "k fell by \(kBefore - kAfter), not less than the new input reserve \(o.newInputReserveRao), on a \(o.side.rawValue)"
            }
        case .weighted:
            return weightedSwapProblem(o)
        }
        if o.outputReserveAfterRao < o.minimumOutputReserveRao {
            return "a \(o.side.rawValue) left the output reserve at \(o.outputReserveAfterRao) rao, below the minimum \(o.minimumOutputReserveRao)"
        }
        return nil
    }

    /// `pool-bounds` for one trade: neither reserve went from positive to 0, and a weighted
    /// pool's spot price (`BalancerMath.price`, U64F64 floored, against the limits as the chain
    /// converts them) did not fall below the minimum price nor rise above the maximum. A pool
    /// that starts outside the bounds may trade toward them.
    static func boundsProblem(_ o: SwapObservation) -> String? {
        if o.taoBeforeRao > 0, o.taoAfterRao == 0 { return "a \(o.side.rawValue) emptied the TAO reserve (\(o.taoBeforeRao) rao before)" }
        if o.alphaBeforeRao > 0, o.alphaAfterRao == 0 { return "a \(o.side.rawValue) emptied the alpha reserve (\(o.alphaBeforeRao) rao before)" }
        guard case let .weighted(curve) = o.curve, let w2 = o.quoteWeight else { return nil }
        let before = BalancerMath.price(alphaReserveRao: o.alphaBeforeRao, taoReserveRao: o.taoBeforeRao, quoteWeight: w2)
        let after = BalancerMath.price(alphaReserveRao: o.alphaAfterRao, taoReserveRao: o.taoAfterRao, quoteWeight: w2)
        let lowest = SubnetPool.limitPrice(rao: curve.minimumPriceRao), highest = SubnetPool.limitPrice(rao: curve.maximumPriceRao)
        if after < lowest, after < before {
            return "a \(o.side.rawValue) moved the price down to \(PriceRatio(u64f64Raw: after)) TAO, below the minimum \(curve.minimumPriceRao) rao per alpha"
        }
        if after > highest, after > before {
            return "a \(o.side.rawValue) moved the price up to \(PriceRatio(u64f64Raw: after)) TAO, above the maximum \(curve.maximumPriceRao) rao per alpha"
        }
        return nil
    }

    /// The weighted invariant x^w1·y^w2 does not fall beyond the chain's rounding: a swap pays
    /// out at most R_out·(1 − b^k) + R_out·(10^−18 + 2^−64) for b = R_in/(R_in + Δ) (the power
    /// term is floored at 10^−18, then at 2^−64, and the output floors). Checked in 256-bit
    /// integers against E = 10^18·b^k evaluated to within 2^−48 (`FastPower.approximate`),
    /// taking E 2^−40 lower. And the output reserve held the minimum before the swap.
    static func weightedSwapProblem(_ o: SwapObservation) -> String? {
        let (inputReserve, outputReserve) = o.side == .stake ? (o.taoBeforeRao, o.alphaBeforeRao) : (o.alphaBeforeRao, o.taoBeforeRao)
        let delta = o.newInputReserveRao &- inputReserve
        let out = outputReserve &- o.outputReserveAfterRao
        if outputReserve < o.minimumOutputReserveRao, delta > 0 {
            return "a \(o.side.rawValue) ran on an output reserve of \(outputReserve) rao, below the minimum \(o.minimumOutputReserveRao)"
        }
        guard delta > 0, out > 0, let w2 = o.quoteWeight else { return nil }
        let w1 = w2.complement
        let (p, q) = o.side == .unstake ? (w1.parts, w2.parts) : (w2.parts, w1.parts)
        let total = inputReserve.addingReportingOverflow(delta).overflow ? UInt64.max : inputReserve + delta
        // E·2^64 from below: (integer·2^64 + fraction − 2^24), or 0 when E < 1.
        var lowerScaled: UInt128 = 0
        switch FastPower.approximate(numerator: inputReserve, denominator: total, exponentNumerator: p, exponentDenominator: q) {
        case let .value(integer, fraction):
            let scaled = UInt128(integer) << 64 | UInt128(fraction)
            lowerScaled = scaled > FastPower.margin ? scaled - UInt128(FastPower.margin) : 0
        case .belowOne, .unavailable: lowerScaled = 0
        }
        // out·10^18·2^64 ≤ R·(10^18·2^64 − E·2^64) + R·2^64 + R·10^18, in 256 bits.
        let oneScaled = UInt128(FastPower.scale) << 64
        let room = oneScaled - min(lowerScaled, oneScaled)
        let left = WideArithmetic.multiply(UInt128(out) * UInt128(FastPower.scale), 1 << 64)
        var right = WideArithmetic.multiply(UInt128(outputReserve), room)
        for extra in [UInt128(outputReserve) << 64, UInt128(outputReserve) * UInt128(FastPower.scale)] {
            let (low, carry) = right.low.addingReportingOverflow(extra)
            right = (right.high + (carry ? 1 : 0), low)
        }
        if left.high > right.high || (left.high == right.high && left.low > right.low) {
            return "a \(o.side.rawValue) of \(delta) rao paid \(out) rao, more than the weighted curve (quote weight \(w2)) allows within the chain's rounding"
        }
        return nil
    }

    /// `BlockEmission.referenceForIssuance(issuance)` (the chain's I96F32 steps in GMP), read
    /// from the last interval it was evaluated constant on when `issuance` lies inside it.
    ///
    /// Sound because the reference never increases with issuance: equal values at both ends of
    /// an interval mean that value throughout. Each evaluation outside the interval also probes
    /// 1,024 blocks' worth of emission ahead; where the probe agrees (all but the last 1,024
    /// blocks of an era), the next blocks need no GMP.
    mutating func referenceEmission(atIssuance issuance: UInt64) -> UInt64 {
        if let known = verifiedEmission, known.lowRao <= issuance, issuance <= known.highRao { return known.emissionRao }
        let emission = BlockEmission.referenceForIssuance(issuance)
        let (ahead, overflow) = issuance.addingReportingOverflow(max(emission, 1) * 1_024)
        let probe = overflow ? UInt64.max : ahead
        let high = BlockEmission.referenceForIssuance(probe) == emission ? probe : issuance
        verifiedEmission = (issuance, high, emission)
        return emission
    }

    mutating func checkEmission(_ network: Network, summary: BlockSummary) -> InvariantViolation? {
        // The issuance the block saw.
        let issuance = summary.issuanceBeforeRao
        let expected: UInt64
        switch network.rules.halving {
        case _ where network.rules.fixedBlockEmissionRao != nil:
            expected = Supply.clippedToCap(network.rules.fixedBlockEmissionRao ?? 0, issuanceRao: issuance)
        case .issuance:
            expected = Supply.clippedToCap(referenceEmission(atIssuance: issuance), issuanceRao: issuance)
        case .blocks:
            expected = Supply.clippedToCap(BlockEmission.forBlock(summary.block), issuanceRao: issuance)
        }
        defer { previousEmission = (summary.block, issuance, summary.emissionRao) }
        if summary.emissionRao != expected {
            return InvariantViolation(invariant: .emissionSchedule, block: summary.block, netuid: nil,
                details: "emission \(summary.emissionRao) rao at issuance \(issuance), but the \(network.rules.halving) rule gives \(expected)")
        }
        if let previous = previousEmission, summary.block > previous.block, summary.emissionRao > previous.emission {
            let grew = network.rules.halving == .blocks || network.rules.fixedBlockEmissionRao != nil || issuance >= previous.issuance
            if grew {
                return InvariantViolation(invariant: .emissionSchedule, block: summary.block, netuid: nil,
                    details: "emission rose from \(previous.emission) to \(summary.emissionRao) rao while issuance went from \(previous.issuance) to \(issuance)")
            }
        }
        return nil
    }
}

extension InvariantChecker {
    /// What is wrong with an epoch's scores, bonds or payout, if anything.
    static func epochProblem(_ epoch: EpochObservation) -> String? {
        let one = EpochFixed.one, slack = Int64(epoch.uids)
        for (name, sum) in [("incentive", epoch.incentiveSumRaw), ("dividends", epoch.dividendsSumRaw)] where sum != 0 && !(one - slack...one).contains(sum) {
            return "\(name) sums to \(sum) (I32F32 raw), expected 0 or \(one - slack)…\(one)"
        }
        if epoch.bondRangeRaw.min < 0 || epoch.bondRangeRaw.max > one {
            return "bonds range over [\(epoch.bondRangeRaw.min), \(epoch.bondRangeRaw.max)] (I32F32 raw), outside [0, \(one)]"
        }
        let accounted = UInt128(epoch.paidRao) + UInt128(epoch.withheldRao) + UInt128(epoch.dustRao)
        if accounted != UInt128(epoch.pendingRao) {
            return "paid \(epoch.paidRao) + burned \(epoch.withheldRao) + dust \(epoch.dustRao) = \(accounted) rao, pending \(epoch.pendingRao)"
        }
        return nil
    }
}
