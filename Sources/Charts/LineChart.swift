import Foundation

/// A point of a series.
public struct ChartPoint: Sendable, Equatable {
    /// Horizontal value (a block, a date's day number, a grid index).
    public let x: Double
    /// Vertical value.
    public let y: Double

    /// The point (x, y).
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// A line: a name for the legend and its points (in x order; non-finite points are skipped).
public struct ChartSeries: Sendable, Equatable {
    /// The legend's text.
    public let name: String
    /// The points.
    public let points: [ChartPoint]
    /// Drawn dashed (a reference such as the actual TAO price against a break-even).
    public var dashed = false
    /// The palette colour; nil: the series' position.
    public var colorIndex: Int?

    /// A series called `name` through `points`.
    public init(name: String, points: [ChartPoint], dashed: Bool = false, colorIndex: Int? = nil) {
        self.name = name
        self.points = points
        self.dashed = dashed
        self.colorIndex = colorIndex
    }
}

/// A shaded band between two curves sampled at the same x values.
public struct ChartBand: Sendable, Equatable {
    /// The legend's text.
    public let name: String
    /// x, lower and upper values.
    public let x: [Double], lower: [Double], upper: [Double]
    /// Which palette colour (the band is drawn lighter than a line).
    public let colorIndex: Int
    /// Fill opacity, 0…1.
    public let opacity: Double

    /// A band called `name`.
    public init(name: String, x: [Double], lower: [Double], upper: [Double], colorIndex: Int, opacity: Double) {
        self.name = name
        self.x = x
        self.lower = lower
        self.upper = upper
        self.colorIndex = colorIndex
        self.opacity = opacity
    }
}

/// A vertical line across the plot at `x` (a halving), with a label.
public struct ChartMarker: Sendable, Equatable {
    /// Where.
    public let x: Double
    /// Its label.
    public let label: String

    /// A marker at `x`.
    public init(x: Double, label: String) {
        self.x = x
        self.label = label
    }
}

/// A horizontal reference line at `y` (the 21M cap), with a label.
public struct ChartReference: Sendable, Equatable {
    /// Where.
    public let y: Double
    /// Its label.
    public let label: String

    /// A reference line at `y`.
    public init(y: Double, label: String) {
        self.y = y
        self.label = label
    }
}

/// How the vertical axis is scaled.
public enum ChartYScale: Sendable, Equatable {
    /// Linear.
    case linear
    /// Base-10 logarithmic (positive values only).
    case log
    /// Logarithmic when the positive values span two decades or more, else linear.
    case automatic
}

/// A line chart: series, bands, markers and reference lines over shared axes. It knows nothing
/// of economics: callers give titles, units and values.
public struct LineChart: Sendable {
    /// The chart's title.
    public let title: String
    /// The horizontal axis label, with its unit.
    public let xLabel: String
    /// The vertical axis label, with its unit.
    public let yLabel: String
    /// The lines.
    public var series: [ChartSeries] = []
    /// The shaded bands (drawn under the lines).
    public var bands: [ChartBand] = []
    /// Vertical markers.
    public var markers: [ChartMarker] = []
    /// Horizontal reference lines.
    public var references: [ChartReference] = []
    /// The vertical scale.
    public var yScale: ChartYScale = .automatic
    /// The label of a horizontal tick value (a date for a block, a grid value for an index).
    public var xTickLabel: @Sendable (Double) -> String = TickFormat.label
    /// Horizontal ticks to use instead of nice ones (a category axis).
    public var xTicks: [Double]?

    /// A chart titled `title` with axis labels.
    public init(title: String, xLabel: String, yLabel: String) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
    }

    /// Every finite point of every series and band, and the reference lines' values.
    var values: (x: [Double], y: [Double]) {
        var xs: [Double] = [], ys: [Double] = []
        for series in series {
            for point in series.points where point.x.isFinite && point.y.isFinite {
                xs.append(point.x)
                ys.append(point.y)
            }
        }
        for band in bands {
            xs += band.x.filter(\.isFinite)
            ys += (band.lower + band.upper).filter(\.isFinite)
        }
        ys += references.map(\.y).filter(\.isFinite)
        xs += markers.map(\.x).filter(\.isFinite)
        return (xs, ys)
    }

    /// Whether the chart has anything to draw.
    public var isEmpty: Bool { values.x.isEmpty }
}
