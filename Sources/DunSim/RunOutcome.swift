import DunCore

/// What one strategy did in one replication: compact counters plus what pairing needs per account.
public struct RunOutcome: Sendable {
    public var strategy: String
    public var accounts: Int
    public var horizonDays: Int
    public var placedCents: Int64 = 0
    /// Cumulative collected cents at the end of each day 0...horizon.
    public var collectedByDay: [Int64]
    /// Collected cents per account at the 30, 90 and 180-day marks (the horizon when shorter).
    public var paid30: [Int64] = []
    public var paid90: [Int64] = []
    public var paid180: [Int64] = []
    /// Placed balance per account, in cents (shared with the population, not copied).
    public var placedPerAccount: [Int64] = []
    public var writtenOffCents: Int64 = 0
    public var remainingCents: Int64 = 0
    /// Accounts whose paid + remaining + written off differs from placed (must be 0).
    public var conservationViolations: Int = 0
    public var payingAccounts: Int = 0
    public var callAttempts: Int = 0
    public var rightPartyContacts: Int = 0
    public var promises: Int = 0
    public var promisesKept: Int = 0
    public var promisesBroken: Int = 0
    public var plans: Int = 0
    public var settlements: Int = 0
    public var optOuts: Int = 0
    public var complaints: Int = 0
    public var disputes: Int = 0
    public var ceases: Int = 0
    public var smsSent: Int = 0
    public var emailsSent: Int = 0
    public var reachedByDay90: Int = 0
    public var agentMinutes: Double = 0
    public var agentPaidHours: Double = 0
    public var voiceMinutes: Double = 0
    public var messageCostMillicents: Int64 = 0
    public var agentWageCents: Int64 = 0
    public var commissionCents: Int64 = 0
    /// The engine's own work (`EngineStatistics`): contact decisions, policy evaluations and deferrals. A
    /// capacity-bound strategy decides more often than it dispatches (an attempt is judged when it falls due and
    /// again when a seat frees).
    public var engineDecisions: Int = 0
    public var policyEvaluations: Int = 0
    public var engineDeferrals: Int = 0
    /// Deferrals reported by the engine (its `.deferred` actions), per rule id.
    public var deferredByRule: [(String, Int)] = []
    /// Enrolment endings per reason, sorted by reason.
    public var endedByReason: [(String, Int)] = []

    init(strategy: String, accounts: Int, horizonDays: Int) {
        self.strategy = strategy
        self.accounts = accounts
        self.horizonDays = horizonDays
        self.collectedByDay = [Int64](repeating: 0, count: horizonDays + 1)
    }

    /// Collected cents at the horizon.
    public var collectedCents: Int64 { self.collectedByDay.last ?? 0 }

    /// Collected − message costs − agent wages − commission, in cents.
    public var netRecoveredCents: Int64 {
        self.collectedCents - (self.messageCostMillicents + 500) / 1_000 - self.agentWageCents - self.commissionCents
    }
}
