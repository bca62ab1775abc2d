import Foundation
import Testing

/// `dtao epoch`: the chain's epoch tests reproduced from the bundled files, and bad input.
@Suite struct EpochCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func epochs(_ file: String) throws -> [[String: Any]] {
        let result = try CLI.run(["epoch", root.appendingPathComponent(file).path])
        #expect(result.exitCode == 0, "\(result.standardError)")
        let json = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        return json?["epochs"] as? [[String: Any]] ?? []
    }

    /// `test_bonds`: the stored bonds the chain's test asserts and the emissions of its trace.
    @Test func chainTestBonds() throws {
        let epochs = try Self.epochs("Scenarios/epochs/chain-test-bonds.json")
        #expect(epochs.count == 7)
        let bonds = epochs.map { ($0["bonds"] as? [[Int]]) ?? [] }
        #expect((0..<4).map { bonds[0][$0][4] } == [16_383, 32_767, 49_151, 65_535])
        #expect((0..<4).map { bonds[1][$0][4] } == [14_582, 32_767, 49_151, 65_535])
        #expect((0..<4).map { bonds[2][$0][4] } == [12_603, 28_321, 49_151, 65_535])
        #expect((0..<4).map { bonds[3][$0][7] } == [12_602, 28_320, 49_150, 65_535])
        #expect((0..<4).map { bonds[4][$0][7] } == [10_951, 24_609, 49_150, 65_535])
        #expect((0..<4).map { bonds[5][$0][7] } == [9_559, 21_482, 49_150, 65_535])
        #expect((0..<4).map { bonds[6][$0][7] } == [8_376, 18_824, 49_150, 65_535])
        let server = epochs[4]["server_emission_rao"] as? [Int], validator = epochs[4]["validator_emission_rao"] as? [Int]
        #expect(server.map { s in zip(s, validator ?? []).map { $0 + $1 } } == [36_443_733, 81_898_628, 163_565_493, 218_092_144, 0, 0, 0, 500_000_000])
    }

    /// `test_yuma_3_kappa_moves_first`: the dividends the chain's test expects (within its 10^-3).
    @Test func chainYuma3Dividends() throws {
        let epochs = try Self.epochs("Scenarios/epochs/yuma3-kappa-moves-first.json")
        let expected: [[Double]] = [[0.8, 0.1, 0.1, 0, 0], [1, 0, 0, 0, 0], [0.9382, 0.0618, 0, 0, 0], [0.8819, 0.0773, 0.0407, 0, 0],
                                    [0.8564, 0.0844, 0.0592, 0, 0], [0.8418, 0.0884, 0.0697, 0, 0]]
        #expect(epochs.count == expected.count)
        for (epoch, target) in zip(epochs, expected) {
            let dividends = (epoch["dividends"] as? [Int]) ?? []
            #expect(zip(dividends, target).allSatisfy { abs(Double($0) / 65_535 - $1) <= 1e-3 }, "\(dividends)")
        }
    }

    /// A table has one line per UID and epoch.
    @Test func tableFormat() throws {
        let result = try CLI.run(["epoch", Self.root.appendingPathComponent("Scenarios/epochs/yuma3-kappa-moves-first.json").path, "--format", "table"])
        #expect(result.exitCode == 0)
        #expect(result.standardOutput.split(separator: "\n").count == 1 + 6 * 5)
    }

    @Test(arguments: [
        (#"{"stake_rao": [1], "weights_by_epoch": [[[]]]}"#, "mechanism"),
        (#"{"mechanism": "yuma4", "stake_rao": [1], "weights_by_epoch": [[[]]]}"#, "yuma or yuma3"),
        (#"{"mechanism": "yuma3", "rules": "launch", "stake_rao": [1], "weights_by_epoch": [[[]]]}"#, "Yuma3 exists only"),
        (#"{"mechanism": "yuma", "stake_rao": [1, 2], "weights_by_epoch": [[[]]]}"#, "one row of weights per UID (2)"),
        (#"{"mechanism": "yuma", "stake_rao": [1, 2], "weights_by_epoch": [[[1], []]]}"#, "n = 2 weights"),
        (#"{"mechanism": "yuma", "stake_rao": [1, 2], "weights_by_epoch": [[[[2, 5]], []]]}"#, "a UID below 2"),
        (#"{"mechanism": "yuma", "stake_rao": [1, 2], "weights_by_epoch": [[[[1, 5], [1, 6]], []]]}"#, "each UID once"),
        (#"{"mechanism": "yuma", "stake_rao": [1, 2], "weights_by_epoch": [[[0, 70000], []]]}"#, "0 to 65535"),
        (#"{"mechanism": "yuma", "stake_rao": [-1], "weights_by_epoch": [[[]]]}"#, "non-negative"),
        (#"{"mechanism": "yuma", "stake_rao": [1], "weights_by_epoch": []}"#, "at least one epoch"),
        (#"{"mechanism": "yuma", "stake_rao": [1], "weights_by_epoch": [[[]]], "emission_rao": [1, 2]}"#, "one emission per epoch"),
        (#"{"mechanism": "yuma", "stake_rao": [1], "weights_by_epoch": [[[]]], "liquid_alpha": {"alpha_low": 9, "alpha_high": 8}}"#, "at most alpha_high"),
        (#"{"mechanism": "yuma", "stake_rao": [1], "weights_by_epoch": [[[]]], "kapa": 1}"#, "one of the keys"),
        (#"{"mechanism": "yuma", "stake_rao": [1], "weights_by_epoch": [[[]]], "bonds": [[1, 2]]}"#, "one u16 bond per UID (1)"),
        ("{not json", "valid YAML (or JSON)"),
    ])
    func badInputExitsTwo(_ text: String, _ message: String) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dtao-epoch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("epoch.json")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["epoch", file.path])
        #expect(result.exitCode == 2)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains(message), "\(result.standardError)")
    }

    @Test func missingFileExitsTwo() throws {
        let result = try CLI.run(["epoch", "/nonexistent/epoch.json"])
        #expect(result.exitCode == 2)
        #expect(result.standardError.contains("a readable epoch file"))
    }
}
