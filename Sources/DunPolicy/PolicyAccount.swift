public import DunCore

/// An account prepared for the policy: time zones, jurisdiction profiles and per-destination facts resolved
/// once, so that each decision does no lookups and allocates nothing.
///
/// The facts a decision reads (status and profile bits, the first four candidate zones, the home zone, the
/// first phone and email, work masks) are stored inline, in one small value (at most 64 bytes), so that a
/// decision at a large scale touches one or two cache lines of it; the account itself and the rare facts
/// (more phones or emails, attorney-represented debts, inconvenient times) live in a shared object that is
/// read only when those facts are needed.
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
        /// Bit `i` set when email `i` (`i < 64`) was provided by the employer.
        let workEmailMask: UInt64
        let statusBits: UInt8
        let attorneyKeys: [UInt32]
        let phoneFacts: [PhoneFacts]
        let emailFacts: [EmailFacts]

        init(_ account: Account, resolved: Resolved, phoneFacts: [PhoneFacts], emailFacts: [EmailFacts]) {
            self.account = account
            self.profiles = resolved.profiles
            self.profileBits = resolved.profileBits
            self.candidateZones = resolved.candidateZones
            self.homeZone = resolved.homeZone
            var mask: UInt64 = 0
            for index in account.phones.indices.prefix(64) where account.phones[index].kind == .work {
                mask |= 1 << UInt64(index)
            }
            self.workPhoneMask = mask
            var emailMask: UInt64 = 0
            for index in account.emails.indices.prefix(64) where account.emails[index].employerProvided {
                emailMask |= 1 << UInt64(index)
            }
            self.workEmailMask = emailMask
            let flags = account.flags
            var status: UInt8 = 0
            if flags.cease { status |= Flag.cease }
            if flags.dispute { status |= Flag.dispute }
            if flags.attorney { status |= Flag.attorney }
            if flags.bankruptcy { status |= Flag.bankruptcy }
            if flags.deceased { status |= Flag.deceased }
            if flags.employerProhibitsWorkContact { status |= Flag.employerProhibits }
            self.statusBits = status
            // Most accounts have no represented debt: no filtered array to build and free for them.
            self.attorneyKeys =
                account.debts.contains(where: \.representedByAttorney)
                ? account.debts.filter(\.representedByAttorney).map { ContactLedger.key($0.bucket) } : []
            self.phoneFacts = phoneFacts
            self.emailFacts = emailFacts
        }
    }

    /// Bits of `hotFlags`.
    enum Hot {
        static let hasHomeZone: UInt8 = 1
        static let hasDesignations: UInt8 = 2
        static let hasAttorneyKeys: UInt8 = 4
        static let phone0Autodial: UInt8 = 8
        static let email0Employer: UInt8 = 16
    }

    let storage: Storage
    /// Candidate zones 0-3, 16 bits each.
    let zonePack: UInt64
    /// Phone 0's SMS basis and freshness (see `PhoneFacts`).
    let phone0SMSBasis: Int64
    let phone0SMSFresh: Int64
    /// Bit `i` set when phone `i` (`i < 32`) is a work number (beyond: `storage.workPhoneMask`).
    let workPhoneMask32: UInt32
    /// Bit `i` set when email `i` (`i < 32`) was provided by the employer (beyond: `storage.workEmailMask`).
    let workEmailMask32: UInt32
    let phoneCount32: Int32
    let emailCount32: Int32
    let homeZoneRaw: UInt16
    let zoneCount16: UInt16
    let profileBits: UInt8
    let statusBits: UInt8
    let hotFlags: UInt8
    let phone0Kind: PhoneContact.Kind
    let email0Provenance: EmailContact.Provenance

    /// Resolves zones and profiles for `account`; `extraProfiles` are added to those implied by the address.
    public init(_ account: Account, extraProfiles: [JurisdictionProfile] = []) {
        let resolved = Resolved(account, extraProfiles: extraProfiles)
        let phoneFacts = account.phones.map(PhoneFacts.init)
        let emailFacts = account.emails.map(EmailFacts.init)
        // The account's last use: it moves into the storage rather than being copied (every string and array
        // it holds retained, then released again when this initializer's copy ends).
        self.init(storage: Storage(account, resolved: resolved, phoneFacts: phoneFacts, emailFacts: emailFacts))
    }

    /// `init(_:extraProfiles:)`, taking the zones and profiles from `shapes` when an account of the same shape
    /// (address, what each phone number says about its place, explicit zones, extra profiles) was resolved
    /// before, and remembering them otherwise. The result is the same either way; only the work differs.
    public init(_ account: Account, extraProfiles: [JurisdictionProfile] = [], shapes: inout Shapes) {
        let resolved = shapes.resolve(account, extraProfiles: extraProfiles)
        let phoneFacts = shapes.phoneFacts(account.phones)
        let emailFacts = shapes.emailFacts(account.emails)
        self.init(storage: Storage(account, resolved: resolved, phoneFacts: phoneFacts, emailFacts: emailFacts))
    }

    private init(storage: Storage) {
        self.storage = storage
        let zones = storage.candidateZones
        var pack: UInt64 = 0
        for (index, zone) in zones.prefix(4).enumerated() { pack |= UInt64(zone.rawValue) << UInt64(16 * index) }
        self.zonePack = pack
        self.zoneCount16 = UInt16(clamping: zones.count)
        let phone0 = storage.phoneFacts.first
        self.phone0SMSBasis = phone0?.smsBasis ?? Int64.min
        self.phone0SMSFresh = phone0?.smsFresh ?? Int64.min
        self.phone0Kind = phone0?.kind ?? .landline
        self.email0Provenance = storage.emailFacts.first?.provenance ?? .unknown
        self.workPhoneMask32 = UInt32(truncatingIfNeeded: storage.workPhoneMask)
        self.workEmailMask32 = UInt32(truncatingIfNeeded: storage.workEmailMask)
        self.phoneCount32 = Int32(clamping: storage.phoneFacts.count)
        self.emailCount32 = Int32(clamping: storage.emailFacts.count)
        self.homeZoneRaw = storage.homeZone?.rawValue ?? 0
        self.profileBits = storage.profileBits
        self.statusBits = storage.statusBits
        var flags: UInt8 = 0
        if storage.homeZone != nil { flags |= Hot.hasHomeZone }
        if !storage.account.inconvenientTimes.isEmpty { flags |= Hot.hasDesignations }
        if !storage.attorneyKeys.isEmpty { flags |= Hot.hasAttorneyKeys }
        if phone0?.autodialConsent == true { flags |= Hot.phone0Autodial }
        if storage.emailFacts.first?.employerProvided == true { flags |= Hot.email0Employer }
        self.hotFlags = flags
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
    public var homeZone: ZoneID? {
        self.hotFlags & Hot.hasHomeZone != 0 ? ZoneID(rawValue: self.homeZoneRaw) : nil
    }
    var workPhoneMask: UInt64 { self.storage.workPhoneMask }
    var attorneyKeys: [UInt32] { self.storage.attorneyKeys }
    var phoneFacts: [PhoneFacts] { self.storage.phoneFacts }
    var emailFacts: [EmailFacts] { self.storage.emailFacts }
    var hasDesignations: Bool { self.hotFlags & Hot.hasDesignations != 0 }

    /// Whether an attorney represents the consumer for the debt with this bucket key.
    @inline(__always)
    func attorneyRepresents(key: UInt32) -> Bool {
        self.hotFlags & Hot.hasAttorneyKeys != 0 && self.storage.attorneyKeys.contains(key)
    }

    var zoneCount: Int { Int(self.zoneCount16) }

    /// Candidate zone `index` (0 ..< zoneCount).
    @inline(__always)
    func zone(_ index: Int) -> ZoneID {
        index < 4
            ? ZoneID(rawValue: UInt16(truncatingIfNeeded: self.zonePack >> UInt64(16 * index)))
            : self.storage.candidateZones[index]
    }

    var phoneCount: Int { Int(self.phoneCount32) }
    var emailCount: Int { Int(self.emailCount32) }

    /// Facts of phone `index` (0 ..< phoneCount).
    @inline(__always)
    func phone(_ index: Int) -> PhoneFacts {
        guard index == 0 else { return self.storage.phoneFacts[index] }
        return PhoneFacts(
            kind: self.phone0Kind,
            autodialConsent: self.hotFlags & Hot.phone0Autodial != 0,
            smsBasis: self.phone0SMSBasis,
            smsFresh: self.phone0SMSFresh
        )
    }

    /// Provenance and employer flag of email `index` (0 ..< emailCount); the opt-out deadline is read from the
    /// shared object only when the provenance needs it.
    @inline(__always)
    func emailProvenance(_ index: Int) -> (provenance: EmailContact.Provenance, employerProvided: Bool) {
        guard index == 0 else {
            let facts = self.storage.emailFacts[index]
            return (facts.provenance, facts.employerProvided)
        }
        return (self.email0Provenance, self.hotFlags & Hot.email0Employer != 0)
    }

    /// Whether `profile` applies to this account.
    public func has(_ profile: JurisdictionProfile) -> Bool {
        self.profileBits & profile.bit != 0
    }

    /// Whether email `index` was provided by the employer (false for an index out of range).
    @inline(__always)
    func isWorkEmail(_ index: Int) -> Bool {
        if index >= 0 && index < 32 { return self.workEmailMask32 & (1 << UInt32(index)) != 0 }
        if index >= 0 && index < 64 { return self.storage.workEmailMask & (1 << UInt64(index)) != 0 }
        return index >= 0 && index < self.storage.emailFacts.count && self.storage.emailFacts[index].employerProvided
    }

    @inline(__always)
    func isWorkPhone(_ index: Int) -> Bool {
        if index >= 0 && index < 32 { return self.workPhoneMask32 & (1 << UInt32(index)) != 0 }
        return index >= 0 && index < 64 && self.storage.workPhoneMask & (1 << UInt64(index)) != 0
    }
}

