public import DunCore

/// IANA time-zone rules compiled into the binary (see `TimeZoneData.swift` for the release and the generator),
/// with allocation-free offset and local-time arithmetic.
///
/// Every IANA zone of the compiled release is present; links resolve to their canonical zone. Offsets are exact
/// from 1970-01-01 through 2100-12-31 UTC; before that the 1970 offset applies, after it the last one.
/// Everything is pure and deterministic: the tables do not depend on the host's tz files.
public enum TimeZoneTable {
    /// The zone with this IANA name (canonical or link, e.g. `America/New_York`, `US/Eastern`); nil if the
    /// compiled release does not know it.
    public static func zone(named identifier: String) -> ZoneID? {
        TimeZoneStore.shared.indexByName[identifier].map(ZoneID.init(index:))
    }

    /// The canonical IANA name of `zone`.
    public static func name(of zone: ZoneID) -> String {
        TimeZoneStore.shared.names[Int(zone.index)]
    }

    /// Every zone, in id order.
    public static var allZones: [ZoneID] {
        (0..<TimeZoneStore.shared.names.count).map { ZoneID(index: UInt16($0)) }
    }

    /// The zones of an ISO 3166-1 alpha-2 country, in IANA zone.tab order (empty when unknown).
    public static func zones(forCountry code: String) -> [ZoneID] {
        (TimeZoneStore.shared.zonesByCountry[code.uppercased()] ?? []).map(ZoneID.init(index:))
    }

    /// UTC offset in seconds in force at `instant` (DST-aware, IANA rules for the actual date).
    @inlinable
    public static func offsetSeconds(of zone: ZoneID, at instant: UTCInstant) -> Int {
        TimeZoneStore.shared.offset(of: Int(zone.index), at: instant.secondsSinceEpoch)
    }

    /// Local civil date and second-of-day (0..<86_400) of `instant` in `zone`.
    public static func local(_ instant: UTCInstant, in zone: ZoneID) -> (date: CivilDate, secondOfDay: Int) {
        let local = instant.secondsSinceEpoch + Int64(self.offsetSeconds(of: zone, at: instant))
        return (CivilDate(daysSinceEpoch: Int(local.floorDiv(86_400))), Int(local.floorMod(86_400)))
    }

    /// Local seconds since the epoch (local midnight 1970-01-01 = 0) of `instant` in `zone`.
    public static func localSeconds(_ instant: UTCInstant, in zone: ZoneID) -> Int64 {
        instant.secondsSinceEpoch + Int64(self.offsetSeconds(of: zone, at: instant))
    }

    /// The first instant whose local time in `zone` is at or after `localDate` + `secondOfDay`.
    ///
    /// A local time that does not exist (a DST gap) maps to the first instant after the gap; a repeated local
    /// time (fall back) maps to the earlier instant. `secondOfDay` may lie outside 0..<86_400 (it carries into
    /// the neighbouring dates).
    public static func instant(localDate: CivilDate, secondOfDay: Int, in zone: ZoneID) -> UTCInstant {
        let local = Int64(localDate.daysSinceEpoch) * 86_400 + Int64(secondOfDay)
        return self.firstInstant(
            atOrAfter: UTCInstant(secondsSinceEpoch: local - 2 * 86_400),
            localAtLeast: local,
            in: zone
        )
    }

    /// The smallest instant `t >= start` whose local time in `zone` (as local seconds since the epoch) is at or
    /// after `localSeconds`. With no DST fold between, this is `localSeconds - offset`; it never returns less
    /// than `start`.
    @inlinable
    public static func firstInstant(
        atOrAfter start: UTCInstant,
        localAtLeast localSeconds: Int64,
        in zone: ZoneID
    ) -> UTCInstant {
        UTCInstant(
            secondsSinceEpoch: TimeZoneStore.shared.firstInstant(
                from: start.secondsSinceEpoch,
                localAtLeast: localSeconds,
                zone: Int(zone.index)
            )
        )
    }

    /// The instants at which `zone`'s offset changes within [`from`, `to`), ascending.
    public static func transitions(of zone: ZoneID, from: UTCInstant, to: UTCInstant) -> [UTCInstant] {
        let store = TimeZoneStore.shared
        var index = store.firstTransition(of: Int(zone.index), after: from.secondsSinceEpoch - 1)
        var result: [UTCInstant] = []
        while index < store.bounds[Int(zone.index) + 1], store.times[index] < to.secondsSinceEpoch {
            result.append(UTCInstant(secondsSinceEpoch: store.times[index]))
            index += 1
        }
        return result
    }
}
