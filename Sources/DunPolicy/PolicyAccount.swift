public import DunCore

/// An account prepared for the policy: time zones, jurisdiction profiles and per-destination facts resolved
/// once, so that each decision does no lookups and allocates nothing.
///
/// Build it again when the account changes (new phone, new consent date, new address).
public struct PolicyAccount: Sendable {
    public var account: Account
    /// The profiles that apply: from the address, plus any added explicitly.
    public let profiles: [JurisdictionProfile]
    /// Every zone the consumer might be in (address, each phone's area code, explicit zones), RF-6-TIME.
    public let candidateZones: [ZoneID]
    /// The zone that fixes the calendar date of a contact (OQ-2): the address zone, else the first phone's.
    public let homeZone: ZoneID?
    let profileBits: UInt8
    /// Bit i set when phone i is a work number.
    let workPhoneMask: UInt64

    /// Resolves zones and profiles for `account`; `extraProfiles` are added to those implied by the address.
    public init(_ account: Account, extraProfiles: [JurisdictionProfile] = []) {
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
        self.candidateZones = ZoneResolver.candidateZones(for: account)
        self.homeZone = ZoneResolver.homeZone(for: account) ?? self.candidateZones.first
        var mask: UInt64 = 0
        for (index, phone) in account.phones.enumerated() where phone.kind == .work && index < 64 {
            mask |= 1 << UInt64(index)
        }
        self.workPhoneMask = mask
    }

    /// Whether `profile` applies to this account.
    public func has(_ profile: JurisdictionProfile) -> Bool {
        self.profileBits & profile.bit != 0
    }

    func isWorkPhone(_ index: Int) -> Bool {
        index >= 0 && index < 64 && self.workPhoneMask & (1 << UInt64(index)) != 0
    }
}
