import DunCore
import DunPolicy

/// What the engine keeps about a registered account besides its cursor and ledger: the policy's view,
/// resolved once, and the few fields the hot path reads.
struct AccountRecord: Sendable {
    var policyAccount: PolicyAccount
    /// The debtor's home zone, for campaign windows, blackout dates and `.day(N)` timing.
    var zone: LocalZone
    /// Stable hash of the account id (FNV-1a), for variant assignment.
    var idHash: UInt64
    var balanceCents: Int64
    var daysPastDue: Int
    /// The debt bucket attempts are made about (the first debt's; the account id when it has none).
    var debtBucket: String
    /// Bit `Channel.position` set when the account has a destination for the channel.
    var channelMask: UInt8
    var phoneCount: Int
    var emailCount: Int

    init(_ account: Account) {
        self.policyAccount = PolicyAccount(account)
        self.zone = LocalZone.home(of: account)
        self.idHash = VariantAssignment.stableHash(account.id)
        self.balanceCents = account.balance.cents
        self.daysPastDue = account.daysPastDue
        self.debtBucket = account.debts.first?.bucket ?? account.id
        var mask: UInt8 = 0
        for channel in account.availableChannels {
            mask |= 1 << UInt8(channel.position)
        }
        self.channelMask = mask
        self.phoneCount = account.phones.count
        self.emailCount = account.emails.count
    }

    var account: Account { self.policyAccount.account }

    func destinationCount(for channel: Channel) -> Int {
        channel.destinationKind == .email ? self.emailCount : self.phoneCount
    }
}
