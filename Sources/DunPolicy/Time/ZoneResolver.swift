public import DunCore

/// Resolves the time zones a consumer might be in (RF-6-TIME, OQ-2, OQ-6) from an address, phone numbers and
/// explicit zone names.
///
/// Every answer is a list in a fixed order (the most likely zone first) so that nothing depends on hashing.
/// Lists are conservative: when a signal cannot decide between zones (a split state without a ZIP, an area
/// code that spans zones) every zone it might mean is returned, and the policy intersects the windows.
/// Sources: `NANPAreaCodes.swift` (libphonenumber), `TimeZoneData.swift` (IANA zone.tab), and the DERIVED
/// tables of `ZoneResolver+Regions.swift`.
public enum ZoneResolver {
    // MARK: Addresses

    /// The home zone of an address: the first of `zones(forCountry:state:postalCode:)`.
    public static func zone(forCountry country: String, state: String, postalCode: String) -> ZoneID? {
        self.zones(forCountry: country, state: state, postalCode: postalCode).first
    }

    /// Every zone an address may be in, most likely first; empty when the country is unknown.
    ///
    /// `country` is ISO 3166-1 alpha-2 (US territories also by their own codes: PR, GU, VI, MP, AS);
    /// `country` may also be `UK` (for GB) or an alpha-3 code of US, CA, CN or GB. `state` is a USPS state
    /// code (or the state's English name), a Canadian province code, or a Chinese province; `postalCode` a ZIP
    /// (US) or postal code (CA) that refines split states and provinces.
    public static func zones(forCountry country: String, state: String, postalCode: String) -> [ZoneID] {
        let data = ResolverData.shared
        let country = Self.normalized(country)
        let state = Self.normalized(state)
        switch country {
        case "US", "USA":
            var state = ZoneResolver.usStateNames[state] ?? state
            if state.isEmpty {
                state = Self.stateOfZIP(postalCode) ?? ""
            }
            if let zip3 = Self.zip3(postalCode), let zones = data.usZIP3[state]?.first(where: { $0.range ~= zip3 }) {
                return zones.zones
            }
            if let zones = data.usStates[state] { return zones }
            return TimeZoneTable.zones(forCountry: "US")
        case "CA", "CAN":
            let postal = Self.normalized(postalCode).filter { $0 != " " }
            if let match = data.caPostal[state]?.first(where: { postal.hasPrefix($0.prefix) }) {
                return match.zones
            }
            if let zones = data.caProvinces[state] { return zones }
            return TimeZoneTable.zones(forCountry: "CA")
        case "CN", "CHN":
            return ZoneResolver.cnXinjiang.contains(state) ? data.cnXinjiang : data.cnDefault
        case "UK", "GBR":
            return TimeZoneTable.zones(forCountry: "GB")
        default:
            return TimeZoneTable.zones(forCountry: country)
        }
    }

    // MARK: Phones

    /// The home zone of a phone number: the first of `zones(forPhoneNumber:)`.
    public static func zone(forPhoneNumber e164: String) -> ZoneID? {
        self.zones(forPhoneNumber: e164).first
    }

    /// Every zone an E.164 number may be in, most likely first. NANP numbers (`+1NPA…`): the zones of the area
    /// code (all of them when it spans zones); other numbers: the zones of the country calling code's regions.
    /// Spaces, dashes, dots and parentheses are ignored; without the leading `+` only NANP numbers (10 digits,
    /// or 11 starting with 1) are understood. Empty for numbers that imply no place (toll-free and
    /// non-geographic area codes, unknown calling codes, malformed text).
    public static func zones(forPhoneNumber e164: String) -> [ZoneID] {
        self.zones(forPhoneKey: self.phoneKey(e164))
    }

