import ArgumentParser
import Reporting
import TaoEconomics

/// `dtao rules [NAME]`
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rule sets, or print every parameter of one.",
        discussion: "Parameters are fixed per rule set; a change to them is a new rule set.")

    @Argument(help: "A rule set to describe (card or launch-2025-02).")
    var name: String?

    @Option(help: "Output format: table or json.")
    var format: TableFormat = .table

    func validate() throws {
        if let name, RuleSet.named(name) == nil {
            throw ValidationError("unknown rule set '\(name)': expected one of \(RuleSet.all.map(\.name).joined(separator: ", "))")
        }
        guard format != .csv else { throw ValidationError("rules prints table or json") }
    }

    func run() throws {
        guard let name, let rules = RuleSet.named(name) else {
            let width = RuleSet.all.map(\.name.count).max() ?? 0
            switch format {
            case .json:
                print("[\n" + RuleSet.all.map { "  {\"name\": \(JSONString.quote($0.name)), \"summary\": \(JSONString.quote($0.summary)), \"default\": \($0 == .card)}" }.joined(separator: ",\n") + "\n]")
            default:
                for rules in RuleSet.all {
                    print(rules.name + String(repeating: " ", count: width - rules.name.count) + "  " + rules.summary + (rules == .card ? " (default)" : ""))
                }
            }
            return
        }
        switch format {
        case .json:
            print("{\n" + rules.parameters.map { "  \(JSONString.quote($0.name)): \(JSONString.quote($0.value))" }.joined(separator: ",\n") + "\n}")
        default:
            let width = rules.parameters.map(\.name.count).max() ?? 0
            for (parameter, value) in rules.parameters {
                print(parameter + String(repeating: " ", count: width - parameter.count) + "  " + value)
            }
        }
    }
}
