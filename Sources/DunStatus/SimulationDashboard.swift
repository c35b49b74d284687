import DunCore
public import DunDashboard
import DunReport
public import DunSim

/// Builds dashboard snapshots of a simulation from the simulator's daily progress: the same view as a live
/// run, on the virtual clock. Strategies run one after another; finished ones keep their final numbers.
///
/// Panels: channels (messages and calls so far, deferrals and their top rules), outcomes per strategy with the
/// paying share's Wilson interval, compliance (deferrals by rule) and one event line per finished strategy.
/// A simulation has no gateways or stored account timelines, so those panels say so.
public struct SimulationDashboard: Sendable {
    let strategies: [String]
    let replications: Int
    /// The latest progress of each strategy in the current replication.
    var latest: [Int: SimulationProgress] = [:]
    var events: [DashboardSnapshot.EventLine] = []
    var started: UTCInstant?
    var current: SimulationProgress?
    /// The current strategy's progress the day before, for the per-day columns.
    var previous: SimulationProgress?
    /// Arms with fewer accounts show "too few" instead of a confidence interval.
    public var minimumAccountsForInterval = 30

    /// Creates a dashboard for a comparison of `strategies` over `replications` replications.
    public init(strategies: [String], replications: Int) {
        self.strategies = strategies
        self.replications = replications
    }

    /// Takes one day's progress.
    public mutating func update(_ progress: SimulationProgress) {
        if self.started == nil { self.started = progress.clock.adding(seconds: -86_400) }
        if let previous = self.current,
            previous.strategyIndex != progress.strategyIndex
                || previous.replication != progress.replication
        {
            self.finished(previous)
        }
        if progress.replication != self.current?.replication { self.latest = [:] }
        let sameRun =
            self.current?.strategyIndex == progress.strategyIndex && self.current?.replication == progress.replication
        self.previous = sameRun ? self.current : nil
        self.latest[progress.strategyIndex] = progress
        self.current = progress
    }

    private mutating func finished(_ progress: SimulationProgress) {
        let outcome = progress.outcome
        let share = outcome.accounts > 0 ? Double(outcome.payingAccounts) / Double(outcome.accounts) : 0
        let detail =
            "\(self.name(progress.strategyIndex)) (replication \(progress.replication + 1)) finished: "
            + "\(Money(cents: outcome.collectedCents)) collected, \(DashboardPercent.format(share)) paying"
        self.events.insert(.init(at: progress.clock, kind: "finished", detail: detail), at: 0)
    }

    /// The frame's snapshot; `speed` is virtual seconds per wall second, when the caller measured it.
    public func snapshot(speed: Double?) -> DashboardSnapshot {
        guard let current = self.current else {
            let origin = UTCInstant(secondsSinceEpoch: 0)
            return DashboardSnapshot(mode: .simulated(speed: speed), campaigns: [], clock: origin, startedAt: origin)
        }
        let outcome = current.outcome
        let rules = current.deferredByRule.map { DashboardSnapshot.RuleCount(rule: $0.rule, count: $0.count) }
        // "Today" is the virtual day just simulated: the difference from the day before.
        let before = self.previous?.outcome
        let deferredBefore = self.previous?.deferredByRule.map(\.count).reduce(0, +) ?? 0
        var channels: [DashboardSnapshot.ChannelActivity] = [
            .init(channel: .sms, sentToday: outcome.smsSent - (before?.smsSent ?? 0)),
            .init(channel: .email, sentToday: outcome.emailsSent - (before?.emailsSent ?? 0)),
            .init(
                channel: .agentCall,
                sentToday: outcome.callAttempts - (before?.callAttempts ?? 0),
                delivered: outcome.rightPartyContacts - (before?.rightPartyContacts ?? 0)
            ),
        ]
        // The engine reports deferrals by rule, not by channel: they are shown once, on the first row.
        channels[0].deferred = rules.map(\.count).reduce(0, +) - deferredBefore
        channels[0].topRules = rules
        let arms = self.strategies.indices.compactMap { index in
            self.latest[index].map { self.arm(index, $0.outcome) }
        }
        var events = self.events
        events.insert(
            .init(
                at: current.clock,
                kind: "day",
                detail: "\(self.name(current.strategyIndex)): day \(current.day) of \(current.horizonDays), "
                    + "replication \(current.replication + 1) of \(self.replications)"
            ),
            at: 0
        )
        return DashboardSnapshot(
            mode: .simulated(speed: speed),
            campaigns: [
                .init(
                    campaign: "simulation",
                    arms: self.strategies.map { .init(name: $0, weight: 1) }
                )
            ],
            clock: current.clock,
            startedAt: self.started ?? current.clock,
            channels: channels,
            capacity: [],
            arms: arms,
            gateways: [.init(gateway: "simulated", requests: 0, errors: 0, lastError: nil)],
            compliance: rules,
            events: events
        )
    }

    func arm(_ index: Int, _ outcome: RunOutcome) -> DashboardSnapshot.ArmOutcome {
        var interval: ClosedRange<Double>?
        if outcome.accounts >= self.minimumAccountsForInterval,
            let ci = Statistics.wilson(successes: outcome.payingAccounts, trials: outcome.accounts).ci95
        {
            interval = ci.lower...ci.upper
        }
        return .init(
            arm: self.name(index),
            accounts: outcome.accounts,
            contacts: outcome.rightPartyContacts,
            promises: outcome.promises,
            payments: outcome.payingAccounts,
            collected: Money(cents: outcome.collectedByDay.max() ?? 0),
            placed: Money(cents: outcome.placedCents),
            payingAccounts: outcome.payingAccounts,
            payingShareInterval: interval
        )
    }

    func name(_ index: Int) -> String {
        self.strategies.indices.contains(index) ? self.strategies[index] : "strategy \(index + 1)"
    }
}

/// Percentages as the dashboard prints them (one decimal).
enum DashboardPercent {
    static func format(_ value: Double) -> String {
        let tenths = Int((value * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
