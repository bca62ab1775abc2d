/// A proleptic Gregorian calendar day (UTC), written YYYY-MM-DD.
///
/// Dates in reports are whole days derived from block numbers at a blocks-per-day rate, so a
/// day count is all the engine needs; this avoids time zones and locale entirely.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let daysSinceEpoch: Int64

    /// The day `daysSinceEpoch` days after 1970-01-01.
    public init(daysSinceEpoch: Int64) { self.daysSinceEpoch = daysSinceEpoch }

    /// A date from its parts. - Throws: `CalendarDate.Error` for an impossible day.
    public init(year: Int64, month: Int64, day: Int64) throws(CalendarDate.Error) {
        guard (1...12).contains(month), day >= 1, day <= CalendarDate.daysIn(month: month, year: year),
              (1...9999).contains(year)
        else { throw .invalid("\(year)-\(month)-\(day)") }
        // Days from civil (Howard Hinnant's algorithm), exact for the proleptic Gregorian calendar.
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        daysSinceEpoch = era * 146_097 + dayOfEra - 719_468
    }

    /// Parses exactly `YYYY-MM-DD`. - Throws: `CalendarDate.Error` for anything else.
    public init(parsing text: String) throws(CalendarDate.Error) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let year = Int64(parts[0]), let month = Int64(parts[1]), let day = Int64(parts[2])
        else { throw .invalid(text) }
        do { try self.init(year: year, month: month, day: day) } catch { throw .invalid(text) }
    }

    /// A date that cannot be read or does not exist.
    public enum Error: Swift.Error, Equatable, CustomStringConvertible {
        case invalid(String)
        public var description: String {
            switch self {
            case let .invalid(text): return "'\(text)' is not a valid date: expected YYYY-MM-DD"
            }
        }
    }

    /// (year, month, day) of this date.
    public var components: (year: Int64, month: Int64, day: Int64) {
        // Dates beyond ±10^15 days (only reachable by saturation) print as those bounds.
        let shifted = min(max(daysSinceEpoch, -1_000_000_000_000_000), 1_000_000_000_000_000) + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The date `days` later (earlier when negative), saturating at the Int64 bounds.
    public func adding(days: Int64) -> CalendarDate {
        let (sum, overflow) = daysSinceEpoch.addingReportingOverflow(days)
        return CalendarDate(daysSinceEpoch: overflow ? (days > 0 ? .max : .min) : sum)
    }

    public var description: String {
        let (year, month, day) = components
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// Maps block numbers to calendar days at a fixed rate from a known (block, date) point.
public struct BlockClock: Sendable, Equatable {
    /// A block whose day is known.
    public let originBlock: UInt64
    /// That block's day.
    public let originDate: CalendarDate
    /// Blocks per day (at least 1).
    public let blocksPerDay: UInt64

    /// A clock with `originBlock` on `originDate` and `blocksPerDay` blocks a day (0 is taken as 1).
    public init(originBlock: UInt64, originDate: CalendarDate, blocksPerDay: UInt64) {
        self.originBlock = originBlock
        self.originDate = originDate
        self.blocksPerDay = max(1, blocksPerDay)
    }

    /// The day on which `block` falls: origin date + ⌊(block − origin) / blocksPerDay⌋ (floored
    /// toward negative infinity for blocks before the origin).
    public func date(ofBlock block: UInt64) -> CalendarDate {
        if block >= originBlock {
            return originDate.adding(days: Int64(clamping: (block - originBlock) / blocksPerDay))
        }
        let before = originBlock - block
        return originDate.adding(days: -Int64(clamping: before / blocksPerDay + (before % blocksPerDay == 0 ? 0 : 1)))
    }
}
