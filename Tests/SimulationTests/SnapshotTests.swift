import FixedMath
import Foundation
@testable import Simulation
@testable import TaoEconomics
import Testing

/// Chain snapshots in each of the three formats (Tests/Fixtures/Snapshots), read exactly, with
/// what they lack filled and said, and bad files refused naming the field.
@Suite struct SnapshotTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Snapshots")

    static func fixture(_ name: String) throws -> Snapshot { try SnapshotReader.read(path: fixtures.appendingPathComponent(name).path) }

    static func refusal(_ text: String) -> ScenarioError? {
        do { _ = try SnapshotReader.parse(text, file: "bad.json"); return nil } catch { return error }
    }

    @Test func theRuntimeAnswerIsReadToTheRao() throws {
        let snapshot = try Self.fixture("runtime-api.json")
        #expect(snapshot.format == .runtimeAPI)
        #expect(snapshot.block == 8_516_000 && snapshot.totalIssuanceRao == 10_950_000_000_000_000)
        #expect(snapshot.rootStakeRao == 4_500_000_000_000_000)
        #expect(snapshot.subnets.map(\.netuid) == [1, 2, 3, 4])
        let first = snapshot.subnets[0]
        #expect(first.taoReserveRao == 61_917_669_487_435 && first.alphaReserveRao == 440_681_407_745_489 && first.alphaOutstandingRao == 2_749_991_896_931_270)
        #expect(first.emaPrice == FixedPoint<I96F32>(saturatingRaw: BigInteger(603_453_017 as UInt64)))
        #expect(first.quoteWeight == Perquintill(parts: 499_999_999_665_222_731))
        #expect(first.startCallBlock == 1_000_002 && first.started == true && first.emissionEnabled == true)
        // 140,504,383 rao per alpha as U64F64, floored.
        #expect(first.priceU64F64Raw == (UInt128(140_504_383) << 64) / 1_000_000_000)
        #expect(first.name == "subnet 1")
        // Not started, emission off; the entry with its optional fields left out.
        #expect(snapshot.subnets[2].started == false && snapshot.subnets[2].emissionEnabled == false)
        #expect(snapshot.subnets[3].tempo == nil && snapshot.subnets[3].registeredAtBlock == nil && snapshot.subnets[3].started == nil)
        #expect(snapshot.flooredAmounts == 0)
    }

    @Test func theSDKListIsReadExactlyAndFlooredBeyondTheRao() throws {
        let snapshot = try Self.fixture("sdk-dynamic-info.json")
        #expect(snapshot.format == .sdkDynamicInfo)
        #expect(snapshot.rootStakeRao == 4_500_000_000_000_000 && snapshot.block == nil)
        #expect(snapshot.subnets[0].taoReserveRao == 61_917_669_487_435)
        // 1109263.1393679310000001 and 88183.16329032400000009 lose their last digits.
        #expect(snapshot.subnets[1].alphaReserveRao == 1_109_263_139_367_931 && snapshot.subnets[1].taoReserveRao == 88_183_163_290_324)
        #expect(snapshot.flooredAmounts == 2)
        // 0.14050438325 as I96F32, floored.
        let expected = (BigInteger(14_050_438_325 as UInt64).shiftedLeft(by: 32)).shiftedRightFloor(by: 0)
        #expect(snapshot.subnets[0].emaPrice?.raw == (try expected.divided(by: BigInteger(100_000_000_000 as UInt64), rounding: .floor)))
        #expect(snapshot.lacks.contains("block"))
    }

    @Test func theBtcliListIsReadWithItsGapsSaid() throws {
        let snapshot = try Self.fixture("btcli-subnets-list.json")
        #expect(snapshot.format == .btcliSubnetsList)
        #expect(snapshot.rootStakeRao == nil && snapshot.subnets.count == 3)
        #expect(snapshot.subnets[1].taoReserveRao == 88_183_163_290_324)
        #expect(snapshot.subnets[0].tempo == 360 && snapshot.subnets[0].emaPrice == nil)
        #expect(snapshot.lacks.contains("moving prices"))
    }

    @Test func importDerivesWeightsFromPricesAndSaysWhatItFilled() throws {
        let snapshot = try Self.fixture("btcli-subnets-list.json")
        let imported = try snapshot.imported(rules: .head2026_06, netuids: [1, 3], keyPath: "subnets")
        #expect(imported.configurations.map(\.netuid) == [1, 3])
        let subnet = imported.configurations[0]
        let price = try #require(snapshot.subnets[0].priceU64F64Raw)
        #expect(subnet.quoteWeight == BalancerMath.initialQuoteWeight(price: price, taoReserveRao: subnet.taoReserveRao, alphaReserveRao: subnet.alphaReserveRao))
        #expect(imported.filled.contains { $0.hasPrefix("moving price") })
        #expect(throws: ScenarioError.self) { try snapshot.imported(rules: .head2026_06, netuids: [9], keyPath: "subnets") }
        // Under constant product the price must agree with T/A; a weight is not kept.
        let card = try snapshot.imported(rules: .card, netuids: nil, keyPath: "subnets")
        #expect(card.configurations.allSatisfy { $0.quoteWeight == nil })
        let runtime = try Self.fixture("runtime-api.json").imported(rules: .head2026_06, netuids: nil, keyPath: "subnets")
        #expect(runtime.configurations[2].hasStarted == false)
    }

    @Test(arguments: [
        ("[{\"netuid\": 1, \"token_symbol\": [1], \"tao_in\": 18446744073709551616, \"alpha_in\": 1, \"alpha_out\": 0, \"moving_price\": 0}]", "[0].tao_in"),
        ("[{\"netuid\": 1, \"token_symbol\": [1], \"tao_in\": \"x\", \"alpha_in\": 1, \"alpha_out\": 0, \"moving_price\": 0}]", "[0].tao_in"),
        ("[{\"netuid\": 1, \"token_symbol\": [1], \"tao_in\": 5, \"alpha_out\": 0, \"moving_price\": 0}]", "[0]"),
        ("[{\"netuid\": 1, \"token_symbol\": [1], \"tao_in\": 5, \"alpha_in\": 1, \"alpha_out\": 0, \"moving_price\": {\"bits\": -5}}]", "[0].moving_price.bits"),
        ("[{\"netuid\": 1, \"symbol\": \"a\", \"tao_in\": 1e30, \"alpha_in\": 1.0, \"alpha_out\": 0.0}]", "[0].tao_in"),
        ("[{\"netuid\": 1, \"symbol\": \"a\", \"tao_in\": -1.0, \"alpha_in\": 1.0, \"alpha_out\": 0.0}]", "[0].tao_in"),
        ("{\"subnets\": {\"1\": {\"netuid\": 1, \"liquidity\": {\"tao_in\": 1.0}, \"alpha_out\": 0.0}}}", "subnets.1"),
        ("[{\"netuid\": 1, \"tao_in\": 1}]", ""),
        ("[{\"netuid\": 1, \"token_symbol\": [1], \"tao_in\": 5, \"alpha_in\": 1, \"alpha_out\": 0, \"moving_price\": 0", ""),
        ("[{\"netuid\": 1, \"token_symbol\": [1], \"tao_in\": 5, \"alpha_in\": 1, \"alpha_out\": 0, \"moving_price\": 0}, {\"netuid\": 1, \"token_symbol\": [1], \"tao_in\": 5, \"alpha_in\": 1, \"alpha_out\": 0, \"moving_price\": 0}]", ""),
    ])
    func badSnapshotsAreRefusedNamingTheField(_ text: String, _ path: String) throws {
        let error = try #require(Self.refusal(text))
        #expect(error.keyPath.description == path, "\(error)")
        #expect(error.file == "bad.json")
    }

    @Test(arguments: ["runtime-api.json", "sdk-dynamic-info.json", "btcli-subnets-list.json"], ["head-2026-06", "card"])
    func everyFormatStartsARunThatHoldsEveryInvariant(_ file: String, _ rules: String) throws {
        let text = """
            name: snap
            rules: \(rules)
            horizon: {blocks: 300}
            market: {tao_usd: {constant: 220}}
            subnets: {snapshot: \(file)}
            """
        let scenario = try ScenarioParser.parse(text, file: "snap.yaml", directory: Self.fixtures.path)
        var simulation = try SimulationRun(scenario: scenario)
        simulation.checker = InvariantChecker()
        var sink = MemorySink()
        #expect(try simulation.run(into: &sink).ledgerViolations.isEmpty)
    }

    @Test func aScenarioStartsFromASnapshotWithTheRestFromItsOwnKeys() throws {
        let text = """
            name: snap
            rules: head-2026-06
            horizon: {blocks: 400}
            start: {issuance: 11000000}
            market: {tao_usd: {constant: 220}}
            root: {claim: keep}
            subnets: {snapshot: sdk-dynamic-info.json, netuids: [1, 2]}
            """
        let scenario = try ScenarioParser.parse(text, file: "snap.yaml", directory: Self.fixtures.path)
        #expect(scenario.startIssuanceRao == 11_000_000_000_000_000)
        #expect(scenario.rootTaoRao == 4_500_000_000_000_000)
        #expect(scenario.startBlock == 0)
        #expect(scenario.startFilledFromSnapshot.contains { $0.contains("root.tao 4500000") })
        #expect(scenario.startFilledFromSnapshot.contains { $0.contains("start.block 0") })
        #expect(scenario.inputFiles.contains { $0.hasSuffix("sdk-dynamic-info.json") })
        var simulation = try SimulationRun(scenario: scenario)
        simulation.checker = InvariantChecker()
        var sink = MemorySink()
        let outcome = try simulation.run(into: &sink)
        #expect(outcome.ledgerViolations.isEmpty)
        #expect(outcome.snapshot?.configurations.count == 2)
        #expect(simulation.network.subnets.map(\.netuid) == [1, 2])
    }
}