/// What the policy needs about one phone, precomputed.
struct PhoneFacts: Sendable, Equatable {
    var kind: PhoneContact.Kind
    var autodialConsent: Bool
    /// The latest of text consent and the consumer's last text (RF-6-SMS basis), or Int64.min.
    var smsBasis: Int64
    /// The basis, or a later reassigned-number check.
    var smsFresh: Int64

    init(kind: PhoneContact.Kind, autodialConsent: Bool, smsBasis: Int64, smsFresh: Int64) {
        self.kind = kind
        self.autodialConsent = autodialConsent
        self.smsBasis = smsBasis
        self.smsFresh = smsFresh
    }

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
struct EmailFacts: Sendable, Equatable {
    var provenance: EmailContact.Provenance
    var optOutDeadline: Int64?
    var employerProvided: Bool

    init(_ email: EmailContact) {
        self.provenance = email.provenance
        self.optOutDeadline = email.optOutDeadline?.secondsSinceEpoch
        self.employerProvided = email.employerProvided
    }
}

extension PolicyAccount {
    /// The zones and profiles an account resolves to: a function of its address, what its phone numbers say
    /// about their place (`ZoneResolver.phoneKey`), its explicit zones and the extra profiles.
    struct Resolved: Sendable {
        let profiles: [JurisdictionProfile]
        let profileBits: UInt8
        let candidateZones: [ZoneID]
        let homeZone: ZoneID?

