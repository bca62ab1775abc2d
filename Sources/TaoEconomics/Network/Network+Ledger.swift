/// A conservation law that does not hold, with the values involved.
public struct LedgerViolation: Sendable, Equatable, CustomStringConvertible {
    public let law: String
    public let netuid: UInt16?
    public let details: String

    public var description: String {
        (netuid.map { "subnet \($0): " } ?? "") + "\(law): \(details)"
    }
}

extension Network {
    /// Every conservation law the ledger keeps, checked in O(subnets) from running totals:
    ///
    /// - TAO: minted − recycled = Σ pool TAO + root stake + pending root TAO + root dividends
    ///   + free TAO + burned TAO, and the running pool and pending totals match the subnets;
    /// - alpha, per subnet: minted − recycled = pool alpha + outstanding, and outstanding =
    ///   pending (owner + miners + validators) + held (every holder, dust included) + burned
    ///   (burned alpha stays issued and outstanding, held by nobody);
    /// - issuance stays within 21,000,000 TAO and each alpha within 21,000,000 alpha.
    public func checkConservation() -> [LedgerViolation] {
        var violations: [LedgerViolation] = []
        var pools = BigIntegerSum(), pendingRoot = BigIntegerSum()
        for subnet in subnets {
            pools.add(subnet.pool.taoReserveRao)
            pendingRoot.add(subnet.pendingRootTaoRao)
            let issuance = BigIntegerSum(subnet.alphaMintedRao).minus(subnet.alphaRecycledRao)
            let held = BigIntegerSum(subnet.pool.alphaReserveRao).plus(subnet.pool.alphaOutstandingRao)
            if issuance != held {
                violations.append(LedgerViolation(law: "alpha-conservation", netuid: subnet.netuid,
                    details: "minted \(subnet.alphaMintedRao) − recycled \(subnet.alphaRecycledRao) ≠ pool \(subnet.pool.alphaReserveRao) + outstanding \(subnet.pool.alphaOutstandingRao)"))
            }
            let accounted = BigIntegerSum(subnet.pendingAlphaRao).plus(subnet.holders.totalRao).plus(subnet.alphaBurnedRao)
            if accounted != BigIntegerSum(subnet.pool.alphaOutstandingRao) {
                violations.append(LedgerViolation(law: "alpha-conservation", netuid: subnet.netuid,
                    details: "outstanding \(subnet.pool.alphaOutstandingRao) ≠ pending \(subnet.pendingAlphaRao) + held \(subnet.holders.totalRao) + burned \(subnet.alphaBurnedRao)"))
            }
            if subnet.alphaIssuanceRao > Supply.capRao {
                violations.append(LedgerViolation(law: "supply-cap", netuid: subnet.netuid,
                    details: "alpha issuance \(subnet.alphaIssuanceRao) rao is above 21,000,000 alpha"))
            }
        }
        if pools != BigIntegerSum(tao.poolsRao) || pendingRoot != BigIntegerSum(tao.pendingRootRao) {
            violations.append(LedgerViolation(law: "tao-conservation", netuid: nil,
                details: "running totals drifted: pools \(tao.poolsRao) vs \(pools), pending root \(tao.pendingRootRao) vs \(pendingRoot)"))
        }
        let held = BigIntegerSum(tao.poolsRao).plus(tao.rootStakeRao).plus(tao.pendingRootRao).plus(tao.rootDividendsRao)
            .plus(tao.freeRao).plus(tao.burnedRao)
        if BigIntegerSum(tao.mintedRao).minus(tao.recycledRao) != held {
            violations.append(LedgerViolation(law: "tao-conservation", netuid: nil,
                details: "minted \(tao.mintedRao) − recycled \(tao.recycledRao) ≠ pools \(tao.poolsRao) + root \(tao.rootStakeRao) + pending root \(tao.pendingRootRao) + root dividends \(tao.rootDividendsRao) + free \(tao.freeRao) + burned \(tao.burnedRao)"))
        }
        if tao.issuanceRao > Supply.capRao {
            violations.append(LedgerViolation(law: "supply-cap", netuid: nil, details: "TAO issuance \(tao.issuanceRao) rao is above 21,000,000 TAO"))
        }
        return violations
    }
}

/// An exact running sum of rao amounts (they can pass 2^64 when added up).
struct BigIntegerSum: Equatable, CustomStringConvertible {
    private(set) var value: BigInteger

    init(_ start: UInt64 = 0) { value = BigInteger(start) }

    mutating func add(_ amount: UInt64) { value += BigInteger(amount) }
    func plus(_ amount: UInt64) -> BigIntegerSum { var copy = self; copy.add(amount); return copy }
    func minus(_ amount: UInt64) -> BigIntegerSum { var copy = self; copy.value -= BigInteger(amount); return copy }

    var description: String { value.description }
}

import FixedMath
