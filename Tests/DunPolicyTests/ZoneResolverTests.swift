import DunCore
import DunPolicy
import Testing

struct ZoneResolverTests {
    static func names(_ zones: [ZoneID]) -> [String] {
        zones.map { TimeZoneTable.name(of: $0) }
    }

    @Test(arguments: [
        ("+12125550123", "America/New_York"), ("+12135550123", "America/Los_Angeles"),
        ("+13125550123", "America/Chicago"), ("+13035550123", "America/Denver"),
        ("+16025550123", "America/Phoenix"), ("+18085550123", "Pacific/Honolulu"),
        ("+17875550123", "America/Puerto_Rico"), ("+16715550123", "Pacific/Guam"),
        ("+14165550123", "America/Toronto"), ("+16045550123", "America/Vancouver"),
        ("+16175550123", "America/New_York"), ("+14155550123", "America/Los_Angeles"),
        ("+1 (206) 555-0123", "America/Los_Angeles"), ("+447700900123", "Europe/London"),
        ("+8613800138000", "Asia/Shanghai"), ("+33142685300", "Europe/Paris"),
    ])
    func areaCodeAndCountryCodeLookups(number: String, expected: String) {
        #expect(ZoneResolver.zone(forPhoneNumber: number).map { TimeZoneTable.name(of: $0) } == expected)
    }

