/// Where an attempt is in its life. Transitions only move forward:
///
/// ```
/// planned ─► dispatching ─► sent ─► result
///                │    └───► in_doubt ─► sent | failed | result
///                └────────► failed
/// ```
///
/// `dispatching` is written and committed *before* the gateway is called; an attempt found in
/// `dispatching` or `in_doubt` after a restart may or may not have reached the gateway and must be
/// reconciled with the gateway (by its idempotency key) before anything could resend it.
public enum AttemptState: String, CaseIterable, Hashable, Sendable, Codable {
    /// Decided but not yet handed to a gateway (reserved for schedulers that persist plans ahead).
    case planned
    /// Committed to the store and being handed to the gateway now.
    case dispatching
    /// The gateway accepted it (it has a gateway message id).
    case sent
    /// A final result is known (delivered, answered, no answer, bounced, …).
    case result
    /// Dispatch was interrupted (timeout, crash) with no answer from the gateway.
    case inDoubt = "in_doubt"
    /// The gateway refused it, or reconciliation found the gateway never received it.
    case failed

    /// The order of states; a transition to a lower rank is ignored.
    var rank: Int {
        switch self {
        case .planned: 0
        case .dispatching: 1
        case .inDoubt: 2
        case .sent: 3
        case .failed: 4
        case .result: 4
        }
    }
}
