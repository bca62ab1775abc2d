import ArgumentParser
import FixedMath
import Reporting
import Simulation
import TaoEconomics

/// `dtao snapshot inspect FILE [--rules NAME] [--issuance TAO] [--root TAO] [--format text|json]`
struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Chain snapshots: what a file holds before a scenario starts from it.",
        subcommands: [InspectCommand.self])

    /// `dtao snapshot inspect`.
    struct InspectCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "inspect",
            abstract: "Read a chain snapshot and say what was read, what was defaulted, the totals, and any inconsistency.",
            discussion: """
                The format is detected from the content: the runtime API's get_all_dynamic_info \
                as scripts/fetch-snapshot.py writes it, the bittensor SDK's DynamicInfo list as \
                JSON, or btcli subnets list --json-output (Scenarios/README.md names the versions). \
                Decimal amounts are read exactly and floored to the rao; the report says how many \
                lost digits. Under --rules (default head-2026-06, the chain today) the import is \
                the one a scenario would make: quote weights from prices for weighted pools, and \
                for constant-product pools (card, launch-2025-02) a price that disagrees with T/A \
                beyond rounding is refused. Issuance below the TAO in pools and on root is refused \
                too. Exit codes: 0 consistent; 2 a bad or inconsistent file.
                """)

        @Argument(help: "The snapshot file (JSON).")
        var file: String

        @Option(help: ArgumentHelp("The rule set the snapshot is imported under.", valueName: "name"))
        var rules: RuleSet = .head2026_06

        @Option(parsing: .unconditional, help: ArgumentHelp("Total issuance when the snapshot has none (TAO), as a scenario's start.issuance.", valueName: "tao"),
                transform: ArgumentParsing.taoAmount)
        var issuance: UInt64?

        @Option(parsing: .unconditional, help: ArgumentHelp("Root stake when the snapshot has none (TAO), as a scenario's root.tao.", valueName: "tao"),
                transform: ArgumentParsing.taoAmount)
        var root: UInt64?

        @Option(help: "Output format: text or json.")
        var format: Format = .text

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

        func run() throws {
            let snapshot: Snapshot
            do { snapshot = try SnapshotReader.read(path: file) } catch { throw CommandFailure.badInput(error.description, at: error) }
            let imported: SnapshotImport
            do { imported = try snapshot.imported(rules: rules, netuids: nil, keyPath: "subnets") } catch {
                throw CommandFailure.badInput(error.description, at: error)
            }
            let report = SnapshotReport(snapshot: snapshot, imported: imported, rules: rules, issuanceRao: issuance, rootRao: root)
            if let problem = report.inconsistency {
                throw CommandFailure.badInput("\(file): \(problem)")
            }
            switch format {
            case .json: print(JSONText.encode(report), terminator: "")
            case .text: print(report.text, terminator: "")
            }
        }
    }
}

/// What `dtao snapshot inspect` prints.
struct SnapshotReport: Encodable {
    struct Subnet: Encodable {
        let netuid: UInt16
        let name: String
        let taoReserveRao: UInt64
        let alphaReserveRao: UInt64
        let alphaOutstandingRao: UInt64
        let price: String?
        let emaPrice: String?
        let quoteWeight: String?
        let tempo: UInt64?
        let registeredAt: UInt64?
        let started: Bool?
        let emissionEnabled: Bool?
    }

    let file: String
    let format: String
    let rules: String
    let block: UInt64?
    let totalIssuanceRao: UInt64?
    let rootStakeRao: UInt64?
    let subnets: Int
    let taoInPoolsRao: String
    let alphaInPoolsRao: String
    let alphaOutstandingRao: String
    let priceSum: String?
    let flooredAmounts: Int
    let lacks: [String]
    let filledOnImport: [String]
    let subnetRows: [Subnet]
    /// Why the snapshot cannot start a run as it is, or nil.
    let inconsistency: String?