    @Test func areaCodesThatSpanZonesKeepEveryZone() {
        #expect(
            Set(Self.names(ZoneResolver.zones(forPhoneNumber: "+18505550123"))) == [
                "America/New_York", "America/Chicago",
            ]
        )
        let alaska = Self.names(ZoneResolver.zones(forPhoneNumber: "+19075550123"))
        #expect(alaska.contains("America/Anchorage") && alaska.contains("America/Adak"))
        // 928 (northern Arizona) includes the Navajo Nation, which keeps daylight time.
        #expect(Self.names(ZoneResolver.zones(forPhoneNumber: "+19285550123")).contains("America/Denver"))
    }

    @Test func everyTableNameIsAKnownZone() {
        #expect(ZoneResolver.unresolvedTableNames.isEmpty)
    }

    @Test func numbersThatImplyNoPlace() {
        #expect(ZoneResolver.zones(forPhoneNumber: "+18005550123").isEmpty)  // toll-free
        #expect(ZoneResolver.zones(forPhoneNumber: "+1212555").isEmpty)  // too short
        #expect(ZoneResolver.zones(forPhoneNumber: "").isEmpty)
        #expect(ZoneResolver.zones(forPhoneNumber: "call me").isEmpty)
        #expect(ZoneResolver.zones(forPhoneNumber: "21255501234").isEmpty)  // no +, not NANP
    }

    @Test func nanpNumbersWithoutPlus() {
        #expect(Self.names(ZoneResolver.zones(forPhoneNumber: "(212) 555-0123")) == ["America/New_York"])
        #expect(Self.names(ZoneResolver.zones(forPhoneNumber: "1-808-555-0123")) == ["Pacific/Honolulu"])
    }

    @Test(arguments: [
        ("FL", "32501", ["America/Chicago"]), ("FL", "33101", ["America/New_York"]),
        ("FL", "", ["America/New_York", "America/Chicago"]), ("FL", "32401", ["America/Chicago", "America/New_York"]),
        ("TX", "79901", ["America/Denver"]), ("TX", "75201", ["America/Chicago"]),
        ("IN", "46204", ["America/Indiana/Indianapolis"]), ("IN", "47708", ["America/Chicago"]),
        ("KY", "42001", ["America/Chicago"]), ("KY", "40202", ["America/New_York"]),
        ("TN", "37203", ["America/Chicago"]), ("TN", "37902", ["America/New_York"]),
        ("ID", "83814", ["America/Los_Angeles"]), ("ID", "83702", ["America/Boise"]),
        ("OR", "97914", ["America/Boise", "America/Los_Angeles"]),
        ("MI", "49935", ["America/Detroit", "America/Menominee"]),
        ("AZ", "85004", ["America/Phoenix"]), ("AZ", "86515", ["America/Phoenix", "America/Denver"]),
        ("AZ", "", ["America/Phoenix", "America/Denver"]), ("SD", "57701", ["America/Denver"]),
        ("ND", "58102", ["America/Chicago"]), ("NE", "69361", ["America/Denver"]),
        ("KS", "67735", ["America/Chicago", "America/Denver"]),
        ("CA", "94105", ["America/Los_Angeles"]), ("HI", "96813", ["Pacific/Honolulu"]),
        ("WA", "98101-1234", ["America/Los_Angeles"]),
        ("PR", "00901", ["America/Puerto_Rico"]), ("GU", "96910", ["Pacific/Guam"]),
    ])
    func usAddresses(state: String, zip: String, expected: [String]) {
        #expect(Self.names(ZoneResolver.zones(forCountry: "US", state: state, postalCode: zip)) == expected)
    }

    @Test(arguments: [
        ("10001", "America/New_York"), ("32501", "America/Chicago"), ("79901", "America/Denver"),
        ("85004", "America/Phoenix"), ("96813", "Pacific/Honolulu"), ("99501", "America/Anchorage"),
        ("00901", "America/Puerto_Rico"), ("96799", "Pacific/Pago_Pago"), ("94105", "America/Los_Angeles"),
    ])
    func zipWithoutState(zip: String, expected: String) {
        #expect(
            ZoneResolver.zone(forCountry: "US", state: "", postalCode: zip).map { TimeZoneTable.name(of: $0) }
                == expected
        )
    }

    @Test func stateNamesAndLocallyKeptTime() {
        #expect(
            Self.names(ZoneResolver.zones(forCountry: "us", state: "New York", postalCode: "")) == ["America/New_York"]
        )
        // CASE-UTA: Valley, Alabama keeps Eastern time although federally Central; both are candidates.
        #expect(
            Self.names(ZoneResolver.zones(forCountry: "US", state: "AL", postalCode: "36854")) == [
                "America/Chicago", "America/New_York",
            ]
        )
        #expect(
            Self.names(ZoneResolver.zones(forCountry: "US", state: "AL", postalCode: "35203")) == ["America/Chicago"]
        )
    }

    @Test func otherCountries() {
        #expect(
            Self.names(ZoneResolver.zones(forCountry: "GB", state: "", postalCode: "SW1A 1AA")) == ["Europe/London"]
        )
        #expect(
            Self.names(ZoneResolver.zones(forCountry: "CN", state: "BJ", postalCode: "100000")) == ["Asia/Shanghai"]
        )
        #expect(
            Self.names(ZoneResolver.zones(forCountry: "CN", state: "XJ", postalCode: "")) == [
                "Asia/Shanghai", "Asia/Urumqi",
            ]
        )
        #expect(
            Self.names(ZoneResolver.zones(forCountry: "CA", state: "ON", postalCode: "M5V 3L9")) == ["America/Toronto"]
        )
        #expect(
            Self.names(ZoneResolver.zones(forCountry: "CA", state: "SK", postalCode: "S9V 1A1")) == [
                "America/Edmonton", "America/Regina",
            ]
        )
        #expect(Self.names(ZoneResolver.zones(forCountry: "PR", state: "", postalCode: "")) == ["America/Puerto_Rico"])
        #expect(ZoneResolver.zones(forCountry: "ZZ", state: "", postalCode: "").isEmpty)
    }

    @Test func candidateAndHomeZones() throws {
        let account = Account(
            id: "a1",
            address: PostalAddress(country: "US", state: "CA", postalCode: "94105"),
            timeZones: ["America/Chicago", "Not/AZone", "US/Pacific"],
            phones: [
                PhoneContact(number: "+12125550123", kind: .mobile),
                PhoneContact(number: "+18505550199", kind: .landline),
            ]
        )
        let candidates = ZoneResolver.candidateZones(for: account)
        #expect(candidates == candidates.sorted())
        #expect(Set(Self.names(candidates)) == ["America/Los_Angeles", "America/New_York", "America/Chicago"])
        #expect(candidates.count == 3)
        #expect(ZoneResolver.homeZone(for: account).map { TimeZoneTable.name(of: $0) } == "America/Los_Angeles")
        #expect(ZoneResolver.unknownExplicitZones(for: account) == ["Not/AZone"])

        var noAddress = account
        noAddress.address = PostalAddress(country: "US", state: "", postalCode: "")
        noAddress.phones.insert(PhoneContact(number: "+18885550100", kind: .mobile), at: 0)
        #expect(ZoneResolver.homeZone(for: noAddress).map { TimeZoneTable.name(of: $0) } == "America/New_York")
        let nothing = Account(id: "a2", address: PostalAddress(country: "", state: "", postalCode: ""))
        #expect(ZoneResolver.candidateZones(for: nothing).isEmpty)
        #expect(ZoneResolver.homeZone(for: nothing) == nil)
    }
}
