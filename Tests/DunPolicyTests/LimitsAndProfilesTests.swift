import DunCore
import DunTesting
import Testing

@testable import DunPolicy

/// House limits (OQ-4), campaign limits and the jurisdiction profiles (COMPLIANCE.md B.4).
struct LimitsAndProfilesTests {
    @Test func houseCallLimits() {
        var scenario = PolicyScenario.newYorker()
        scenario.attempt("2020-01-15T14:00:00Z")
        #expect(scenario.rule("2020-01-15T15:00:00Z") == "HOUSE-CALL-GAP")
        #expect(scenario.next("2020-01-15T15:00:00Z") == Fixtures.instant("2020-01-15T16:00:00Z"))
        scenario.attempt("2020-01-15T16:00:00Z")
        #expect(scenario.rule("2020-01-15T19:00:00Z") == "HOUSE-CALL-DAY")
        #expect(scenario.next("2020-01-15T19:00:00Z") == Fixtures.instant("2020-01-16T08:00:01-05:00"))
    }

    @Test func houseMessageLimits() {
        var scenario = PolicyScenario.newYorker()
        scenario.attempt("2020-01-13T15:00:00Z", .sms, result: .delivered)
        #expect(scenario.rule("2020-01-13T18:00:00Z", .sms) == "HOUSE-SMS-DAY")
        scenario.attempt("2020-01-14T15:00:00Z", .sms, result: .delivered)
        scenario.attempt("2020-01-15T15:00:00Z", .sms, result: .delivered)
        #expect(scenario.rule("2020-01-16T15:00:00Z", .sms) == "HOUSE-SMS-7D")
        #expect(scenario.next("2020-01-16T15:00:00Z", .sms) == Fixtures.instant("2020-01-20T08:00:01-05:00"))
        scenario.attempt("2020-01-15T16:00:00Z", .email, result: .delivered)
        #expect(scenario.rule("2020-01-15T18:00:00Z", .email) == "HOUSE-EMAIL-DAY")
    }

    @Test func houseAllChannels() {
        var scenario = PolicyScenario.newYorker()
        for day in 10...14 {
            scenario.attempt("2020-01-\(day)T14:00:00Z")
            scenario.attempt("2020-01-\(day)T16:30:00Z", .email, result: .delivered)
        }
        #expect(scenario.rule("2020-01-15T15:00:00Z") == "HOUSE-ALL-7D")
    }

    /// Campaign limits tighten and name themselves.
    @Test func campaignLimitsTighten() {
        var scenario = PolicyScenario.newYorker()
        scenario.limits = CampaignLimits(callsPerDay: 1, minimumGapSeconds: 4 * 3_600)
        scenario.attempt("2020-01-15T14:00:00Z")
        #expect(scenario.rule("2020-01-15T20:00:00Z") == "CAMPAIGN-CALLS-PER-DAY")
        #expect(scenario.rule("2020-01-15T16:30:00Z", .email) == "CAMPAIGN-MIN-GAP")
        scenario.limits = CampaignLimits(callsPerDay: 5)  // looser than the house: the house still wins
        #expect(scenario.rule("2020-01-15T15:00:00Z") == "HOUSE-CALL-GAP")
    }

    /// MA-01: one call and one SMS to the cell in the last 7 days: a third telephone communication is blocked.
    @Test func massachusetts01() {
        var scenario = PolicyScenario.newYorker(state: "MA", city: "Boston")
        #expect(scenario.account.profiles == [.usFederal, .massachusetts])
        scenario.attempt("2020-01-13T15:00:00Z")
        scenario.attempt("2020-01-14T15:00:00Z", .sms, result: .delivered)
        #expect(scenario.rule("2020-01-16T15:00:00Z", .sms) == "MA-940-7.04f")
        #expect(scenario.rule("2020-01-16T15:00:00Z") == "MA-940-7.04f")
        #expect(scenario.rule("2020-01-16T15:00:00Z", debt: "D-2") == nil)  // per debt
        // MA-03: rolling windows.
        #expect(scenario.rule("2020-01-20T15:00:00Z") == nil)
    }

    /// MA-02: two calls to the work number in the last 30 days: a third is blocked.
    @Test func massachusetts02() {
        var scenario = PolicyScenario.newYorker(state: "MA", city: "Boston")
        scenario.attempt("2020-01-02T15:00:00Z", to: 2)
        scenario.attempt("2020-01-10T15:00:00Z", to: 2)
        #expect(scenario.rule("2020-01-25T15:00:00Z", to: 2) == "MA-940-7.04f")
        #expect(scenario.next("2020-01-25T15:00:00Z", to: 2) == Fixtures.instant("2020-02-01T08:00:01-05:00"))
    }