    /// What decides the zones of an E.164 number (`zones(forPhoneNumber:)`): `-1` for a number that implies no
    /// place, `npa` (0...999) for a NANP number, `10_000 + head` for another number whose first four digits
    /// are `head`. Numbers with the same key have the same zones.
    static func phoneKey(_ e164: String) -> Int {
        // The first four digits decide: `1` + area code, or a 1- to 3-digit country calling code.
        var head = 0
        var count = 0
        var international = false
        // Read through a buffer of the bytes: iterating `utf8` of a short (inline) string decodes it again for
        // every byte, and every registered account asks for its phones' keys.
        var text = e164
        let wellFormed = text.withUTF8 { bytes in
            for character in bytes {
                switch character {
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    if count < 4 { head = head * 10 + Int(character - UInt8(ascii: "0")) }
                    count += 1
                case UInt8(ascii: "+") where count == 0:
                    international = true
                case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "."):
                    continue
                default:
                    return false
                }
            }
            return true
        }
        guard wellFormed else { return -1 }
        guard count >= 4 else { return -1 }
        if !international {
            // Without `+` only NANP forms are understood: 10 digits (NPA-NXX-XXXX) or 1 + 10 digits.
            if count == 10 { return head / 10 }
            guard count == 11, head / 1_000 == 1 else { return -1 }
        }
        if head / 1_000 == 1 {
            guard count == 11 else { return -1 }
            return head % 1_000
        }
        return 10_000 + head
    }

    /// The zones of a `phoneKey`.
    static func zones(forPhoneKey key: Int) -> [ZoneID] {
        guard key >= 0 else { return [] }
        let data = ResolverData.shared
        if key < 10_000 { return data.nanp[key] ?? [] }
        let head = key - 10_000
        // Country calling codes are prefix-free: try 1, 2 and 3 digits.
        for divisor in [1_000, 100, 10] {
            if let zones = data.callingCodes[head / divisor] { return zones }
        }
        return []
    }

    // MARK: Accounts

    /// Every zone the consumer might be in: the address zones, each phone's zones and each explicit zone,
    /// sorted by `ZoneID` without duplicates. Empty only when nothing is known. Explicit names the tz database
    /// does not know are skipped (see `unknownExplicitZones(for:)`).
    public static func candidateZones(for account: Account) -> [ZoneID] {
        self.resolve(account).candidates
    }

    /// The home zone (OQ-2) that fixes the calendar date of a contact: the address zone, else the zone of the
    /// first phone whose number implies one, else the first known explicit zone.
    public static func homeZone(for account: Account) -> ZoneID? {
        self.resolve(account).home
    }

    /// `candidateZones(for:)` and `homeZone(for:)` together, resolving the address once.
    static func resolve(_ account: Account) -> (candidates: [ZoneID], home: ZoneID?) {
        let address = self.addressZones(account.address)
        var zones = address
        var home = address.first
        for phone in account.phones {
            let phoneZones = self.zones(forPhoneNumber: phone.number)
            if home == nil { home = phoneZones.first }
            zones.append(contentsOf: phoneZones)
        }
        for name in account.timeZones {
            if let zone = TimeZoneTable.zone(named: name) {
                if home == nil { home = zone }
                zones.append(zone)
            }
        }
        // Sorted without duplicates (the lists are short: no set needed).
        zones.sort()
        var unique = 0
        for index in zones.indices where index == 0 || zones[index] != zones[unique - 1] {
            zones[unique] = zones[index]
            unique += 1
        }
        zones.removeLast(zones.count - unique)
        return (zones, home)
    }

    /// Explicit zone names of the account that the tz database does not know (for the policy to report).
    public static func unknownExplicitZones(for account: Account) -> [String] {
        account.timeZones.filter { TimeZoneTable.zone(named: $0) == nil }
    }

    /// Zones of an address; none when it names no country, or a US address with neither state nor ZIP.
    static func addressZones(_ address: PostalAddress) -> [ZoneID] {
        let country = self.normalized(address.country)
        if country.isEmpty { return [] }
        if country == "US" || country == "USA", self.normalized(address.state).isEmpty,
            self.zip3(address.postalCode) == nil
        {
            return []
        }
        return self.zones(forCountry: country, state: address.state, postalCode: address.postalCode)
    }

    /// Zone names in the resolver's tables that the compiled tz database does not know (empty when the tables
    /// and the database agree; a test keeps it so).
    public static var unresolvedTableNames: [String] {
        ResolverData.shared.unresolvedNames
    }

    static func normalized(_ text: String) -> String {
        var result = text.uppercased()
        while result.first == " " { result.removeFirst() }
        while result.last == " " { result.removeLast() }
        return result
    }

    /// The USPS state code a ZIP belongs to (nil when the ZIP is malformed or military).
    static func stateOfZIP(_ postalCode: String) -> String? {
        guard let zip3 = self.zip3(postalCode) else { return nil }
        if self.normalized(postalCode).hasPrefix("96799") { return "AS" }
        return ZoneResolver.usZIP3States.first { $0.first <= zip3 && zip3 <= $0.last }?.state
    }

    /// The first three digits of a US ZIP (`12345` or `12345-6789`), nil otherwise.
    static func zip3(_ postalCode: String) -> Int? {
        let digits = Array(self.normalized(postalCode).utf8.prefix(5))
        guard digits.count == 5, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { return nil }
        return digits.prefix(3).reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }
}

