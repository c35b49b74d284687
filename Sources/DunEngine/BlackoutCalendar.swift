import DunCore

/// A campaign's blackout dates and holiday calendars, as a predicate on local day numbers.
struct BlackoutCalendar: Sendable, Hashable {
    /// Explicit dates as days since the epoch, sorted.
    var days: [Int64]
    var usFederal: Bool

    init(_ blackout: Blackout) {
        self.days = blackout.dates.map { Int64($0.daysSinceEpoch) }.sorted()
        self.usFederal = blackout.holidays.contains(.usFederal)
    }

    /// Day 0 of `usFederalHolidays`: 2000-01-01.
    private static let holidayBase: Int64 = 10_957
    /// Days covered by `usFederalHolidays` (through 2099); other days are computed.
    private static let holidayDays: Int64 = 36_525
    /// The observed U.S. federal holidays from `holidayBase` on, one bit per day, computed once per process: the
    /// window search asks about the same few days over and over, and the calendar rules cost a civil-date
    /// conversion each.
    private static let usFederalHolidays: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: Int(holidayDays + 63) / 64)
        for offset in 0..<holidayDays
        where isUSFederalHoliday(CivilDate(daysSinceEpoch: Int(holidayBase + offset))) {
            bits[Int(offset >> 6)] |= 1 << UInt64(offset & 63)
        }
        return bits
    }()

    private func isHoliday(day: Int64) -> Bool {
        let offset = day - Self.holidayBase
        guard offset >= 0, offset < Self.holidayDays else {
            return Self.isUSFederalHoliday(CivilDate(daysSinceEpoch: Int(day)))
        }
        return Self.usFederalHolidays[Int(offset >> 6)] & (1 << UInt64(offset & 63)) != 0
    }

    var isEmpty: Bool { self.days.isEmpty && !self.usFederal }

    /// Whether nothing may be sent on local day `day`.
    func contains(day: Int64) -> Bool {
        if self.isEmpty { return false }
        if !self.days.isEmpty {
            var low = 0
            var high = self.days.count
            while low < high {
                let mid = (low + high) / 2
                if self.days[mid] < day { low = mid + 1 } else { high = mid }
            }
            if low < self.days.count, self.days[low] == day { return true }
        }
        return self.usFederal && self.isHoliday(day: day)
    }

    /// Whether `date` is an observed U.S. federal holiday (5 U.S.C. 6103(a)): a fixed-date holiday falling on
    /// a Saturday is observed the Friday before, on a Sunday the Monday after. Inauguration Day is not included.
    static func isUSFederalHoliday(_ date: CivilDate) -> Bool {
        let weekday = date.weekday
        func isFixed(_ day: CivilDate) -> Bool {
            switch (day.month, day.day) {
            case (1, 1), (6, 19), (7, 4), (11, 11), (12, 25): true
            default: false
            }
        }
        if weekday.isWeekday, isFixed(date) { return true }
        if weekday == .friday, isFixed(date.adding(days: 1)) { return true }
        if weekday == .monday, isFixed(date.adding(days: -1)) { return true }
        let nth = (date.day - 1) / 7 + 1
        let isLast = date.day + 7 > CivilDate.daysInMonth(year: date.year, month: date.month)
        switch (date.month, weekday) {
        case (1, .monday): return nth == 3  // Birthday of Martin Luther King, Jr.
        case (2, .monday): return nth == 3  // Washington's Birthday
        case (5, .monday): return isLast  // Memorial Day
        case (9, .monday): return nth == 1  // Labor Day
        case (10, .monday): return nth == 2  // Columbus Day
        case (11, .thursday): return nth == 4  // Thanksgiving Day
        default: return false
        }
    }
}
