import FixedMath
import Foundation

extension ScenarioParser {
    static let minerKeys = ["count", "cost_usd_per_day", "gpu", "gpus_per_miner", "usd_per_gpu_hour", "hours_per_day",
                            "fixed_usd_per_month", "cost_path", "cost_csv", "distribution", "sell_fraction", "exits", "entries", "slots"]

    /// A USD amount as micro-dollars (at most 6 decimals are kept, floored).
    /// A USD amount in whole micro-dollars: from 0 to $10,000,000,000 with at most 6 decimals
    /// (`MicroUSD.isExact`); anything else is refused, never floored or capped.
    static func micro(_ value: YAMLValue, _ expected: String) throws(ScenarioError) -> UInt64 {
        let what = "\(expected), \(MicroUSD.range(positive: false))"
        let amount = try value.decimal(what)
        guard MicroUSD.isExact(amount, positive: false) else { throw value.error(what) }
        return MicroUSD.from(amount)
    }

    static func parseMiners(_ value: YAMLValue, context: Context) throws(ScenarioError) -> MinerModel {
        let entry = try value.mapping(allowed: minerKeys, required: ["count"])
        let slots = try entry["slots"].map { slotsValue throws(ScenarioError) -> Int in
            let slots = try slotsValue.positive("a positive number of UID slots")
            guard slots <= 4_096 else { throw slotsValue.error("at most 4096 slots") }
            return Int(slots)
        } ?? 192
        let count = try entry["count"]!.unsigned("a number of miners")
        guard count <= UInt64(slots) else { throw entry["count"]!.error("at most the \(slots) UID slots for miners") }

        // Cost: USD per day, or hardware.
        let hardwareKeys = ["gpu", "gpus_per_miner", "usd_per_gpu_hour", "hours_per_day", "fixed_usd_per_month"].filter { entry[$0] != nil }
        let pathUnit: String
        let cost: MinerCost
        switch (entry["cost_usd_per_day"], hardwareKeys.isEmpty) {
        case let (perDay?, true):
            pathUnit = "cost_usd_per_day"
            cost = .perDay(StepPath(baseMicro: try micro(perDay, "a non-negative USD cost per miner per day"),
                                    points: try parseCostPath(entry, unit: pathUnit, context: context)))
        case (nil, false):
            pathUnit = "usd_per_gpu_hour"
            let gpu = try entry["gpu"]?.text("a GPU kind") ?? "custom"
            var hourly = GPUCatalog.usdPerHourMicro[gpu]
            if let given = entry["usd_per_gpu_hour"] { hourly = try micro(given, "a non-negative USD price per GPU-hour") }
            guard let hourly else {
                let known = GPUCatalog.usdPerHourMicro.keys.sorted().joined(separator: ", ")
                if let given = entry["gpu"] { throw given.error("a known GPU (\(known)) or usd_per_gpu_hour") }
                throw value.error("a gpu (\(known)) or usd_per_gpu_hour beside the hardware costs (\(hardwareKeys.joined(separator: ", ")))")
            }
            let gpus = try entry["gpus_per_miner"]?.positive("a positive number of GPUs per miner") ?? 1
            let hours = try entry["hours_per_day"]?.nonNegativeDecimal("hours a day from 0 to 24") ?? FixedDecimal(raw: BigInteger(24 as UInt64) * FixedDecimal<Decimal18>.scale)
            guard hours.raw <= BigInteger(24 as UInt64) * FixedDecimal<Decimal18>.scale else { throw entry["hours_per_day"]!.error("hours a day from 0 to 24") }
            let hoursMicro = hours.scaled(toFractionDigits: 6, rounding: .floor).uint64Value ?? 0
            let fixed = try entry["fixed_usd_per_month"].map { fixedValue throws(ScenarioError) in try micro(fixedValue, "a non-negative USD amount per month") } ?? 0
            cost = .hardware(gpu: gpu, gpus: gpus, gpuHour: StepPath(baseMicro: hourly, points: try parseCostPath(entry, unit: pathUnit, context: context)),
                             hoursPerDayMicro: hoursMicro, fixedPerMonthMicro: fixed)
        default:
            throw value.error("either cost_usd_per_day or hardware (gpu, gpus_per_miner, usd_per_gpu_hour, hours_per_day, fixed_usd_per_month), not both")
        }

        var distribution = MinerDistribution.equal
        if let given = entry["distribution"] {
            if case .scalar = given.node {
                guard try given.text() == "equal" else { throw given.error("equal, {power_law: exponent} or {shares: [...]}") }
            } else {
                let spec = try given.mapping(allowed: ["power_law", "shares"])
                switch (spec["power_law"], spec["shares"]) {
                case let (exponent?, nil):
                    let value = try exponent.real("a power-law exponent from 0 to 5")
                    guard (0...5).contains(value) else { throw exponent.error("a power-law exponent from 0 to 5") }
                    distribution = .powerLaw(exponent: value)
                case let (nil, shares?): distribution = .shares(try weights(shares, "miner"))
                default: throw given.error("exactly one of power_law or shares")
                }
            }
        }

        var sell = BigInteger.zero
        if let fraction = entry["sell_fraction"] {
            sell = try fraction.nonNegativeDecimal("a fraction from 0 to 1").raw
            guard sell <= FixedDecimal<Decimal18>.scale else { throw fraction.error("a fraction from 0 to 1") }
        }

        func probability(_ value: YAMLValue?) throws(ScenarioError) -> Double {
            guard let value else { return 1 }
            let p = try value.real("a probability from 0 to 1")
            guard (0...1).contains(p) else { throw value.error("a probability from 0 to 1") }
            return p
        }
        func perDay(_ value: YAMLValue?, _ fallback: Int) throws(ScenarioError) -> Int {
            guard let value else { return fallback }
            let count = try value.positive("a positive number of miners a day")
            guard count <= 4_096 else { throw value.error("at most 4096 a day") }
            return Int(count)
        }
        var exits: ExitRule?
        if let given = entry["exits"] {
            if case .scalar = given.node {
                if try given.bool("false, true or {window_days, max_per_day, probability}") { exits = ExitRule(windowDays: 7, maxPerDay: 5, probability: 1) }
            } else {
                let spec = try given.mapping(allowed: ["window_days", "max_per_day", "probability"])
                let window = try spec["window_days"]?.positive("a positive number of days") ?? 7
                guard window <= 365 else { throw spec["window_days"]!.error("at most 365 days") }
                exits = ExitRule(windowDays: Int(window), maxPerDay: try perDay(spec["max_per_day"], 5), probability: try probability(spec["probability"]))
            }
        }
        var entries: EntryRule?
        if let given = entry["entries"] {
            if case .scalar = given.node {
                if try given.bool("false, true or {max_per_day, probability}") { entries = EntryRule(maxPerDay: 5, probability: 1) }
            } else {
                let spec = try given.mapping(allowed: ["max_per_day", "probability"])
                entries = EntryRule(maxPerDay: try perDay(spec["max_per_day"], 5), probability: try probability(spec["probability"]))
            }
        }
        return MinerModel(count: Int(count), cost: cost, distribution: distribution, sellFractionRaw: sell, exits: exits, entries: entries, slots: slots)
    }

    /// `cost_path: [{date | block, <unit>: value}]` or `cost_csv: file` of date-or-block,value rows.
    static func parseCostPath(_ entry: [String: YAMLValue], unit: String, context: Context) throws(ScenarioError) -> [(block: UInt64, micro: UInt64)] {
        if entry["cost_path"] != nil, entry["cost_csv"] != nil {
            throw entry["cost_csv"]!.error("at most one of cost_path and cost_csv")
        }
        if let csv = entry["cost_csv"] {
            return try parseValueCSV(csv, context: context, value: "cost", allowZero: true).map { point in
                (point.block, MicroUSD.from(point.price))
            }
        }
        guard let path = entry["cost_path"] else { return [] }
        var points: [(block: UInt64, micro: UInt64)] = []
        for item in try path.sequence("a list of {date: YYYY-MM-DD, \(unit): value}") {
            let point = try item.mapping(allowed: ["date", "block", unit], required: [unit])
            let block = try context.block(point, at: item)
            guard !points.contains(where: { $0.block == block }) else { throw item.error("one value per block") }
            points.append((block, try micro(point[unit]!, "a non-negative USD amount")))
        }
        return points
    }
}
