import DunCore
import DunPolicy
import DunTesting
import Testing

/// CTIA-STOP: START or UNSTOP from the number re-subscribes texts to it (`ConsumerEvent.optIn`, new consent for
/// RF-6-SMS); the revocation of automated calls that the STOP carried stays (T-01); a later STOP applies again.
struct OptInTests {
    @Test func startLiftsTheTextOptOutOnlyAndAStopAppliesAgain() {
        var scenario = PolicyScenario.newYorker(lawOnly: true)
        scenario.event(.optOut(.sms, destination: 0), "2020-01-15T14:00:00Z")
        #expect(scenario.rule("2020-01-15T15:00:00Z", .sms) == "RF-6-OPTOUT")
        let revoked = scenario.rule("2020-01-15T15:00:00Z", .call)
        #expect(revoked != nil)
        scenario.event(.optIn(.sms, destination: 0), "2020-01-15T16:00:00Z")
        #expect(scenario.rule("2020-01-15T17:00:00Z", .sms) == nil)
        #expect(scenario.rule("2020-01-15T17:00:00Z", .call) == revoked)
        #expect(scenario.rule("2020-01-15T17:00:00Z", .agentCall) == nil)
        scenario.event(.optOut(.sms, destination: 0), "2020-01-16T14:00:00Z")
        #expect(scenario.rule("2020-01-16T15:00:00Z", .sms) == "RF-6-OPTOUT")
        #expect(scenario.rule("2020-01-16T15:00:00Z", .call) == revoked)
    }

    @Test func startNeitherLiftsAMediumOptOutNorTouchesOtherNumbers() {
        var scenario = PolicyScenario.newYorker(lawOnly: true)
        scenario.event(.optOutMedium(.sms), "2020-01-15T14:00:00Z")
        scenario.event(.optIn(.sms, destination: 0), "2020-01-15T15:00:00Z")
        #expect(scenario.rule("2020-01-15T16:00:00Z", .sms) == "RF-14-MEDIA")
        // Without an opt-out there is nothing to lift: automated calls stay allowed.
        var clean = PolicyScenario.newYorker(lawOnly: true)
        clean.event(.optIn(.sms, destination: 0), "2020-01-15T15:00:00Z")
        #expect(clean.rule("2020-01-15T16:00:00Z", .call) == nil)
        #expect(clean.rule("2020-01-15T16:00:00Z", .sms) == nil)
    }

    /// Destinations past the eighth live in the ledger's spill: the same rules hold there.
    @Test func theNinthNumberBehavesLikeTheFirst() {
        let phones = (0..<9).map { index in
            PhoneContact(
                number: "+1212555010\(index)",
                kind: .mobile,
                smsConsentAt: Fixtures.instant("2020-01-01T12:00:00Z"),
                autodialConsent: true
            )
        }
        var scenario = PolicyScenario(
            Account(
                id: "N",
                address: PostalAddress(country: "US", state: "NY", postalCode: "12207", city: "Albany"),
                phones: phones,
                debts: [Debt(id: "D-1", balance: Money(cents: 10_000))]
            ),
            lawOnly: true
        )
        scenario.event(.optOut(.sms, destination: 8), "2020-01-15T14:00:00Z")
        #expect(scenario.rule("2020-01-15T15:00:00Z", .sms, to: 8) == "RF-6-OPTOUT")
        scenario.event(.optIn(.sms, destination: 8), "2020-01-15T16:00:00Z")
        #expect(scenario.rule("2020-01-15T17:00:00Z", .sms, to: 8) == nil)
        #expect(scenario.rule("2020-01-15T17:00:00Z", .call, to: 8) != nil)
        #expect(scenario.rule("2020-01-15T17:00:00Z", .call, to: 7) == nil)
    }
}
