/// Why a supply operation was refused.
public enum SupplyError: Error, Equatable, Sendable, CustomStringConvertible {
    case wouldExceedCap(issuanceRao: UInt64, amountRao: UInt64)
    case insufficientIssuance(issuanceRao: UInt64, amountRao: UInt64)

    public var description: String {
        switch self {
        case let .wouldExceedCap(issuance, amount):
            return "minting \(amount) rao at issuance \(issuance) rao would exceed the 21,000,000 TAO cap"
        case let .insufficientIssuance(issuance, amount):
            return "cannot recycle \(amount) rao: only \(issuance) rao is issued"
        }
    }
}

/// Issuance of one token (TAO, or one subnet's alpha) with the two ways of taking it out of use.
///
/// - **recycle** lowers issuance: the amount can be minted again, so an issuance-driven halving
///   comes later (the chain's registration lock "burn" at launch, `recycle_tao` at HEAD);
/// - **burn** sends the amount to an unspendable holder: issuance is unchanged.
///
/// Invariant: issued = minted − recycled ≤ cap, and burned ≤ issued.
public struct SupplyLedger: Sendable, Equatable {
    public private(set) var mintedRao: UInt64 = 0
    public private(set) var recycledRao: UInt64 = 0
    public private(set) var burnedRao: UInt64 = 0

    /// A ledger that starts with `issuanceRao` already issued (counted as minted).
    public init(issuanceRao: UInt64 = 0) { mintedRao = issuanceRao }

    /// minted − recycled: what the emission function sees.
    public var issuanceRao: UInt64 { mintedRao - recycledRao }

    /// Issued and not burned.
    public var spendableRao: UInt64 { issuanceRao - burnedRao }

    /// Adds newly minted rao. - Throws: `wouldExceedCap` when issuance would pass 21M TAO.
    public mutating func mint(_ amountRao: UInt64) throws(SupplyError) {
        guard amountRao <= Supply.capRao - min(issuanceRao, Supply.capRao) else {
            throw .wouldExceedCap(issuanceRao: issuanceRao, amountRao: amountRao)
        }
        mintedRao += amountRao
    }

    /// Removes rao from issuance. - Throws: `insufficientIssuance` for more than is spendable.
    public mutating func recycle(_ amountRao: UInt64) throws(SupplyError) {
        guard amountRao <= spendableRao else {
            throw .insufficientIssuance(issuanceRao: spendableRao, amountRao: amountRao)
        }
        recycledRao += amountRao
    }

    /// Moves rao to an unspendable holder; issuance is unchanged.
    /// - Throws: `insufficientIssuance` for more than is spendable.
    public mutating func burn(_ amountRao: UInt64) throws(SupplyError) {
        guard amountRao <= spendableRao else {
            throw .insufficientIssuance(issuanceRao: spendableRao, amountRao: amountRao)
        }
        burnedRao += amountRao
    }
}
