import DunCore
import Testing

@testable import DunEngine

struct BlackoutCalendarTests {
    @Test func holidayTableAgreesWithTheRuleOnEveryDay() {
        // The table covers 2000 through 2099; days either side take the rule itself.
        let calendar = BlackoutCalendar(Blackout(holidays: [.usFederal]))
        let first = CivilDate(year: 1960, month: 1, day: 1).daysSinceEpoch
        let last = CivilDate(year: 2210, month: 12, day: 31).daysSinceEpoch
        var holidays = 0
        var disagreements = 0
        for day in first...last {
            let rule = BlackoutCalendar.isUSFederalHoliday(CivilDate(daysSinceEpoch: day))
            if rule { holidays += 1 }
            if calendar.contains(day: Int64(day)) != rule { disagreements += 1 }
        }
        #expect(disagreements == 0)
        // 11 holidays a year (10 before Juneteenth, 2021), observed dates included.
        #expect(holidays > 10 * 251 && holidays <= 11 * 251)
    }

    @Test func calendarBlocksHolidaysAndExplicitDates() {
        let calendar = BlackoutCalendar(
            Blackout(dates: [CivilDate(year: 2026, month: 3, day: 2)], holidays: [.usFederal])
        )
        func blocked(_ year: Int, _ month: Int, _ day: Int) -> Bool {
            calendar.contains(day: Int64(CivilDate(year: year, month: month, day: day).daysSinceEpoch))
        }
        #expect(blocked(2026, 7, 3))  // July 4th 2026 is a Saturday: observed Friday the 3rd
        #expect(!blocked(2026, 7, 4))
        #expect(blocked(2026, 11, 26))  // Thanksgiving
        #expect(blocked(2026, 3, 2))  // the explicit date
        #expect(!blocked(2026, 3, 3))
        #expect(blocked(2250, 12, 25))  // past the table: the rule itself
        #expect(
            !BlackoutCalendar(Blackout()).contains(day: Int64(CivilDate(year: 2026, month: 12, day: 25).daysSinceEpoch))
        )
    }
}
