import DunCore
import DunPolicy
import DunTesting
import Testing

struct LocalWindowSearchTests {
    static let newYork = TimeZoneTableTests.zone("America/New_York")
    static let losAngeles = TimeZoneTableTests.zone("America/Los_Angeles")
    static let from = 8 * 3_600
    static let to = 21 * 3_600

    /// TV-RF6-01 (comment 6(b)(1)(i)-2.i): area code in Eastern, address in Pacific → 11:00–21:00 ET,
    /// 08:00–18:00 PT. Probes from COMPLIANCE.md, on a standard-time and a daylight-time date.
    @Test(arguments: [("2026-01-14", "-05:00", "-08:00"), ("2026-07-15", "-04:00", "-07:00")])
    func tvRF601AreaCodeEasternAddressPacific(date: String, eastern: String, pacific: String) throws {
        let zones = [Self.newYork, Self.losAngeles].sorted()
        let probes: [(String, Bool)] = [
            ("\(date)T10:59:00\(eastern)", false),
            ("\(date)T11:30:00\(eastern)", true),
            ("\(date)T20:30:00\(eastern)", true),
            ("\(date)T21:05:00\(eastern)", false),
            ("\(date)T07:45:00\(pacific)", false),
            ("\(date)T18:30:00\(pacific)", false),
        ]
        for (text, allowed) in probes {
            #expect(
                LocalWindowSearch.contains(Fixtures.instant(text), zones: zones, from: Self.from, to: Self.to)
                    == allowed,
                "\(text)"
            )
        }
        // The window opens at 11:00 ET (08:00 PT) and the last allowed second is 17:59:59 PT.
        let opening = LocalWindowSearch.earliest(
            atOrAfter: Fixtures.instant("\(date)T01:00:00\(eastern)"),
            zones: zones,
            from: Self.from,
            to: Self.to
        )
        #expect(opening == Fixtures.instant("\(date)T11:00:00\(eastern)"))
        #expect(
            LocalWindowSearch.contains(
                Fixtures.instant("\(date)T17:59:59\(pacific)"),
                zones: zones,
                from: Self.from,
                to: Self.to
            )
        )
        #expect(
            !LocalWindowSearch.contains(
                Fixtures.instant("\(date)T18:00:00\(pacific)"),
                zones: zones,
                from: Self.from,
                to: Self.to
            )
        )
        // After the window closes: the next morning 11:00 ET.
        let next = LocalWindowSearch.earliest(
            atOrAfter: Fixtures.instant("\(date)T21:00:00\(eastern)"),
            zones: zones,
            from: Self.from,
            to: Self.to
        )
        let nextDate = try #require(CivilDate(iso: date)).adding(days: 1)
        #expect(next == Fixtures.instant("\(nextDate)T11:00:00\(eastern)"))
    }

    @Test func searchAcrossSpringForward() {
        // Saturday 2026-03-07 22:00 EST → Sunday 08:00 EDT (12:00Z, not 13:00Z).
        let result = LocalWindowSearch.earliest(
            atOrAfter: Fixtures.instant("2026-03-07T22:00:00-05:00"),
            zones: [Self.newYork],
            from: Self.from,
            to: Self.to
        )
        #expect(result == Fixtures.instant("2026-03-08T12:00:00Z"))
        // Window inside the gap (02:00–03:00 does not exist): opens at the end of the gap.
        let gap = LocalWindowSearch.earliest(
            atOrAfter: Fixtures.instant("2026-03-08T05:00:00Z"),
            zones: [Self.newYork],
            from: 2 * 3_600 + 1_800,
            to: 4 * 3_600
        )
        #expect(gap == Fixtures.instant("2026-03-08T07:00:00Z"))
    }

    @Test func searchAcrossFallBack() {
        // Saturday 2026-10-31 22:00 EDT → Sunday 08:00 EST (13:00Z).
        let result = LocalWindowSearch.earliest(
            atOrAfter: Fixtures.instant("2026-10-31T22:00:00-04:00"),
            zones: [Self.newYork],
            from: Self.from,
            to: Self.to
        )
        #expect(result == Fixtures.instant("2026-11-01T13:00:00Z"))
        // Both zones across the change: 11:00 EST is 16:00Z.
        let both = LocalWindowSearch.earliest(
            atOrAfter: Fixtures.instant("2026-10-31T22:00:00-04:00"),
            zones: [Self.newYork, Self.losAngeles],
            from: Self.from,
            to: Self.to
        )
        #expect(both == Fixtures.instant("2026-11-01T16:00:00Z"))
    }

    @Test func insideTheWindowReturnsStart() {
        let start = Fixtures.instant("2026-05-05T14:00:00Z")
        #expect(
            LocalWindowSearch.earliest(atOrAfter: start, zones: [Self.newYork], from: Self.from, to: Self.to) == start
        )
        #expect(LocalWindowSearch.earliest(atOrAfter: start, zones: [], from: Self.from, to: Self.to) == start)
    }

    @Test func emptyResultsWithinTheHorizon() {
        let start = Fixtures.instant("2026-05-05T03:00:00Z")
        // 08:00–09:00 in New York and in Los Angeles never overlap.
        #expect(
            LocalWindowSearch.earliest(
                atOrAfter: start,
                zones: [Self.newYork, Self.losAngeles],
                from: Self.from,
                to: 9 * 3_600
            ) == nil
        )
        // No allowed day.
        #expect(
            LocalWindowSearch.earliest(
                atOrAfter: start,
                zones: [Self.newYork],
                from: Self.from,
                to: Self.to,
                dayAllowed: { _, _ in false }
            ) == nil
        )
        // A horizon too short to reach the next opening.
        #expect(
            LocalWindowSearch.earliest(
                atOrAfter: start,
                zones: [Self.newYork],
                from: Self.from,
                to: Self.to,
                horizonDays: 0
            ) == nil
        )
        #expect(
            LocalWindowSearch.earliest(
                atOrAfter: start,
                zones: [Self.newYork],
                from: Self.from,
                to: Self.to,
                horizonDays: 1
            ) == Fixtures.instant("2026-05-05T12:00:00Z")
        )
        // An empty window.
        #expect(
            LocalWindowSearch.earliest(atOrAfter: start, zones: [Self.newYork], from: Self.to, to: Self.from) == nil
        )
    }

    @Test func dayAllowedSkipsDaysPerZone() {
        // Not on Sundays (New York's local date): Saturday 22:00 EDT → Monday 08:00 EDT.
        let result = LocalWindowSearch.earliest(
            atOrAfter: Fixtures.instant("2026-05-09T22:00:00-04:00"),
            zones: [Self.newYork],
            from: Self.from,
            to: Self.to,
            dayAllowed: { _, date in date.weekday != .sunday }
        )
        #expect(result == Fixtures.instant("2026-05-11T08:00:00-04:00"))
    }

    /// Against a minute-by-minute reference over random zone sets and starts.
    @Test func matchesBruteForce() {
        var random = SplitMix64(seed: 11)
        let pool = [
            "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles",
            "Pacific/Honolulu", "America/Anchorage", "Europe/London", "Asia/Shanghai", "Australia/Lord_Howe",
        ]
        .map { TimeZoneTableTests.zone($0) }
        for _ in 0..<150 {
            var zones: [ZoneID] = []
            for zone in pool where random.next() % 4 == 0 { zones.append(zone) }
            let from = Int(random.next() % 12) * 1_800 + 6 * 3_600
            let to = from + Int(random.next() % 20 + 4) * 1_800
            // Starts near DST changes half the time.
            let base: Int64 = random.next() % 2 == 0 ? 1_772_900_000 : 1_792_000_000
            let start = UTCInstant(secondsSinceEpoch: base + Int64(random.next() % (20 * 86_400)))
            let found = LocalWindowSearch.earliest(atOrAfter: start, zones: zones, from: from, to: to, horizonDays: 3)
            var expected: UTCInstant?
            var probe = start
            while probe <= start.adding(seconds: 3 * 86_400) {
                if LocalWindowSearch.contains(probe, zones: zones, from: from, to: to) {
                    expected = probe
                    break
                }
                // The first probe is the start itself; later ones are minute boundaries (all openings are).
                probe = UTCInstant(secondsSinceEpoch: (probe.secondsSinceEpoch / 60 + 1) * 60)
            }
            #expect(found == expected, "zones \(zones) from \(from) to \(to) start \(start)")
        }
    }
}
