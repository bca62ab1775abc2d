/// The economic invariants `dtao check` asserts every block. Each names a law the engine must
/// keep under every rule set; a violation is a bug in the engine or the rules, never a property
/// of a scenario.
public enum Invariant: String, Sendable, CaseIterable, Comparable, Encodable {
    /// TAO issuance never exceeds 21,000,000 TAO; each subnet's alpha issuance likewise.
    case supplyCap = "supply-cap"
    /// minted − recycled = pools + root stake + pending root TAO + root dividends + free TAO +
    /// burned TAO + block authors' fees + TAO in subnet accounts, to the rao, and the running
    /// totals match the subnets.
    case taoConservation = "tao-conservation"
    /// Per subnet: minted − recycled = pool alpha + outstanding alpha, and outstanding = pending +
    /// held (every holder: protocol alpha, claimable root dividends and dust included) + burned,
    /// to the rao.
    case alphaConservation = "alpha-conservation"
    /// No trade lowers k under exact rounding; under the launch chain's I110F18 rounding k falls by
    /// less than the new input reserve; no trade leaves the output reserve below the minimum. On
    /// a weighted pool x^w1·y^w2 does not fall beyond the power term's rounding (every trade:
    /// stakers', chain buys, root claims).
    case constantProduct = "constant-product"
    /// Injection never lowers the spot price, and leaves it unchanged (to one rao of alpha) when
    /// not capped. Under the launch rounding both are stated in the chain's own arithmetic: its
    /// unfloored I96F32 tao_in divided by its truncated I96F32 price. The chain injects only
    /// ⌊tao_in⌋ TAO, so the pool's price there can end lower by less than one rao of TAO over the
    /// new alpha reserve (recorded in the rule set's notes). Under HEAD the re-weighting keeps
    /// the spot price within its rounding bound (`InvariantChecker.reweightingProblem`).
    case injection
    /// The subnets' tao_in plus the rule set's named remainders equal the block emission exactly:
    /// the launch rules' unissued remainder (0 under `card` whenever a subnet can receive TAO);
    /// under HEAD the chain buys and the recycled credit, Σ tao_in + chain buys + recycled = E
    /// with the gate too. And issuance grows by exactly what the block issued: E − recycled
    /// (HEAD), Σ tao_in (launch).
    case sharesSum = "shares-sum"
    /// The block's emission is the rule set's function of issuance (or block), recomputed with
    /// the GMP reference, and never increases with issuance (or blocks).
    case emissionSchedule = "emission-schedule"
    /// Every Yuma epoch (subnets with consensus): incentives and dividends each sum to 0, or to
    /// 1 less at most one 2^-32 per UID (each normalising quotient truncates); bonds lie in
    /// [0, 1]; the alpha paid to UIDs, plus the owner UID's burned share, plus the floors'
    /// remainder (credited to dust) equals the pending miners' and validators' alpha, to the rao.
    case consensus
    /// No trade empties a pool's reserve (the pool keeps TAO and alpha, so its price stays
    /// finite and positive), and on a weighted pool no trade moves the spot price down below
    /// the curve's minimum or up above its maximum (every trade stops at its limit, and the
    /// limits lie inside those bounds).
    case poolBounds = "pool-bounds"

    /// The name `dtao check` prints and `--invariants` takes.
    public var name: String { rawValue }

    /// The case's position in `allCases`, as a bit index.
    var bit: Int {
        switch self {
        case .supplyCap: 0
        case .taoConservation: 1
        case .alphaConservation: 2
        case .constantProduct: 3
        case .injection: 4
        case .sharesSum: 5
        case .emissionSchedule: 6
        case .consensus: 7
        case .poolBounds: 8
        }
    }

    public static func < (lhs: Invariant, rhs: Invariant) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A broken invariant, with where and the values involved.
public struct InvariantViolation: Error, Sendable, Equatable, Encodable, CustomStringConvertible {
    /// The invariant broken.
    public let invariant: Invariant
    /// The block at which it broke.
    public let block: UInt64
    /// The subnet, when it is about one.
    public let netuid: UInt16?
    /// The values involved.
    public let details: String

    enum CodingKeys: String, CodingKey { case invariant, block, netuid, details }

    /// Every key present (a missing subnet is null).
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(invariant, forKey: .invariant)
        try container.encode(block, forKey: .block)
        try container.encode(netuid, forKey: .netuid)
        try container.encode(details, forKey: .details)
    }

    public var description: String {
        "\(invariant.name) violated at block \(block)" + (netuid.map { ", subnet \($0)" } ?? "") + ": \(details)"
    }
}
