import DunCore
import DunTesting
import Testing

@testable import DunPolicy

/// 12 CFR 1006.6 and 1006.14(h): time of day, place, attorney, cease, dispute, media and eligibility.
struct TimePlaceMediumTests {
    /// A consumer with a mobile whose area code is Eastern (212) and an address in California (Pacific).
    static func bicoastal() -> PolicyScenario {
        PolicyScenario(
            Account(
                id: "B",
                address: PostalAddress(country: "US", state: "CA", postalCode: "94103", city: "San Francisco"),
                phones: [PhoneContact(number: "+12125550100", kind: .mobile, autodialConsent: true)],
                debts: [Debt(id: "D-1", balance: Money(cents: 100))]
            ),
            lawOnly: true
        )
    }

    /// TV-RF6-01, comment 6(b)(1)(i)-2.i: area code Eastern, address Pacific: after 11:00 ET and before 21:00 ET.
    /// Probes on a standard-time date (both zones on standard time, as in the example).
    @Test func officialExample6b1i2i() {
        let scenario = Self.bicoastal()
        #expect(scenario.rule("2020-01-15T10:59:00-05:00") == "RF-6-TIME")
        #expect(scenario.rule("2020-01-15T11:30:00-05:00") == nil)
        #expect(scenario.rule("2020-01-15T20:30:00-05:00") == nil)
        #expect(scenario.rule("2020-01-15T21:05:00-05:00") == "RF-6-TIME")
        #expect(scenario.rule("2020-01-15T07:45:00-08:00") == "RF-6-TIME")
        #expect(scenario.rule("2020-01-15T18:30:00-08:00") == "RF-6-TIME")
        #expect(scenario.next("2020-01-15T10:59:00-05:00") == Fixtures.instant("2020-01-15T11:00:01-05:00"))
        // The same probes on a daylight-time date.
        #expect(scenario.rule("2020-07-15T10:59:00-04:00") == "RF-6-TIME")
        #expect(scenario.rule("2020-07-15T11:30:00-04:00") == nil)
    }

    /// Comment 6(b)(1)(i)-2.ii (area code versus area code): two numbers in different zones; the window is the
    /// intersection (here Eastern 212 and Central 312: 09:00-21:00 ET).
    @Test func officialExample6b1i2ii() {
        let scenario = PolicyScenario(
            Account(
                id: "C",
                phones: [
                    PhoneContact(number: "+12125550100", kind: .mobile, autodialConsent: true),
                    PhoneContact(number: "+13125550100", kind: .mobile, autodialConsent: true),
                ],
                debts: [Debt(id: "D-1", balance: Money(cents: 100))]
            ),
            lawOnly: true
        )
        #expect(scenario.rule("2020-01-15T08:30:00-05:00") == "RF-6-TIME")
        #expect(scenario.rule("2020-01-15T09:30:00-05:00") == nil)
        #expect(scenario.rule("2020-01-15T20:50:00-05:00") == nil)
        #expect(scenario.rule("2020-01-15T20:56:00-05:00") == "RF-6-TIME")  // calls not initiated after 20:55
        #expect(scenario.rule("2020-01-15T20:56:00-05:00", .sms) != "RF-6-TIME")
    }

    /// OQ-5: 08:00:00 exactly is not allowed; 08:00:01 is. 21:00:00 is not allowed for messages.
    @Test func boundaryInstants() {
        let scenario = PolicyScenario.newYorker(lawOnly: true)
        #expect(scenario.rule("2020-01-15T08:00:00-05:00", .email) == "RF-6-TIME")
        #expect(scenario.rule("2020-01-15T08:00:01-05:00", .email) == nil)
        #expect(scenario.rule("2020-01-15T20:59:59-05:00", .email) == nil)
        #expect(scenario.rule("2020-01-15T21:00:00-05:00", .email) == "RF-6-TIME")
        #expect(scenario.rule("2020-01-15T20:55:00-05:00") == nil)
        #expect(scenario.rule("2020-01-15T20:55:01-05:00") == "RF-6-TIME")
    }

