import ArgumentParser
import Foundation
import Reporting
import Simulation
import TaoEconomics

/// `dtao epoch FILE [--format json|table]`: Yuma consensus epochs in a row from a JSON file.
struct EpochCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "epoch",
        abstract: "Run Yuma consensus epochs (original Yuma or Yuma3) on one subnet's stakes and weights.",
        discussion: """
            FILE (JSON, or YAML; '-' reads standard input) gives the subnet: mechanism (yuma or \
            yuma3), stake_rao (one per UID), weights_by_epoch (per epoch, one row per UID: n u16 \
            weights, [uid, weight] pairs, or []), and optionally rules (head or launch), bonds, \
            validator_permits, kappa, bonds_moving_average, bonds_penalty, liquid_alpha \
            ({alpha_low, alpha_high, steepness}), max_allowed_validators, emission_rao (one, or \
            one per epoch), tempo, registered_at, last_update, activity_cutoff, \
            stake_threshold_rao, owner_uid, root_stake_rao, tao_weight. Every value is computed \
            in the chain's fixed point; scores are printed as the chain stores them (u16), bonds \
            as stored u16 rows, emissions in rao. Bonds and permits carry from one epoch to the \
            next. See docs/yuma.md. Exit codes: 0 success; 2 bad input.
            """)

    /// Output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable { case json, table }

    @Argument(help: "The epoch file (JSON or YAML), or - for standard input.")
    var file: String

    @Option(help: "Output format: json (every output) or table (one line per UID and epoch).")
    var format: Format = .json

    func run() throws {
        let epochFile: EpochFile
        do { epochFile = try EpochFile.load(path: file) } catch { throw CommandFailure.badInput(error.description, at: error) }
        let outputs = epochFile.run()
        switch format {
        case .json: print(JSONText.encode(EpochReport(epochFile, outputs)), terminator: "")
        case .table: print(Self.table(epochFile, outputs), terminator: "")
        }
    }

    /// One line per epoch and UID.
    static func table(_ file: EpochFile, _ outputs: [EpochOutput]) -> String {
        var lines = ["epoch  block  uid  permit  stake_weight  consensus  incentive  dividends  trust  server_emission_rao  validator_emission_rao"]
        for (k, output) in outputs.enumerated() {
            for uid in output.consensus.indices {
                let fields: [String] = [
                    "\(k)", "\(file.epochs[k].block)", "\(uid)", output.state.validatorPermits[uid] ? "yes" : "no", "\(output.stakeWeight[uid])",
                    "\(output.consensus[uid])", "\(output.incentive[uid])", "\(output.dividends[uid])", "\(output.validatorTrust[uid])",
                    "\(output.serverEmissionRao[uid])", "\(output.validatorEmissionRao[uid])",
                ]
                lines.append(fields.joined(separator: "  "))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// `dtao epoch`'s JSON: one entry per epoch, values as the chain stores them.
struct EpochReport: Encodable {
    /// One epoch's outputs.
    struct Entry: Encodable {
        let block: UInt64
        let consensus: [UInt16]
        let incentive: [UInt16]
        let dividends: [UInt16]
        let validatorTrust: [UInt16]
        let stakeWeight: [UInt16]
        let active: [Bool]
        let validatorPermits: [Bool]
        let bonds: [[UInt16]]
        let serverEmissionRao: [UInt64]
        let validatorEmissionRao: [UInt64]
    }

    let mechanism: String
    let rules: String
    let epochs: [Entry]

    init(_ file: EpochFile, _ outputs: [EpochOutput]) {
        mechanism = file.parameters.mechanism.rawValue
        rules = file.parameters.code.rawValue
        epochs = zip(file.epochs, outputs).map { input, output in
            Entry(block: input.block, consensus: output.consensus, incentive: output.incentive, dividends: output.dividends,
                  validatorTrust: output.validatorTrust, stakeWeight: output.stakeWeight, active: output.active,
                  validatorPermits: output.state.validatorPermits, bonds: output.state.bonds,
                  serverEmissionRao: output.serverEmissionRao, validatorEmissionRao: output.validatorEmissionRao)
        }
    }
}
