public import DunCore

/// Searches for instants at which a local-time window is open in several zones at once (RF-6-TIME: the
/// allowed window is the intersection of the local windows of every candidate zone).
public enum LocalWindowSearch {
    /// The earliest instant ≥ `start` at which, in every zone of `zones`, the local time lies inside
    /// [`from`, `to`) (seconds of day) and `dayAllowed(zone, localDate)` holds for that zone's local date.
    ///
    /// Returns nil if no such instant lies within `horizonDays` days after `start`, or if the window is empty
    /// (`from >= to`). With no zones nothing constrains the time and the answer is `start`. The search jumps
    /// from one candidate boundary (a window opening in some zone) to the next, so its cost grows with the
    /// number of zones and days skipped, not with minutes.
    public static func earliest(
        atOrAfter start: UTCInstant,
        zones: [ZoneID],
        from: Int,
        to: Int,
        horizonDays: Int = 400,
        dayAllowed: (ZoneID, CivilDate) -> Bool = { _, _ in true }
    ) -> UTCInstant? {
        let from = max(0, from)
        let to = min(86_400, to)
        guard from < to, horizonDays >= 0 else { return nil }
        let limit = start.secondsSinceEpoch + Int64(horizonDays) * 86_400
        // Local dates beyond this cannot open a window before `limit` in any zone (offsets stay within ±26 h).
        let lastLocalDay = Int(limit.floorDiv(86_400)) + 2
        var current = start.secondsSinceEpoch
        while current <= limit {
            var next = current
            for zone in zones {
                let instant = UTCInstant(secondsSinceEpoch: current)
                let local = TimeZoneTable.localSeconds(instant, in: zone)
                var day = Int(local.floorDiv(86_400))
                let secondOfDay = Int(local.floorMod(86_400))
                if secondOfDay >= from, secondOfDay < to,
                    dayAllowed(zone, CivilDate(daysSinceEpoch: day))
                {
                    continue
                }
                // Closed here: the zone's next opening is `from` today (if still ahead and the day is allowed),
                // else `from` on the next allowed day.
                if secondOfDay >= from || !dayAllowed(zone, CivilDate(daysSinceEpoch: day)) {
                    day += 1
                    while !dayAllowed(zone, CivilDate(daysSinceEpoch: day)) {
                        day += 1
                        if day > lastLocalDay { return nil }
                    }
                }
                let opening = TimeZoneTable.firstInstant(
                    atOrAfter: instant,
                    localAtLeast: Int64(day) * 86_400 + Int64(from),
                    in: zone
                )
                next = max(next, opening.secondsSinceEpoch)
            }
            if next == current {
                return UTCInstant(secondsSinceEpoch: current)
            }
            current = next
        }
        return nil
    }

    /// Whether the local time of `instant` lies inside [`from`, `to`) in every zone of `zones` (true when
    /// `zones` is empty).
    public static func contains(_ instant: UTCInstant, zones: [ZoneID], from: Int, to: Int) -> Bool {
        for zone in zones {
            let secondOfDay = Int(TimeZoneTable.localSeconds(instant, in: zone).floorMod(86_400))
            if secondOfDay < from || secondOfDay >= to { return false }
        }
        return true
    }
}