    /// DST: on the spring-forward day 08:00:01 local is 12:00:01Z, not 13:00:01Z.
    @Test func daylightSavingChangeover() {
        let scenario = PolicyScenario.newYorker(lawOnly: true)
        #expect(scenario.next("2020-03-08T05:00:00Z") == Fixtures.instant("2020-03-08T08:00:01-04:00"))
        #expect(scenario.next("2020-11-01T05:00:00Z") == Fixtures.instant("2020-11-01T08:00:01-05:00"))
    }

    /// No zone at all: blocked with a clear rule and no next instant.
    @Test func noKnownZone() {
        let scenario = PolicyScenario(
            Account(
                id: "Z",
                address: PostalAddress(country: "US"),
                phones: [PhoneContact(number: "+19995550100", kind: .landline)]
            ),
            lawOnly: true
        )
        if case .blocked(let block) = scenario.judge("2020-01-15T15:00:00Z") {
            #expect(block.rule == "RF-6-TIME")
            #expect(block.nextAllowed == nil)
            #expect(block.reason.contains("no time zone"))
        } else {
            Issue.record("expected a block")
        }
    }

    /// Comment 6(b)(1)-1 (designated inconvenient times) and 6(b)(1)-2 (one reply to a consumer-initiated
    /// contact at that time, in the same medium).
    @Test func designatedInconvenientTimes() {
        var account = PolicyScenario.newYorker().account.account
        account.inconvenientTimes = [
            InconvenientTime(
                days: [.monday, .tuesday, .wednesday, .thursday, .friday],
                from: LocalTime(hour: 9),
                to: LocalTime(hour: 17)
            )
        ]
        var scenario = PolicyScenario(account, lawOnly: true)
        #expect(scenario.rule("2020-01-15T10:00:00-05:00") == "RF-6-TIME")  // Wednesday
        #expect(scenario.next("2020-01-15T10:00:00-05:00") == Fixtures.instant("2020-01-15T17:00:00-05:00"))
        #expect(scenario.rule("2020-01-18T10:00:00-05:00") == nil)  // Saturday
        scenario.event(
            .inbound(.email, destination: 0, debtBucket: "D-1", conversation: false),
            "2020-01-15T10:00:00-05:00"
        )
        #expect(scenario.rule("2020-01-15T10:05:00-05:00", .email) == nil)  // one reply by email
        #expect(scenario.rule("2020-01-15T10:05:00-05:00", .sms) == "RF-6-TIME")  // not another medium
        scenario.attempt("2020-01-15T10:05:00-05:00", .email, result: .delivered)
        #expect(scenario.rule("2020-01-15T10:30:00-05:00", .email) == "RF-6-TIME")  // only once
    }

    /// Comment 6(b)(3)-1: "I cannot take personal calls at work" blocks the work number, not the others.
    @Test func officialExample6b3() {
        var scenario = PolicyScenario.newYorker(lawOnly: true)
        #expect(scenario.rule("2020-01-15T15:00:00Z", to: 2) == nil)
        scenario.event(.employerProhibits, "2020-01-15T14:00:00Z")
        #expect(scenario.rule("2020-01-15T15:00:00Z", to: 2) == "RF-6-WORK")
        #expect(scenario.rule("2020-01-15T15:00:00Z", to: 0) == nil)
    }

