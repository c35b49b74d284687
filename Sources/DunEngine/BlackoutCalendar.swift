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
        return self.usFederal && Self.isUSFederalHoliday(day: day)
    }

    /// Whether local day `day` (days since the epoch) is an observed U.S. federal holiday: a bit lookup in
    /// `holidayBits` inside its years, the rule itself outside them. Same answer as `isUSFederalHoliday(_:)`.
    @inline(__always)
    static func isUSFederalHoliday(day: Int64) -> Bool {
        let offset = day - Self.holidayFirstDay
        guard offset >= 0 && offset < Self.holidayDayCount else {
            return Self.isUSFederalHoliday(CivilDate(daysSinceEpoch: Int(day)))
        }
        return Self.holidayBits[Int(offset >> 6)] >> UInt64(offset & 63) & 1 != 0
    }

    /// The first local day `holidayBits` covers (1970-01-01) and how many it covers (through 2199-12-31).
    static let holidayFirstDay: Int64 = 0
    static let holidayDayCount: Int64 = 84_006

    /// Observed U.S. federal holidays as one bit per day from `holidayFirstDay`, computed once from the rule
    /// (`isUSFederalHoliday(_:)`): the engine asks about a day every time it looks for a window's next opening,
    /// and date arithmetic per question cost more than the rest of the window search.
    static let holidayBits: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: Int((Self.holidayDayCount + 63) >> 6))
        for offset in 0..<Self.holidayDayCount
        where Self.isUSFederalHoliday(CivilDate(daysSinceEpoch: Int(Self.holidayFirstDay + offset))) {
            bits[Int(offset >> 6)] |= 1 << UInt64(offset & 63)
        }
        return bits
    }()

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