        init(_ account: Account, extraProfiles: [JurisdictionProfile]) {
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
            let zones = ZoneResolver.resolve(account)
            self.candidateZones = zones.candidates
            self.homeZone = zones.home ?? zones.candidates.first
        }
    }

    /// A small memory of resolved account shapes (`init(_:extraProfiles:shapes:)`): portfolios repeat a few
    /// shapes (the same states, area codes and profiles), and resolving one costs string normalisation and
    /// table look-ups that a comparison of the inputs avoids. It holds at most `capacity` shapes, replaced
    /// in turn; a shape it does not hold is resolved as without it.
    public struct Shapes: Sendable {
        /// A remembered shape. A class, so that reading an entry to compare it costs one reference, not a copy
        /// of its strings and arrays.
        final class Entry: Sendable {
            let address: PostalAddress
            let phoneKeys: [Int]
            let timeZones: [String]
            let extraProfiles: [JurisdictionProfile]
            let resolved: Resolved

            init(
                address: PostalAddress,
                phoneKeys: [Int],
                timeZones: [String],
                extraProfiles: [JurisdictionProfile],
                resolved: Resolved
            ) {
                self.address = address
                self.phoneKeys = phoneKeys
                self.timeZones = timeZones
                self.extraProfiles = extraProfiles
                self.resolved = resolved
            }

