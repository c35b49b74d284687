import DunCore
import DunTesting

@testable import DunPolicy

/// A small harness: an account, a ledger and the policy, with helpers that record history and judge
/// candidates the way the engine does.
struct PolicyScenario {
    var policy = ContactPolicy()
    var account: PolicyAccount
    var ledger: ContactLedger
    var limits = CampaignLimits()

    init(_ account: Account, profiles: [JurisdictionProfile] = [], lawOnly: Bool = false) {
        self.account = PolicyAccount(account, extraProfiles: profiles)
        self.ledger = ContactLedger(for: self.account)
        self.policy.enforcesHouseLimits = !lawOnly
    }

    /// A US consumer in New York with one mobile (212, Eastern) that may be autodialed, one landline and one
    /// work number, and one debt `D-1`.
    static func newYorker(state: String = "NY", city: String = "Albany", lawOnly: Bool = false) -> PolicyScenario {
        PolicyScenario(
            Account(
                id: "A-1",
                address: PostalAddress(country: "US", state: state, postalCode: "12207", city: city),
                phones: [
                    PhoneContact(
                        number: "+12125550100",
                        kind: .mobile,
                        smsConsentAt: Fixtures.instant("2020-01-01T12:00:00Z"),
                        autodialConsent: true
                    ),
                    PhoneContact(number: "+12125550101", kind: .landline),
                    PhoneContact(number: "+12125550102", kind: .work),
                ],
                emails: [EmailContact(address: "a@example.com", provenance: .consumerUsed)],
                debts: [Debt(id: "D-1", balance: Money(cents: 10_000)), Debt(id: "D-2", balance: Money(cents: 5_000))]
            ),
            lawOnly: lawOnly
        )
    }

    func candidate(
        _ at: String,
        _ channel: Channel = .agentCall,
        to destination: Int = 0,
        debt: String = "D-1"
    )
        -> ContactCandidate
    {
        ContactCandidate(channel: channel, destination: destination, debtBucket: debt, at: Fixtures.instant(at))
    }

    /// Records an attempt and its result, as the engine would.
    mutating func attempt(
        _ at: String,
        _ channel: Channel = .agentCall,
        to destination: Int = 0,
        debt: String = "D-1",
        result: AttemptResult? = .noAnswer
    ) {
        let candidate = self.candidate(at, channel, to: destination, debt: debt)
        self.ledger.recordAttempt(candidate)
        if let result { self.ledger.recordResult(result, of: candidate) }
    }

    mutating func event(_ event: ConsumerEvent, _ at: String) {
        self.ledger.recordEvent(event, at: Fixtures.instant(at))
    }

    func judge(
        _ at: String,
        _ channel: Channel = .agentCall,
        to destination: Int = 0,
        debt: String = "D-1"
    )
        -> PolicyDecision
    {
        self.policy.evaluate(
            self.candidate(at, channel, to: destination, debt: debt),
            account: self.account,
            ledger: self.ledger,
            limits: self.limits
        )
    }

    /// The blocking rule id, or nil when allowed.
    func rule(_ at: String, _ channel: Channel = .agentCall, to destination: Int = 0, debt: String = "D-1") -> String? {
        if case .blocked(let block) = self.judge(at, channel, to: destination, debt: debt) { return block.rule }
        return nil
    }

    func next(
        _ at: String,
        _ channel: Channel = .agentCall,
        to destination: Int = 0,
        debt: String = "D-1"
    )
        -> UTCInstant?
    {
        if case .blocked(let block) = self.judge(at, channel, to: destination, debt: debt) { return block.nextAllowed }
        return Fixtures.instant(at)
    }
}