    /// Comment 6(b)(2)-1: attorney representation blocks the debt; a consumer-initiated contact allows one
    /// response in the same medium, after which the block continues.
    @Test func attorneyRepresentation() {
        var scenario = PolicyScenario.newYorker(lawOnly: true)
        scenario.event(.attorneyDebt(debtBucket: "D-1"), "2020-01-15T14:00:00Z")
        #expect(scenario.rule("2020-01-15T15:00:00Z") == "RF-6-ATTY")
        #expect(scenario.next("2020-01-15T15:00:00Z") == nil)
        #expect(scenario.rule("2020-01-15T15:00:00Z", debt: "D-2") == nil)
        scenario.event(.inbound(.sms, destination: 0, debtBucket: "D-1", conversation: false), "2020-01-16T15:00:00Z")
        #expect(scenario.rule("2020-01-16T15:01:00Z", .sms) == nil)
        scenario.attempt("2020-01-16T15:01:00Z", .sms, result: .delivered)
        #expect(scenario.rule("2020-01-17T15:01:00Z", .sms) == "RF-6-ATTY")
    }

    /// Comment 6(c)(1)-1: a cease notice is complete on receipt, electronic included; every channel stops.
    @Test func ceaseOnReceipt() {
        var scenario = PolicyScenario.newYorker(lawOnly: true)
        scenario.event(.cease, "2020-01-15T14:00:00Z")
        for channel in [Channel.agentCall, .call, .sms, .email] {
            #expect(scenario.rule("2020-01-15T14:00:01Z", channel) == "RF-6-CEASE")
        }
    }

    /// RF-38: a written dispute pauses collection until verification is sent.
    @Test func disputePausesUntilVerification() {
        var scenario = PolicyScenario.newYorker(lawOnly: true)
        scenario.event(.dispute, "2020-01-15T14:00:00Z")
        #expect(scenario.rule("2020-01-15T15:00:00Z") == "RF-38")
        scenario.event(.verificationSent, "2020-01-20T14:00:00Z")
        #expect(scenario.rule("2020-01-20T15:00:00Z") == nil)
    }

    /// 1006.14(h)(1) and comment 14(h)(1)-1: "stop calling" blocks every call, not texts; comment 14(h)(1)-3:
    /// an opt-out of one address applies to every debt; 14(h)(2)(ii): one reply through an opted-out medium
    /// the consumer used.
    @Test func mediumAndAddressOptOuts() {
        var scenario = PolicyScenario.newYorker(lawOnly: true)
        scenario.event(.optOutMedium(.agentCall), "2020-01-15T14:00:00Z")
        #expect(scenario.rule("2020-01-15T15:00:00Z", to: 1) == "RF-14-MEDIA")
        #expect(scenario.rule("2020-01-15T15:00:00Z", .call) == "RF-14-MEDIA")
        #expect(scenario.rule("2020-01-15T15:00:00Z", .sms) == nil)
        scenario.event(.optOut(.email, destination: 0), "2020-01-15T14:00:00Z")
        #expect(scenario.rule("2020-01-15T15:00:00Z", .email, debt: "D-2") == "RF-6-OPTOUT")
        scenario.event(.inbound(.email, destination: 0, debtBucket: "D-1", conversation: false), "2020-01-16T14:00:00Z")
        #expect(scenario.rule("2020-01-16T15:00:00Z", .email) == nil)
    }

    /// T-01: STOP on a number suppresses texts and automated calls to it (TCPA revocation, RF-6-OPTOUT).
    @Test func tcpaStop() {
        var scenario = PolicyScenario.newYorker(lawOnly: true)
        scenario.event(.optOut(.sms, destination: 0), "2020-01-15T14:00:00Z")
        #expect(scenario.rule("2020-01-15T15:00:00Z", .sms) == "RF-6-OPTOUT")
        #expect(scenario.rule("2020-01-15T15:00:00Z", .call) != nil)
        #expect(scenario.rule("2020-01-15T15:00:00Z", .agentCall) == nil)
    }

    /// TCPA-CONSENT: an automated call to a mobile needs prior express consent; an agent call does not.
    @Test func tcpaConsent() {
        let scenario = PolicyScenario(
            Account(
                id: "T",
                address: PostalAddress(country: "US", state: "NY"),
                phones: [PhoneContact(number: "+12125550100", kind: .mobile)]
            ),
            lawOnly: true
        )
        #expect(scenario.rule("2020-01-15T15:00:00Z", .call) == "TCPA-CONSENT")
        #expect(scenario.rule("2020-01-15T15:00:00Z", .agentCall) == nil)
    }

