import FixedMath

/// A USD amount that changes at dates: `base` until the first point, then each point's value from
/// its block on (a step function: a rental contract's price changes on a day, not gradually).
/// Values are micro-dollars.
public struct StepPath: Sendable, Equatable {
    /// The value before the first point, micro-dollars.
    public let baseMicro: UInt64
    /// (block, micro-dollars) from which each value applies, ascending.
    public let points: [(block: UInt64, micro: UInt64)]

    /// A path starting at `baseMicro` and changing at `points` (sorted here).
    public init(baseMicro: UInt64, points: [(block: UInt64, micro: UInt64)] = []) {
        self.baseMicro = baseMicro
        self.points = points.sorted { $0.block < $1.block }
    }

    /// The value in force at `block`, micro-dollars.
    public func micro(atBlock block: UInt64) -> UInt64 {
        points.last { $0.block <= block }?.micro ?? baseMicro
    }

    public static func == (lhs: StepPath, rhs: StepPath) -> Bool {
        lhs.baseMicro == rhs.baseMicro && lhs.points.map(\.block) == rhs.points.map(\.block) && lhs.points.map(\.micro) == rhs.points.map(\.micro)
    }
}

/// What one miner costs to run.
public enum MinerCost: Sendable, Equatable {
    /// USD per miner per day.
    case perDay(StepPath)
    /// Hardware: `gpus` GPUs of a kind at a USD-per-GPU-hour path for `hoursPerDay` (millionths
    /// of an hour) plus a fixed USD per month (micro-dollars), spread as ×12/365 per day.
    case hardware(gpu: String, gpus: UInt64, gpuHour: StepPath, hoursPerDayMicro: UInt64, fixedPerMonthMicro: UInt64)

    /// The cost of one miner for one day at `block`, in micro-dollars, floored.
    public func perMinerPerDayMicro(atBlock block: UInt64) -> UInt64 {
        switch self {
        case let .perDay(path): return path.micro(atBlock: block)
        case let .hardware(_, gpus, gpuHour, hoursMicro, fixedMicro):
            // gpus × $/h × hours + fixed × 12 / 365
            let rental = BigInteger(gpus) * BigInteger(gpuHour.micro(atBlock: block)) * BigInteger(hoursMicro)
            let rentalMicro = (try? rental.divided(by: BigInteger(1_000_000 as UInt64), rounding: .floor)) ?? .zero
            let fixedMicro = (try? BigInteger(fixedMicro).multipliedDivided(by: BigInteger(12 as UInt64), dividedBy: BigInteger(365 as UInt64), rounding: .floor)) ?? .zero
            return (rentalMicro + fixedMicro).uint64Value ?? .max
        }
    }
}

/// How a subnet's miner alpha is divided among its miners, by rank (rank 1 first).
public enum MinerDistribution: Sendable, Equatable {
    case equal
    /// Rank r gets weight ∝ r^−exponent.
    case powerLaw(exponent: Double)
    /// Explicit weights by rank; ranks past the list get its last weight.
    case shares([UInt64])

    /// Integer payout weights for `count` miners (deterministic).
    public func weights(count: Int) -> [UInt64] {
        guard count > 0 else { return [] }
        switch self {
        case .equal: return [UInt64](repeating: 1, count: count)
        case let .powerLaw(exponent):
            return (1...count).map { rank in max(1, UInt64((1e12 * pow(Double(rank), -exponent)).rounded())) }
        case let .shares(list):
            return (0..<count).map { list[min($0, list.count - 1)] }
        }
    }
}

/// Miners leave when their profit over a trailing window has been negative.
public struct ExitRule: Sendable, Equatable {
    /// Days of profit considered.
    public let windowDays: Int
    /// The most miners who may leave (or join) in a day.
    public let maxPerDay: Int
    /// Chance that an eligible miner actually leaves on a given day (seeded).
    public let probability: Double
}

/// Miners join while the marginal (lowest-ranked) newcomer would profit.
public struct EntryRule: Sendable, Equatable {
    /// The most miners who may join in a day.
    public let maxPerDay: Int
    /// Chance that an eligible miner acts on a given day (seeded).
    public let probability: Double
}

/// A subnet's miners: how many, what they cost, how they share and sell, how they react.
public struct MinerModel: Sendable, Equatable {
    /// Miners at the start.
    public let count: Int
    /// What one miner costs to run.
    public let cost: MinerCost
    /// How the miners' alpha is divided by rank.
    public let distribution: MinerDistribution
    /// The share of each day's earned alpha a miner sells through the pool, in 10^−18 units (0…1e18).
    public let sellFractionRaw: BigInteger
    /// When unprofitable miners leave; nil: they never do.
    public let exits: ExitRule?
    /// When newcomers join; nil: they never do.
    public let entries: EntryRule?
    /// UID slots for miners: 192 by default (256 UIDs less 64 validator permits).
    public let slots: Int
}

/// Rental prices per GPU-hour from docs/calibration.md §6 (defaults; reported figures):
/// H100 $2.00 (marketplace range $1.50–3.00, §4a: Oct 2025 low $1.70, Mar 2026 index $2.35),
/// A100 80GB $1.20 ($0.86–2.45), RTX 4090 $0.34 ($0.15–0.60, RunPod Mar 2026).
public enum GPUCatalog {
    /// USD per GPU-hour in micro-dollars, by GPU kind.
    public static let usdPerHourMicro: [String: UInt64] = ["h100": 2_000_000, "a100": 1_200_000, "rtx4090": 340_000]
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
