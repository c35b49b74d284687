import DunCore

/// The debtor's home zone as the engine uses it: local civil date and time of an instant, and the instant of a
/// local date and time.
///
/// PLACEHOLDER until the time-zone table (branch `timezone`) is merged: local time is UTC.
struct LocalZone: Sendable, Hashable {
    var utcOffsetSeconds: Int64

    static let utc = LocalZone(utcOffsetSeconds: 0)

    /// The home zone of an account (address, then area codes, then explicit zones).
    static func home(of account: Account) -> LocalZone {
        .utc
    }

    /// The local civil date (as days since the epoch) and second of the local day at `instant`.
    @inline(__always)
    func local(_ instant: Int64) -> (day: Int64, second: Int64) {
        let local = instant + self.utcOffsetSeconds
        return (local.floorDiv(86_400), local.floorMod(86_400))
    }

    /// The instant at which local day `day` reaches `second` (the first such instant across a DST overlap,
    /// the instant after the gap for a time that does not exist).
    @inline(__always)
    func instant(day: Int64, second: Int64) -> Int64 {
        day * 86_400 + second - self.utcOffsetSeconds
    }

    /// The zone's name, for people.
    var name: String { "UTC (time-zone table not merged yet)" }

    /// The UTC offset in effect at `instant`, in seconds.
    func offset(at instant: Int64) -> Int {
        Int(self.utcOffsetSeconds)
    }
}