    /// WA-01: the WA window (07:30) would allow 07:45, Reg F blocks it.
    @Test func washington01() {
        let scenario = PolicyScenario(
            Account(
                id: "W",
                address: PostalAddress(country: "US", state: "WA", postalCode: "98101"),
                phones: [PhoneContact(number: "+12065550100", kind: .landline)]
            )
        )
        #expect(scenario.rule("2020-01-15T07:45:00-08:00") == "RF-6-TIME")
    }

    /// WA: 3 communications per 7 days across channels.
    @Test func washingtonWeekly() {
        var scenario = PolicyScenario(
            Account(
                id: "W",
                address: PostalAddress(country: "US", state: "WA", postalCode: "98101"),
                phones: [PhoneContact(number: "+12065550100", kind: .landline)],
                emails: [EmailContact(address: "w@x.com", provenance: .consumerUsed)]
            )
        )
        scenario.attempt("2020-01-13T18:00:00Z")
        scenario.attempt("2020-01-14T18:00:00Z", .email, result: .delivered)
        scenario.attempt("2020-01-15T18:00:00Z")
        #expect(scenario.rule("2020-01-16T18:00:00Z", .email) == "WA-19.16")
    }

    /// NYC-01: one call, one SMS and one email in the last 7 days: a fourth attempt is blocked (the amended
    /// rule's 3); under the current rule (before 2027-01-01) the third already is.
    @Test func newYorkCity01() {
        var scenario = PolicyScenario.newYorker(city: "Brooklyn")
        #expect(scenario.account.has(.newYorkCity))
        scenario.attempt("2027-01-11T15:00:00Z")
        scenario.attempt("2027-01-12T15:00:00Z", .sms, result: .delivered)
        scenario.attempt("2027-01-13T15:00:00Z", .email, result: .delivered)
        #expect(scenario.rule("2027-01-14T15:00:00Z") == "NYC-5-77")
        var before = PolicyScenario.newYorker(city: "Brooklyn")
        before.attempt("2026-01-12T15:00:00Z")
        before.attempt("2026-01-13T15:00:00Z", .email, result: .delivered)
        #expect(before.rule("2026-01-14T15:00:00Z", to: 1) == "NYC-5-77")
    }

    /// ZIP picks NYC too.
    @Test func newYorkCityByZip() {
        let account = PolicyAccount(
            Account(id: "N", address: PostalAddress(country: "US", state: "NY", postalCode: "11201"))
        )
        #expect(account.has(.newYorkCity))
        #expect(
            !PolicyAccount(Account(id: "N", address: PostalAddress(country: "US", state: "NY", postalCode: "12207")))
                .has(.newYorkCity)
        )
    }

    /// China: at most 6 unanswered attempts per number per day and 3 connected calls per day (law only, so the
    /// house limits do not hide them).
    @Test func chinaLimits() {
        var scenario = PolicyScenario(
            Account(
                id: "CN",
                address: PostalAddress(country: "CN"),
                phones: [PhoneContact(number: "+8613800000000", kind: .mobile, autodialConsent: true)]
            ),
            lawOnly: true
        )
        for hour in 1...6 { scenario.attempt("2020-01-15T0\(hour):00:00Z") }
        #expect(scenario.rule("2020-01-15T08:00:00Z") == "CN-CBA-2026")
        #expect(scenario.rule("2020-01-15T23:00:00+08:00") == "CN-NIFA-2018")
    }

    /// UK: configurable reasonable hours.
    @Test func ukHours() {
        var scenario = PolicyScenario(
            Account(
                id: "UK",
                address: PostalAddress(country: "GB"),
                phones: [PhoneContact(number: "+447700900000", kind: .landline)]
            )
        )
        scenario.policy.ukHours = (LocalTime(hour: 9), LocalTime(hour: 20))
        #expect(scenario.rule("2020-01-15T08:30:00Z") == "UK-CONC-7.9")
        #expect(scenario.rule("2020-01-15T09:30:00Z") == nil)
    }

    /// The ledger stays small.
    @Test func ledgerSize() {
        #expect(MemoryLayout<ContactLedger>.size <= 192)
    }
}
