import DunCore
import DunTesting
import Testing

struct CivilDateTests {
    @Test func roundTripsEveryDayAcrossFourCenturies() {
        var date = CivilDate(year: 1900, month: 1, day: 1)
        var days = date.daysSinceEpoch
        while date.year < 2300 {
            #expect(CivilDate(daysSinceEpoch: days) == date)
            let next = CivilDate(daysSinceEpoch: days + 1)
            #expect(next > date)
            date = next
            days += 1
        }
    }

    @Test func knowsWeekdaysOfRegFExampleDates() {
        #expect(CivilDate(year: 2020, month: 4, day: 1).weekday == .wednesday)
        #expect(CivilDate(year: 2020, month: 8, day: 13).weekday == .thursday)
        #expect(CivilDate(year: 2026, month: 4, day: 1).weekday == .wednesday)
    }

    @Test(arguments: [
        ("2020-04-01T09:30:00-04:00", "2020-04-01T13:30:00Z"),
        ("2020-04-01T09:30:00Z", "2020-04-01T09:30:00Z"),
        ("2020-04-01T09:30+0530", "2020-04-01T04:00:00Z"),
        ("2020-12-31T23:59:59.999-01:00", "2021-01-01T00:59:59Z"),
    ])
    func parsesISO8601WithOffsets(input: String, expected: String) throws {
        let instant = try #require(ISO8601.parse(input))
        #expect(instant.description == expected)
    }

    @Test(arguments: ["2020-04-01T09:30:00", "2020-02-30T00:00:00Z", "2020-04-01", "nonsense", "2020-04-01T25:00Z"])
    func rejectsAmbiguousOrInvalidTimestamps(input: String) {
        #expect(ISO8601.parse(input) == nil)
    }

    @Test func formatsWithOffset() {
        let instant = Fixtures.instant("2020-04-01T13:30:00Z")
        #expect(ISO8601.format(instant, offsetSeconds: -4 * 3600) == "2020-04-01T09:30:00-04:00")
    }
}
