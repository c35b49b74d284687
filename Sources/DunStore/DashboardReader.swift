public import DunCore

/// The reads behind `dun status`: everything one dashboard frame shows, in one consistent snapshot, so the
/// numbers on one frame agree with each other while a run writes in another process.
public protocol DashboardReader: StoreReader {
    /// The most recently started run, with its arms and capacity pools; nil when no run was ever started.
    func latestRun() throws -> RunRecord?

    /// The dashboard's numbers at `now` (the run's clock).
    ///
    /// - Parameters:
    ///   - now: The run's clock; "today" is the UTC day containing it.
    ///   - rateWindowSeconds: The window over which the dispatch rate is measured (ending at `now`).
    ///   - eventLimit: How many of the newest audit entries to return.
    /// - Returns: Per-channel, per-arm and per-rule counts and the newest events, from one read transaction.
    /// - Throws: A database error when the store cannot be read.
    func dashboardData(now: UTCInstant, rateWindowSeconds: Int64, eventLimit: Int) throws -> DashboardData
}

/// What `DashboardReader.dashboardData` returns. Every list is in a documented total order.
public struct DashboardData: Hashable, Sendable {
    /// Per channel, ordered by channel; only channels with any attempt or decision appear.
    public var channels: [ChannelDashboardCounts]
    /// Per campaign arm, ordered by (campaign, variant).
    public var arms: [ArmDashboardCounts]
    /// Deferrals and blocks by rule over the whole store, most frequent first (ties by rule).
    public var rules: [RuleCount]
    /// The newest audit entries, newest first.
    public var events: [AuditEntry]

    /// Creates data.
    public init(
        channels: [ChannelDashboardCounts],
        arms: [ArmDashboardCounts],
        rules: [RuleCount],
        events: [AuditEntry]
    ) {
        self.channels = channels
        self.arms = arms
        self.rules = rules
        self.events = events
    }
}

/// One channel's counts for the dashboard.
public struct ChannelDashboardCounts: Hashable, Sendable {
    public var channel: Channel
    /// Contacts the policy deferred to an instant after `now` (distinct account, campaign and step): waiting.
    public var waiting: Int
    /// Attempts dispatching or in doubt (handed to the gateway, no answer yet), any day.
    public var open: Int
    /// Attempts created today that the gateway accepted (sent or with a result).
    public var sentToday: Int
    /// Attempts created today whose result reached the consumer (delivered, answered, conversation, voicemail,
    /// limited-content message).
    public var deliveredToday: Int
    /// Attempts created today that failed (refused by the gateway, or a `failed` result).
    public var failedToday: Int
    /// Attempts created today (every request made to the gateway).
    public var requestsToday: Int
    /// Attempts created today that failed or are in doubt (gateway errors and timeouts).
    public var errorsToday: Int
    /// The note of the newest failed or in-doubt attempt, any day.
    public var lastError: String?
    /// Deferrals and blocks decided today on this channel.
    public var deferredToday: Int
    /// Today's deferrals on this channel by rule, most frequent first (ties by rule).
    public var rulesToday: [RuleCount]
    /// Attempts created in the rate window ending at `now`.
    public var dispatchedInWindow: Int
    /// Attempts sent and awaiting their result (a seat is busy until the result), any day.
    public var awaitingResult: Int

    /// Creates counts.
    public init(
        channel: Channel,
        waiting: Int = 0,
        open: Int = 0,
        sentToday: Int = 0,
        deliveredToday: Int = 0,
        failedToday: Int = 0,
        requestsToday: Int = 0,
        errorsToday: Int = 0,
        lastError: String? = nil,
        deferredToday: Int = 0,
        rulesToday: [RuleCount] = [],
        dispatchedInWindow: Int = 0,
        awaitingResult: Int = 0
    ) {
        self.channel = channel
        self.waiting = waiting
        self.open = open
        self.sentToday = sentToday
        self.deliveredToday = deliveredToday
        self.failedToday = failedToday
        self.requestsToday = requestsToday
        self.errorsToday = errorsToday
        self.lastError = lastError
        self.deferredToday = deferredToday
        self.rulesToday = rulesToday
        self.dispatchedInWindow = dispatchedInWindow
        self.awaitingResult = awaitingResult
    }
}

/// One campaign arm's outcomes for the dashboard.
public struct ArmDashboardCounts: Hashable, Sendable {
    public var campaign: String
    public var variant: String
    /// Accounts enrolled in the arm.
    public var accounts: Int
    /// Attempts of the arm whose result reached the consumer.
    public var contacts: Int
    /// Promises to pay recorded by the arm's accounts.
    public var promises: Int
    /// Payments recorded by the arm's accounts.
    public var payments: Int
    public var collected: Money
    /// The arm's accounts' balances (sum of their debts).
    public var placed: Money
    /// Accounts that paid anything.
    public var payingAccounts: Int

    /// Creates counts.
    public init(
        campaign: String,
        variant: String,
        accounts: Int,
        contacts: Int,
        promises: Int,
        payments: Int,
        collected: Money,
        placed: Money,
        payingAccounts: Int
    ) {
        self.campaign = campaign
        self.variant = variant
        self.accounts = accounts
        self.contacts = contacts
        self.promises = promises
        self.payments = payments
        self.collected = collected
        self.placed = placed
        self.payingAccounts = payingAccounts
    }
}
