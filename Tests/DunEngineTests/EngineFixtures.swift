import DunCore
import DunEngine
import DunTesting

/// Builders shared by the engine tests.
enum EngineFixtures {
    static func at(_ text: String) -> UTCInstant { Fixtures.instant(text) }

    /// 09:00-20:00 every day: inside the law's hours, so the policy's own time rule never interferes.
    static let daytime = SendWindow(
        weekdays: LocalTimeRange(start: LocalTime(hour: 9), end: LocalTime(hour: 20)),
        saturday: LocalTimeRange(start: LocalTime(hour: 9), end: LocalTime(hour: 20)),
        sunday: LocalTimeRange(start: LocalTime(hour: 9), end: LocalTime(hour: 20))
    )

    /// A US account with a consented mobile and an email, owing `balance` cents.
    static func account(
        _ id: String,
        balance: Int64 = 100_000,
        daysPastDue: Int = 40,
        segments: [String] = []
    ) -> Account {
        Account(
            id: id,
            firstName: "Pat",
            lastName: "Doe",
            address: PostalAddress(country: "US", state: "OH", postalCode: "43215", city: "Columbus"),
            phones: [
                PhoneContact(
                    number: "+16145550100",
                    kind: .mobile,
                    smsConsentAt: Fixtures.instant("2026-02-20T12:00:00Z"),
                    autodialConsent: true
                )
            ],
            emails: [EmailContact(address: "\(id)@example.com", provenance: .consumerUsed)],
            debts: [Debt(id: "D-\(id)", balance: Money(cents: balance), daysPastDue: daysPastDue, creditor: "Bank")],
            segments: segments
        )
    }

    static func email(_ id: String, timing: StepTiming = .immediately) -> Step {
        Step(id: id, action: .contact(.email, template: "t-\(id)"), timing: timing)
    }

    static func sms(_ id: String, timing: StepTiming = .immediately, retry: RetryPolicy = RetryPolicy()) -> Step {
        Step(id: id, action: .contact(.sms, template: "t-\(id)"), timing: timing, retry: retry)
    }

    static func call(
        _ id: String,
        channel: Channel = .call,
        timing: StepTiming = .immediately,
        retry: RetryPolicy = RetryPolicy(),
        completeOn: [Completion] = [],
        routes: [OutcomeRoute] = [],
        next: StepTarget? = nil
    ) -> Step {
        Step(
            id: id,
            action: .contact(channel, template: "t-\(id)"),
            timing: timing,
            retry: retry,
            completeOn: completeOn,
            routes: routes,
            next: next
        )
    }

    /// The `dispatch` payloads among `actions`.
    static func dispatched(_ actions: [EngineAction]) -> [Attempt] {
        actions.compactMap { if case .dispatch(let attempt) = $0 { attempt } else { nil } }
    }

    static func deferrals(_ actions: [EngineAction]) -> [Deferral] {
        actions.compactMap { if case .deferred(let deferral) = $0 { deferral } else { nil } }
    }

    static func endings(_ actions: [EngineAction]) -> [Ending] {
        actions.compactMap { if case .end(let ending) = $0 { ending } else { nil } }
    }
}
