import PropertyBased
import TaoEconomics
import Testing

@Suite struct CalendarDateTests {
    @Test func knownDates() throws {
        #expect(try CalendarDate(parsing: "1970-01-01").daysSinceEpoch == 0)
        #expect(try CalendarDate(parsing: "2025-02-13").daysSinceEpoch == 20_132)
        #expect(try CalendarDate(parsing: "2024-02-29").adding(days: 1).description == "2024-03-01")
        #expect(try CalendarDate(parsing: "2025-12-31").adding(days: 1).description == "2026-01-01")
    }

    @Test(arguments: ["", "2025-2-13", "2025-02-30", "2023-02-29", "2025-13-01", "20250213", "2025-02-13T00:00", "abcd-ef-gh", "0000-01-01"])
    func rejectsInvalidDates(_ text: String) {
        #expect(throws: CalendarDate.Error.self) { try CalendarDate(parsing: text) }
    }

    @Test func textRoundTrips() async {
        await propertyCheck(count: 2_000, input: Gen.int64(in: -719_162...2_932_896)) { days in
            let date = CalendarDate(daysSinceEpoch: days)
            #expect((try? CalendarDate(parsing: date.description)) == date)
        }
    }

    @Test func blockClockFloorsToWholeDays() throws {
        let clock = BlockClock(originBlock: 100, originDate: try CalendarDate(parsing: "2025-11-15"), blocksPerDay: 7_161)
        #expect(clock.date(ofBlock: 100).description == "2025-11-15")
        #expect(clock.date(ofBlock: 7_260).description == "2025-11-15")
        #expect(clock.date(ofBlock: 7_261).description == "2025-11-16")
        #expect(clock.date(ofBlock: 99).description == "2025-11-14")
    }
}

@Suite struct CalendarDateExtremeTests {
    @Test func extremeBlocksAndDaysSaturateInsteadOfTrapping() throws {
        let clock = BlockClock(originBlock: .max / 2, originDate: try CalendarDate(parsing: "2025-01-01"), blocksPerDay: 1)
        _ = clock.date(ofBlock: .max).description
        _ = clock.date(ofBlock: 0).description
        #expect(CalendarDate(daysSinceEpoch: .max).adding(days: 5).daysSinceEpoch == .max)
        #expect(CalendarDate(daysSinceEpoch: .min).adding(days: -5).daysSinceEpoch == .min)
    }
}
