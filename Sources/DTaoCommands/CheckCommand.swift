import ArgumentParser
import Foundation
import Reporting
import Simulation
import TaoEconomics

/// `dtao check SCENARIO... [--invariants all|NAME,...] [--golden DIR] [--update-golden] [--format text|json]`
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run scenarios with the economic invariants asserted every block, and compare their reports with baselines.",
        discussion: """
            Invariants (all by default): \(Invariant.allCases.map(\.name).joined(separator: ", ")). \
            A scenario stops at its first violation, which is printed with the invariant, block, \
            subnet and values. With --golden DIR, each scenario's fresh subnets.csv, network.csv, \
            miners.csv and events.csv are compared with DIR/<scenario name>/: integer and text \
            columns exactly, derived prices and USD figures within a relative 1e-9; the first \
            differing rows are printed. --update-golden rewrites those baselines instead. \
            Exit codes: 0 every invariant held and every report matched; 1 a violation or a \
            drift; 2 bad input.
            """)

    @Argument(help: "Scenario files.")
    var scenarios: [String]

    @Option(help: ArgumentHelp("all, or a comma-separated list of invariant names.", valueName: "names"))
    var invariants: String = "all"

    @Option(help: ArgumentHelp("A directory of baseline reports, one folder per scenario name.", valueName: "dir"))
    var golden: String?

    @Flag(help: "Rewrite the baselines under --golden from fresh runs.")
    var updateGolden = false

    @Option(help: "Output format: text (for CI logs) or json.")
    var format: CheckFormat = .text

    enum CheckFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    func validate() throws {
        guard !scenarios.isEmpty else { throw ValidationError("give at least one scenario file") }
        if updateGolden, golden == nil { throw ValidationError("--update-golden needs --golden DIR") }
        _ = try selectedInvariants()
    }

    func selectedInvariants() throws -> Set<Invariant> {
        if invariants == "all" { return Set(Invariant.allCases) }
        var selected = Set<Invariant>()
        for name in invariants.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard let invariant = Invariant(rawValue: name) else {
                throw ValidationError("unknown invariant '\(name)': expected all or names from \(Invariant.allCases.map(\.name).joined(separator: ", "))")
            }
            selected.insert(invariant)
        }
        return selected
    }

    struct Report {
        let name: String
        let file: String
        var blocks: UInt64 = 0
        var violation: InvariantViolation?
        var error: String?
        var goldenStatus = "skipped"
        var goldenDirectory: String?
        var golden: GoldenResult?

        var failed: Bool { violation != nil || error != nil || goldenStatus == "drift" || goldenStatus == "missing" }
    }

    func run() throws {
        let enabled = try selectedInvariants()
        // Every scenario must be valid before any runs.
        var loaded: [(path: String, scenario: Scenario)] = []
        for path in scenarios {
            do { loaded.append((path, try ScenarioParser.load(path: path))) } catch { throw CommandFailure.badInput(error.description) }
        }
        let names = loaded.map(\.scenario.name)
        if let duplicate = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
            throw CommandFailure.badInput("two scenarios are named '\(duplicate)': baselines are stored by name")
        }
        var reports: [Report] = []
        for (path, scenario) in loaded {
            var report = Report(name: scenario.name, file: path)
            report.blocks = scenario.horizonBlocks
            if format == .text { print("check \(scenario.name) (\(path)): \(scenario.horizonBlocks) blocks, \(enabled.count) invariants every block") }
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("dtao-check-\(ProcessInfo.processInfo.processIdentifier)-\(scenario.name)").path
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            do {
                var simulation = try SimulationRun(scenario: scenario)
                simulation.checker = InvariantChecker(enabled: enabled)
                let directory = try ReportDirectory(out: scratch, force: true)
                _ = try ReportRun.write(&simulation, scenarioPath: path, into: directory, engineVersion: DTao.version,
                                        commandLine: ["dtao"] + CommandLine.arguments.dropFirst())
                if let golden {
                    let target = (golden as NSString).appendingPathComponent(scenario.name)
                    report.goldenDirectory = target
                    if updateGolden {
                        try GoldenComparison.update(fresh: scratch, golden: target)
                        report.goldenStatus = "updated"
                    } else {
                        let result = GoldenComparison.compare(fresh: scratch, golden: target)
                        report.golden = result
                        report.goldenStatus = result.matches ? "match" : (result.problems.contains { $0.contains("missing") } ? "missing" : "drift")
                    }
                }
            } catch let RunError.invariant(violation) {
                report.violation = violation
            } catch let RunError.scenario(error) {
                throw CommandFailure.badInput(error.description)
            } catch {
                report.error = "\(error)"
            }
            if format == .text { printText(report) }
            reports.append(report)
        }
        let failed = reports.filter(\.failed)
        switch format {
        case .text:
            print(failed.isEmpty
                ? "check passed: \(reports.count) scenario(s), every invariant held every block" + (golden == nil ? "" : (updateGolden ? ", baselines updated" : ", reports match the baselines"))
                : "check FAILED: \(failed.count) of \(reports.count) scenario(s): \(failed.map(\.name).joined(separator: ", "))")
        case .json:
            print(json(reports, enabled: enabled))
        }
        if !failed.isEmpty { throw ExitCode(1) }
    }

    func printText(_ report: Report) {
        if let violation = report.violation {
            print("  VIOLATION \(violation.invariant.name) at block \(violation.block)" + (violation.netuid.map { ", subnet \($0)" } ?? ""))
            print("    \(violation.details)")
            return
        }
        if let error = report.error {
            print("  ERROR \(error)")
            return
        }
        print("  invariants: ok")
        guard let directory = report.goldenDirectory else { return }
        switch report.goldenStatus {
        case "updated": print("  baseline updated: \(directory)")
        case "match": print("  reports match \(directory)")
        default:
            print("  DRIFT against \(directory)")
            for problem in report.golden?.problems ?? [] { print("    \(problem)") }
            for (file, rows) in (report.golden?.differingRows ?? [:]).sorted(by: { $0.key < $1.key }) { print("    \(file): \(rows) row(s) differ") }
            for difference in report.golden?.differences ?? [] { print("    \(difference)") }
        }
    }

    func json(_ reports: [Report], enabled: Set<Invariant>) -> String {
        let q = JSONString.quote
        let items = reports.map { report -> String in
            let violation = report.violation.map {
                "{\"invariant\": \(q($0.invariant.name)), \"block\": \($0.block), \"netuid\": \($0.netuid.map(String.init) ?? "null"), \"details\": \(q($0.details))}"
            } ?? "null"
            let differences = (report.golden?.differences ?? []).map {
                "{\"file\": \(q($0.file)), \"line\": \($0.line), \"key\": \(q($0.key)), \"column\": \(q($0.column)), \"expected\": \(q($0.expected)), \"actual\": \(q($0.actual))}"
            }
            let problems = (report.golden?.problems ?? []).map(q)
            return """
                  {"name": \(q(report.name)), "file": \(q(report.file)), "blocks": \(report.blocks), "ok": \(!report.failed), \
                "violation": \(violation), "error": \(report.error.map(q) ?? "null"), \
                "golden": {"directory": \(report.goldenDirectory.map(q) ?? "null"), "status": \(q(report.goldenStatus)), \
                "problems": [\(problems.joined(separator: ", "))], "differences": [\(differences.joined(separator: ", "))]}}
                """
        }
        return """
            {"ok": \(!reports.contains(where: \.failed)), "invariants": [\(enabled.sorted().map { q($0.name) }.joined(separator: ", "))], "scenarios": [
            \(items.joined(separator: ",\n"))
            ]}
            """
    }
}
