/// Counters an engine keeps about its own work (cheap; always on).
public struct EngineStatistics: Sendable, Hashable {
    /// Scheduling decisions: each time a due contact step was judged (dispatched, deferred or ended).
    public var decisions: Int = 0
    public var dispatched: Int = 0
    public var deferred: Int = 0
    public var ended: Int = 0
    /// Policy evaluations (a decision may evaluate several destinations).
    public var policyEvaluations: Int = 0

    public init() {}
}
