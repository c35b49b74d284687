public import DunCore

/// The account `dun plan` uses when none is given: a realistic U.S. consumer in Columbus, Ohio, with a mobile
/// number that consented to texts, an email address the consumer used, and one credit-card debt.
public enum SampleAccount {
    /// The bundled sample account.
    public static let account = Account(
        id: "SAMPLE-0001",
        firstName: "Jordan",
        lastName: "Rivera",
        language: "en",
        address: PostalAddress(country: "US", state: "OH", postalCode: "43215", city: "Columbus"),
        phones: [
            PhoneContact(
                number: "+16145550123",
                kind: .mobile,
                smsConsentAt: UTCInstant(date: CivilDate(year: 2026, month: 2, day: 20), secondOfDay: 15 * 3_600),
                autodialConsent: true
            )
        ],
        emails: [EmailContact(address: "jordan.rivera@example.com", provenance: .consumerUsed)],
        debts: [
            Debt(id: "CC-4417", balance: Money(cents: 184_250), daysPastDue: 62, creditor: "Example Bank Card Services")
        ],
        segments: ["prime"]
    )
}
