extension RuleSet {
    /// Every bundled rule set, default first. A new rule set is one file composing parts and
    /// one entry here.
    public static let all: [RuleSet] = [.card, .launch2025_02, .head2026_06, .head2026_08, .head2026_10]

    /// The bundled rule set called `name`, or nil.
    public static func named(_ name: String) -> RuleSet? { all.first { $0.name == name } }

    /// The bundled rule set that replays runtime spec `version`, or nil when none claims it.
    public static func replaying(specVersion version: Int) -> RuleSet? {
        all.first { $0.replays?.specVersions?.contains(version) == true }
    }
}