    init(snapshot: Snapshot, imported: SnapshotImport, rules: RuleSet, issuanceRao: UInt64?, rootRao: UInt64?) {
        file = snapshot.file
        format = snapshot.format.rawValue
        self.rules = rules.name
        block = snapshot.block
        totalIssuanceRao = snapshot.totalIssuanceRao ?? issuanceRao
        rootStakeRao = snapshot.rootStakeRao ?? rootRao
        subnets = snapshot.subnets.count
        taoInPoolsRao = snapshot.pooledTaoRao.description
        alphaInPoolsRao = snapshot.alphaReserveRao.description
        alphaOutstandingRao = snapshot.alphaOutstandingRao.description
        priceSum = snapshot.subnets.contains { $0.priceU64F64Raw != nil } ? PriceRatio(taoRao: snapshot.priceSumU64F64Raw, alphaRao: .powerOfTwo(64)).decimalString(fractionDigits: 9) : nil
        flooredAmounts = snapshot.flooredAmounts
        lacks = snapshot.lacks
        filledOnImport = imported.filled
        let weights = Dictionary(imported.configurations.map { ($0.netuid, $0.quoteWeight) }, uniquingKeysWith: { a, _ in a })
        subnetRows = snapshot.subnets.map { subnet in
            Subnet(netuid: subnet.netuid, name: subnet.name, taoReserveRao: subnet.taoReserveRao, alphaReserveRao: subnet.alphaReserveRao,
                   alphaOutstandingRao: subnet.alphaOutstandingRao, price: subnet.priceU64F64Raw.map { PriceRatio(u64f64Raw: $0).decimal18 },
                   emaPrice: subnet.emaPrice.map { $0.decimalString(fractionDigits: 18, rounding: .floor) },
                   quoteWeight: (weights[subnet.netuid] ?? nil)?.description, tempo: subnet.tempo, registeredAt: subnet.registeredAtBlock,
                   started: subnet.started, emissionEnabled: subnet.emissionEnabled)
        }
        let held = snapshot.pooledTaoRao + BigInteger(snapshot.rootStakeRao ?? rootRao ?? 0)
        if let issuance = snapshot.totalIssuanceRao ?? issuanceRao, BigInteger(issuance) < held {
            inconsistency = "issuance \(issuance) rao is below the TAO in the pools and on root (\(held) rao)"
        } else if held > BigInteger(Supply.capRao) {
            inconsistency = "the pools and root hold \(held) rao, more than the 21,000,000 TAO cap"
        } else {
            inconsistency = nil
        }
    }

    var text: String {
        func tao(_ rao: String) -> String { (try? FixedDecimal<Rao>(raw: BigInteger(parsing: rao)).description) ?? rao }
        var lines = [
            "file              \(file)",
            "format            \(format) (\(SnapshotFormat(rawValue: format)?.title ?? format))",
            "rules             \(rules)",
            "block             \(block.map(String.init) ?? "not in the file")",
            "total issuance    \(totalIssuanceRao.map { tao(String($0)) + " TAO" } ?? "not in the file (the scenario's start.issuance, or 10,950,000 TAO)")",
            "root stake        \(rootStakeRao.map { tao(String($0)) + " TAO" } ?? "not in the file (the scenario's root.tao, or 0)")",
            "subnets           \(subnets)",
            "TAO in pools      \(tao(taoInPoolsRao)) TAO",
            "alpha in pools    \(tao(alphaInPoolsRao)) alpha",
            "alpha outstanding \(tao(alphaOutstandingRao)) alpha",
            "sum of prices     \(priceSum ?? "no prices in the file")",
            "floored amounts   \(flooredAmounts) (decimal amounts with digits beyond the rao)",
        ]
        lines.append("not in the file   " + (lacks.isEmpty ? "nothing" : lacks.joined(separator: "; ")))
        lines.append("filled on import  " + (filledOnImport.isEmpty ? "nothing" : filledOnImport.joined(separator: "; ")))
        return lines.joined(separator: "\n") + "\n"
    }
}
