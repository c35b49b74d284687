/// A point on the UTC timeline, in whole seconds since 1970-01-01T00:00:00Z.
///
/// dun schedules contacts to the second; a whole-second instant keeps per-account state small and
/// arithmetic exact. It is the only instant type in the domain: the engine, the policy, the simulator
/// and the live runtime all speak it, and only the live runtime's clock reads the wall clock.
public struct UTCInstant: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Seconds since the Unix epoch (negative before 1970).
    public var secondsSinceEpoch: Int64

    /// Creates an instant from seconds since the Unix epoch.
    public init(secondsSinceEpoch: Int64) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    /// Creates the instant at which the given UTC civil date and second-of-day fall.
    public init(date: CivilDate, secondOfDay: Int = 0) {
        self.secondsSinceEpoch = Int64(date.daysSinceEpoch) * 86_400 + Int64(secondOfDay)
    }

    public init(from decoder: any Decoder) throws {
        self.secondsSinceEpoch = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.secondsSinceEpoch)
    }

    /// The instant `seconds` later (earlier when negative).
    public func adding(seconds: Int64) -> UTCInstant {
        UTCInstant(secondsSinceEpoch: self.secondsSinceEpoch + seconds)
    }

    /// Seconds from `self` to `other` (`other - self`).
    public func seconds(to other: UTCInstant) -> Int64 {
        other.secondsSinceEpoch - self.secondsSinceEpoch
    }

    /// The UTC civil date of this instant.
    public var utcDate: CivilDate {
        CivilDate(daysSinceEpoch: Int(self.secondsSinceEpoch.floorDiv(86_400)))
    }

    /// Seconds since UTC midnight, 0..<86_400.
    public var utcSecondOfDay: Int {
        Int(self.secondsSinceEpoch.floorMod(86_400))
    }

    public static func < (lhs: UTCInstant, rhs: UTCInstant) -> Bool {
        lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
    }

    /// ISO-8601 in UTC, e.g. `2026-04-01T13:00:00Z`.
    public var description: String {
        ISO8601.format(self, offsetSeconds: 0)
    }

    /// The earliest representable instant; a sentinel for "no lower bound".
    public static let distantPast = UTCInstant(secondsSinceEpoch: Int64.min / 4)
    /// The latest representable instant; a sentinel for "never".
    public static let distantFuture = UTCInstant(secondsSinceEpoch: Int64.max / 4)
}

extension Int64 {
    /// Division rounding toward negative infinity.
    @inlinable
    package func floorDiv(_ divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    /// Remainder with the sign of the divisor.
    @inlinable
    package func floorMod(_ divisor: Int64) -> Int64 {
        let remainder = self % divisor
        return remainder != 0 && (remainder < 0) != (divisor < 0) ? remainder + divisor : remainder
    }
}
