/// Who holds a subnet's alpha outside the pool.
public enum AlphaHolder: Hashable, Sendable, CustomStringConvertible {
    case owner
    case miner(Int)
    case validator(Int)
    /// A named staker (scenario holders; "others" holds the rest of the starting outstanding).
    case staker(String)
    /// Rao lost to the rules' floors: minted as outstanding but credited to nobody. Explicit so
    /// that alpha conservation holds to the rao.
    case dust
    /// Alpha the chain's own buys bought with excess emission (HEAD `SubnetProtocolAlpha`): held by
    /// the protocol, counted in outstanding, weighed for it at dissolution.
    case `protocol`
    /// Root dividends paid at an epoch and not claimed yet (HEAD `RootClaimable`).
    case rootClaimable
    /// Alpha root stakers claimed and keep (HEAD claim type `Keep`).
    case rootStakers

    public var description: String {
        switch self {
        case .owner: return "owner"
        case let .miner(index): return "miner \(index)"
        case let .validator(index): return "validator \(index)"
        case let .staker(name): return "staker \(name)"
        case .dust: return "dust"
        case .protocol: return "protocol"
        case .rootClaimable: return "root claimable"
        case .rootStakers: return "root stakers"
        }
    }
}

extension AlphaHolder {
    /// The staker holding a subnet's starting outstanding alpha that no named holder holds, and
    /// the seller in random outflows.
    public static let others = AlphaHolder.staker("others")
    /// The buyer in random inflows.
    public static let market = AlphaHolder.staker("market")
    /// Staker names a scenario cannot give to its own holders.
    public static let reservedStakerNames: Set<String> = ["others", "market"]

    /// The name in reports: a staker's own name, or the description.
    public var reportName: String {
        if case let .staker(name) = self { return name }
        return description
    }
}

/// The alpha balances of one subnet's holders, with their total kept incrementally.
///
/// The two accounts the coinbase credits every block (the floors' dust and the protocol's
/// bought alpha) are plain stored fields; the others live in a dictionary, touched at epochs and
/// trades only.
public struct AlphaHolders: Sendable, Equatable {
    /// Each other holder's alpha, rao (zero balances of holders that held some stay listed).
    private var others: [AlphaHolder: UInt64] = [:]
    /// The floors' leftovers, alpha rao (`.dust`).
    public private(set) var dustRao: UInt64 = 0
    /// The protocol's alpha from chain buys, alpha rao (`.protocol`).
    public private(set) var protocolRao: UInt64 = 0
    /// Σ balances, kept up to date by every credit and debit (O(1) checks).
    public private(set) var totalRao: UInt64 = 0
    /// Miners' and validators' payout weights (the consensus stand-in). Miner k of the list is
    /// credited as `.miner(minerIDs[k])`, so miners keep their identity when others leave.
    public internal(set) var minerWeights: [UInt64]
    /// The miners' ids by rank: miner k of `minerWeights` is `.miner(minerIDs[k])`.
    public internal(set) var minerIDs: [Int]
    /// Validators' payout weights (the consensus stand-in).
    public let validatorWeights: [UInt64]

    /// Holders with no balances and these payout weights (miner ids 0, 1, …).
    public init(minerWeights: [UInt64], validatorWeights: [UInt64]) {
        self.minerWeights = minerWeights
        minerIDs = Array(minerWeights.indices)
        self.validatorWeights = validatorWeights
    }

    /// `holder`'s alpha, rao (0 when it holds none).
    public func balance(of holder: AlphaHolder) -> UInt64 {
        switch holder {
        case .dust: return dustRao
        case .protocol: return protocolRao
        default: return others[holder] ?? 0
        }
    }

    /// Every holder's balance as a state file records it: the dictionary's entries (zero
    /// balances included), then dust and protocol when positive.
    var entries: [(holder: AlphaHolder, rao: UInt64)] {
        others.map { ($0.key, $0.value) } + [(AlphaHolder.dust, dustRao), (AlphaHolder.protocol, protocolRao)].filter { $0.1 > 0 }
    }

    /// Adds rao to a holder.
    mutating func credit(_ holder: AlphaHolder, _ amountRao: UInt64) throws(NetworkError) {
        guard amountRao > 0 else { return }
        let (total, overflow) = totalRao.addingReportingOverflow(amountRao)
        guard !overflow else { throw .overflow("alpha held on one subnet") }
        switch holder {
        case .dust: dustRao += amountRao
        case .protocol: protocolRao += amountRao
        default: others[holder, default: 0] += amountRao
        }
        totalRao = total
    }

    /// Sets a holder's balance as a state file records it (zero balances included).
    /// - Throws: `overflow` when the holder is already present or the total would pass 2^64 rao.
    mutating func restore(_ holder: AlphaHolder, _ amountRao: UInt64) throws(NetworkError) {
        let (total, overflow) = totalRao.addingReportingOverflow(amountRao)
        guard !overflow else { throw .overflow("alpha held on one subnet") }
        switch holder {
        case .dust:
            guard dustRao == 0 else { throw .overflow("alpha held on one subnet") }
            dustRao = amountRao
        case .protocol:
            guard protocolRao == 0 else { throw .overflow("alpha held on one subnet") }
            protocolRao = amountRao
        default:
            guard others[holder] == nil else { throw .overflow("alpha held on one subnet") }
            others[holder] = amountRao
        }
        totalRao = total
    }

    /// Removes rao from a holder. - Throws: `insufficientAlpha` when it holds less.
    mutating func debit(_ holder: AlphaHolder, _ amountRao: UInt64) throws(NetworkError) {
        let balance = balance(of: holder)
        guard amountRao <= balance else { throw .insufficientAlpha(holder: holder.description, heldRao: balance, requestedRao: amountRao) }
        switch holder {
        case .dust: dustRao -= amountRao
        case .protocol: protocolRao -= amountRao
        default: others[holder] = balance - amountRao
        }
        totalRao -= amountRao
    }

    /// Every holder with a positive balance, in a stable order (owner, miners, validators,
    /// stakers by name, root stakers, root claimable, protocol, dust).
    public var positiveBalances: [(holder: AlphaHolder, rao: UInt64)] {
        func rank(_ holder: AlphaHolder) -> (Int, Int, String) {
            switch holder {
            case .owner: return (0, 0, "")
            case let .miner(index): return (1, index, "")
            case let .validator(index): return (2, index, "")
            case let .staker(name): return (3, 0, name)
            case .rootStakers: return (4, 0, "")
            case .rootClaimable: return (5, 0, "")
            case .protocol: return (6, 0, "")
            case .dust: return (7, 0, "")
            }
        }
        return entries.filter { $0.rao > 0 }.sorted { rank($0.holder) < rank($1.holder) }
    }
}
