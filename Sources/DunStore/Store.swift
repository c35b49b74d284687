public import DunCore

/// The durable store of live runs: accounts, attempts, outcomes, consumer events, payments, promises, policy
/// decisions, run state and the audit log. `SQLiteStore` is the backend today; the protocol keeps PostgreSQL
/// (several workers leasing accounts) a backend rather than a rewrite (DESIGN.md "Scale").
///
/// ## Contract (every backend)
///
/// - **Transactional.** Each method is one transaction: when it returns, its writes (and their audit entries)
///   are durable; when it throws, nothing of it was applied. A batch method (`beginAttempts`, `markSent(_:)`,
///   `recordDecisions`, `saveEnrolments`) is one transaction for the whole batch.
/// - **Write before side effect.** A caller commits with the store *before* the side effect that depends on it:
///   `beginAttempt` before the gateway call, `recordResult` before answering the webhook 2xx.
/// - **Idempotent.** `beginAttempt` on an existing key changes nothing and returns `.existing`; `markSent`,
///   `markFailed`, `recordResult` and `recordPayment` applied twice change nothing the second time; state
///   transitions only move forward (see `AttemptState`).
/// - **Ordered.** Every list is returned in a documented, total order (never hash or insertion-by-accident
///   order): attempts by (`createdAt`, key), events by (`at`, sequence), audit entries by sequence, accounts by id.
/// - **Concurrent readers.** Readers (dashboard, `dun report`) may run in other processes while a run writes.
///
/// ## The runner's idempotency sequence
///
/// ```swift
/// // At start: reconcile before anything could resend.
/// for record in try store.attemptsInDoubt() {
///     if let id = try gateway.lookup(idempotencyKey: record.key) {   // the gateway got it
///         try store.markSent(record.key, gatewayMessageID: id, at: now)
///     } else {                                                         // it never arrived
///         try store.markFailed(record.key, note: "not received by the gateway", at: now)
///     }
/// }
/// let state = try store.loadRestoreState()      // accounts, enrolments, attempt history, events, promises
///
/// // For each attempt the policy allowed:
/// let key = AttemptKey(accountID: a, campaign: c, variant: v, step: s, ordinal: n)
/// guard case .begun = try store.beginAttempt(planned, at: now) else { continue }  // committed: dispatching
/// switch try await gateway.send(planned, idempotencyKey: key) {
/// case .accepted(let id): try store.markSent(key, gatewayMessageID: id, at: now)
/// case .refused(let why): try store.markFailed(key, note: why, at: now)     // a retry is a new ordinal
/// case .unknown(let why): try store.markInDoubt(key, note: why, at: now)     // reconcile later
/// }
///
/// // Webhook: commit, then answer 2xx.
/// if let key = try store.attemptKey(gatewayMessageID: sid) {
///     _ = try store.recordResult(key, .delivered, at: now, source: "webhook")
/// }
/// ```
public protocol Store: Sendable {
    // MARK: - Accounts and import

    /// Runs `body` in one write transaction for bulk import: it commits when `body` returns and rolls back
    /// everything when `body` throws. An audit entry `import.<kind>` with `detail` is appended on commit.
    ///
    /// - Parameters:
    ///   - kind: `accounts` or `payments`, for the audit entry.
    ///   - at: The instant recorded in the audit log.
    ///   - body: Writes through the session; returns the audit detail and a result.
    /// - Returns: The result `body` returned.
    /// - Throws: What `body` threw (after rolling back), or a store error.
    func withImport<R>(
        kind: String,
        at: UTCInstant,
        _ body: (inout any ImportSession) throws -> (detail: String, result: R)
    ) throws -> R

    /// The account with `id`, with contact points, debts and flags, or nil.
    func account(id: String) throws -> Account?

    /// Every account, ordered by id.
    func loadAccounts() throws -> [Account]

    // MARK: - Attempts (idempotency)

