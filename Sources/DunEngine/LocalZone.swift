import DunCore
import DunPolicy

/// A zone as the engine uses it: the local civil day and second of an instant, and the instant at which a local
/// day reaches a second. Either an IANA zone from the compiled table (DST-aware) or a fixed UTC offset.
///
/// An IANA zone keeps its span table (`ZoneOffsets`): an offset is one load and one comparison, without the
/// tz store's lazy global. 16 bytes, no references (it sits in every account's hot record).
struct LocalZone: Sendable, Hashable {
    /// The IANA zone's offsets; nil for the fixed offset.
    var offsets: ZoneOffsets?
    var fixedSeconds: Int32

    static let utc = LocalZone(zone: nil, fixedOffset: 0)

    init(zone: ZoneID?, fixedOffset: Int64) {
        self.offsets = zone.map(ZoneOffsets.init)
        self.fixedSeconds = Int32(clamping: fixedOffset)
    }

    /// The IANA zone; nil for the fixed offset.
    var zone: ZoneID? {
        self.offsets?.zone
    }

    var fixedOffset: Int64 {
        Int64(self.fixedSeconds)
    }

    /// The debtor's home zone as the policy resolved it (address, then area codes, then explicit zones);
    /// UTC when none is known.
    static func home(of account: PolicyAccount) -> LocalZone {
        LocalZone(zone: account.homeZone, fixedOffset: 0)
    }

    /// The UTC offset in effect at `instant`, in seconds.
    @inline(__always)
    func offset(at instant: Int64) -> Int {
        guard let offsets = self.offsets else { return Int(self.fixedSeconds) }
        return offsets.offset(at: instant)
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
        guard let offsets = self.offsets else { return local - self.fixedOffset }
        return offsets.firstInstant(from: local - 2 * 86_400, localAtLeast: local)
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
