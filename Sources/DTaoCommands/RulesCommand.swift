import ArgumentParser
import Reporting
import TaoEconomics

/// `dtao rules [NAME]`
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rule sets, or print every parameter of one.",
        discussion: "Parameters are fixed per rule set; a change to them is a new rule set.")

    @Argument(help: "A rule set to describe.")
    var name: RuleSet?

    @Option(help: "Output format: table or json.")
    var format: Format = .table

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    /// One rule set in the list.
    struct Entry: Encodable {
        let name: String
        let summary: String
        let `default`: Bool
    }

    func run() throws {
        guard let rules = name else {
            switch format {
            case .json:
                print(JSONText.encode(RuleSet.all.map { Entry(name: $0.name, summary: $0.summary, default: $0 == .card) }), terminator: "")
            case .table:
                let width = RuleSet.all.map(\.name.count).max() ?? 0
                for rules in RuleSet.all {
                    print(rules.name + String(repeating: " ", count: width - rules.name.count) + "  " + rules.summary + (rules == .card ? " (default)" : ""))
                }
            }
            return
        }
        switch format {
        case .json:
            print(JSONText.encode(Dictionary(rules.parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })), terminator: "")
        case .table:
            let width = rules.parameters.map(\.name.count).max() ?? 0
            for (parameter, value) in rules.parameters {
                print(parameter + String(repeating: " ", count: width - parameter.count) + "  " + value)
            }
        }
    }
}
