import Foundation
import Plot

/// Draws a `LineChart` as an inline SVG figure (title, axes with ticks and labels, bands, lines,
/// markers, reference lines) with its legend, as Plot nodes: every text is escaped by Plot.
public enum ChartSVG {
    /// The drawing's size in SVG units (it scales to the page's width).
    static let width = 720.0, height = 340.0
    static let left = 78.0, right = 16.0, top = 16.0, bottom = 48.0

    /// The palette: Tableau 10 (colour-blind safe), then the ten further hues of Tableau 20,
    /// so 20 series keep distinct colours (series past 20 repeat them).
    public static let palette = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
                                 "#a0cbe8", "#ffbe7d", "#ff9d9a", "#86bcb6", "#8cd17d", "#f1ce63", "#d4a6c8", "#fabfd2", "#d7b5a6", "#79706e"]

    /// A figure: the title, the SVG and the legend.
    public static func figure(_ chart: LineChart) -> Node<HTML.BodyContext> {
        .element(named: "figure", nodes: [
            .class("chart"),
            .element(named: "h3", text: chart.title),
            svg(chart),
            legend(chart),
        ])
    }

    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
    }

    static func attribute(_ name: String, _ value: String) -> Node<HTML.BodyContext> { .attribute(named: name, value: value) }

    static func element(_ name: String, _ nodes: [Node<HTML.BodyContext>]) -> Node<HTML.BodyContext> { .element(named: name, nodes: nodes) }

    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ className: String) -> Node<HTML.BodyContext> {
        .selfClosedElement(named: "line", attributes: [
            .attribute(named: "x1", value: number(x1)), .attribute(named: "y1", value: number(y1)),
            .attribute(named: "x2", value: number(x2)), .attribute(named: "y2", value: number(y2)),
            .attribute(named: "class", value: className),
        ])
    }

    static func text(_ content: String, x: Double, y: Double, anchor: String, className: String, rotate: Bool = false) -> Node<HTML.BodyContext> {
        var nodes: [Node<HTML.BodyContext>] = [attribute("x", number(x)), attribute("y", number(y)), attribute("text-anchor", anchor), attribute("class", className)]
        if rotate { nodes.append(attribute("transform", "rotate(-90 \(number(x)) \(number(y)))")) }
        nodes.append(.text(content))
        return element("text", nodes)
    }

    static func path(_ d: String, _ attributes: [(String, String)]) -> Node<HTML.BodyContext> {
        .selfClosedElement(named: "path", attributes: [.attribute(named: "d", value: d)] + attributes.map { .attribute(named: $0.0, value: $0.1) })
    }

    static func svg(_ chart: LineChart) -> Node<HTML.BodyContext> {
        let (xs, ys) = chart.values
        let plotLeft = left, plotRight = width - right, plotTop = top, plotBottom = height - bottom
        var nodes: [Node<HTML.BodyContext>] = [
            attribute("viewBox", "0 0 \(number(width)) \(number(height))"), attribute("role", "img"),
            element("title", [.text(chart.title)]),
        ]
        let xScale = LinearScale(lower: xs.min() ?? 0, upper: xs.max() ?? 1, start: plotLeft + 6, end: plotRight - 6, tickCount: 6, widen: false)
        let positive = ys.filter { $0 > 0 }
        let useLog: Bool = switch chart.yScale {
        case .linear: false
        case .log: !positive.isEmpty
        case .automatic: ys.allSatisfy { $0 > 0 } && LogScale.suits(lower: positive.min() ?? 1, upper: positive.max() ?? 1)
        }
        let yScale: any ChartScale = useLog
            ? LogScale(lower: positive.min() ?? 1, upper: positive.max() ?? 10, start: plotBottom, end: plotTop)
            : LinearScale(lower: min(ys.min() ?? 0, 0), upper: ys.max() ?? 1, start: plotBottom, end: plotTop)
        let yFor = { (value: Double) -> Double in min(max(yScale.position(value), plotTop - 4), plotBottom + 4) }

        // Grid and ticks.
        for tick in yScale.ticks {
            let y = yScale.position(tick)
            nodes.append(line(plotLeft, y, plotRight, y, "grid"))
            nodes.append(text(TickFormat.label(tick), x: plotLeft - 6, y: y + 4, anchor: "end", className: "tick"))
        }
        let xTicks = chart.xTicks ?? xScale.ticks
        for tick in xTicks {
            let x = xScale.position(tick)
            nodes.append(line(x, plotBottom, x, plotBottom + 5, "axis"))
            nodes.append(text(chart.xTickLabel(tick), x: x, y: plotBottom + 18, anchor: "middle", className: "tick"))
        }
        nodes.append(line(plotLeft, plotBottom, plotRight, plotBottom, "axis"))
        nodes.append(line(plotLeft, plotTop, plotLeft, plotBottom, "axis"))
        nodes.append(text(chart.xLabel, x: (plotLeft + plotRight) / 2, y: height - 8, anchor: "middle", className: "label"))
        nodes.append(text(chart.yLabel + (useLog ? " (log scale)" : ""), x: 14, y: (plotTop + plotBottom) / 2, anchor: "middle", className: "label", rotate: true))

        if xs.isEmpty {
            nodes.append(text("no data", x: (plotLeft + plotRight) / 2, y: (plotTop + plotBottom) / 2, anchor: "middle", className: "label"))
            return element("svg", nodes)
        }
        for band in chart.bands {
            let upper = zip(band.x, band.upper).filter { $0.0.isFinite && $0.1.isFinite }
            let lower = zip(band.x, band.lower).filter { $0.0.isFinite && $0.1.isFinite }.reversed()
            guard !upper.isEmpty else { continue }
            let d = (upper + lower).enumerated().map { ($0.offset == 0 ? "M" : "L") + number(xScale.position($0.element.0)) + " " + number(yFor($0.element.1)) }.joined(separator: " ") + " Z"
            nodes.append(path(d, [("fill", palette[band.colorIndex % palette.count]), ("fill-opacity", String(band.opacity)), ("stroke", "none")]))
        }
        for reference in chart.references {
            let y = yFor(reference.y)
            nodes.append(line(plotLeft, y, plotRight, y, "reference"))
            nodes.append(text(reference.label, x: plotRight - 4, y: y - 4, anchor: "end", className: "note"))
        }
        for marker in chart.markers {
            let x = xScale.position(marker.x)
            nodes.append(line(x, plotTop, x, plotBottom, "marker"))
            nodes.append(text(marker.label, x: x + 4, y: plotTop + 12, anchor: "start", className: "note"))
        }
        for (index, series) in chart.series.enumerated() {
            let points = series.points.filter { $0.x.isFinite && $0.y.isFinite && (!useLog || $0.y > 0) }
            guard !points.isEmpty else { continue }
            let color = palette[(series.colorIndex ?? index) % palette.count]
            var d = points.enumerated().map { ($0.offset == 0 ? "M" : "L") + number(xScale.position($0.element.x)) + " " + number(yFor($0.element.y)) }.joined(separator: " ")
            if points.count == 1 {
                // One point: a short tick so that the path is visible.
                let x = xScale.position(points[0].x), y = yFor(points[0].y)
                d = "M\(number(x - 3)) \(number(y)) L\(number(x + 3)) \(number(y))"
            }
            var attributes = [("fill", "none"), ("stroke", color), ("stroke-width", "1.6")]
            if series.dashed { attributes.append(("stroke-dasharray", "5 3")) }
            nodes.append(path(d, attributes))
        }
        return element("svg", nodes)
    }

    static func legend(_ chart: LineChart) -> Node<HTML.BodyContext> {
        var items: [Node<HTML.BodyContext>] = [.class("legend")]
        for band in chart.bands {
            items.append(.element(named: "li", nodes: [
                .element(named: "span", nodes: [.class("swatch band"), .attribute(named: "style", value: "background:\(palette[band.colorIndex % palette.count]);opacity:\(band.opacity + 0.2)")]),
                .text(band.name),
            ]))
        }
        for (index, series) in chart.series.enumerated() {
            items.append(.element(named: "li", nodes: [
                .element(named: "span", nodes: [.class(series.dashed ? "swatch dashed" : "swatch"), .attribute(named: "style", value: "background:\(palette[(series.colorIndex ?? index) % palette.count])")]),
                .text(series.name),
            ]))
        }
        return .element(named: "ul", nodes: items)
    }

    /// The page CSS the figures expect (`.chart`, `.legend`, the SVG classes).
    public static let css = """
        figure.chart{margin:1.5rem 0;break-inside:avoid}
        figure.chart h3{font-size:1rem;margin:0 0 .3rem}
        figure.chart svg{width:100%;height:auto;max-width:900px;display:block;font-family:inherit}
        svg .grid{stroke:#e4e4e4;stroke-width:1}
        svg .axis{stroke:#555;stroke-width:1}
        svg .marker{stroke:#b00;stroke-width:1;stroke-dasharray:4 3}
        svg .reference{stroke:#333;stroke-width:1;stroke-dasharray:2 3}
        svg .tick{font-size:11px;fill:#444}
        svg .label{font-size:12px;fill:#222}
        svg .note{font-size:11px;fill:#b00}
        ul.legend{list-style:none;padding:0;margin:.2rem 0;display:flex;flex-wrap:wrap;gap:.2rem 1rem;font-size:.85rem}
        ul.legend .swatch{display:inline-block;width:.9rem;height:.25rem;margin-right:.35rem;vertical-align:middle}
        ul.legend .swatch.band{height:.7rem}
        ul.legend .swatch.dashed{background-image:linear-gradient(90deg,transparent 60%,#fff 60%);background-size:6px 100%}
        """
}
