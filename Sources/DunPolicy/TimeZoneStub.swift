public import DunCore

// TEMPORARY stand-in for the `timezone` branch's Sources/DunPolicy/Time/ API, so that the policy compiles and
// its tests run before that branch lands. Deleted in the merge commit. US zones only, current US DST rules.

/// A resolved IANA zone (stub).
public struct ZoneID: Hashable, Sendable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
}

/// IANA zone lookups (stub).
public enum TimeZoneTable {
    static let names = [
        "UTC", "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles",
        "America/Anchorage", "Pacific/Honolulu", "Europe/London", "Asia/Shanghai",
    ]
    static let standard = [0, -5, -6, -7, -7, -8, -9, -10, 0, 8]

    public static func zone(named name: String) -> ZoneID? {
        self.names.firstIndex(of: name).map { ZoneID(rawValue: UInt16($0)) }
    }

    public static func name(of zone: ZoneID) -> String { self.names[Int(zone.rawValue)] }

    public static func offsetSeconds(of zone: ZoneID, at instant: UTCInstant) -> Int {
        let index = Int(zone.rawValue)
        let base = self.standard[index] * 3600
        let name = self.names[index]
        if name == "UTC" || name == "America/Phoenix" || name == "Pacific/Honolulu" || name == "Asia/Shanghai" {
            return base
        }
        let year = instant.utcDate.year
        if name == "Europe/London" {
            let start = UTCInstant(date: lastSunday(year: year, month: 3), secondOfDay: 3600)
            let end = UTCInstant(date: lastSunday(year: year, month: 10), secondOfDay: 3600)
            return instant >= start && instant < end ? 3600 : 0
        }
        let start = UTCInstant(date: nthSunday(year: year, month: 3, n: 2), secondOfDay: 7200 - base)
        let end = UTCInstant(date: nthSunday(year: year, month: 11, n: 1), secondOfDay: 7200 - base - 3600)
        return instant >= start && instant < end ? base + 3600 : base
    }

    static func nthSunday(year: Int, month: Int, n: Int) -> CivilDate {
        var date = CivilDate(year: year, month: month, day: 1)
        while date.weekday != .sunday { date = date.adding(days: 1) }
        return date.adding(days: 7 * (n - 1))
    }

    static func lastSunday(year: Int, month: Int) -> CivilDate {
        var date = CivilDate(year: year, month: month, day: CivilDate.daysInMonth(year: year, month: month))
        while date.weekday != .sunday { date = date.adding(days: -1) }
        return date
    }
}

/// Zone resolution from account signals (stub: states and a few area codes).
public enum ZoneResolver {
    static let stateZones: [String: String] = [
        "NY": "America/New_York", "MA": "America/New_York", "FL": "America/New_York", "GA": "America/New_York",
        "NJ": "America/New_York", "PA": "America/New_York", "IL": "America/Chicago", "TX": "America/Chicago",
        "CO": "America/Denver", "AZ": "America/Phoenix", "CA": "America/Los_Angeles", "WA": "America/Los_Angeles",
        "OR": "America/Los_Angeles", "NV": "America/Los_Angeles", "AK": "America/Anchorage", "HI": "Pacific/Honolulu",
    ]
    static let areaCodes: [String: String] = [
        "212": "America/New_York", "617": "America/New_York", "202": "America/New_York", "305": "America/New_York",
        "312": "America/Chicago", "303": "America/Denver", "602": "America/Phoenix", "415": "America/Los_Angeles",
        "206": "America/Los_Angeles", "213": "America/Los_Angeles", "808": "Pacific/Honolulu",
        "907": "America/Anchorage", "718": "America/New_York", "413": "America/New_York",
    ]

    public static func zones(forCountry country: String, state: String, postalCode: String) -> [ZoneID] {
        switch country.uppercased() {
        case "GB", "UK": return [TimeZoneTable.zone(named: "Europe/London")!]
        case "CN": return [TimeZoneTable.zone(named: "Asia/Shanghai")!]
        default:
            guard let name = self.stateZones[state.uppercased()], let zone = TimeZoneTable.zone(named: name) else {
                return []
            }
            return [zone]
        }
    }

    public static func zones(forPhoneNumber number: String) -> [ZoneID] {
        guard number.hasPrefix("+1"), number.count == 12 else { return [] }
        let area = String(number.dropFirst(2).prefix(3))
        guard let name = self.areaCodes[area], let zone = TimeZoneTable.zone(named: name) else { return [] }
        return [zone]
    }

    public static func candidateZones(for account: Account) -> [ZoneID] {
        var zones = self.zones(
            forCountry: account.address.country,
            state: account.address.state,
            postalCode: account.address.postalCode
        )
        for phone in account.phones { zones += self.zones(forPhoneNumber: phone.number) }
        for name in account.timeZones { if let zone = TimeZoneTable.zone(named: name) { zones.append(zone) } }
        var unique: [ZoneID] = []
        for zone in zones where !unique.contains(zone) { unique.append(zone) }
        return unique
    }

    public static func homeZone(for account: Account) -> ZoneID? {
        let address = self.zones(
            forCountry: account.address.country,
            state: account.address.state,
            postalCode: account.address.postalCode
        )
        if let first = address.first { return first }
        if let phone = account.phones.first, let zone = self.zones(forPhoneNumber: phone.number).first { return zone }
        return account.timeZones.lazy.compactMap { TimeZoneTable.zone(named: $0) }.first
    }
}
