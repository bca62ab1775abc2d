import Foundation

/// A mapping from data values to drawing positions, with the tick values an axis shows.
public protocol ChartScale: Sendable {
    /// The position of `value` (linear between the range's ends).
    func position(_ value: Double) -> Double
    /// The values the axis marks, ascending, inside the domain.
    var ticks: [Double] { get }
}

/// A linear scale over `domain`, widened to nice tick values: the tick step is 1, 2 or 5 × 10^k,
/// chosen so that about `tickCount` ticks cover the domain, and the domain's ends are rounded
/// out to whole steps. An empty or one-value domain is widened to a unit around the value.
public struct LinearScale: ChartScale, Equatable {
    /// The (widened) domain.
    public let lower: Double, upper: Double
    /// The drawing range.
    public let start: Double, end: Double
    /// The tick step.
    public let step: Double

    /// A scale for values in `lower...upper` drawn from `start` to `end`; with `widen` false
    /// the domain stays exactly `lower...upper` (a time axis), and only the ticks are nice.
    public init(lower: Double, upper: Double, start: Double, end: Double, tickCount: Int = 5, widen: Bool = true) {
        var (low, high) = (min(lower, upper), max(lower, upper))
        if !low.isFinite || !high.isFinite { (low, high) = (0, 1) }
        if high == low {
            let pad = low == 0 ? 1 : abs(low) / 10
            (low, high) = (low - pad, high + pad)
        }
        let step = Self.niceStep((high - low) / Double(max(1, tickCount)))
        self.step = step
        self.lower = widen ? (low / step).rounded(.down) * step : low
        self.upper = widen ? (high / step).rounded(.up) * step : high
        self.start = start
        self.end = end
    }

    /// The smallest of 1, 2, 5 × 10^k at least `raw` (raw > 0).
    public static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        for factor in [1.0, 2, 5, 10] where factor * magnitude >= raw * (1 - 1e-12) { return factor * magnitude }
        return 10 * magnitude
    }

    /// `start` + (value − lower) / (upper − lower) · (end − start).
    public func position(_ value: Double) -> Double {
        start + (value - lower) / (upper - lower) * (end - start)
    }

    /// The multiples of `step` inside the domain.
    public var ticks: [Double] {
        let first = (lower / step - 1e-9).rounded(.up) * step
        let count = Int(((upper - first) / step + 1e-9).rounded(.down)) + 1
        return (0..<max(count, 0)).map { first + Double($0) * step }.map { abs($0) < step * 1e-9 ? 0 : $0 }
    }
}

/// A base-10 logarithmic scale over positive values, widened to whole decades. Ticks are the
/// powers of ten, and 2 and 5 times them when the domain spans fewer than three decades.
public struct LogScale: ChartScale, Equatable {
    /// The decades the domain is widened to (10^lowerExponent … 10^upperExponent).
    public let lowerExponent: Int, upperExponent: Int
    /// The drawing range.
    public let start: Double, end: Double

    /// A scale for positive values in `lower...upper` (non-positive ends are raised to the
    /// smallest positive one, or 1).
    public init(lower: Double, upper: Double, start: Double, end: Double) {
        let low = lower > 0 && lower.isFinite ? lower : (upper > 0 && upper.isFinite ? upper : 1)
        let high = upper > 0 && upper.isFinite ? max(upper, low) : low
        lowerExponent = Int(log10(low).rounded(.down))
        upperExponent = max(Int(log10(high).rounded(.up)), lowerExponent + 1)
        self.start = start
        self.end = end
    }

    /// Whether values from `lower` to `upper` want a log scale: both positive and at least two
    /// decades apart.
    public static func suits(lower: Double, upper: Double) -> Bool { lower > 0 && upper / lower >= 100 }

    /// Linear in log10(value) between the decades; values below the lowest decade sit on it.
    public func position(_ value: Double) -> Double {
        let clamped = max(value, pow(10, Double(lowerExponent)))
        let fraction = (log10(clamped) - Double(lowerExponent)) / Double(upperExponent - lowerExponent)
        return start + fraction * (end - start)
    }

    /// The powers of ten (and their 2 and 5 multiples when the domain is under three decades).
    public var ticks: [Double] {
        let multiples: [Double] = upperExponent - lowerExponent < 3 ? [1, 2, 5] : [1]
        var ticks: [Double] = []
        for exponent in lowerExponent...upperExponent {
            for multiple in multiples {
                let value = multiple * pow(10, Double(exponent))
                if value <= pow(10, Double(upperExponent)) * (1 + 1e-12) { ticks.append(value) }
            }
        }
        return ticks
    }
}

/// Tick labels: short, exact enough to tell ticks apart (k, M, B suffixes for large values,
/// scientific notation from 10^12 and below 10^−3).
public enum TickFormat {
    /// `value` as a tick label.
    public static func label(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude == 0 { return "0" }
        if magnitude >= 1e12 { return String(format: "%.3g", value) }
        if magnitude >= 1e9 { return trimmed(value / 1e9) + "B" }
        if magnitude >= 1e6 { return trimmed(value / 1e6) + "M" }
        if magnitude >= 1e4 { return trimmed(value / 1e3) + "k" }
        if magnitude < 1e-3 { return String(format: "%.0e", value) }
        return trimmed(value)
    }

    static func trimmed(_ value: Double) -> String {
        var text = String(format: "%.6g", value)
        if text.contains("."), !text.contains("e") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}