    /// Writes `attempt` in state `dispatching` and commits, unless its key exists.
    ///
    /// - Returns: `.begun` when written (dispatch now), `.existing` with the stored record when the key was
    ///   already there (do not dispatch).
    func beginAttempt(_ attempt: PlannedAttempt, at: UTCInstant) throws -> AttemptBegin

    /// `beginAttempt` for several attempts in one transaction; results in the order given.
    func beginAttempts(_ attempts: [PlannedAttempt], at: UTCInstant) throws -> [AttemptBegin]

    /// Marks a `dispatching` or `in_doubt` attempt `sent` with the gateway's message id. No effect on an attempt
    /// already sent, failed or with a result (except that a missing message id is filled in).
    ///
    /// - Throws: `StoreError.unknownAttempt` when no attempt has the key.
    func markSent(_ key: AttemptKey, gatewayMessageID: String, at: UTCInstant) throws

    /// `markSent` for several attempts in one transaction.
    func markSent(_ sent: [(key: AttemptKey, gatewayMessageID: String)], at: UTCInstant) throws

    /// Marks a `dispatching` attempt `in_doubt` (timeout, connection lost): it must be reconciled before any resend.
    func markInDoubt(_ key: AttemptKey, note: String, at: UTCInstant) throws

    /// Marks a `dispatching` or `in_doubt` attempt `failed` (the gateway refused it, or never received it).
    func markFailed(_ key: AttemptKey, note: String, at: UTCInstant) throws

    /// Records the final result of an attempt and appends an outcome. Idempotent: a duplicate report of the
    /// same result changes nothing. The first final result wins; a different later result is appended to the
    /// outcomes (kept for the record) but does not replace it.
    ///
    /// - Returns: true when this call changed the attempt.
    /// - Throws: `StoreError.unknownAttempt` when no attempt has the key.
    @discardableResult
    func recordResult(_ key: AttemptKey, _ result: AttemptResult, at: UTCInstant, source: String) throws -> Bool

    /// Records an attempt made outside the runner (an agent's manual call) with its result, in one transaction.
    /// Idempotent on the key.
    func recordCompletedAttempt(_ attempt: PlannedAttempt, result: AttemptResult, at: UTCInstant, source: String) throws

    /// The key of the attempt the gateway knows as `gatewayMessageID`.
    func attemptKey(gatewayMessageID: String) throws -> AttemptKey?

    /// The attempt with `key`.
    func attempt(_ key: AttemptKey) throws -> AttemptRecord?

    /// Attempts in `dispatching` or `in_doubt`: they may or may not have reached the gateway. Ordered by
    /// (`createdAt`, key).
    func attemptsInDoubt() throws -> [AttemptRecord]

    /// Every attempt of `accountID` (all accounts when nil), ordered by (`createdAt`, key).
    func attempts(accountID: String?) throws -> [AttemptRecord]

    // MARK: - Consumer events, suppressions

    /// Records a consumer event and applies it at once: account flags (cease, dispute, attorney, …),
    /// suppressions (`optOut` adds one; `optIn` lifts the SMS one), SMS consent instants (`optIn`, `inbound`
    /// text). One transaction with its audit entry.
    func recordConsumerEvent(_ event: StoredConsumerEvent) throws

    /// Consumer events of `accountID` (all when nil), ordered by (`at`, sequence).
    func consumerEvents(accountID: String?) throws -> [StoredConsumerEvent]

    /// Every suppression, ordered by (destination, medium).
    func suppressions() throws -> [Suppression]

    /// Adds a suppression that no known account owns (a STOP from a number no account lists yet): idempotent on
    /// (destination, medium), with an audit entry.
    func suppress(_ suppression: Suppression) throws

    /// The ids of the accounts that list `destination` (E.164 number or email address) among their contact
    /// points, ordered by id: how a webhook maps an inbound text or a bounce to accounts.
    func accountIDs(destination: String) throws -> [String]

    // MARK: - Enrolments, decisions, payments, promises, runs

