/// A preferred send window in the debtor's local time: one range for Monday to Friday, one for Saturday,
/// one for Sunday. A nil range means "never on those days". The policy's own hours always apply on top.
public struct SendWindow: Hashable, Sendable {
    public var weekdays: LocalTimeRange?
    public var saturday: LocalTimeRange?
    public var sunday: LocalTimeRange?

    public init(weekdays: LocalTimeRange?, saturday: LocalTimeRange?, sunday: LocalTimeRange?) {
        self.weekdays = weekdays
        self.saturday = saturday
        self.sunday = sunday
    }

    /// 08:00-21:00 every day: no tightening beyond the law's hours.
    public static let lawful = SendWindow(
        weekdays: LocalTimeRange(start: LocalTime(hour: 8), end: LocalTime(hour: 21)),
        saturday: LocalTimeRange(start: LocalTime(hour: 8), end: LocalTime(hour: 21)),
        sunday: LocalTimeRange(start: LocalTime(hour: 8), end: LocalTime(hour: 21))
    )

    /// The range that applies on `day`, or nil when the window is closed all day.
    public func range(on day: Weekday) -> LocalTimeRange? {
        switch day {
        case .saturday: self.saturday
        case .sunday: self.sunday
        default: self.weekdays
        }
    }
}

/// A half-open span of local time `[start, end)` within one day.
public struct LocalTimeRange: Hashable, Sendable, CustomStringConvertible {
    public var start: LocalTime
    public var end: LocalTime

    public init(start: LocalTime, end: LocalTime) {
        self.start = start
        self.end = end
    }

    /// Whether `time` lies in `[start, end)`.
    public func contains(_ time: LocalTime) -> Bool {
        self.start <= time && time < self.end
    }

    /// `HH:MM-HH:MM`.
    public var description: String { "\(self.start)-\(self.end)" }
}

/// Dates on which a campaign sends nothing.
public struct Blackout: Hashable, Sendable {
    /// Explicit dates, in the debtor's local calendar.
    public var dates: [CivilDate]
    /// Holiday calendars whose holidays are blacked out.
    public var holidays: [HolidayCalendar]

    public init(dates: [CivilDate] = [], holidays: [HolidayCalendar] = []) {
        self.dates = dates
        self.holidays = holidays
    }
}

/// A named calendar of public holidays.
public enum HolidayCalendar: String, Hashable, Sendable, CaseIterable {
    /// The legal public holidays of 5 U.S.C. 6103(a), observed on the nearest weekday.
    case usFederal = "us_federal"
}
