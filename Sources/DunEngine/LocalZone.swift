import DunCore
import DunPolicy

/// A zone as the engine uses it: the local civil day and second of an instant, and the instant at which a local
/// day reaches a second. Either an IANA zone from the compiled table (DST-aware) or a fixed UTC offset.
struct LocalZone: Sendable, Hashable {
    /// The IANA zone; nil for the fixed offset.
    var zone: ZoneID?
    var fixedOffset: Int64

    static let utc = LocalZone(zone: nil, fixedOffset: 0)

    /// The debtor's home zone as the policy resolved it (address, then area codes, then explicit zones);
    /// UTC when none is known.
    static func home(of account: PolicyAccount) -> LocalZone {
        LocalZone(zone: account.homeZone, fixedOffset: 0)
    }

    /// The UTC offset in effect at `instant`, in seconds.
    @inline(__always)
    func offset(at instant: Int64) -> Int {
        guard let zone = self.zone else { return Int(self.fixedOffset) }
        return TimeZoneTable.offsetSeconds(of: zone, at: UTCInstant(secondsSinceEpoch: instant))
    }

    /// The local civil date (as days since the epoch) and second of the local day at `instant`.
    @inline(__always)
    func local(_ instant: Int64) -> (day: Int64, second: Int64) {
        let local = instant + Int64(self.offset(at: instant))
        return (local.floorDiv(86_400), local.floorMod(86_400))
    }

    /// The first instant at which local day `day` reaches `second`: across a DST gap, the first instant after
    /// the gap; across an overlap, the earlier of the two.
    @inline(__always)
    func instant(day: Int64, second: Int64) -> Int64 {
        let local = day * 86_400 + second
        guard let zone = self.zone else { return local - self.fixedOffset }
        return TimeZoneTable.firstInstant(
            atOrAfter: UTCInstant(secondsSinceEpoch: local - 2 * 86_400),
            localAtLeast: local,
            in: zone
        ).secondsSinceEpoch
    }

    /// The zone's name, for people.
    var name: String {
        guard let zone = self.zone else {
            return self.fixedOffset == 0
                ? "UTC (no home zone known)"
                : "UTC\(ISO8601.format(UTCInstant(secondsSinceEpoch: 0), offsetSeconds: Int(self.fixedOffset)).suffix(6))"
        }
        return TimeZoneTable.name(of: zone)
    }
}