    /// Inserts or replaces enrolments (keyed by account and campaign) in one transaction.
    func saveEnrolments(_ enrolments: [Enrolment]) throws

    /// Every enrolment, ordered by (account, campaign).
    func enrolments() throws -> [Enrolment]

    /// Appends policy deferrals and blocks in one transaction.
    func recordDecisions(_ decisions: [PolicyDecisionRecord]) throws

    /// Records a payment. Idempotent on `reference`.
    ///
    /// - Returns: false when a payment with that reference already exists (nothing changed).
    /// - Throws: `StoreError.unknownAccount`.
    @discardableResult
    func recordPayment(_ payment: PaymentRecord) throws -> Bool

    /// Records a promise to pay and returns it with its id.
    func recordPromise(_ promise: PromiseRecord) throws -> PromiseRecord

    /// Marks a promise kept or broken.
    func setPromiseStatus(id: Int64, _ status: PromiseRecord.Status, at: UTCInstant, source: String) throws

    /// Pending promises, ordered by (due date, id).
    func pendingPromises() throws -> [PromiseRecord]

    /// Starts (or restarts) a run record.
    func startRun(_ run: RunRecord) throws

    /// Records that a run is alive with its engine clock.
    func heartbeat(runID: String, at: UTCInstant, clock: UTCInstant) throws

    /// Marks a run stopped.
    func finishRun(runID: String, at: UTCInstant) throws

    /// The run with `id`.
    func run(id: String) throws -> RunRecord?

    // MARK: - Audit and restore

    /// Audit entries with a sequence greater than `sequence`, oldest first, at most `limit`.
    func auditLog(after sequence: Int64, limit: Int) throws -> [AuditEntry]

    /// Everything the engine needs to rebuild its state after a restart, read in one consistent snapshot.
    func loadRestoreState() throws -> RestoreState
}

/// The writes allowed inside `Store.withImport`.
public protocol ImportSession {
    /// Whether an account with `id` is stored (including ones written earlier in this session).
    func accountExists(_ id: String) throws -> Bool

    /// Inserts `account`, or replaces an existing one's details, contact points and debts. Instants the runner
    /// learned (SMS consent, last consumer text, reassignment check) are kept when later than the imported ones.
    /// Consumer events, attempts and suppressions are never touched.
    mutating func upsert(_ account: Account) throws

    /// Inserts or replaces one debt of an existing account.
    mutating func upsertDebt(_ debt: Debt, accountID: String) throws

    /// Whether a payment with `reference` is stored.
    func paymentExists(reference: String) throws -> Bool

    /// Inserts a payment; false when the reference exists.
    mutating func insertPayment(_ payment: PaymentRecord) throws -> Bool
}

/// What the engine reloads after a restart.
public struct RestoreState: Sendable {
    /// Accounts ordered by id, with flags reflecting every recorded consumer event.
    public var accounts: [Account]
    /// Enrolments ordered by (account, campaign).
    public var enrolments: [Enrolment]
    /// Every attempt ordered by (`createdAt`, key): the policy ledger's history.
    public var attempts: [AttemptRecord]
    /// Consumer events ordered by (`at`, sequence).
    public var consumerEvents: [StoredConsumerEvent]
    /// Suppressions ordered by (destination, medium).
    public var suppressions: [Suppression]
    /// Pending promises ordered by (due date, id).
    public var pendingPromises: [PromiseRecord]

    /// Creates a restore state.
    public init(
        accounts: [Account],
        enrolments: [Enrolment],
        attempts: [AttemptRecord],
        consumerEvents: [StoredConsumerEvent],
        suppressions: [Suppression],
        pendingPromises: [PromiseRecord]
    ) {
        self.accounts = accounts
        self.enrolments = enrolments
        self.attempts = attempts
        self.consumerEvents = consumerEvents
        self.suppressions = suppressions
        self.pendingPromises = pendingPromises
    }
}
