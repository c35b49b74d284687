import DunCore
import DunPolicy

/// The few plain fields of a registered account that the hot path reads (no references, so reading one
/// copies nothing that needs retaining). The policy's view and the debt bucket live in their own arrays.
struct AccountRecord: Sendable {
    /// The debtor's home zone, for campaign windows, blackout dates and `.day(N)` timing.
    var zone: LocalZone
    /// Stable hash of the account id (FNV-1a), for variant assignment.
    var idHash: UInt64
    var balanceCents: Int64
    var daysPastDue: Int32
    /// Bit `Channel.position` set when the account has a destination for the channel.
    var channelMask: UInt8
    var phoneCount: UInt8
    var emailCount: UInt8
    /// `ContactLedger.key` of the account's debt bucket (computed once, not per decision).
    var debtKey: UInt32

    /// The record of `account`; its `zone` is UTC until the caller sets the home zone the policy resolved
    /// (`LocalZone.home(of:)`), which lets the account move into its `PolicyAccount` after this reads it.
    init(_ account: borrowing Account, debtBucket: String) {
        self.zone = LocalZone(zone: nil, fixedOffset: 0)
        self.idHash = VariantAssignment.stableHash(account.id)
        self.balanceCents = account.balance.cents
        self.daysPastDue = Int32(clamping: account.daysPastDue)
        // Channel by channel rather than through `availableChannels`, which builds an array (registering an
        // account is part of every simulation run).
        var mask: UInt8 = 0
        for channel in Channel.allCases where account.hasDestination(for: channel) {
            mask |= 1 << UInt8(channel.position)
        }
        self.channelMask = mask
        self.phoneCount = UInt8(clamping: account.phones.count)
        self.emailCount = UInt8(clamping: account.emails.count)
        self.debtKey = ContactLedger.key(debtBucket)
    }

    func destinationCount(for channel: Channel) -> Int {
        Int(channel.destinationKind == .email ? self.emailCount : self.phoneCount)
    }
}

/// An account's cursor and hot fields stored together: one decision touches one contiguous region.
struct AccountState: Sendable {
    var cursor: EnrolmentCursor
    var record: AccountRecord
}
