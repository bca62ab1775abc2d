import ArgumentParser
import Foundation
import HTMLReport
import Reporting
import Simulation
import TaoEconomics

/// `dtao compare A B [--html FILE] [--format table|csv|json] [--top N]` and
/// `dtao compare SCENARIO --rules X --rules Y --out DIR`.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Two runs side by side: end-of-run figures with exact differences, and a page with both runs on each chart.",
        discussion: """
            Given two run folders (written by dtao run), prints a table of their end-of-run \
            figures: the network's last row (issuance, emission, TAO/USD, root stake, free and \
            recycled TAO, subnets), the subnets' totals, the price and market cap of A's top --top \
            subnets by market cap (and B's), and the miners' profit over the run, each with B − A \
            computed exactly from the report files. --html FILE also writes the comparison page \
            (self-contained, like report.html): the table, then TAO issuance, TAO/USD and those \
            subnets' prices with A solid and B dashed. Given one scenario file and two --rules, \
            runs it under each into DIR/A-<rules> and DIR/B-<rules> and writes DIR/compare.html. \
            Exit codes: 0 compared; 2 bad input (not a run folder, a bad scenario); 3 the machine \
            failed (nothing half-written).
            """)

    @Argument(help: "Two run folders, or one scenario file with two --rules.")
    var inputs: [String] = []

    @Option(help: ArgumentHelp("With a scenario: a rule set to run it under (give two).", valueName: "name"))
    var rules: [RuleSet] = []

    @Option(help: ArgumentHelp("With a scenario: the folder for both runs and compare.html.", valueName: "dir"))
    var out: String?

    @Option(help: ArgumentHelp("With two folders: also write the comparison page here.", valueName: "file"))
    var html: String?

    @Option(help: ArgumentHelp("Subnets compared one by one (A's largest by final market cap, then B's).", valueName: "n"))
    var top: Int = 5

    @Option(help: "Output format: table, csv or json.")
    var format: TableFormat = .table

    func validate() throws {
        guard (1...128).contains(top) else { throw ValidationError("--top must be from 1 to 128") }
        switch inputs.count {
        case 2:
            guard rules.isEmpty, out == nil else { throw ValidationError("--rules and --out go with one scenario file, not two run folders") }
        case 1:
            guard rules.count == 2 else { throw ValidationError("a scenario is compared under two rule sets: give --rules twice") }
            guard out != nil else { throw ValidationError("give --out DIR for the two runs and compare.html") }
            guard html == nil else { throw ValidationError("with a scenario the page is DIR/compare.html: --html goes with two run folders") }
        default:
            throw ValidationError("give two run folders, or one scenario file with --rules X --rules Y --out DIR")
        }
    }

    func run() throws {
        let folders: (String, String)
        var page = html
        if inputs.count == 1, let out {
            folders = (out + "/A-" + rules[0].name, out + "/B-" + rules[1].name)
            var scenarios: [Scenario] = []
            for rule in rules {
                var scenario: Scenario
                do { scenario = try ScenarioParser.load(path: inputs[0]) } catch { throw CommandFailure.badInput(error.description, at: error) }
                do { try scenario.rebase(on: rule) } catch { throw CommandFailure.badInput(error.description, at: error) }
                scenarios.append(scenario)
            }
            do { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) } catch {
                throw CommandFailure.machine("cannot create \(out): \(error.localizedDescription)")
            }
            for (scenario, folder) in zip(scenarios, [folders.0, folders.1]) {
                var simulation: SimulationRun
                do { simulation = try SimulationRun(scenario: scenario) } catch { throw CommandFailure(error) }
                let directory: ReportDirectory
                do { directory = try ReportDirectory(out: folder, force: true) } catch { throw CommandFailure(error) }
                do {
                    _ = try ReportRun.write(&simulation, into: directory, engineVersion: DTao.version, commandLine: ["dtao"] + CommandLine.arguments.dropFirst(),
                                            extraFile: ReportCommand.reportFile)
                } catch { throw CommandFailure(error) }
            }
            page = out + "/compare.html"
        } else {
            folders = (inputs[0], inputs[1])
        }
        let comparison: RunComparison
        do { comparison = try RunComparison(folders.0, folders.1, top: top) } catch { throw CommandFailure.badInput("\(error)") }
        if let page {
            do { try Data(comparison.html.utf8).write(to: URL(fileURLWithPath: page), options: .atomic) } catch {
                throw CommandFailure.machine("cannot write \(page): \(error.localizedDescription)")
            }
        }
        print(render(comparison), terminator: "")
    }

    func render(_ comparison: RunComparison) -> String {
        let header = ["figure", "unit", "a", "b", "difference"]
        let cells = comparison.rows.map { [$0.figure, $0.unit, $0.a, $0.b, $0.difference] }
        switch format {
        case .csv:
            return ([header] + cells).map { $0.map(CSVText.field).joined(separator: ",") }.joined(separator: "\n") + "\n"
        case .json:
            struct Output: Encodable {
                let a: String, b: String
                let rows: [[String: String]]
            }
            return JSONText.encode(Output(a: comparison.labels.a, b: comparison.labels.b,
                                          rows: cells.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }))
        case .table:
            let widths = header.indices.map { column in ([header] + cells).map { $0[column].count }.max() ?? 0 }
            func line(_ row: [String]) -> String {
                row.enumerated().map { index, cell in index < 2 ? cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[index] - cell.count) + cell }.joined(separator: "  ")
            }
            return (["A: \(comparison.labels.a)", "B: \(comparison.labels.b)", line(header)] + cells.map(line)).joined(separator: "\n") + "\n"
        }
    }
}
