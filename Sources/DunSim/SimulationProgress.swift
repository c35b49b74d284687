public import DunCore

/// How one simulated run stands at the end of a virtual day, for a dashboard drawn while the simulator runs.
///
/// Observers are called once per virtual day per run (cheap: one copy of the counters, no per-event work).
public struct SimulationProgress: Sendable {
    /// The replication and the strategy's index in `Comparison.strategies`.
    public var replication: Int
    public var strategyIndex: Int
    /// Days done (0...horizon) and the horizon.
    public var day: Int
    public var horizonDays: Int
    /// The virtual clock at the end of `day`.
    public var clock: UTCInstant
    /// The run's counters so far; `payingAccounts` and `placedCents` are filled in, per-account arrays are not.
    public var outcome: RunOutcome
    /// Deferrals so far per rule id, most frequent first (ties by rule).
    public var deferredByRule: [(rule: String, count: Int)]

    /// Creates a progress report.
    public init(
        replication: Int,
        strategyIndex: Int,
        day: Int,
        horizonDays: Int,
        clock: UTCInstant,
        outcome: RunOutcome,
        deferredByRule: [(rule: String, count: Int)]
    ) {
        self.replication = replication
        self.strategyIndex = strategyIndex
        self.day = day
        self.horizonDays = horizonDays
        self.clock = clock
        self.outcome = outcome
        self.deferredByRule = deferredByRule
    }
}

/// Called with each day's progress.
public typealias SimulationObserver = (SimulationProgress) -> Void
