public import DunCore

/// An account prepared for the policy: time zones, jurisdiction profiles and per-destination facts resolved
/// once, so that each decision does no lookups and allocates nothing.
///
/// Build it again when the account changes (new phone, new consent date, new address).
public struct PolicyAccount: Sendable {
    /// Everything resolved, in one immutable shared object: copying a `PolicyAccount` costs one retain.
    final class Storage: Sendable {
        let account: Account
        let profiles: [JurisdictionProfile]
        let candidateZones: [ZoneID]
        let homeZone: ZoneID?
        let profileBits: UInt8
        let workPhoneMask: UInt64
        let statusBits: UInt8
        let attorneyKeys: [UInt32]
        let phoneFacts: [PhoneFacts]
        let emailFacts: [EmailFacts]
        // The hot facts again, inline, so a decision reads one object instead of chasing array buffers.
        let zoneCount: Int
        let zonePack: UInt64
        let phoneCount: Int
        let phoneInline: InlineArray<4, PhoneFacts>
        let hasDesignations: Bool

        init(_ account: Account, extraProfiles: [JurisdictionProfile]) {
            self.account = account
            var profiles = JurisdictionProfile.profiles(for: account.address)
            for profile in extraProfiles where !profiles.contains(profile) { profiles.append(profile) }
            // NYC, MA, WA and CA are US jurisdictions: federal law reaches them too.
            if profiles.contains(where: { [.massachusetts, .washington, .newYorkCity, .california].contains($0) }),
                !profiles.contains(.usFederal)
            {
                profiles.append(.usFederal)
            }
            self.profiles = profiles.sorted()
            self.profileBits = profiles.reduce(0) { $0 | $1.bit }
            let zones = ZoneResolver.candidateZones(for: account)
            self.candidateZones = zones
            self.homeZone = ZoneResolver.homeZone(for: account) ?? zones.first
            var mask: UInt64 = 0
            for (index, phone) in account.phones.enumerated() where phone.kind == .work && index < 64 {
                mask |= 1 << UInt64(index)
            }
            self.workPhoneMask = mask
            let flags = account.flags
            var status: UInt8 = 0
            if flags.cease { status |= Flag.cease }
            if flags.dispute { status |= Flag.dispute }
            if flags.attorney { status |= Flag.attorney }
            if flags.bankruptcy { status |= Flag.bankruptcy }
            if flags.deceased { status |= Flag.deceased }
            if flags.employerProhibitsWorkContact { status |= Flag.employerProhibits }
            self.statusBits = status
            self.attorneyKeys = account.debts.filter(\.representedByAttorney).map { ContactLedger.key($0.bucket) }
            self.phoneFacts = account.phones.map(PhoneFacts.init)
            self.emailFacts = account.emails.map(EmailFacts.init)
            self.zoneCount = zones.count
            var pack: UInt64 = 0
            for (index, zone) in zones.prefix(4).enumerated() { pack |= UInt64(zone.rawValue) << UInt64(16 * index) }
            self.zonePack = pack
            self.phoneCount = account.phones.count
            var inline = InlineArray<4, PhoneFacts>(repeating: PhoneFacts(PhoneContact(number: "", kind: .landline)))
            for (index, facts) in self.phoneFacts.prefix(4).enumerated() { inline[index] = facts }
            self.phoneInline = inline
            self.hasDesignations = !account.inconvenientTimes.isEmpty
        }
    }

    let storage: Storage

    /// Resolves zones and profiles for `account`; `extraProfiles` are added to those implied by the address.
    public init(_ account: Account, extraProfiles: [JurisdictionProfile] = []) {
        self.storage = Storage(account, extraProfiles: extraProfiles)
    }

    /// Resolves `account` with the profiles `policy` adds to every account.
    public init(_ account: Account, policy: ContactPolicy, extraProfiles: [JurisdictionProfile] = []) {
        self.init(account, extraProfiles: policy.profiles + extraProfiles)
    }

    /// The account as given.
    public var account: Account { self.storage.account }
    /// The profiles that apply: from the address, plus any added explicitly.
    public var profiles: [JurisdictionProfile] { self.storage.profiles }
    /// Every zone the consumer might be in (address, each phone's area code, explicit zones), RF-6-TIME.
    public var candidateZones: [ZoneID] { self.storage.candidateZones }
    /// The zone that fixes the calendar date of a contact (OQ-2): the address zone, else the first phone's.
    public var homeZone: ZoneID? { self.storage.homeZone }
    var workPhoneMask: UInt64 { self.storage.workPhoneMask }
    var statusBits: UInt8 { self.storage.statusBits }
    var attorneyKeys: [UInt32] { self.storage.attorneyKeys }
    var phoneFacts: [PhoneFacts] { self.storage.phoneFacts }
    var emailFacts: [EmailFacts] { self.storage.emailFacts }

    var zoneCount: Int { self.storage.zoneCount }

    /// Candidate zone `index` (0 ..< zoneCount).
    @inline(__always)
    func zone(_ index: Int) -> ZoneID {
        index < 4
            ? ZoneID(rawValue: UInt16(truncatingIfNeeded: self.storage.zonePack >> UInt64(16 * index)))
            : self.storage.candidateZones[index]
    }

    var phoneCount: Int { self.storage.phoneCount }

    /// Facts of phone `index` (0 ..< phoneCount).
    @inline(__always)
    func phone(_ index: Int) -> PhoneFacts {
        index < 4 ? self.storage.phoneInline[index] : self.storage.phoneFacts[index]
    }

    /// Whether `profile` applies to this account.
    public func has(_ profile: JurisdictionProfile) -> Bool {
        self.storage.profileBits & profile.bit != 0
    }

    func isWorkPhone(_ index: Int) -> Bool {
        index >= 0 && index < 64 && self.storage.workPhoneMask & (1 << UInt64(index)) != 0
    }
}

/// What the policy needs about one phone, precomputed.
struct PhoneFacts: Sendable {
    var kind: PhoneContact.Kind
    var autodialConsent: Bool
    /// The latest of text consent and the consumer's last text (RF-6-SMS basis), or Int64.min.
    var smsBasis: Int64
    /// The basis, or a later reassigned-number check.
    var smsFresh: Int64

    init(_ phone: PhoneContact) {
        self.kind = phone.kind
        self.autodialConsent = phone.autodialConsent
        var basis = Int64.min
        if let consent = phone.smsConsentAt { basis = max(basis, consent.secondsSinceEpoch) }
        if let text = phone.lastConsumerTextAt { basis = max(basis, text.secondsSinceEpoch) }
        var fresh = basis
        if basis != Int64.min, let check = phone.reassignmentCheckedAt, check.secondsSinceEpoch >= basis {
            fresh = check.secondsSinceEpoch
        }
        self.smsBasis = basis
        self.smsFresh = fresh
    }
}

/// What the policy needs about one email address, precomputed.
struct EmailFacts: Sendable {
    var provenance: EmailContact.Provenance
    var optOutDeadline: Int64?
    var employerProvided: Bool

    init(_ email: EmailContact) {
        self.provenance = email.provenance
        self.optOutDeadline = email.optOutDeadline?.secondsSinceEpoch
        self.employerProvided = email.employerProvided
    }
}
