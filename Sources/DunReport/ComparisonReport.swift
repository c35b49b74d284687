/// The result of comparing strategies on one scenario: what `dun simulate` prints and writes.
///
/// Strategies keep the order the caller gave (the baseline first by convention); nothing in the report
/// comes from hash order, so rendering the same report gives the same bytes in every process.
public struct ComparisonReport: Hashable, Sendable {
    public var scenario: String
    public var seed: UInt64
    public var replications: Int
    public var accounts: Int
    public var days: Int
    public var strategies: [StrategyReport]
    /// Plain-language notes about the run (a strategy that cannot do what it says, an ending that is the law's),
    /// in a fixed order.
    public var notes: [String] = []

    public init(
        scenario: String,
        seed: UInt64,
        replications: Int,
        accounts: Int,
        days: Int,
        strategies: [StrategyReport]
    ) {
        self.scenario = scenario
        self.seed = seed
        self.replications = replications
        self.accounts = accounts
        self.days = days
        self.strategies = strategies
    }
}

/// One strategy's outcomes, averaged over replications.
public struct StrategyReport: Hashable, Sendable {
    public var name: String
    public var isBaseline: Bool
    /// Share of accounts that paid anything.
    public var payingShare: Estimate
    /// Collected ÷ placed by day 30, 90 and 180 (or the horizon, when shorter).
    public var liquidation30: Estimate
    public var liquidation90: Estimate
    public var liquidation180: Estimate
    /// Mean per replication, in cents.
    public var placedCents: Int64
    public var collectedCents: Int64
    public var messageCostCents: Int64
    public var agentWageCents: Int64
    public var commissionCents: Int64
    /// Collected − message costs − agent wages − commission, mean per replication, in cents.
    public var netRecoveredCents: Int64
    /// Call attempts (automated and agent) per account.
    public var attemptsPerAccount: Double
    /// SMS and emails sent per account.
    public var messagesPerAccount: Double
    public var rightPartyContactsPerAccount: Double
    public var rightPartyContactsPerAttempt: Double
    public var promisesPerContact: Double
    public var promisesKeptShare: Double
    /// Share of accounts with a right-party phone contact by day 90.
    public var reachedByDay90: Double
    /// Mean per replication.
    public var optOuts: Double
    public var complaints: Double
    public var disputes: Double
    /// Deferred contacts per rule id, mean per replication, sorted by rule id.
    public var deferredByRule: [RuleCount]
    /// Enrolments ended per reason (the rule id when the law ended one; else the campaign's reason, such as
    /// `completed` or `stop rule: after 60 days`), mean per replication, sorted by reason.
    public var endedBy: [RuleCount]
    /// Paired difference in 180-day liquidation from the baseline; nil for the baseline itself.
    public var liquidation180VersusBaseline: Estimate?
    public var verdict: Verdict?
    /// Liquidation at the end of each day 0...days, mean over replications.
    public var curve: [Double]

    public init(
        name: String,
        isBaseline: Bool,
        payingShare: Estimate,
        liquidation30: Estimate,
        liquidation90: Estimate,
        liquidation180: Estimate,
        placedCents: Int64,
        collectedCents: Int64,
        messageCostCents: Int64,
        agentWageCents: Int64,
        commissionCents: Int64,
        netRecoveredCents: Int64,
        attemptsPerAccount: Double,
        messagesPerAccount: Double,
        rightPartyContactsPerAccount: Double,
        rightPartyContactsPerAttempt: Double,
        promisesPerContact: Double,
        promisesKeptShare: Double,
        reachedByDay90: Double,
        optOuts: Double,
        complaints: Double,
        disputes: Double,
        deferredByRule: [RuleCount],
        liquidation180VersusBaseline: Estimate?,
        verdict: Verdict?,
        curve: [Double],
        endedBy: [RuleCount] = []
    ) {
        self.name = name
        self.isBaseline = isBaseline
        self.payingShare = payingShare
        self.liquidation30 = liquidation30
        self.liquidation90 = liquidation90
        self.liquidation180 = liquidation180
        self.placedCents = placedCents
        self.collectedCents = collectedCents
        self.messageCostCents = messageCostCents
        self.agentWageCents = agentWageCents
        self.commissionCents = commissionCents
        self.netRecoveredCents = netRecoveredCents
        self.attemptsPerAccount = attemptsPerAccount
        self.messagesPerAccount = messagesPerAccount
        self.rightPartyContactsPerAccount = rightPartyContactsPerAccount
        self.rightPartyContactsPerAttempt = rightPartyContactsPerAttempt
        self.promisesPerContact = promisesPerContact
        self.promisesKeptShare = promisesKeptShare
        self.reachedByDay90 = reachedByDay90
        self.optOuts = optOuts
        self.complaints = complaints
        self.disputes = disputes
        self.deferredByRule = deferredByRule
        self.liquidation180VersusBaseline = liquidation180VersusBaseline
        self.verdict = verdict
        self.curve = curve
        self.endedBy = endedBy
    }
}

/// A count for one rule id.
public struct RuleCount: Hashable, Sendable {
    public var rule: String
    public var count: Double

    public init(rule: String, count: Double) {
        self.rule = rule
        self.count = count
    }
}
