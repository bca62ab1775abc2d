import FixedMath
@testable import Reporting
import Simulation
import Testing

@Suite struct MinerColumnTests {
    @Test func breakEvenColumnsMatchAHandCalculation() throws {
        let (_, sink, _) = try ReportFixtures.run(ReportFixtures.minersAtPriceOne)
        // Day 1 (blocks 361…721): the epoch at block 720 pays 361 blocks × 41% of 1 alpha,
        // 148.01 TAO at price 1, $37,002.50 at $250; cost 100 × $48.
        let day = sink.miners[2]
        #expect(MinerColumns.revenueUsd.cell(day) == "37002.500000")
        #expect(MinerColumns.costUsd.cell(day) == "4800.000000")
        #expect(MinerColumns.profitUsd.cell(day) == "32202.500000")
        #expect(MinerColumns.breakevenTaoUsd.cell(day) == "32.430242")                 // ⌈$4,800 / 148.01 TAO⌉
        #expect(MinerColumns.breakevenAlphaPrice.cell(day) == "0.129720964799675698")  // 4,800 / 37,002.5, rounded up
        #expect(MinerColumns.margin.cell(day) == "0.870279")  // 32,202.5 / 37,002.5 toward zero
        #expect(MinerColumns.profitPerMiner.cell(day) == "322.025000")
        // The first row covers no mining: ratios are empty, not 0.
        #expect(MinerColumns.breakevenTaoUsd.cell(sink.miners[0]) == "")
        #expect(MinerColumns.margin.cell(sink.miners[0]) == "")
        // 100 equal miners: the median miner's break-even is the subnet's, ⌈$48 / 1.4801 TAO⌉.
        #expect(MinerColumns.medianMinerBreakevenTaoUsd.cell(day) == "32.430242")
        #expect(MinerColumns.medianMinerBreakevenTaoUsd.cell(sink.miners[0]) == "")
    }

    /// Under a power law (rank r earns ∝ r^−1) the median miner (rank 50 of 100, the lower
    /// median of revenue) earns far less than the average, so its break-even is far higher.
    @Test func theMedianMinerBreaksEvenLaterUnderAPowerLaw() throws {
        let text = ReportFixtures.minersAtPriceOne.replacingOccurrences(of: "sell_fraction: 0,", with: "sell_fraction: 0, distribution: {power_law: 1},")
        let (_, sink, _) = try ReportFixtures.run(text)
        let day = sink.miners[2]
        let median = try #require(day.miners.medianMiner)
        #expect(median.costUsdMicro == BigInteger(48_000_000 as UInt64))
        let subnet = try #require(MinerColumns.breakevenTaoUsdMicro(day.miners))
        let medianBreakeven = try #require(MinerColumns.medianMinerBreakevenTaoUsdMicro(day.miners))
        #expect(medianBreakeven > subnet * BigInteger(2 as UInt64))
        // It is the cost over that miner's own revenue, rounded up.
        #expect(medianBreakeven == (try (median.costUsdMicro * .power(10, 9)).divided(by: median.revenueTaoRao, rounding: .ceiling)))
    }
}

@Suite struct MinerSummaryTests {
    @Test func summaryAnswersTheHalvingQuestion() throws {
        let text = ReportFixtures.minersAtPriceOne
            .replacingOccurrences(of: "start: {block: 0, issuance: 3000000,", with: "start: {block: 10498917, issuance: 10498917,")
            .replacingOccurrences(of: "horizon: {days: 4}", with: "horizon: {days: 6}")
        let (scenario, _, outcome) = try ReportFixtures.run(text, file: "h.yaml")
        #expect(outcome.halvings.map(\.block) == [10_500_000])
        let summary = RunSummaryText.markdown(scenario: scenario, outcome: outcome)
        #expect(summary.contains("## Miners"))
        #expect(summary.contains("Across the halving at block 10500000"))
        #expect(summary.contains("Profitable in the last period: 1 of 1 subnets (1)."))
        #expect(summary.contains("Break-even TAO price across subnets"))
        #expect(summary.contains("| 1 | 100 |"))
    }
}
