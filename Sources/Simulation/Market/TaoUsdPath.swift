import FixedMath

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The TAO/USD price at each block of a run, in micro-dollars (10^−6 USD).
///
/// Constant and piecewise prices are exact (piecewise is linear between points by block,
/// floored to a micro-dollar, flat outside); the GBM path moves once a day at day boundaries
/// and is rounded to the nearest micro-dollar. Query blocks in non-decreasing order.
public struct TaoUsdPath: Sendable {
    let model: TaoUsdModel
    let startBlock: UInt64
    let blocksPerDay: UInt64
    var random: RandomStream
    /// GBM state: the day index and price of the last step taken.
    var gbmDay: UInt64 = 0
    var gbmPrice: Double = 0
    /// Whether the GBM price is held at a bound, and the clamps not yet reported.
    var heldAt: MarketClamp.Bound?
    var pendingClamps: [MarketClamp] = []

    /// The largest annual GBM drift a scenario may give (±500% a year).
    public static let maximumAnnualDrift = 5.0
    /// The largest annual GBM volatility a scenario may give.
    public static let maximumAnnualVolatility = 20.0
    /// A GBM path is held within [$0.000001, $10,000,000,000] per TAO: the ceiling keeps every
    /// USD figure far inside 64-bit micro-dollars, the floor keeps the price positive. Reaching
    /// either is reported (`takeClamps`), never silent.
    public static let floorMicro: UInt64 = 1
    /// $10,000,000,000 per TAO, in micro-dollars: the GBM path's ceiling.
    public static let ceilingMicro: UInt64 = 10_000_000_000_000_000

    /// The path of `model` from `startBlock`, with days of `blocksPerDay` blocks and the `market` stream of `seed`.
    public init(model: TaoUsdModel, startBlock: UInt64, blocksPerDay: UInt64, seed: UInt64) {
        self.model = model
        self.startBlock = startBlock
        self.blocksPerDay = max(1, blocksPerDay)
        random = RandomStream(seed: seed, purpose: "market")
        if case let .gbm(start, _, _) = model { gbmPrice = start }
    }

    /// The price at `block` in micro-dollars.
    public mutating func microUsd(atBlock block: UInt64) -> UInt64 {
        switch model {
        case let .constant(price):
            return MicroUSD.from(price)
        case let .piecewise(points):
            guard let first = points.first, let last = points.last else { return 0 }
            if block <= first.block { return MicroUSD.from(first.price) }
            if block >= last.block { return MicroUSD.from(last.price) }
            let upper = points.firstIndex { $0.block > block }!
            let (a, b) = (points[upper - 1], points[upper])
            // p_a + (p_b − p_a)·(block − b_a)/(b_b − b_a), exactly, then floored to a micro-dollar.
            let span = BigInteger(b.block - a.block)
            let numerator = a.price.raw * span + (b.price.raw - a.price.raw) * BigInteger(block - a.block)
            return MicroUSD.from(decimal18Numerator: numerator, denominator: span)
        case let .gbm(_, drift, volatility):
            let day = block >= startBlock ? (block - startBlock) / blocksPerDay : 0
            let dt = 1.0 / 365.0
            while gbmDay < day {
                gbmPrice *= exp((drift - volatility * volatility / 2) * dt + volatility * dt.squareRoot() * random.nextNormal())
                gbmDay += 1
                clampGBM(day: gbmDay)
            }
            return UInt64((gbmPrice * 1e6).rounded())
        }
    }

    /// Holds the GBM price within the bounds, noting each time it reaches one.
    mutating func clampGBM(day: UInt64) {
        let bound: MarketClamp.Bound?
        if gbmPrice * 1e6 > Double(Self.ceilingMicro) {
            gbmPrice = Double(Self.ceilingMicro) / 1e6
            bound = .ceiling
        } else if !(gbmPrice * 1e6 >= Double(Self.floorMicro)) {
            gbmPrice = Double(Self.floorMicro) / 1e6
            bound = .floor
        } else {
            bound = nil
        }
        if let bound, bound != heldAt {
            pendingClamps.append(MarketClamp(block: startBlock + day * blocksPerDay, day: day, bound: bound))
        }
        heldAt = bound
    }

    /// The clamps since the last call, oldest first.
    public mutating func takeClamps() -> [MarketClamp] {
        defer { pendingClamps.removeAll() }
        return pendingClamps
    }

    /// What moves as the path is walked (the model and the calendar come from the scenario).
    struct State: Codable {
        let random: RandomStream
        let gbmDay: UInt64
        let gbmPrice: Double
        let heldAt: MarketClamp.Bound?
        let pendingClamps: [MarketClamp]
    }

    /// The path's position, for a checkpoint.
    var state: State {
        get { State(random: random, gbmDay: gbmDay, gbmPrice: gbmPrice, heldAt: heldAt, pendingClamps: pendingClamps) }
        set {
            random = newValue.random
            gbmDay = newValue.gbmDay
            gbmPrice = newValue.gbmPrice
            heldAt = newValue.heldAt
            pendingClamps = newValue.pendingClamps
        }
    }
}

/// A GBM TAO/USD path reached a bound and is held there from `block` on.
public struct MarketClamp: Sendable, Equatable, Codable {
    /// Which bound: the floor ($0.000001) or the ceiling ($10,000,000,000).
    public enum Bound: String, Sendable, Codable { case floor, ceiling }
    /// The first block of the day the path reached the bound.
    public let block: UInt64
    /// Days since the start.
    public let day: UInt64
    /// The bound reached.
    public let bound: Bound

    /// The bound in micro-dollars per TAO.
    public var micro: UInt64 { bound == .ceiling ? TaoUsdPath.ceilingMicro : TaoUsdPath.floorMicro }
}
