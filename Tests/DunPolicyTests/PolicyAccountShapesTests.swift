import DunCore
import DunPolicy
import Testing

/// `PolicyAccount.Shapes` only saves work: an account resolved through it has the zones and profiles it has
/// when resolved on its own, whatever the shapes seen before (more shapes than the memory holds, repeats,
/// accounts that differ in one input only).
struct PolicyAccountShapesTests {
    static let addresses: [PostalAddress] = [
        PostalAddress(country: "US", state: "FL"), PostalAddress(country: "US", state: "OR"),
        PostalAddress(country: "US", state: "MA"), PostalAddress(country: "US", state: "NY", city: "Brooklyn"),
        PostalAddress(country: "US", state: "NY", city: "Albany"),
        PostalAddress(country: "US", state: "TX", postalCode: "79901"),
        PostalAddress(country: "US", state: "TX", postalCode: "75001"), PostalAddress(country: "", state: ""),
        PostalAddress(country: "GB"), PostalAddress(country: "CA", state: "BC"),
        PostalAddress(country: "us", state: "wa"),
    ]
    static let numbers: [[String]] = [
        [], ["+13055550100"], ["+12065550100"], ["+18505550100", "+12125550100"], ["+447700900123"],
        ["800-555-0100"], ["(312) 555-0100"], ["+33142685300", "+13035550100"], ["not a number"],
    ]
    static let explicitZones: [[String]] = [[], ["America/Denver"], ["Nowhere/Unknown", "Asia/Tokyo"]]
    static let extras: [[JurisdictionProfile]] = [[], [.california], [.usFederal, .washington]]

    @Test func shapesGiveTheSameResolutionAsResolvingAlone() {
        var shapes = PolicyAccount.Shapes()
        var random: UInt64 = 0x1234_5678
        func next(_ bound: Int) -> Int {
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((random >> 33) % UInt64(bound))
        }
        for i in 0..<3_000 {
            let phones = Self.numbers[next(Self.numbers.count)].map { PhoneContact(number: $0, kind: .mobile) }
            let account = Account(
                id: "A\(i)",
                address: Self.addresses[next(Self.addresses.count)],
                timeZones: Self.explicitZones[next(Self.explicitZones.count)],
                phones: phones
            )
            let extra = Self.extras[next(Self.extras.count)]
            let alone = PolicyAccount(account, extraProfiles: extra)
            let shared = PolicyAccount(account, extraProfiles: extra, shapes: &shapes)
            #expect(shared.profiles == alone.profiles)
            #expect(shared.candidateZones == alone.candidateZones)
            #expect(shared.homeZone == alone.homeZone)
            #expect(shared.candidateZones == ZoneResolver.candidateZones(for: account))
            for profile in JurisdictionProfile.allCases {
                #expect(shared.has(profile) == alone.has(profile))
            }
        }
    }

    @Test func candidateZonesAreSortedWithoutDuplicates() {
        let account = Account(
            id: "A",
            address: PostalAddress(country: "US", state: "FL"),
            timeZones: ["America/Chicago", "America/New_York"],
            phones: [
                PhoneContact(number: "+18505550100", kind: .mobile),
                PhoneContact(number: "+13055550100", kind: .mobile),
            ]
        )
        let zones = ZoneResolver.candidateZones(for: account)
        #expect(zones == Array(Set(zones)).sorted())
        #expect(ZoneResolver.homeZone(for: account) == ZoneResolver.zone(forCountry: "US", state: "FL", postalCode: ""))
    }
}
