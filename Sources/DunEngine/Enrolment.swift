public import DunCore

/// A read-only view of an account's enrolment (its campaign cursor), for drivers, tests and dashboards.
public struct Enrolment: Sendable, Hashable {
    /// Where the enrolment stands.
    public enum State: String, Sendable, Hashable {
        /// Waiting for the current step's due instant (timing, retry spacing or a deferral).
        case waiting
        /// Ready, waiting for a slot in the channel's capacity pool.
        case waitingForCapacity = "waiting_for_capacity"
        /// An attempt was dispatched and its result has not arrived.
        case inFlight = "in_flight"
        /// Paused by a dispute or an open promise; resumes on an event or the promise's due date.
        case paused
        /// Ended; no further contact.
        case ended
    }

    public var campaign: Int
    public var variant: Int
    /// The current step's index (for an ended enrolment, the last step it was at).
    public var step: Int
    /// Attempts made so far in the current step.
    public var attemptNumber: Int
    public var enrolledAt: UTCInstant
    /// The most recent outcome, if any.
    public var lastOutcome: StepOutcome?
    public var state: State
    /// When the engine will next look at this enrolment (nil when it waits on an event).
    public var dueAt: UTCInstant?
    /// Attempts dispatched over the whole enrolment.
    public var totalAttempts: Int

    public init(
        campaign: Int,
        variant: Int,
        step: Int,
        attemptNumber: Int,
        enrolledAt: UTCInstant,
        lastOutcome: StepOutcome?,
        state: State,
        dueAt: UTCInstant?,
        totalAttempts: Int
    ) {
        self.campaign = campaign
        self.variant = variant
        self.step = step
        self.attemptNumber = attemptNumber
        self.enrolledAt = enrolledAt
        self.lastOutcome = lastOutcome
        self.state = state
        self.dueAt = dueAt
        self.totalAttempts = totalAttempts
    }
}
