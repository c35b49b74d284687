public import DunCore

/// Everything the scheduler can ask its driver to do, in the order the driver must do it.
public enum EngineAction: Sendable, Equatable {
    /// Send this attempt now (message) or place this call; report its result with `EngineInput.result`.
    case dispatch(Attempt)
    /// A contact was not made now, and why; the engine re-evaluates it by itself at `until` (or when capacity
    /// frees). Informational: the driver records it, it does not have to act.
    case deferred(Deferral)
    /// An enrolment ended.
    case end(Ending)
    /// Deliver `.timerFired` at (or after) this instant. Replaces any earlier request. Emitted at the end of a
    /// `handle` call whenever the earliest pending instant differs from the one last requested.
    case wake(at: UTCInstant)

    /// For a `.dispatch`, the attempt's id and channel (what a driver needs to place the contact and route its
    /// result); nil for the other actions. Reads the two fields in place, without copying the attempt and its
    /// strings.
    @inlinable
    public var dispatched: (id: AttemptID, channel: Channel)? {
        guard case .dispatch(let attempt) = self else { return nil }
        return (attempt.id, attempt.channel)
    }
}
