import ArgumentParser
import FixedMath
import Simulation
import TaoEconomics

/// Parsers for option values, so a bad value is reported by the argument parser (exit 2)
/// with the option's name and a clear reason.
enum ArgumentParsing {
    /// A non-negative integer amount of rao that fits in 64 bits.
    static func rao(_ text: String) throws -> UInt64 {
        try BigInteger.parseUInt64(text, what: "a whole number of rao (a non-negative integer)")
    }

    /// A non-negative block number that fits in 64 bits.
    static func block(_ text: String) throws -> UInt64 {
        try BigInteger.parseUInt64(text, what: "a block number (a non-negative integer)")
    }

    /// A seed: any whole number from 0 to 18446744073709551615.
    static func seed(_ text: String) throws -> UInt64 {
        try BigInteger.parseUInt64(text, what: "a seed: a whole number from 0 to 18446744073709551615")
    }

    /// A `--set key.path=value` override.
    static func override(_ text: String) throws -> ScenarioOverride {
        guard let override = ScenarioOverride(parsing: text) else {
            throw ValidationError("--set takes key.path=value (keys of letters, digits and _, list items as [index]), not '\(text)'")
        }
        return override
    }

    /// A positive whole number of blocks.
    static func positiveBlocks(_ text: String) throws -> UInt64 {
        let value = try BigInteger.parseUInt64(text, what: "a positive whole number of blocks")
        guard value > 0 else { throw ValidationError("the number of blocks must be at least 1") }
        return value
    }

    /// A positive whole number of blocks per day.
    static func blocksPerDay(_ text: String) throws -> UInt64 {
        let value = try BigInteger.parseUInt64(text, what: "a positive whole number of blocks per day")
        guard value > 0 else { throw ValidationError("blocks per day must be at least 1") }
        return value
    }

    static func date(_ text: String) throws -> CalendarDate { try CalendarDate(parsing: text) }

    /// A non-negative amount of TAO with at most 9 decimals, in rao (at most 21,000,000 TAO).
    static func taoAmount(_ text: String) throws -> UInt64 {
        let expected = "an amount of TAO from 0 to 21000000 with at most 9 decimals, such as 250 or 0.5"
        guard let value = try? FixedDecimal<Rao>(parsing: text), !value.raw.isNegative, let rao = value.raw.uint64Value, rao <= Supply.capRao else {
            throw ValidationError("'\(text)' is not \(expected)")
        }
        return rao
    }
}

extension HalvingTrigger: ExpressibleByArgument {}

extension RuleSet: ExpressibleByArgument {
    /// A rule set by name (`dtao rules` lists them).
    public init?(argument: String) {
        guard let rules = RuleSet.named(argument) else { return nil }
        self = rules
    }

    public static var allValueStrings: [String] { all.map(\.name) }
    public var defaultValueDescription: String { name }
}

extension Invariant: ExpressibleByArgument {
    public static var allValueStrings: [String] { allCases.map(\.name) }
}

/// Output formats for tabular results.
enum TableFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}
