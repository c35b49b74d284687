public import DunCore

/// Read-only queries for the dashboard and reports. Each call reads one consistent snapshot; a reader never
/// blocks the writer (WAL) and may run in another process.
public protocol StoreReader: Sendable {
    /// Attempt counts per channel for attempts created in `[from, to)`, ordered by channel.
    func channelCounts(from: UTCInstant, to: UTCInstant) throws -> [ChannelCounts]

    /// Policy deferrals and blocks decided in `[from, to)` grouped by rule, most frequent first (ties by rule).
    func deferralsByRule(from: UTCInstant, to: UTCInstant) throws -> [RuleCount]

    /// The newest audit entries, newest first.
    func latestAuditEntries(limit: Int) throws -> [AuditEntry]

    /// Everything that happened to one account, ordered by (instant, kind, sequence): attempts with their
    /// states, outcomes, policy deferrals with rule and reason, consumer events, payments and promises.
    func timeline(accountID: String) throws -> [TimelineEntry]

    /// Store-wide totals.
    func totals() throws -> StoreTotals
}

/// Attempt counts for one channel.
public struct ChannelCounts: Hashable, Sendable {
    public var channel: Channel
    /// Attempts begun.
    public var attempted: Int
    /// Accepted by the gateway (sent or with a result).
    public var sent: Int
    /// With a final result.
    public var withResult: Int
    public var failed: Int
    /// Dispatching or in doubt.
    public var open: Int

    /// Creates counts.
    public init(channel: Channel, attempted: Int, sent: Int, withResult: Int, failed: Int, open: Int) {
        self.channel = channel
        self.attempted = attempted
        self.sent = sent
        self.withResult = withResult
        self.failed = failed
        self.open = open
    }
}

/// How often one rule deferred or blocked a contact.
public struct RuleCount: Hashable, Sendable {
    public var rule: String
    public var count: Int
    /// Blocks with no next permitted instant.
    public var terminal: Int

    /// Creates a count.
    public init(rule: String, count: Int, terminal: Int) {
        self.rule = rule
        self.count = count
        self.terminal = terminal
    }
}

/// One line of an account's timeline.
public struct TimelineEntry: Hashable, Sendable {
    /// What kind of thing happened; the order of cases breaks ties at one instant.
    public enum Kind: String, CaseIterable, Hashable, Sendable, Comparable {
        case event
        case deferral
        case attempt
        case outcome
        case payment
        case promise

        public static func < (lhs: Kind, rhs: Kind) -> Bool {
            Kind.allCases.firstIndex(of: lhs)! < Kind.allCases.firstIndex(of: rhs)!
        }
    }

    public var at: UTCInstant
    public var kind: Kind
    /// A one-line description, e.g. `sms +14155550123 step=reminder state=sent` or
    /// `deferred sms by RF-6-TIME until 2026-03-02T16:00:00Z: outside 08:00-21:00 local`.
    public var summary: String
    /// Tie-breaker within (instant, kind): the row's sequence in its table.
    public var sequence: Int64

    /// Creates an entry.
    public init(at: UTCInstant, kind: Kind, summary: String, sequence: Int64) {
        self.at = at
        self.kind = kind
        self.summary = summary
        self.sequence = sequence
    }
}

/// Store-wide totals for a dashboard header.
public struct StoreTotals: Hashable, Sendable {
    public var accounts: Int
    public var activeEnrolments: Int
    public var attempts: Int
    public var attemptsInDoubt: Int
    public var payments: Int
    public var paidAmount: Money
    public var pendingPromises: Int
    public var suppressions: Int

    /// Creates totals.
    public init(
        accounts: Int,
        activeEnrolments: Int,
        attempts: Int,
        attemptsInDoubt: Int,
        payments: Int,
        paidAmount: Money,
        pendingPromises: Int,
        suppressions: Int
    ) {
        self.accounts = accounts
        self.activeEnrolments = activeEnrolments
        self.attempts = attempts
        self.attemptsInDoubt = attemptsInDoubt
        self.payments = payments
        self.paidAmount = paidAmount
        self.pendingPromises = pendingPromises
        self.suppressions = suppressions
    }
}
