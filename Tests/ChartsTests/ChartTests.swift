import Foundation
@testable import Charts
import Plot
import Testing

/// The chart module on its own: tick choice, log scales, empty and one-point series, huge and
/// tiny values, and escaped text.
@Suite struct ChartTests {
    @Test func niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        #expect(LinearScale.niceStep(0.7) == 1)
        #expect(LinearScale.niceStep(1.3) == 2)
        #expect(LinearScale.niceStep(3) == 5)
        #expect(LinearScale.niceStep(7) == 10)
        #expect(LinearScale.niceStep(2_300) == 5_000)
        #expect(LinearScale.niceStep(0.00042) == 0.0005)
        #expect(LinearScale.niceStep(0) == 1 && LinearScale.niceStep(.infinity) == 1)
    }

    @Test func linearTicksCoverTheDomainWithNiceValues() {
        let scale = LinearScale(lower: 3, upper: 97, start: 0, end: 100)
        #expect(scale.ticks == [0, 20, 40, 60, 80, 100])
        #expect(scale.position(0) == 0 && scale.position(100) == 100 && scale.position(50) == 50)
        let negative = LinearScale(lower: -0.35, upper: 0.12, start: 0, end: 1)
        #expect(negative.ticks.first! <= -0.35 && negative.ticks.last! >= 0.12 && negative.ticks.contains(0))
        // One value: widened around it; nothing finite: 0…1.
        #expect(LinearScale(lower: 5, upper: 5, start: 0, end: 1).ticks.count >= 2)
        #expect(LinearScale(lower: .nan, upper: .infinity, start: 0, end: 1).ticks == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
    }

    @Test func hugeAndTinyValues() {
        let huge = LinearScale(lower: 0, upper: 2.1e16, start: 0, end: 1)
        #expect(huge.step == 5e15 && huge.ticks.last == 2.5e16)
        let tiny = LinearScale(lower: 1e-12, upper: 3e-12, start: 0, end: 1)
        #expect(tiny.ticks.count >= 3 && tiny.ticks.allSatisfy { $0 >= 0 && $0 < 1e-11 })
        #expect(TickFormat.label(2.1e16) == "2.1e+16")
        #expect(TickFormat.label(21_000_000) == "21M")
        #expect(TickFormat.label(0.0003) == "3e-04")
        #expect(TickFormat.label(0.25) == "0.25")
        #expect(TickFormat.label(-12_500) == "-12.5k")
    }

    @Test func logScaleUsesDecades() {
        let scale = LogScale(lower: 0.003, upper: 0.25, start: 100, end: 0)
        #expect(scale.lowerExponent == -3 && scale.upperExponent == 0)
        #expect(scale.ticks == [0.001, 0.01, 0.1, 1])
        #expect(abs(scale.position(0.01) - 100 * 2 / 3) < 1e-9)
        let narrow = LogScale(lower: 2, upper: 30, start: 0, end: 1)
        #expect(narrow.ticks == [1, 2, 5, 10, 20, 50, 100])
        #expect(LogScale.suits(lower: 0.003, upper: 0.3) && !LogScale.suits(lower: 1, upper: 50) && !LogScale.suits(lower: 0, upper: 10))
        #expect(LogScale(lower: -1, upper: 0, start: 0, end: 1).ticks == [1, 2, 5, 10])  // nothing positive: one decade from 1
    }

    static func render(_ chart: LineChart) -> String { ChartSVG.figure(chart).render(indentedBy: nil) }

    @Test func aChartDrawsItsLinesBandsAndMarkers() {
        var chart = LineChart(title: "Prices <TAO & USD>", xLabel: "date", yLabel: "TAO per alpha")
        chart.series = [ChartSeries(name: "SN1 \"a\"", points: [ChartPoint(x: 0, y: 1), ChartPoint(x: 10, y: 2)]),
                        ChartSeries(name: "one point", points: [ChartPoint(x: 5, y: 1.5)], dashed: true)]
        chart.bands = [ChartBand(name: "p5–p95", x: [0, 10], lower: [0.5, 1], upper: [1.5, 3], colorIndex: 0, opacity: 0.2)]
        chart.markers = [ChartMarker(x: 5, label: "halving")]
        chart.references = [ChartReference(y: 2.5, label: "cap")]
        let html = Self.render(chart)
        #expect(html.contains("<svg") && html.contains("viewBox=\"0 0 720 340\""))
        #expect(html.components(separatedBy: "<path").count - 1 == 3)  // the band and two lines
        #expect(html.contains("d=\"M") && html.contains("stroke-dasharray=\"5 3\""))
        #expect(html.contains("class=\"marker\"") && html.contains("halving") && html.contains("class=\"reference\""))
        // Text is escaped by construction.
        #expect(html.contains("Prices &lt;TAO &amp; USD&gt;") && !html.contains("<TAO"))
        #expect(html.contains("SN1 \"a\""))
    }

    @Test func emptySeriesSayNoData() {
        var chart = LineChart(title: "Nothing", xLabel: "x", yLabel: "y")
        chart.series = [ChartSeries(name: "empty", points: [])]
        #expect(chart.isEmpty)
        let html = Self.render(chart)
        #expect(html.contains("no data") && !html.contains("<path"))
    }

    @Test func automaticLogScaleForWideRanges() {
        var chart = LineChart(title: "t", xLabel: "x", yLabel: "price")
        chart.series = [ChartSeries(name: "a", points: [ChartPoint(x: 0, y: 0.001), ChartPoint(x: 1, y: 1)])]
        #expect(Self.render(chart).contains("(log scale)"))
        chart.series = [ChartSeries(name: "a", points: [ChartPoint(x: 0, y: 1), ChartPoint(x: 1, y: 2)])]
        #expect(!Self.render(chart).contains("(log scale)"))
        // A zero or negative value keeps it linear.
        chart.series = [ChartSeries(name: "a", points: [ChartPoint(x: 0, y: 0), ChartPoint(x: 1, y: 1_000)])]
        #expect(!Self.render(chart).contains("(log scale)"))
    }

    /// Twenty series keep twenty colours.
    @Test func twentySeriesHaveDistinctColours() {
        #expect(Set(ChartSVG.palette).count == 20)
    }

    /// The same chart renders to the same bytes in every process: the render is compared with
    /// one stored from an earlier process (`Fixtures/deterministic.svg`), so an order that
    /// followed the process's hash seed, or a stray timestamp, fails here. The fixture is the
    /// renderer's output: update it on purpose when the drawing changes.
    @Test func renderingIsDeterministic() throws {
        var chart = LineChart(title: "t", xLabel: "x", yLabel: "y")
        chart.series = (1...12).map { series in
            ChartSeries(name: "SN\(series)", points: (0..<50).map { ChartPoint(x: Double($0), y: Double($0 * $0 * series) / 7) })
        }
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/deterministic.svg")
        let rendered = Self.render(chart)
        #expect(rendered == Self.render(chart))
        guard let stored = try? String(contentsOf: fixture, encoding: .utf8) else {
            try? rendered.write(to: URL(fileURLWithPath: "/tmp/deterministic.svg"), atomically: true, encoding: .utf8)
            Issue.record("no stored render at \(fixture.path) (this render: /tmp/deterministic.svg)")
            return
        }
        #expect(rendered == stored)
    }
}
