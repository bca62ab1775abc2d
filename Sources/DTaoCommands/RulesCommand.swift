import ArgumentParser
import Reporting
import TaoEconomics

/// `dtao rules [NAME] [--parameter name=value ...] [--specs]`
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rule sets, print one's parts and chain parameters, or which rule set replays which chain spec.",
        discussion: """
            A rule set is composed of named parts (share rule, gate, coinbase order, reservoirs, root dividends, consensus, \
            epochs, swap guards, registration) that carry chain parameters. A scenario derives from a rule set and overrides \
            parameters by the chain's storage names: rules: {base: head-2026-10, parameters: {tao_weight: 0}}. \
            --parameter shows the rule set such overrides give.
            """)

    @Argument(help: "A rule set to describe.")
    var name: RuleSet?

    @Option(name: .customLong("parameter"), help: ArgumentHelp("Show NAME with a chain parameter changed, in the chain's unit (repeatable).", valueName: "name=value"))
    var parameters: [String] = []

    @Flag(help: "Print which rule set replays which of the chain's runtime spec versions.")
    var specs = false

    @Option(help: "Output format: table or json.")
    var format: Format = .table

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    /// One rule set in the list.
    struct Entry: Encodable {
        let name: String
        let summary: String
        let `default`: Bool
    }

    /// One row of `--specs`.
    struct SpecRow: Encodable {
        let specVersions: String
        let firstSpec: Int?
        let lastSpec: Int?
        let rules: String
        let evidence: String
    }

    /// `rules NAME --format json`: parts and parameters keyed by name.
    struct Description: Encodable {
        struct Parameter: Encodable {
            let storageItem: String
            let unit: String
            let value: String
            let source: String
            let overridden: Bool
        }
        let name: String
        let base: String
        let summary: String
        let replays: String?
        let parts: [String: String]
        let parameters: [String: Parameter]
        let notes: [String]
    }

    func validate() throws {
        if specs, name != nil || !parameters.isEmpty { throw ValidationError("--specs lists every rule set; give it alone") }
        if !parameters.isEmpty, name == nil { throw ValidationError("--parameter needs a rule set NAME to change") }
    }

    func run() throws {
        if specs { return printSpecs() }
        guard let base = name else { return printList() }
        var rules = base
        for text in parameters {
            guard let equals = text.firstIndex(of: "="), let parameter = ChainParameter.named(String(text[..<equals])) else {
                throw ValidationError("--parameter \(text): expected name=value with one of \(ChainParameter.allCases.map(\.name).joined(separator: ", "))")
            }
            do {
                rules = try rules.setting(parameter, to: parameter.unit.value(parsing: String(text[text.index(after: equals)...]), for: parameter))
            } catch {
                throw ValidationError("--parameter \(text): \(error.message)")
            }
        }
        describe(rules)
    }

    func printList() {
        switch format {
        case .json:
            print(JSONText.encode(RuleSet.all.map { Entry(name: $0.name, summary: $0.summary, default: $0 == .card) }), terminator: "")
        case .table:
            let width = RuleSet.all.map(\.name.count).max() ?? 0
            for rules in RuleSet.all {
                print(rules.name.padded(to: width) + "  " + rules.summary + (rules == .card ? " (default)" : ""))
            }
        }
    }

    func printSpecs() {
        let rows = RuleSet.all.compactMap { rules in
            rules.replays.map { SpecRow(specVersions: $0.versions, firstSpec: $0.specVersions?.lowerBound, lastSpec: $0.specVersions?.upperBound, rules: rules.name, evidence: $0.evidence) }
        }
        switch format {
        case .json: print(JSONText.encode(rows), terminator: "")
        case .table:
            let header = ("spec versions", "rule set", "evidence")
            let specWidth = max(header.0.count, rows.map(\.specVersions.count).max() ?? 0)
            let rulesWidth = max(header.1.count, rows.map(\.rules.count).max() ?? 0)
            print(header.0.padded(to: specWidth) + "  " + header.1.padded(to: rulesWidth) + "  " + header.2)
            for row in rows { print(row.specVersions.padded(to: specWidth) + "  " + row.rules.padded(to: rulesWidth) + "  " + row.evidence) }
        }
    }

    func describe(_ rules: RuleSet) {
        let parts = rules.parts.filter { !$0.name.hasPrefix("note_") }
        let parameterRows = rules.parameterRows
        switch format {
        case .json:
            let description = Description(
                name: rules.label, base: rules.name, summary: rules.summary,
                replays: rules.replays.map { "\($0.versions): \($0.evidence)" },
                parts: Dictionary(parts.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first }),
                parameters: Dictionary(parameterRows.map { row in
                    (row.parameter.name, Description.Parameter(storageItem: row.parameter.storageItem, unit: row.parameter.unit.expected,
                                                              value: row.setting.description, source: row.source, overridden: row.overridden))
                }, uniquingKeysWith: { first, _ in first }),
                notes: rules.notes)
            print(JSONText.encode(description), terminator: "")
        case .table:
            print("\(rules.label): \(rules.summary)")
            if let replays = rules.replays { print("replays: \(replays.versions) (\(replays.evidence))") }
            print("\nparts")
            let width = parts.map(\.name.count).max() ?? 0
            for part in parts { print("  " + part.name.padded(to: width) + "  " + part.value) }
            print("\nchain parameters (a scenario overrides them: rules: {base: \(rules.name), parameters: {name: value}})")
            let nameWidth = parameterRows.map(\.parameter.name.count).max() ?? 0
            let valueWidth = parameterRows.map(\.setting.description.count).max() ?? 0
            for row in parameterRows {
                print("  " + row.parameter.name.padded(to: nameWidth) + "  " + row.setting.description.padded(to: valueWidth) + "  "
                      + "\(row.parameter.storageItem), \(row.parameter.unit.expected); from \(row.source)")
            }
            print("\nnotes")
            for (index, note) in rules.notes.enumerated() { print("  \(index + 1). \(note)") }
        }
    }
}

extension String {
    /// The string followed by spaces up to `width` characters.
    fileprivate func padded(to width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
