import DunCore
import DunPolicy
import DunTesting
import Testing

struct TimeZoneTableTests {
    static func zone(_ name: String) -> ZoneID {
        guard let zone = TimeZoneTable.zone(named: name) else { fatalError("unknown zone in a test: \(name)") }
        return zone
    }

    /// (zone, spring-forward instant, fall-back instant, standard offset) for 2020 and 2026.
    static let usTransitions: [(String, String, String, Int)] = [
        ("America/New_York", "2020-03-08T07:00:00Z", "2020-11-01T06:00:00Z", -5),
        ("America/New_York", "2026-03-08T07:00:00Z", "2026-11-01T06:00:00Z", -5),
        ("America/Chicago", "2020-03-08T08:00:00Z", "2020-11-01T07:00:00Z", -6),
        ("America/Chicago", "2026-03-08T08:00:00Z", "2026-11-01T07:00:00Z", -6),
        ("America/Denver", "2020-03-08T09:00:00Z", "2020-11-01T08:00:00Z", -7),
        ("America/Denver", "2026-03-08T09:00:00Z", "2026-11-01T08:00:00Z", -7),
        ("America/Los_Angeles", "2020-03-08T10:00:00Z", "2020-11-01T09:00:00Z", -8),
        ("America/Los_Angeles", "2026-03-08T10:00:00Z", "2026-11-01T09:00:00Z", -8),
    ]

    @Test(arguments: Self.usTransitions)
    func dstTransitionsAreExact(name: String, spring: String, fall: String, standardHours: Int) {
        let zone = Self.zone(name)
        let standard = standardHours * 3_600
        let springForward = Fixtures.instant(spring)
        let fallBack = Fixtures.instant(fall)
        #expect(TimeZoneTable.offsetSeconds(of: zone, at: springForward.adding(seconds: -1)) == standard)
        #expect(TimeZoneTable.offsetSeconds(of: zone, at: springForward) == standard + 3_600)
        #expect(TimeZoneTable.offsetSeconds(of: zone, at: fallBack.adding(seconds: -1)) == standard + 3_600)
        #expect(TimeZoneTable.offsetSeconds(of: zone, at: fallBack) == standard)
        // Local clock: 01:59:59 → 03:00:00 in spring; 01:59:59 daylight → 01:00:00 standard in autumn.
        #expect(TimeZoneTable.local(springForward.adding(seconds: -1), in: zone).secondOfDay == 2 * 3_600 - 1)
        #expect(TimeZoneTable.local(springForward, in: zone).secondOfDay == 3 * 3_600)
        #expect(TimeZoneTable.local(fallBack.adding(seconds: -1), in: zone).secondOfDay == 2 * 3_600 - 1)
        #expect(TimeZoneTable.local(fallBack, in: zone).secondOfDay == 1 * 3_600)
        let transitions = TimeZoneTable.transitions(
            of: zone,
            from: springForward.adding(seconds: -86_400 * 30),
            to: fallBack.adding(seconds: 1)
        )
        #expect(transitions == [springForward, fallBack])
    }

    @Test(arguments: [
        ("America/Phoenix", -7), ("Pacific/Honolulu", -10), ("America/Puerto_Rico", -4), ("Pacific/Guam", 10),
    ])
    func zonesWithoutDaylightTimeNeverShift(name: String, hours: Int) {
        let zone = Self.zone(name)
        var instant = Fixtures.instant("2020-01-01T00:00:00Z")
        let end = Fixtures.instant("2027-01-01T00:00:00Z")
        while instant < end {
            #expect(TimeZoneTable.offsetSeconds(of: zone, at: instant) == hours * 3_600)
            instant = instant.adding(seconds: 86_400 * 7 + 3_607)
        }
        #expect(TimeZoneTable.transitions(of: zone, from: Fixtures.instant("2000-01-01T00:00:00Z"), to: end).isEmpty)
    }

