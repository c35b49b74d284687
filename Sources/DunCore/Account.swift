/// A debtor's account as dun knows it: who the person is, where they may be, how they may be reached,
/// what they owe, and what they have told the collector.
///
/// One account is one consumer ("particular person" in Reg F); it may carry several debts.
public struct Account: Hashable, Sendable {
    /// The operator's account id (stable across imports).
    public var id: String
    public var firstName: String
    public var lastName: String
    /// Preferred language as a BCP-47 primary tag (`en`, `es`).
    public var language: String
    public var address: PostalAddress
    /// Explicit IANA zones known for the consumer (beyond those implied by address and area codes).
    public var timeZones: [String]
    public var phones: [PhoneContact]
    public var emails: [EmailContact]
    public var debts: [Debt]
    public var flags: AccountFlags
    /// Times and days the consumer has said are inconvenient (RF-6-TIME, comment 6(b)(1)-1).
    public var inconvenientTimes: [InconvenientTime]
    /// Operator-defined segment tags (`prime`, `hardship`, …), used by campaign filters and branches.
    public var segments: [String]

    public init(
        id: String,
        firstName: String = "",
        lastName: String = "",
        language: String = "en",
        address: PostalAddress = PostalAddress(),
        timeZones: [String] = [],
        phones: [PhoneContact] = [],
        emails: [EmailContact] = [],
        debts: [Debt] = [],
        flags: AccountFlags = AccountFlags(),
        inconvenientTimes: [InconvenientTime] = [],
        segments: [String] = []
    ) {
        self.id = id
        self.firstName = firstName
        self.lastName = lastName
        self.language = language
        self.address = address
        self.timeZones = timeZones
        self.phones = phones
        self.emails = emails
        self.debts = debts
        self.flags = flags
        self.inconvenientTimes = inconvenientTimes
        self.segments = segments
    }

    /// The total balance of all debts.
    public var balance: Money {
        self.debts.reduce(Money.zero) { $0 + $1.balance }
    }

    /// The largest days-past-due among the debts (0 when there are none).
    public var daysPastDue: Int {
        // A loop, not `map(...).max()`: no array per call (the engine reads it for every account it registers).
        guard var most = self.debts.first?.daysPastDue else { return 0 }
        for debt in self.debts.dropFirst() { most = max(most, debt.daysPastDue) }
        return most
    }

    /// Whether the account has at least one destination for `channel` (eligibility is the policy's call).
    public func hasDestination(for channel: Channel) -> Bool {
        switch channel {
        case .sms: self.phones.contains { $0.kind == .mobile && $0.smsConsentAt != nil }
        case .email: !self.emails.isEmpty
        case .call, .agentCall: !self.phones.isEmpty
        }
    }

    /// The channels this account has at least one destination for (eligibility is the policy's call).
    public var availableChannels: [Channel] {
        Channel.allCases.filter { self.hasDestination(for: $0) }
    }
}

/// A postal address; only the parts that decide jurisdiction and time zone.
public struct PostalAddress: Hashable, Sendable {
    /// ISO 3166-1 alpha-2 (`US`, `GB`, `CN`).
    public var country: String
    /// State, province or region code (`CA`, `MA`, `NY`), empty when unknown.
    public var state: String
    public var postalCode: String
    public var city: String

    public init(country: String = "US", state: String = "", postalCode: String = "", city: String = "") {
        self.country = country
        self.state = state
        self.postalCode = postalCode
        self.city = city
    }
}

/// One debt in collection.
public struct Debt: Hashable, Sendable {
    public var id: String
    public var balance: Money
    public var daysPastDue: Int
    /// The Reg F counting bucket (RF-14-DEBT): student loans serviced under one account number share one;
    /// any other debt is its own bucket (its id).
    public var bucket: String
    /// Original creditor's name, for templates and disclosures.
    public var creditor: String
    /// An attorney with a known name and address represents the consumer for this debt (RF-6-ATTY).
    public var representedByAttorney: Bool

    public init(
        id: String,
        balance: Money,
        daysPastDue: Int = 0,
        bucket: String? = nil,
        creditor: String = "",
        representedByAttorney: Bool = false
    ) {
        self.id = id
        self.balance = balance
        self.daysPastDue = daysPastDue
        self.bucket = bucket ?? id
        self.creditor = creditor
        self.representedByAttorney = representedByAttorney
    }
}

