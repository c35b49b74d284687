public import DunCore

/// Everything one turn of the live runner writes, committed in one transaction (one WAL sync): the engine
/// inputs of the turn, what came back from gateways and webhooks, and what the engine decided.
///
/// The runner releases no effect of a turn (a gateway send, a webhook's 2xx) before `RunJournal.commit`
/// returned, so a crash loses only a turn nobody outside has seen.
public struct RunBatch: Sendable {
    /// Engine inputs to append to the run's journal, in sequence order.
    public var inputs: [JournalEntry] = []
    /// Consumer events to record and apply (STOP from a webhook, …).
    public var consumerEvents: [StoredConsumerEvent] = []
    /// Attempts the gateway accepted, with its message id.
    public var sent: [(key: AttemptKey, gatewayMessageID: String)] = []
    /// Attempts the gateway refused or never received, with why.
    public var failed: [(key: AttemptKey, note: String)] = []
    /// Attempts whose send ended without an answer and could not be reconciled.
    public var inDoubt: [(key: AttemptKey, note: String)] = []
    /// Final results (webhooks, SMTP acceptance), idempotent per key and result.
    public var results: [(key: AttemptKey, result: AttemptResult, source: String)] = []
    /// Attempts the engine decided to dispatch this turn: written `dispatching` before the send.
    public var begins: [PlannedAttempt] = []
    /// Deferrals and blocks the engine decided this turn.
    public var decisions: [PolicyDecisionRecord] = []
    /// Enrolments that started or ended this turn.
    public var enrolments: [Enrolment] = []

    /// Creates an empty batch.
    public init() {}

    /// Whether the batch writes nothing.
    public var isEmpty: Bool {
        self.inputs.isEmpty && self.consumerEvents.isEmpty && self.sent.isEmpty && self.failed.isEmpty
            && self.inDoubt.isEmpty && self.results.isEmpty && self.begins.isEmpty && self.decisions.isEmpty
            && self.enrolments.isEmpty
    }
}
