import ArgumentParser
import Foundation
import HTMLReport
import Reporting

/// `dtao report DIR [--top N | --netuid N...]`: (re)builds report.html of a run or sweep folder.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Build report.html (charts and tables, one self-contained file) for a run or sweep folder.",
        discussion: """
            The page is built only from the folder's files, so it is byte for byte the one \
            `dtao run` or `dtao sweep` wrote (with the same --top). --netuid N (repeatable) shows \
            only those subnets in the charts and tables. It needs no network: the \
            charts are inline SVG. Exit codes: 0 written; 2 not a run or sweep folder; 3 the \
            file could not be written.
            """)

    @Argument(help: "A folder written by dtao run or dtao sweep.")
    var folder: String

    @Option(help: ArgumentHelp("Subnets shown in the price charts (the largest by market cap).", valueName: "n"))
    var top: Int = 10

    @Option(name: .customLong("netuid"), help: ArgumentHelp("Show only this subnet in the charts and tables (repeatable); replaces --top.", valueName: "n"))
    var netuids: [Int] = []

    func validate() throws {
        guard (1...128).contains(top) else { throw ValidationError("--top must be from 1 to 128") }
        for netuid in netuids where !(1...65_535).contains(netuid) { throw ValidationError("--netuid \(netuid): a subnet's netuid is from 1 to 65535") }
    }

    /// The report file `dtao run` adds to its folder.
    static let reportFile = ReportRun.ExtraFile(name: ReportFile.name) { folder in try ReportFile.write(folder: folder) }

    func run() throws {
        let text: String
        do { text = try ReportFile.html(folder: folder, top: top, netuids: netuids) } catch { throw CommandFailure.badInput("\(error)") }
        let path: String
        do { path = try ReportFile.write(text, folder: folder) } catch {
            throw CommandFailure.machine("cannot write \(folder)/\(ReportFile.name): \(error.localizedDescription)")
        }
        print("wrote \(path)")
    }
}