/// The resolver's tables with names turned into zone ids, built once per process.
final class ResolverData: Sendable {
    static let shared = ResolverData()

    let usStates: [String: [ZoneID]]
    let usZIP3: [String: [(range: ClosedRange<Int>, zones: [ZoneID])]]
    let caProvinces: [String: [ZoneID]]
    let caPostal: [String: [(prefix: String, zones: [ZoneID])]]
    let cnDefault: [ZoneID]
    let cnXinjiang: [ZoneID]
    /// NANP area code (0...999) to zones.
    let nanp: [Int: [ZoneID]]
    /// Non-NANP country calling code to zones.
    let callingCodes: [Int: [ZoneID]]
    /// Names in the tables that the tz database does not know (a test keeps this empty).
    let unresolvedNames: [String]

    private init() {
        var unresolved: [String] = []
        func ids(_ names: [String]) -> [ZoneID] {
            var result: [ZoneID] = []
            for name in names {
                guard let zone = TimeZoneTable.zone(named: name) else {
                    unresolved.append(name)
                    continue
                }
                if !result.contains(zone) { result.append(zone) }
            }
            return result
        }
        self.usStates = ZoneResolver.usStates.mapValues { ids($0) }
        var zip3: [String: [(range: ClosedRange<Int>, zones: [ZoneID])]] = [:]
        for row in ZoneResolver.usZIP3 {
            zip3[row.state, default: []].append((row.first...row.last, ids(row.zones)))
        }
        self.usZIP3 = zip3
        self.caProvinces = ZoneResolver.caProvinces.mapValues { ids($0) }
        var postal: [String: [(prefix: String, zones: [ZoneID])]] = [:]
        for row in ZoneResolver.caPostalPrefixes {
            postal[row.province, default: []].append((row.prefix, ids(row.zones)))
        }
        self.caPostal = postal
        self.cnDefault = ids(["Asia/Shanghai"])
        self.cnXinjiang = ids(["Asia/Shanghai", "Asia/Urumqi"])
        var nanp: [Int: [ZoneID]] = [:]
        for line in ZoneResolver.nanpData.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count == 2, let npa = Int(fields[0]) else { continue }
            nanp[npa] = ids(fields[1].split(separator: ",").map(String.init))
        }
        self.nanp = nanp
        var codes: [Int: [ZoneID]] = [:]
        for line in ZoneResolver.callingCodeData.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count == 2, let code = Int(fields[0]) else { continue }
            var zones: [ZoneID] = []
            for region in fields[1].split(separator: ",") {
                for zone in TimeZoneTable.zones(forCountry: String(region)) where !zones.contains(zone) {
                    zones.append(zone)
                }
            }
            if !zones.isEmpty { codes[code] = zones }
        }
        self.callingCodes = codes
        self.unresolvedNames = unresolved
    }
}
