/// A wall-clock time of day with minute precision, 00:00 through 24:00 (24:00 closes a day's window).
public struct LocalTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Minutes since local midnight, 0...1440.
    public var minuteOfDay: Int

    /// Creates a time from minutes since midnight (0...1440).
    public init(minuteOfDay: Int) {
        self.minuteOfDay = minuteOfDay
    }

    /// Creates a time from hours and minutes.
    public init(hour: Int, minute: Int = 0) {
        self.minuteOfDay = hour * 60 + minute
    }

    /// Parses `H:MM` or `HH:MM` (00:00 to 24:00); nil for anything else.
    public init?(text: some StringProtocol) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
            let hour = Int(parts[0]), let minute = Int(parts[1]), minute < 60,
            hour < 24 || (hour == 24 && minute == 0)
        else { return nil }
        self.minuteOfDay = hour * 60 + minute
    }

    public static func < (lhs: LocalTime, rhs: LocalTime) -> Bool {
        lhs.minuteOfDay < rhs.minuteOfDay
    }

    /// `HH:MM`.
    public var description: String {
        "\(CivilDate.pad(self.minuteOfDay / 60, 2)):\(CivilDate.pad(self.minuteOfDay % 60, 2))"
    }
}
