import Foundation
@testable import Simulation
import Testing

/// Sweep files: grid and zip dimensions, seeds, and every mistake refused with its key.
@Suite struct SweepSpecTests {
    static func parse(_ text: String) throws(ScenarioError) -> SweepSpec {
        try SweepSpec.parse(text, file: "s.yaml", directory: "dir")
    }

    @Test func gridZipAndSeedsMakeRunsPointMajor() throws {
        let spec = try Self.parse("""
            name: s
            scenario: base.yaml
            grid:
              market.tao_usd.constant: [100, 200]
              subnets[0].tao_reserve: [1, 2, 3]
            zip:
              - {horizon.days: [7, 14], sample_every: [7200, 14400]}
            seeds: [5, 9]
            """)
        #expect(spec.scenarioPath == "dir/base.yaml")
        #expect(spec.keyPaths.map(\.description) == ["market.tao_usd.constant", "subnets[0].tao_reserve", "horizon.days", "sample_every"])
        let points = spec.points
        #expect(points.count == 2 * 3 * 2)
        // The last dimension moves fastest; a zip group's keys move together.
        #expect(points[0].overrides.map(\.description) == ["market.tao_usd.constant=100", "subnets[0].tao_reserve=1", "horizon.days=7", "sample_every=7200"])
        #expect(points[1].overrides.map(\.description) == ["market.tao_usd.constant=100", "subnets[0].tao_reserve=1", "horizon.days=14", "sample_every=14400"])
        #expect(points[2].overrides.map(\.description) == ["market.tao_usd.constant=100", "subnets[0].tao_reserve=2", "horizon.days=7", "sample_every=7200"])
        let runs = spec.runs
        #expect(runs.count == 24)
        #expect(runs[3].point == 1 && runs[3].seed == 9 && runs[3].id == "p1-s9")
    }

    @Test func seedCountsAndStructuredValues() throws {
        let spec = try Self.parse("""
            name: s
            scenario: /abs/base.yaml
            grid:
              flows: [[], [{block: 3, netuid: 1, stake_tao: 5}]]
              name: ['a, b']
            seeds: {count: 3, first: 10}
            """)
        #expect(spec.scenarioPath == "/abs/base.yaml")
        #expect(spec.seeds == [10, 11, 12])
        #expect(spec.points[1].overrides[0].valueText == "[{block: 3, netuid: 1, stake_tao: 5}]")
        #expect(spec.points[0].overrides[1].valueText == "'a, b'")
        #expect(try Self.parse("name: s\nscenario: b.yaml\nseeds: {count: 2}").points.count == 1)  // no grid: one point
    }

    @Test func mistakesAreRefusedWithTheirKey() {
        let base = "name: s\nscenario: b.yaml\n"
        let cases: [(String, String)] = [
            (base + "grid: {}\nseeds: [1]", "grid"),
            (base + "grid: {seed: []}\nseeds: [1]", "grid.seed"),
            (base + "grid: {'a..b': [1]}\nseeds: [1]", "grid.a..b"),
            (base + "grid: {seed: 5}\nseeds: [1]", "grid.seed"),
            (base + "zip: [{a: [1, 2], b: [1]}]\nseeds: [1]", "zip[0].b"),
            (base + "grid: {a: [1]}\nzip: [{a: [2]}]\nseeds: [1]", "zip[0].a"),
            (base + "seeds: {count: 0}", "seeds.count"),
            (base + "seeds: [-1]", "seeds[0]"),
            (base + "seeds: [1, 1]", "seeds[1]"),
            (base + "seeds: []", "seeds"),
            (base + "grid: {a: [1]}", ""),
            (base + "seeds: [1]\nextra: 2", "extra"),
        ]
        for (text, key) in cases {
            do {
                _ = try Self.parse(text)
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.keyPath.description == key, "\(text): \(error)")
            }
        }
    }
}
