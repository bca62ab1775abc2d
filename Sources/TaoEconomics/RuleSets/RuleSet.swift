/// A named, versioned bundle of the rules a run follows (design principle 2).
///
/// Parameters are fixed by shared/spec/rule-sets.md; a change is a new rule set, never a
/// silent edit. This holds the parts built so far (halving trigger and pool); the coinbase
/// parts join it as they are built.
public struct RuleSet: Sendable, Equatable {
    public let name: String
    /// One line for `dtao rules`.
    public let summary: String
    public let halving: HalvingTrigger
    public let pool: PoolRules

    /// `card`, the default: the product card's rules.
    public static let card = RuleSet(
        name: "card", summary: "The product card: halving every 10.5M blocks, V2 pools with exact floor rounding and a 0.05% fee.",
        halving: .blocks, pool: .card)

    /// `launch-2025-02`: the chain as launched in February 2025.
    public static let launch2025_02 = RuleSet(
        name: "launch-2025-02", summary: "The chain as launched (Feb 2025): issuance-driven halvings, I110F18 pools, flat 50,000-rao fee.",
        halving: .issuance, pool: .launch2025_02)

    /// Every rule set, default first.
    public static let all: [RuleSet] = [.card, .launch2025_02]

    /// The rule set called `name`, or nil.
    public static func named(_ name: String) -> RuleSet? { all.first { $0.name == name } }
}
