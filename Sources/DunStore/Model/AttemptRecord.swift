public import DunCore

/// An attempt as stored: the plan, its state and what the gateway said.
public struct AttemptRecord: Hashable, Sendable {
    public var attempt: PlannedAttempt
    public var state: AttemptState
    public var gatewayMessageID: String?
    /// When `beginAttempt` wrote it.
    public var createdAt: UTCInstant
    public var sentAt: UTCInstant?
    public var resultAt: UTCInstant?
    public var result: AttemptResult?
    /// Why it failed or is in doubt, for people.
    public var note: String?

    /// Creates a record.
    public init(
        attempt: PlannedAttempt,
        state: AttemptState,
        gatewayMessageID: String? = nil,
        createdAt: UTCInstant,
        sentAt: UTCInstant? = nil,
        resultAt: UTCInstant? = nil,
        result: AttemptResult? = nil,
        note: String? = nil
    ) {
        self.attempt = attempt
        self.state = state
        self.gatewayMessageID = gatewayMessageID
        self.createdAt = createdAt
        self.sentAt = sentAt
        self.resultAt = resultAt
        self.result = result
        self.note = note
    }

    /// The idempotency key.
    public var key: AttemptKey { self.attempt.key }
}

/// What `Store.beginAttempt` found.
public enum AttemptBegin: Hashable, Sendable {
    /// The attempt is new and now committed in `dispatching`: dispatch it.
    case begun(AttemptRecord)
    /// An attempt with this key already exists (a replay after restart): do **not** dispatch; look at its
    /// state (in doubt ones are reconciled through `attemptsInDoubt()`).
    case existing(AttemptRecord)

    /// The stored record either way.
    public var record: AttemptRecord {
        switch self {
        case .begun(let record), .existing(let record): record
        }
    }

    /// Whether the caller should dispatch.
    public var shouldDispatch: Bool {
        if case .begun = self { return true }
        return false
    }
}
