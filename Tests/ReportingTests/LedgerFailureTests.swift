import Foundation
@testable import Reporting
@testable import Simulation
@testable import TaoEconomics
import Testing

/// A run whose ledger breaks leaves no report folder (`dtao run`'s help promises a failed run
/// leaves nothing; the folder used to be moved into place before the ledger was checked).
@Suite struct LedgerFailureTests {
    @Test func aRunWhoseLedgerBreaksLeavesNoFolder() throws {
        let scenario = try ScenarioParser.parse(ReportFixtures.minersAtPriceOne, file: "hand.yaml")
        var simulation = try SimulationRun(scenario: scenario)
        // One rao of free TAO from nowhere, once: the ledger no longer balances at the end.
        simulation.faultAfterStep = { network in if network.block == 100 { network.tao.freeRao += 1 } }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("dtao-ledger-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let directory = try ReportDirectory(out: out, force: false)
        do {
            _ = try ReportRun.write(&simulation, into: directory, engineVersion: "test", commandLine: ["dtao"])
            Issue.record("a run whose ledger does not balance was written")
        } catch let RunError.ledger(violations) {
            #expect(violations.contains { $0.law == .taoConservation })
        } catch {
            Issue.record("\(error)")
        }
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(!FileManager.default.fileExists(atPath: directory.workingPath))
    }
}