/// A phone number of the consumer's.
public struct PhoneContact: Hashable, Sendable {
    /// What kind of line this is.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case mobile
        case landline
        case work
    }

    /// E.164, e.g. `+14155550123`.
    public var number: String
    public var kind: Kind
    /// When the consumer gave (or last renewed) consent to text this number (RF-6-SMS), if ever.
    public var smsConsentAt: UTCInstant?
    /// When the consumer last texted the collector from this number, if ever (RF-6-SMS path (i)).
    public var lastConsumerTextAt: UTCInstant?
    /// When a reassigned-number database last confirmed the number is still the consumer's (RF-6-SMS).
    public var reassignmentCheckedAt: UTCInstant?
    /// Whether the consumer gave prior express consent to automated or prerecorded calls (TCPA-CONSENT).
    public var autodialConsent: Bool

    public init(
        number: String,
        kind: Kind,
        smsConsentAt: UTCInstant? = nil,
        lastConsumerTextAt: UTCInstant? = nil,
        reassignmentCheckedAt: UTCInstant? = nil,
        autodialConsent: Bool = false
    ) {
        self.number = number
        self.kind = kind
        self.smsConsentAt = smsConsentAt
        self.lastConsumerTextAt = lastConsumerTextAt
        self.reassignmentCheckedAt = reassignmentCheckedAt
        self.autodialConsent = autodialConsent
    }
}

/// An email address of the consumer's, with how the collector came to have it (RF-6-EMAIL).
public struct EmailContact: Hashable, Sendable {
    /// The procedure of 12 CFR 1006.6(d)(4) under which the address may be used.
    public enum Provenance: String, Hashable, Sendable, Codable, CaseIterable {
        /// The consumer used the address to write to the collector about the debt ((d)(4)(i)(A)).
        case consumerUsed = "consumer_used"
        /// The consumer consented directly to its use ((d)(4)(i)(B)).
        case consumerConsented = "consumer_consented"
        /// From the creditor after a notice with an opt-out period that has expired ((d)(4)(ii)).
        case creditorNotice = "creditor_notice"
        /// Used by the immediately prior collector ((d)(4)(iii)).
        case priorCollectorUsed = "prior_collector_used"
        /// None of the above: not usable.
        case unknown
    }

    public var address: String
    public var provenance: Provenance
    /// For `creditorNotice`: the end of the notice's opt-out period (at least 35 days after it was sent).
    public var optOutDeadline: UTCInstant?
    /// Whether the collector knows the employer provided the address (RF-22-EMAIL).
    public var employerProvided: Bool

    public init(
        address: String,
        provenance: Provenance,
        optOutDeadline: UTCInstant? = nil,
        employerProvided: Bool = false
    ) {
        self.address = address
        self.provenance = provenance
        self.optOutDeadline = optOutDeadline
        self.employerProvided = employerProvided
    }
}

/// Facts that bar or limit contact.
public struct AccountFlags: Hashable, Sendable {
    /// The consumer asked the collector to cease communication, or refused to pay, in writing (RF-6-CEASE).
    public var cease: Bool
    /// A written dispute awaits verification (RF-38).
    public var dispute: Bool
    /// The consumer is represented by an attorney whose name and address are known (RF-6-ATTY).
    public var attorney: Bool
    public var bankruptcy: Bool
    public var deceased: Bool
    /// The employer prohibits contact at work (RF-6-WORK).
    public var employerProhibitsWorkContact: Bool

    public init(
        cease: Bool = false,
        dispute: Bool = false,
        attorney: Bool = false,
        bankruptcy: Bool = false,
        deceased: Bool = false,
        employerProhibitsWorkContact: Bool = false
    ) {
        self.cease = cease
        self.dispute = dispute
        self.attorney = attorney
        self.bankruptcy = bankruptcy
        self.deceased = deceased
        self.employerProhibitsWorkContact = employerProhibitsWorkContact
    }
}

/// A span of local time, on some days, that the consumer said is inconvenient.
public struct InconvenientTime: Hashable, Sendable {
    /// The days it applies to; empty means every day.
    public var days: [Weekday]
    public var from: LocalTime
    /// End of the span; when `to <= from` the span wraps past midnight.
    public var to: LocalTime

    public init(days: [Weekday], from: LocalTime, to: LocalTime) {
        self.days = days
        self.from = from
        self.to = to
    }
}
