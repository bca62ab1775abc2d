/// A conservation law that does not hold, with the values involved.
public struct LedgerViolation: Sendable, Equatable, CustomStringConvertible {
    /// The law, as the invariant that states it (`supply-cap`, `tao-conservation` or
    /// `alpha-conservation`).
    public let law: Invariant
    /// The subnet it is about; nil for the TAO ledger.
    public let netuid: UInt16?
    /// The values that disagree.
    public let details: String

    public var description: String {
        (netuid.map { "subnet \($0): " } ?? "") + "\(law.name): \(details)"
    }
}

extension Network {
    /// Every conservation law the ledger keeps, checked in O(subnets) from running totals:
    ///
    /// - TAO: minted − recycled = Σ pool TAO + root stake + pending root TAO + root dividends
    ///   + free TAO + burned TAO + authors' fees + subnet accounts + TAO reservoirs, and the
    ///   running pool, pending, account and reservoir totals match the subnets;
    /// - alpha, per subnet: minted − recycled = pool alpha + outstanding + alpha reservoir, and outstanding =
    ///   pending (owner + miners + validators + root) + held (every holder: protocol, root
    ///   claimable and dust included) + burned
    ///   (burned alpha stays issued and outstanding, held by nobody);
    /// - issuance stays within 21,000,000 TAO and each alpha within 21,000,000 alpha.
    public func checkConservation() -> [LedgerViolation] {
        var violations: [LedgerViolation] = []
        // Sums of u64 amounts fit 128 bits exactly for any realistic count of terms.
        var pools: UInt128 = 0, pendingRoot: UInt128 = 0, accounts: UInt128 = 0, reservoirs: UInt128 = 0
        // By index, reading fields in place: a `for subnet in subnets` copy of each state (its
        // holders included) every block was most of a checked run's overhead.
        for index in subnets.indices {
            let pool = subnets[index].pool
            pools += UInt128(pool.taoReserveRao)
            pendingRoot += UInt128(subnets[index].pendingRootTaoRao)
            accounts += UInt128(subnets[index].accountTaoRao)
            reservoirs += UInt128(pool.taoReservoirRao)
            let minted = subnets[index].alphaMintedRao, recycled = subnets[index].alphaRecycledRao
            let issuance = Int128(minted) - Int128(recycled)
            let inPool = Int128(pool.alphaReserveRao) + Int128(pool.alphaOutstandingRao) + Int128(pool.alphaReservoirRao)
            if issuance != inPool {
                violations.append(LedgerViolation(law: .alphaConservation, netuid: pool.netuid,
                    details: "minted \(minted) − recycled \(recycled) ≠ pool \(pool.alphaReserveRao) + outstanding \(pool.alphaOutstandingRao) + reservoir \(pool.alphaReservoirRao) (off by \(issuance - inPool) rao)"))
            }
            let pending = UInt128(subnets[index].pendingOwnerRao) + UInt128(subnets[index].pendingMinerRao)
                + UInt128(subnets[index].pendingValidatorRao) + UInt128(subnets[index].pendingRootAlphaRao)
            let held = subnets[index].holders.totalRao, burned = subnets[index].alphaBurnedRao
            if pending + UInt128(held) + UInt128(burned) != UInt128(pool.alphaOutstandingRao) {
                violations.append(LedgerViolation(law: .alphaConservation, netuid: pool.netuid,
                    details: "outstanding \(pool.alphaOutstandingRao) ≠ pending \(pending) + held \(held) + burned \(burned) (off by \(Int128(pool.alphaOutstandingRao) - Int128(pending + UInt128(held) + UInt128(burned))) rao)"))
            }
            if inPool > Int128(Supply.capRao) {
                violations.append(LedgerViolation(law: .supplyCap, netuid: pool.netuid,
                    details: "alpha issuance \(inPool) rao is above 21,000,000 alpha"))
            }
        }
        if pools != UInt128(tao.poolsRao) || pendingRoot != UInt128(tao.pendingRootRao) || accounts != UInt128(tao.subnetAccountsRao)
            || reservoirs != UInt128(tao.reservoirsRao) {
            violations.append(LedgerViolation(law: .taoConservation, netuid: nil,
                details: "running totals drifted from the subnets' sums: pools \(tao.poolsRao) vs \(pools), pending root \(tao.pendingRootRao) vs \(pendingRoot), subnet accounts \(tao.subnetAccountsRao) vs \(accounts), reservoirs \(tao.reservoirsRao) vs \(reservoirs) (off by \(Int128(tao.poolsRao) + Int128(tao.pendingRootRao) + Int128(tao.subnetAccountsRao) + Int128(tao.reservoirsRao) - Int128(pools + pendingRoot + accounts + reservoirs)) rao in all)"))
        }
        let held = UInt128(tao.poolsRao) + UInt128(tao.rootStakeRao) + UInt128(tao.pendingRootRao) + UInt128(tao.rootDividendsRao)
            + UInt128(tao.freeRao) + UInt128(tao.burnedRao) + UInt128(tao.authorFeesRao) + UInt128(tao.subnetAccountsRao) + UInt128(tao.reservoirsRao)
        let issued = Int128(tao.mintedRao) - Int128(tao.recycledRao)
        if issued < 0 || UInt128(issued) != held {
            violations.append(LedgerViolation(law: .taoConservation, netuid: nil,
                details: "minted \(tao.mintedRao) − recycled \(tao.recycledRao) ≠ pools \(tao.poolsRao) + root \(tao.rootStakeRao) + pending root \(tao.pendingRootRao) + root dividends \(tao.rootDividendsRao) + free \(tao.freeRao) + burned \(tao.burnedRao) + author fees \(tao.authorFeesRao) + subnet accounts \(tao.subnetAccountsRao) + reservoirs \(tao.reservoirsRao) (off by \(issued - Int128(held)) rao)"))
        }
        if issued > Int128(Supply.capRao) {
            violations.append(LedgerViolation(law: .supplyCap, netuid: nil, details: "TAO issuance \(issued) rao is above 21,000,000 TAO"))
        }
        return violations
    }
}
