import Foundation
import Simulation
import Testing

/// Every bundled scenario parses and builds its starting network.
@Suite struct BundledScenarioTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var files: [String] {
        let directory = root.appendingPathComponent("Scenarios")
        let top = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let examples = (try? FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("examples").path)) ?? []
        return (top.map { "Scenarios/\($0)" } + examples.map { "Scenarios/examples/\($0)" }).filter { $0.hasSuffix(".yaml") }.sorted()
    }

    @Test func theBundledScenariosExist() {
        for name in ["baseline", "halving-2025", "tao-crash", "whale-exit", "launch-2025-02", "head-2026-06", "head-2026-08", "yuma3-copying"] {
            #expect(Self.files.contains("Scenarios/\(name).yaml"))
        }
    }

    @Test(arguments: files)
    func parsesAndBuilds(_ file: String) throws {
        let path = Self.root.appendingPathComponent(file).path
        let scenario = try ScenarioParser.load(path: path)
        #expect(!scenario.name.isEmpty)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("# "), "\(file) should start with a comment saying what it models")
        _ = try SimulationRun(scenario: scenario)
    }
}
