import DunCore
import DunTesting
import Testing

@testable import DunPolicy

/// 12 CFR 1006.14(b): the official examples of Supplement I and the DERIVED vectors of COMPLIANCE.md B.3.
/// Times are 15:00 UTC (11:00 EDT), inside every window, so that only the call-frequency rules decide.
struct RegFCallFrequencyTests {
    /// TV-RF14-01, comment 14(b)(2)(i)-1.i: an LCM on Wed April 1, six unanswered calls April 2-7: presumed to
    /// comply; no further call until Wed April 8.
    @Test func officialExample14b2i1i() {
        var scenario = PolicyScenario.newYorker(lawOnly: true)
        scenario.attempt("2020-04-01T15:00:00Z", result: .limitedContentMessage)
        for day in 2...7 {
            #expect(scenario.rule("2020-04-0\(day)T15:00:00Z") == nil, "call \(day) of 7 is within the presumption")
            scenario.attempt("2020-04-0\(day)T15:00:00Z", result: .noAnswer)
        }
        #expect(scenario.rule("2020-04-07T18:00:00Z") == "RF-14-A")
        // The next call may go on April 8 at the first permitted second (08:00:01 EDT).
        #expect(scenario.next("2020-04-07T18:00:00Z") == Fixtures.instant("2020-04-08T08:00:01-04:00"))
        #expect(scenario.rule("2020-04-08T15:00:00Z") == nil)
        if case .blocked(let block) = scenario.judge("2020-04-07T18:00:00Z") {
            #expect(block.reason == "7 counted calls about debt D-1 in 2020-04-01..2020-04-07 (RF-14-A)")
        }
    }

    /// TV-RF14-02, comment 14(b)(2)(i)-1.ii: the consumer calls on Thu August 13 and a conversation follows; the
    /// collector may not call about that debt before Thu August 20.
    @Test func officialExample14b2i1ii() {
        var scenario = PolicyScenario.newYorker(lawOnly: true)
        scenario.event(
            .inbound(.agentCall, destination: 0, debtBucket: "D-1", conversation: true),
            "2020-08-13T15:00:00Z"
        )
        for day in 13...19 {
            #expect(scenario.rule("2020-08-\(day)T16:00:00Z") == "RF-14-B")
        }
        #expect(scenario.next("2020-08-14T16:00:00Z") == Fixtures.instant("2020-08-20T08:00:01-04:00"))
        #expect(scenario.rule("2020-08-20T15:00:00Z") == nil)
        // Another debt is not affected (RF-14-DEBT).
        #expect(scenario.rule("2020-08-14T16:00:00Z", debt: "D-2") == nil)
    }

    /// Comment 14(b)(2)(ii)-1 (presumption of violation): a call inside the seven days that begin with a
    /// conversation is presumed to violate; D-04: even later on the conversation day itself.
    @Test func conversationDayBlocksRestOfDay() {
        var scenario = PolicyScenario.newYorker(lawOnly: true)
        scenario.attempt("2020-04-06T14:00:00Z", result: .conversation)
        #expect(scenario.rule("2020-04-06T20:00:00Z") == "RF-14-B")  // D-04
        #expect(scenario.rule("2020-04-12T20:00:00Z") == "RF-14-B")
        #expect(scenario.rule("2020-04-13T14:00:00Z") == nil)  // D-05
    }

    /// D-01, D-02: one counted call on each day d..d+6.
    @Test func derivedD01D02() {
        var scenario = PolicyScenario.newYorker(lawOnly: true)
        for day in 1...7 { scenario.attempt("2020-04-0\(day)T15:00:00Z") }
        #expect(scenario.rule("2020-04-07T20:00:00Z") == "RF-14-A")
        #expect(scenario.rule("2020-04-08T15:00:00Z") == nil)
    }

    /// D-03: seven counted calls on day d; an eighth on d+6 violates, on d+7 complies.
    @Test func derivedD03() {
        var scenario = PolicyScenario.newYorker(lawOnly: true)
        for hour in 13...19 { scenario.attempt("2020-04-01T\(hour):00:00Z") }
        #expect(scenario.rule("2020-04-07T15:00:00Z") == "RF-14-A")
        #expect(scenario.rule("2020-04-08T15:00:00Z") == nil)
        #expect(scenario.next("2020-04-02T15:00:00Z") == Fixtures.instant("2020-04-08T08:00:01-04:00"))
    }

