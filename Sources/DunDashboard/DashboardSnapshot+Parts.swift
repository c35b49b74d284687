public import DunCore

extension DashboardSnapshot {
    /// A campaign and the names and weights of its arms.
    public struct CampaignArms: Hashable, Sendable {
        /// One arm's name and relative weight.
        public struct Arm: Hashable, Sendable {
            public var name: String
            public var weight: Int

            public init(name: String, weight: Int) {
                self.name = name
                self.weight = weight
            }
        }

        public var campaign: String
        public var arms: [Arm]

        public init(campaign: String, arms: [Arm]) {
            self.campaign = campaign
            self.arms = arms
        }
    }

    /// One channel's traffic.
    public struct ChannelActivity: Hashable, Sendable {
        public var channel: Channel
        /// Attempts scheduled for later.
        public var queued: Int
        /// Attempts due now, waiting for capacity or the gateway.
        public var dueNow: Int
        public var sentToday: Int
        public var delivered: Int
        public var failed: Int
        public var deferred: Int
        /// The rules that deferred most on this channel, largest first.
        public var topRules: [RuleCount]

        public init(
            channel: Channel,
            queued: Int = 0,
            dueNow: Int = 0,
            sentToday: Int = 0,
            delivered: Int = 0,
            failed: Int = 0,
            deferred: Int = 0,
            topRules: [RuleCount] = []
        ) {
            self.channel = channel
            self.queued = queued
            self.dueNow = dueNow
            self.sentToday = sentToday
            self.delivered = delivered
            self.failed = failed
            self.deferred = deferred
            self.topRules = topRules
        }
    }

    /// How full one capacity pool is.
    public struct CapacityUse: Hashable, Sendable {
        /// `sms gateway`, `agent seats`, …
        public var pool: String
        public var used: Int
        public var capacity: Int
        /// What the numbers count (`msg/s`, `seats`).
        public var unit: String

        public init(pool: String, used: Int, capacity: Int, unit: String) {
            self.pool = pool
            self.used = used
            self.capacity = capacity
            self.unit = unit
        }
    }

    /// Outcomes so far for one arm (campaign variant or strategy).
    public struct ArmOutcome: Hashable, Sendable {
        public var arm: String
        public var accounts: Int
        /// Right-party contacts.
        public var contacts: Int
        public var promises: Int
        public var payments: Int
        public var collected: Money
        public var placed: Money
        /// Accounts that paid anything.
        public var payingAccounts: Int
        /// 95% interval for the paying share, when there is enough data to state one.
        public var payingShareInterval: ClosedRange<Double>?

        public init(
            arm: String,
            accounts: Int,
            contacts: Int = 0,
            promises: Int = 0,
            payments: Int = 0,
            collected: Money = .zero,
            placed: Money = .zero,
            payingAccounts: Int = 0,
            payingShareInterval: ClosedRange<Double>? = nil
        ) {
            self.arm = arm
            self.accounts = accounts
            self.contacts = contacts
            self.promises = promises
            self.payments = payments
            self.collected = collected
            self.placed = placed
            self.payingAccounts = payingAccounts
            self.payingShareInterval = payingShareInterval
        }
    }

    /// One gateway's health.
    public struct GatewayHealth: Hashable, Sendable {
        public var gateway: String
        public var requests: Int
        public var errors: Int
        public var lastError: String?

        public init(gateway: String, requests: Int, errors: Int, lastError: String? = nil) {
            self.gateway = gateway
            self.requests = requests
            self.errors = errors
            self.lastError = lastError
        }
    }

    /// A count attached to a rule id.
    public struct RuleCount: Hashable, Sendable {
        public var rule: String
        public var count: Int

        public init(rule: String, count: Int) {
            self.rule = rule
            self.count = count
        }
    }

    /// One line of the event feed or of an account's timeline.
    public struct EventLine: Hashable, Sendable {
        public var at: UTCInstant
        /// A short kind: `sent`, `delivered`, `deferred`, `payment`, `opt-out`, …
        public var kind: String
        /// The rest of the line (already redacted of phone numbers and addresses by the producer).
        public var detail: String

        public init(at: UTCInstant, kind: String, detail: String) {
            self.at = at
            self.kind = kind
            self.detail = detail
        }
    }

    /// The result of `/`: one account and everything that happened to it, oldest first.
    public struct AccountTimeline: Hashable, Sendable {
        public var query: String
        /// Nil when no account matched the query.
        public var accountID: String?
        public var entries: [EventLine]

        public init(query: String, accountID: String?, entries: [EventLine]) {
            self.query = query
            self.accountID = accountID
            self.entries = entries
        }
    }
}