    /// 1006.6(d)(5) and comment 6(d)(5)(i)-1: texting needs consent (or a consumer text) renewed or a
    /// reassigned-number check within 60 days, checked at every send (OQ-9).
    @Test func smsEligibility() {
        var account = PolicyScenario.newYorker().account.account
        account.phones[0].smsConsentAt = Fixtures.instant("2020-01-01T12:00:00Z")
        account.phones[1].smsConsentAt = nil
        var scenario = PolicyScenario(account, lawOnly: true)
        #expect(scenario.rule("2020-02-15T15:00:00Z", .sms) == nil)
        #expect(scenario.rule("2020-03-15T15:00:00Z", .sms) == "RF-6-SMS")  // 74 days later
        #expect(scenario.rule("2020-02-15T15:00:00Z", .sms, to: 1) == "RF-6-SMS")  // a number they only called from
        account.phones[0].reassignmentCheckedAt = Fixtures.instant("2020-03-01T12:00:00Z")
        scenario = PolicyScenario(account, lawOnly: true)
        #expect(scenario.rule("2020-03-15T15:00:00Z", .sms) == nil)
    }

    /// 1006.6(d)(4) and 1006.22(f)(3): email provenance; a creditor-notice address only after its opt-out
    /// period; an employer-provided address is not usable on that path.
    @Test func emailEligibility() {
        var account = PolicyScenario.newYorker().account.account
        account.emails = [
            EmailContact(address: "a@x.com", provenance: .unknown),
            EmailContact(
                address: "b@x.com",
                provenance: .creditorNotice,
                optOutDeadline: Fixtures.instant("2020-02-20T05:00:00Z")
            ),
            EmailContact(
                address: "c@corp.com",
                provenance: .creditorNotice,
                optOutDeadline: Fixtures.instant("2020-01-01T05:00:00Z"),
                employerProvided: true
            ),
            EmailContact(address: "d@corp.com", provenance: .consumerUsed, employerProvided: true),
        ]
        let scenario = PolicyScenario(account, lawOnly: true)
        #expect(scenario.rule("2020-02-15T15:00:00Z", .email, to: 0) == "RF-6-EMAIL")
        #expect(scenario.rule("2020-02-15T15:00:00Z", .email, to: 1) == "RF-6-EMAIL")
        #expect(scenario.next("2020-02-15T15:00:00Z", .email, to: 1) == Fixtures.instant("2020-02-20T08:00:01-05:00"))
        #expect(scenario.rule("2020-02-15T15:00:00Z", .email, to: 2) == "RF-22-EMAIL")
        #expect(scenario.rule("2020-02-15T15:00:00Z", .email, to: 3) == nil)
    }

    /// RF-6-3P: a destination learned to be someone else's is blocked for good.
    @Test func wrongNumberIsTerminal() {
        var scenario = PolicyScenario.newYorker(lawOnly: true)
        scenario.attempt("2020-01-15T15:00:00Z", to: 1, result: .wrongNumber)
        #expect(scenario.rule("2020-01-16T15:00:00Z", to: 1) == "RF-6-3P")
        #expect(scenario.next("2020-01-16T15:00:00Z", to: 1) == nil)
        #expect(scenario.rule("2020-01-16T15:00:00Z", .sms, to: 1) == "RF-6-3P")
    }

    /// Deceased and bankruptcy stop everything.
    @Test func statusFlags() {
        var scenario = PolicyScenario.newYorker(lawOnly: true)
        scenario.event(.bankruptcy, "2020-01-15T14:00:00Z")
        #expect(scenario.rule("2020-01-15T15:00:00Z") == "HOUSE-BANKRUPTCY")
        scenario.event(.deceased, "2020-01-15T14:00:00Z")
        #expect(scenario.rule("2020-01-15T15:00:00Z") == "HOUSE-DECEASED")
    }
}