    /// D-06 and comment 14(b)(3)(ii)-1: busy and not-in-service calls do not connect and do not count.
    @Test func derivedD06() {
        var scenario = PolicyScenario.newYorker(lawOnly: true)
        for day in 1...7 {
            scenario.attempt("2020-04-0\(day)T15:00:00Z", result: day.isMultiple(of: 2) ? .busy : .notInService)
        }
        #expect(scenario.rule("2020-04-07T20:00:00Z") == nil)
    }

    /// RF-14-CALL: an in-flight call counts until its result arrives.
    @Test func inFlightCallsCount() {
        var scenario = PolicyScenario.newYorker(lawOnly: true)
        for day in 1...6 { scenario.attempt("2020-04-0\(day)T15:00:00Z") }
        scenario.attempt("2020-04-07T15:00:00Z", result: nil)
        #expect(scenario.rule("2020-04-07T20:00:00Z") == "RF-14-A")
        scenario.ledger.recordResult(.busy, of: scenario.candidate("2020-04-07T15:00:00Z"))
        #expect(scenario.rule("2020-04-07T20:00:00Z") == nil)
    }

    /// D-07: calls to the person's cell, home and work numbers share one count.
    @Test func derivedD07() {
        var scenario = PolicyScenario.newYorker(lawOnly: true)
        for day in 1...7 { scenario.attempt("2020-04-0\(day)T15:00:00Z", to: day % 3) }
        for number in 0..<3 { #expect(scenario.rule("2020-04-07T20:00:00Z", to: number) == "RF-14-A") }
    }

    /// D-08 and comment 14(b)(4)-1: each particular debt has its own count.
    @Test func derivedD08() {
        var scenario = PolicyScenario.newYorker(lawOnly: true)
        for day in 1...7 {
            scenario.attempt("2020-04-0\(day)T15:00:00Z", debt: "D-1")
            scenario.attempt("2020-04-0\(day)T16:00:00Z", debt: "D-2")
        }
        #expect(scenario.rule("2020-04-07T20:00:00Z", debt: "D-1") == "RF-14-A")
        #expect(scenario.rule("2020-04-07T20:00:00Z", debt: "D-2") == "RF-14-A")
        #expect(scenario.rule("2020-04-07T20:00:00Z", debt: "D-3") == nil)
    }

    /// Comment 14(b)(4)-2: student loans serviced under one account number are one particular debt; the
    /// caller passes the shared bucket.
    @Test func studentLoansShareABucket() {
        var scenario = PolicyScenario(
            Account(
                id: "S",
                address: PostalAddress(country: "US", state: "NY"),
                phones: [PhoneContact(number: "+12125550100", kind: .landline)],
                debts: [
                    Debt(id: "SL-1", balance: Money(cents: 1), bucket: "SERV-9"),
                    Debt(id: "SL-2", balance: Money(cents: 1), bucket: "SERV-9"),
                ]
            ),
            lawOnly: true
        )
        for day in 1...7 { scenario.attempt("2020-04-0\(day)T15:00:00Z", debt: "SERV-9") }
        #expect(scenario.rule("2020-04-07T20:00:00Z", debt: "SERV-9") == "RF-14-A")
    }

    /// D-09: SMS and email never count toward 7-in-7.
    @Test func derivedD09() {
        var scenario = PolicyScenario.newYorker(lawOnly: true)
        for day in 1...6 {
            scenario.attempt("2020-04-0\(day)T15:00:00Z")
            scenario.attempt("2020-04-0\(day)T16:00:00Z", .sms, result: .delivered)
            scenario.attempt("2020-04-0\(day)T17:00:00Z", .email, result: .delivered)
        }
        #expect(scenario.rule("2020-04-07T15:00:00Z") == nil)
    }

    /// D-10, D-11 and comments 14(b)(3)(i)-1, -2: consent given directly excludes calls from both tests until
    /// a conversation ends it.
    @Test func derivedD10D11() {
        var scenario = PolicyScenario.newYorker(lawOnly: true)
        scenario.attempt("2020-04-01T14:00:00Z", result: .conversation)
        scenario.event(
            .callConsent(debtBucket: "D-1", until: Fixtures.instant("2020-04-30T00:00:00Z")),
            "2020-04-01T14:10:00Z"
        )
        #expect(scenario.rule("2020-04-02T15:00:00Z") == nil)  // D-10: excluded
        scenario.attempt("2020-04-02T15:00:00Z", result: .conversation)
        #expect(scenario.rule("2020-04-03T15:00:00Z") == "RF-14-B")  // D-11: consent ended, (B) restarted
        #expect(scenario.next("2020-04-03T15:00:00Z") == Fixtures.instant("2020-04-09T08:00:01-04:00"))
    }

    /// Comment 14(b)(3)(i)-2: consent lasts at most seven days counting the day it is given, and a revocation
    /// ends it.
    @Test func consentExpiresAndCanBeRevoked() {
        var scenario = PolicyScenario.newYorker(lawOnly: true)
        scenario.attempt("2020-04-01T14:00:00Z", result: .conversation)
        scenario.event(
            .callConsent(debtBucket: "D-1", until: Fixtures.instant("2020-05-30T00:00:00Z")),
            "2020-04-01T14:10:00Z"
        )
        #expect(scenario.rule("2020-04-07T15:00:00Z") == nil)
        var revoked = scenario
        revoked.event(.callConsentRevoked(debtBucket: "D-1"), "2020-04-02T10:00:00Z")
        #expect(revoked.rule("2020-04-02T15:00:00Z") == "RF-14-B")
        // Calls placed under consent do not count toward RF-14-A either.
        for day in 2...7 { scenario.attempt("2020-04-0\(day)T15:00:00Z") }
        scenario.attempt("2020-04-07T17:00:00Z")
        #expect(scenario.rule("2020-04-08T15:00:00Z") == nil)
    }

    /// Comment 14(b)(2)(i)-3: once the collector learns a number is not the person's, calls to it stop counting.
    @Test func misdirectedCallsStopCounting() {
        var scenario = PolicyScenario.newYorker(lawOnly: true)
        for day in 1...7 { scenario.attempt("2020-04-0\(day)T15:00:00Z", to: day <= 3 ? 1 : 0) }
        #expect(scenario.rule("2020-04-07T20:00:00Z") == "RF-14-A")
        scenario.event(.wrongNumber(destination: 1), "2020-04-07T19:00:00Z")
        #expect(scenario.rule("2020-04-07T20:00:00Z") == nil)
        #expect(scenario.rule("2020-04-07T20:00:00Z", to: 1) == "RF-6-3P")
    }

    /// Comment 14(b)-1: a ringless voicemail is a call; comment 14(b)(3)(ii)-1: voicemail connects.
    @Test func voicemailConnects() {
        var scenario = PolicyScenario.newYorker(lawOnly: true)
        for day in 1...7 { scenario.attempt("2020-04-0\(day)T15:00:00Z", result: .voicemail) }
        #expect(scenario.rule("2020-04-07T20:00:00Z") == "RF-14-A")
    }

    /// Comment 14(b)(2)(i)-2 (rebuttal factors): "two unanswered telephone calls to the same telephone number
    /// within five minutes" or "seven telephone calls to the same telephone number within one day" can rebut
    /// compliance; the house gap (2 hours) and per-day cap (2) keep the scheduler far from both.
    @Test func rebuttalFactorsAreAvoided() {
        var scenario = PolicyScenario.newYorker()
        scenario.attempt("2020-04-01T15:00:00Z")
        #expect(scenario.rule("2020-04-01T15:04:00Z") == "HOUSE-CALL-GAP")
        #expect(scenario.next("2020-04-01T15:04:00Z") == Fixtures.instant("2020-04-01T17:00:00Z"))
        scenario.attempt("2020-04-01T17:00:00Z")
        #expect(scenario.rule("2020-04-01T20:00:00Z") == "HOUSE-CALL-DAY")
    }
}