            /// Whether this is the shape of `account`; `firstKey` is the phone key of its first phone (-1 without).
            func matches(_ account: Account, _ firstKey: Int, _ extraProfiles: [JurisdictionProfile]) -> Bool {
                let phones = account.phones
                guard self.phoneKeys.count == phones.count else { return false }
                guard phones.isEmpty || self.phoneKeys[0] == firstKey else { return false }
                guard self.address == account.address, self.timeZones == account.timeZones,
                    self.extraProfiles == extraProfiles
                else { return false }
                for index in phones.indices.dropFirst()
                where ZoneResolver.phoneKey(phones[index].number) != self.phoneKeys[index] {
                    return false
                }
                return true
            }
        }

        static let capacity = 16
        var entries: [Entry] = []
        /// The key of each entry's first phone (-1 without phones), beside `entries`: compared before an entry is
        /// read, it rules out most entries of another shape for the cost of an integer comparison.
        var firstKeys: [Int] = []
        /// The entry replaced next once `entries` is full.
        var next = 0
        /// The entry that matched last (tried first).
        var last = 0
        /// Recent per-destination facts (accounts of one shape often have equal ones), shared rather than
        /// allocated again; at most `factsCapacity` of each, replaced in turn.
        var recentPhoneFacts: [[PhoneFacts]] = []
        var recentEmailFacts: [[EmailFacts]] = []
        var nextPhoneFacts = 0
        var nextEmailFacts = 0
        static let factsCapacity = 4

        public init() {}

        mutating func resolve(_ account: Account, extraProfiles: [JurisdictionProfile]) -> Resolved {
            // The first phone's key is worked out once and compared first: it is an integer comparison, and it
            // tells most shapes of a portfolio apart before any string is compared.
            let firstKey = account.phones.isEmpty ? -1 : ZoneResolver.phoneKey(account.phones[0].number)
            let last = self.last
            var found: Int?
            if last < self.entries.count, self.firstKeys[last] == firstKey,
                self.entries[last].matches(account, firstKey, extraProfiles)
            {
                found = last
            } else {
                found = self.entries.indices.first { index in
                    self.firstKeys[index] == firstKey
                        && self.entries[index].matches(account, firstKey, extraProfiles)
                }
            }
            if let found {
                self.last = found
                return self.entries[found].resolved
            }
            let entry = Entry(
                address: account.address,
                phoneKeys: account.phones.map { ZoneResolver.phoneKey($0.number) },
                timeZones: account.timeZones,
                extraProfiles: extraProfiles,
                resolved: Resolved(account, extraProfiles: extraProfiles)
            )
            if self.entries.count < Self.capacity {
                self.last = self.entries.count
                self.entries.append(entry)
                self.firstKeys.append(firstKey)
            } else {
                self.last = self.next
                self.entries[self.next] = entry
                self.firstKeys[self.next] = firstKey
                self.next = (self.next + 1) % Self.capacity
            }
            return entry.resolved
        }

        /// The facts of `phones`: a recent array when one is equal, else a new one (remembered).
        mutating func phoneFacts(_ phones: [PhoneContact]) -> [PhoneFacts] {
            let found = self.recentPhoneFacts.withUnsafeBufferPointer { recent in
                recent.indices.first { index in
                    recent[index].count == phones.count
                        && phones.indices.allSatisfy { PhoneFacts(phones[$0]) == recent[index][$0] }
                }
            }
            if let found { return self.recentPhoneFacts[found] }
            let facts = phones.map(PhoneFacts.init)
            Self.remember(facts, in: &self.recentPhoneFacts, next: &self.nextPhoneFacts)
            return facts
        }

        /// The facts of `emails`: a recent array when one is equal, else a new one (remembered).
        mutating func emailFacts(_ emails: [EmailContact]) -> [EmailFacts] {
            let found = self.recentEmailFacts.withUnsafeBufferPointer { recent in
                recent.indices.first { index in
                    recent[index].count == emails.count
                        && emails.indices.allSatisfy { EmailFacts(emails[$0]) == recent[index][$0] }
                }
            }
            if let found { return self.recentEmailFacts[found] }
            let facts = emails.map(EmailFacts.init)
            Self.remember(facts, in: &self.recentEmailFacts, next: &self.nextEmailFacts)
            return facts
        }

        static func remember<Facts>(_ facts: [Facts], in recent: inout [[Facts]], next: inout Int) {
            if recent.count < Self.factsCapacity {
                recent.append(facts)
            } else {
                recent[next] = facts
                next = (next + 1) % Self.factsCapacity
            }
        }

    }
}