    @Test func alaskaAndAdakKeepDaylightTime() {
        #expect(
            TimeZoneTable.offsetSeconds(
                of: Self.zone("America/Anchorage"),
                at: Fixtures.instant("2026-07-01T12:00:00Z")
            ) == -8 * 3_600
        )
        #expect(
            TimeZoneTable.offsetSeconds(
                of: Self.zone("America/Anchorage"),
                at: Fixtures.instant("2026-01-01T12:00:00Z")
            ) == -9 * 3_600
        )
        #expect(
            TimeZoneTable.offsetSeconds(of: Self.zone("America/Adak"), at: Fixtures.instant("2026-07-01T12:00:00Z"))
                == -9 * 3_600
        )
    }

    @Test func otherCountriesFollowTheirOwnRules() {
        let london = Self.zone("Europe/London")
        #expect(TimeZoneTable.offsetSeconds(of: london, at: Fixtures.instant("2026-03-29T00:59:59Z")) == 0)
        #expect(TimeZoneTable.offsetSeconds(of: london, at: Fixtures.instant("2026-03-29T01:00:00Z")) == 3_600)
        #expect(
            TimeZoneTable.offsetSeconds(of: Self.zone("Asia/Shanghai"), at: Fixtures.instant("2026-07-01T00:00:00Z"))
                == 8 * 3_600
        )
        #expect(
            TimeZoneTable.offsetSeconds(of: Self.zone("Asia/Kolkata"), at: Fixtures.instant("2026-07-01T00:00:00Z"))
                == 19_800
        )
        // Far future: the POSIX rule keeps applying (US rules since 2007).
        #expect(
            TimeZoneTable.offsetSeconds(of: Self.zone("America/New_York"), at: Fixtures.instant("2099-07-01T00:00:00Z"))
                == -4 * 3_600
        )
    }

    @Test func localTimeToInstantHandlesGapsAndRepeats() {
        let newYork = Self.zone("America/New_York")
        let spring = CivilDate(year: 2026, month: 3, day: 8)
        // 02:30 does not exist: the first instant after the gap (03:00 EDT).
        #expect(
            TimeZoneTable.instant(localDate: spring, secondOfDay: 9_000, in: newYork)
                == Fixtures.instant("2026-03-08T07:00:00Z")
        )
        #expect(
            TimeZoneTable.instant(localDate: spring, secondOfDay: 3 * 3_600, in: newYork)
                == Fixtures.instant("2026-03-08T07:00:00Z")
        )
        #expect(
            TimeZoneTable.instant(localDate: spring, secondOfDay: 3_600, in: newYork)
                == Fixtures.instant("2026-03-08T06:00:00Z")
        )
        let fall = CivilDate(year: 2026, month: 11, day: 1)
        // 01:30 happens twice: the earlier (EDT) instant.
        #expect(
            TimeZoneTable.instant(localDate: fall, secondOfDay: 5_400, in: newYork)
                == Fixtures.instant("2026-11-01T05:30:00Z")
        )
        #expect(
            TimeZoneTable.instant(localDate: fall, secondOfDay: 8 * 3_600, in: newYork)
                == Fixtures.instant("2026-11-01T13:00:00Z")
        )
        #expect(
            TimeZoneTable.instant(localDate: fall, secondOfDay: 86_400, in: newYork)
                == Fixtures.instant("2026-11-02T05:00:00Z")
        )
    }

    @Test func localRoundTripsOverManyZonesAndInstants() {
        var random = SplitMix64(seed: 7)
        let zones = TimeZoneTable.allZones
        for _ in 0..<20_000 {
            let zone = zones[Int(random.next() % UInt64(zones.count))]
            let instant = UTCInstant(secondsSinceEpoch: 946_684_800 + Int64(random.next() % 1_262_304_000))
            let local = TimeZoneTable.local(instant, in: zone)
            let back = TimeZoneTable.instant(localDate: local.date, secondOfDay: local.secondOfDay, in: zone)
            // Repeated local times map to the earlier instant, never a later one.
            #expect(back <= instant)
            let again = TimeZoneTable.local(back, in: zone)
            #expect(again.date == local.date && again.secondOfDay == local.secondOfDay)
        }
    }

    @Test func zoneIDsAreDeterministicAndCanonical() throws {
        let zones = TimeZoneTable.allZones
        #expect(zones.count > 300)
        let names = zones.map { TimeZoneTable.name(of: $0) }
        #expect(names == names.sorted())
        #expect(Set(names).count == names.count)
        for (position, zone) in zones.enumerated() {
            #expect(Int(zone.index) == position)
            #expect(TimeZoneTable.zone(named: TimeZoneTable.name(of: zone)) == zone)
        }
        let newYork = try #require(TimeZoneTable.zone(named: "America/New_York"))
        #expect(TimeZoneTable.zone(named: "US/Eastern") == newYork)
        #expect(ZoneID(rawValue: newYork.rawValue) == newYork)
        #expect(TimeZoneTable.name(of: try #require(TimeZoneTable.zone(named: "Asia/Calcutta"))) == "Asia/Kolkata")
        #expect(TimeZoneTable.zone(named: "Mars/Olympus_Mons") == nil)
        #expect(TimeZoneTable.zone(named: "america/new_york") == nil)
        #expect(!TimeZoneTable.databaseVersion.isEmpty)
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014), for reproducible test inputs.
struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) {
        self.state = seed
    }

    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
