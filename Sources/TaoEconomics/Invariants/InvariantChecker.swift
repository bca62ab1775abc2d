import FixedMath

/// Checks the enabled invariants against a network after each block and each operation, in
/// O(1) work per subnet and block: it reads the network's running ledger totals and the
/// observations the block recorded, never rescanning history.
public struct InvariantChecker: Sendable {
    /// The invariants asserted.
    public let enabled: Set<Invariant>
    /// The previous block's (block, issuance, emission), for monotonicity.
    var previousEmission: (block: UInt64, issuance: UInt64, emission: UInt64)?

    /// A checker of `enabled` (all by default).
    public init(enabled: Set<Invariant> = Set(Invariant.allCases)) {
        self.enabled = enabled
    }

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
        if enabled.contains(.sharesSum), let summary = network.lastBlock {
            if summary.taoInjectedRao &+ summary.unissuedRemainderRao != summary.emissionRao || summary.taoInjectedRao > summary.emissionRao {
                return InvariantViolation(invariant: .sharesSum, block: block, netuid: nil,
                    details: "Σ tao_in \(summary.taoInjectedRao) + remainder \(summary.unissuedRemainderRao) ≠ emission \(summary.emissionRao)")
            }
            if network.rules.shares == .taoReserveLargestRemainder, !network.subnets.isEmpty, summary.unissuedRemainderRao != 0 {
                return InvariantViolation(invariant: .sharesSum, block: block, netuid: nil,
                    details: "card routes the whole emission, but \(summary.unissuedRemainderRao) rao of \(summary.emissionRao) was left unrouted")
            }
        }
        if enabled.contains(.emissionSchedule), let summary = network.lastBlock {
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
        guard !enabled.isDisjoint(with: [.supplyCap, .taoConservation, .alphaConservation]) else { return nil }
        for violation in network.checkConservation() {
            guard enabled.contains(violation.law) else { continue }
            return InvariantViolation(invariant: violation.law, block: block, netuid: violation.netuid, details: violation.details)
        }
        return nil
    }

    func checkObservations(_ network: Network, block: UInt64) -> InvariantViolation? {
        if enabled.contains(.injection) {
            for observation in network.observations.injections {
                if let details = InvariantChecker.injectionProblem(observation) {
                    return InvariantViolation(invariant: .injection, block: block, netuid: observation.netuid, details: details)
                }
            }
        }
        if enabled.contains(.constantProduct) {
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
        case .exactFloor:
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
                    let product = before.multipliedFullWidth(by: UInt128(factor))
                    return product.high == 0 && product.low <= limit
                }
                if !atMost(o.alphaInRao, o.taoInFixedRaw) || (o.alphaInRao < .max && atMost(o.alphaInRao + 1, o.taoInFixedRaw)) {
                    return "uncapped alpha_in \(o.alphaInRao) is not ⌊tao_in / price⌋ at the chain's price (raw \(before), tao_in raw \(o.taoInFixedRaw))"
                }
            }
        }
        return nil
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
        }
        if o.outputReserveAfterRao < o.minimumOutputReserveRao {
            return "a \(o.side.rawValue) left the output reserve at \(o.outputReserveAfterRao) rao, below the minimum \(o.minimumOutputReserveRao)"
        }
        return nil
    }

    mutating func checkEmission(_ network: Network, summary: BlockSummary) -> InvariantViolation? {
        // The issuance the block saw: now minus what it issued.
        let issuance = network.tao.issuanceRao - summary.issuedRao
        let expected: UInt64
        switch network.rules.halving {
        case .issuance:
            let reference = issuance >= Supply.capRao ? 0 : BlockEmission.referenceForIssuance(issuance)
            expected = Supply.clippedToCap(reference, issuanceRao: issuance)
        case .blocks:
            expected = Supply.clippedToCap(BlockEmission.forBlock(summary.block), issuanceRao: issuance)
        }
        defer { previousEmission = (summary.block, issuance, summary.emissionRao) }
        if summary.emissionRao != expected {
            return InvariantViolation(invariant: .emissionSchedule, block: summary.block, netuid: nil,
                details: "emission \(summary.emissionRao) rao at issuance \(issuance), but the \(network.rules.halving) rule gives \(expected)")
        }
        if let previous = previousEmission, summary.block > previous.block, summary.emissionRao > previous.emission {
            let grew = network.rules.halving == .blocks || issuance >= previous.issuance
            if grew {
                return InvariantViolation(invariant: .emissionSchedule, block: summary.block, netuid: nil,
                    details: "emission rose from \(previous.emission) to \(summary.emissionRao) rao while issuance went from \(previous.issuance) to \(issuance)")
            }
        }
        return nil
    }
}
