import DunCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An account exactly as the engine saw it when it was added to a run, in a stable JSON form.
///
/// The journal keeps this snapshot rather than re-reading the store at restart: the store's account rows
/// change as consumer events arrive (flags, suppressions, consent instants), and replay must rebuild the
/// engine from the accounts as they were, then re-apply the journaled events in order.
struct AccountSnapshot: Codable, Sendable {
    struct Phone: Codable, Sendable {
        var number: String
        var kind: String
        var smsConsentAt: Int64?
        var lastConsumerTextAt: Int64?
        var reassignmentCheckedAt: Int64?
        var autodialConsent: Bool
    }

    struct Email: Codable, Sendable {
        var address: String
        var provenance: String
        var optOutDeadline: Int64?
        var employerProvided: Bool
    }

    struct DebtEntry: Codable, Sendable {
        var id: String
        var cents: Int64
        var daysPastDue: Int
        var bucket: String
        var creditor: String
        var attorney: Bool
    }

    struct Inconvenient: Codable, Sendable {
        var days: [String]
        var from: Int
        var to: Int
    }

    var id: String
    var firstName: String
    var lastName: String
    var language: String
    var country: String
    var state: String
    var postalCode: String
    var city: String
    var timeZones: [String]
    var phones: [Phone]
    var emails: [Email]
    var debts: [DebtEntry]
    /// cease, dispute, attorney, bankruptcy, deceased, employer prohibits.
    var flags: [Bool]
    var inconvenientTimes: [Inconvenient]
    var segments: [String]

    init(_ account: Account) {
        self.id = account.id
        self.firstName = account.firstName
        self.lastName = account.lastName
        self.language = account.language
        self.country = account.address.country
        self.state = account.address.state
        self.postalCode = account.address.postalCode
        self.city = account.address.city
        self.timeZones = account.timeZones
        self.phones = account.phones.map {
            Phone(
                number: $0.number,
                kind: $0.kind.rawValue,
                smsConsentAt: $0.smsConsentAt?.secondsSinceEpoch,
                lastConsumerTextAt: $0.lastConsumerTextAt?.secondsSinceEpoch,
                reassignmentCheckedAt: $0.reassignmentCheckedAt?.secondsSinceEpoch,
                autodialConsent: $0.autodialConsent
            )
        }
        self.emails = account.emails.map {
            Email(
                address: $0.address,
                provenance: $0.provenance.rawValue,
                optOutDeadline: $0.optOutDeadline?.secondsSinceEpoch,
                employerProvided: $0.employerProvided
            )
        }
        self.debts = account.debts.map {
            DebtEntry(
                id: $0.id,
                cents: $0.balance.cents,
                daysPastDue: $0.daysPastDue,
                bucket: $0.bucket,
                creditor: $0.creditor,
                attorney: $0.representedByAttorney
            )
        }
        let flags = account.flags
        self.flags = [
            flags.cease, flags.dispute, flags.attorney, flags.bankruptcy, flags.deceased,
            flags.employerProhibitsWorkContact,
        ]
        self.inconvenientTimes = account.inconvenientTimes.map {
            Inconvenient(days: $0.days.map(\.rawValue), from: $0.from.minuteOfDay, to: $0.to.minuteOfDay)
        }
        self.segments = account.segments
    }

    var account: Account {
        func flag(_ index: Int) -> Bool { index < self.flags.count && self.flags[index] }
        return Account(
            id: self.id,
            firstName: self.firstName,
            lastName: self.lastName,
            language: self.language,
            address: PostalAddress(
                country: self.country,
                state: self.state,
                postalCode: self.postalCode,
                city: self.city
            ),
            timeZones: self.timeZones,
            phones: self.phones.map {
                PhoneContact(
                    number: $0.number,
                    kind: PhoneContact.Kind(rawValue: $0.kind) ?? .landline,
                    smsConsentAt: $0.smsConsentAt.map(UTCInstant.init(secondsSinceEpoch:)),
                    lastConsumerTextAt: $0.lastConsumerTextAt.map(UTCInstant.init(secondsSinceEpoch:)),
                    reassignmentCheckedAt: $0.reassignmentCheckedAt.map(UTCInstant.init(secondsSinceEpoch:)),
                    autodialConsent: $0.autodialConsent
                )
            },
            emails: self.emails.map {
                EmailContact(
                    address: $0.address,
                    provenance: EmailContact.Provenance(rawValue: $0.provenance) ?? .unknown,
                    optOutDeadline: $0.optOutDeadline.map(UTCInstant.init(secondsSinceEpoch:)),
                    employerProvided: $0.employerProvided
                )
            },
            debts: self.debts.map {
                Debt(
                    id: $0.id,
                    balance: Money(cents: $0.cents),
                    daysPastDue: $0.daysPastDue,
                    bucket: $0.bucket,
                    creditor: $0.creditor,
                    representedByAttorney: $0.attorney
                )
            },
            flags: AccountFlags(
                cease: flag(0),
                dispute: flag(1),
                attorney: flag(2),
                bankruptcy: flag(3),
                deceased: flag(4),
                employerProhibitsWorkContact: flag(5)
            ),
            inconvenientTimes: self.inconvenientTimes.map {
                InconvenientTime(
                    days: $0.days.compactMap(Weekday.init(rawValue:)),
                    from: LocalTime(minuteOfDay: $0.from),
                    to: LocalTime(minuteOfDay: $0.to)
                )
            },
            segments: self.segments
        )
    }

    /// The snapshot as one JSON line (keys sorted, so equal accounts give equal text).
    func encoded() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    static func decode(_ text: String) throws -> AccountSnapshot {
        try JSONDecoder().decode(AccountSnapshot.self, from: Data(text.utf8))
    }
}
