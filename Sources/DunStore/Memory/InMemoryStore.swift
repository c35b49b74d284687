public import DunCore
import Synchronization

/// A `Store` in memory, with the same contract as `SQLiteStore` except durability: for the simulator, tests, and
/// as the reference that a conformance test runs against every backend. Each method is atomic under one lock;
/// `withImport` works on a copy that replaces the state only when the body returns.
public final class InMemoryStore: Store {
    struct State: Sendable {
        var accounts: [String: Account] = [:]
        var attempts: [AttemptKey: AttemptRecord] = [:]
        var outcomes: Set<String> = []
        var events: [StoredConsumerEvent] = []
        var suppressions: [String: Suppression] = [:]
        var enrolments: [String: Enrolment] = [:]
        var decisions: [PolicyDecisionRecord] = []
        var payments: [String: PaymentRecord] = [:]
        var promises: [Int64: PromiseRecord] = [:]
        var runs: [String: RunRecord] = [:]
        var audit: [AuditEntry] = []

        mutating func audit(_ at: UTCInstant, _ actor: String, _ action: String, _ accountID: String, _ detail: String)
        {
            self.audit.append(
                AuditEntry(
                    sequence: Int64(self.audit.count + 1),
                    at: at,
                    actor: actor,
                    action: action,
                    accountID: accountID,
                    detail: detail
                )
            )
        }
    }

    private let state = Mutex(State())

    /// Creates an empty store.
    public init() {}

    public func withImport<R>(
        kind: String,
        at: UTCInstant,
        _ body: (inout any ImportSession) throws -> (detail: String, result: R)
    ) throws -> R {
        let box = SessionBox(self.state.withLock { $0 })
        var session: any ImportSession = InMemoryImportSession(box: box)
        let (detail, result) = try body(&session)
        box.state.audit(at, "import", "import.\(kind)", "", detail)
        let final = box.state
        self.state.withLock { $0 = final }
        return result
    }

    public func account(id: String) throws -> Account? {
        self.state.withLock { $0.accounts[id] }
    }

    public func loadAccounts() throws -> [Account] {
        self.state.withLock { $0.accounts.values.sorted { $0.id < $1.id } }
    }

    public func beginAttempt(_ attempt: PlannedAttempt, at: UTCInstant) throws -> AttemptBegin {
        self.state.withLock { Self.begin(&$0, attempt, at: at, actor: "runner") }
    }

    public func beginAttempts(_ attempts: [PlannedAttempt], at: UTCInstant) throws -> [AttemptBegin] {
        self.state.withLock { state in attempts.map { Self.begin(&state, $0, at: at, actor: "runner") } }
    }

    private static func begin(
        _ state: inout State,
        _ attempt: PlannedAttempt,
        at: UTCInstant,
        actor: String
    )
        -> AttemptBegin
    {
        if let existing = state.attempts[attempt.key] { return .existing(existing) }
        let record = AttemptRecord(attempt: attempt, state: .dispatching, createdAt: at)
        state.attempts[attempt.key] = record
        state.audit(
            at,
            actor,
            "attempt.begin",
            attempt.accountID,
            "\(attempt.key) \(attempt.channel.rawValue) \(attempt.destination) bucket=\(attempt.debtBucket)"
        )
        return .begun(record)
    }

    public func markSent(_ key: AttemptKey, gatewayMessageID: String, at: UTCInstant) throws {
        try self.markSent([(key, gatewayMessageID)], at: at)
    }

    public func markSent(_ sent: [(key: AttemptKey, gatewayMessageID: String)], at: UTCInstant) throws {
        try self.state.withLock { state in
            var next = state
            for (key, id) in sent {
                guard var record = next.attempts[key] else { throw StoreError.unknownAttempt(key) }
                if AttemptState.sent.rank > record.state.rank {
                    record.state = .sent
                    record.gatewayMessageID = id
                    record.sentAt = at
                } else if record.gatewayMessageID == nil && record.state != .failed {
                    record.gatewayMessageID = id
                    record.sentAt = record.sentAt ?? at
                } else {
                    continue
                }
                next.attempts[key] = record
                next.audit(at, "runner", "attempt.sent", record.attempt.accountID, "\(key) gateway=\(id)")
            }
            state = next
        }
    }

    public func markInDoubt(_ key: AttemptKey, note: String, at: UTCInstant) throws {
        try self.transition(key, from: [.dispatching], to: .inDoubt, note: note, at: at, action: "attempt.in_doubt")
    }

    public func markFailed(_ key: AttemptKey, note: String, at: UTCInstant) throws {
        try self.transition(
            key,
            from: [.planned, .dispatching, .inDoubt],
            to: .failed,
            note: note,
            at: at,
            action: "attempt.failed"
        )
    }

    private func transition(
        _ key: AttemptKey,
        from: Set<AttemptState>,
        to: AttemptState,
        note: String,
        at: UTCInstant,
        action: String
    ) throws {
        try self.state.withLock { state in
            guard var record = state.attempts[key] else { throw StoreError.unknownAttempt(key) }
            guard from.contains(record.state) else { return }
            record.state = to
            record.note = note
            if to == .failed { record.resultAt = at }
            state.attempts[key] = record
            state.audit(at, "runner", action, record.attempt.accountID, "\(key) \(note)")
        }
    }

    @discardableResult
    public func recordResult(_ key: AttemptKey, _ result: AttemptResult, at: UTCInstant, source: String) throws -> Bool
    {
        try self.state.withLock { try Self.recordResult(&$0, key, result, at: at, source: source) }
    }

    private static func recordResult(
        _ state: inout State,
        _ key: AttemptKey,
        _ result: AttemptResult,
        at: UTCInstant,
        source: String
    ) throws -> Bool {
        guard var record = state.attempts[key] else { throw StoreError.unknownAttempt(key) }
        let appended = state.outcomes.insert("\(key.rawValue)\u{1F}\(result.rawValue)").inserted
        var changed = false
        if record.state != .result {
            record.state = .result
            record.result = result
            record.resultAt = at
            state.attempts[key] = record
            changed = true
        }
        if appended || changed {
            let suffix = changed ? "" : " (after final result \(record.result?.rawValue ?? "?"))"
            state.audit(at, source, "attempt.result", record.attempt.accountID, "\(key) \(result.rawValue)\(suffix)")
        }
        return changed
    }

    public func recordCompletedAttempt(
        _ attempt: PlannedAttempt,
        result: AttemptResult,
        at: UTCInstant,
        source: String
    ) throws {
        try self.state.withLock { state in
            guard case .begun = Self.begin(&state, attempt, at: at, actor: source) else { return }
            state.attempts[attempt.key]?.state = .sent
            state.attempts[attempt.key]?.sentAt = at
            _ = try Self.recordResult(&state, attempt.key, result, at: at, source: source)
        }
    }

    public func attemptKey(gatewayMessageID: String) throws -> AttemptKey? {
        self.state.withLock { state in
            state.attempts.values.filter { $0.gatewayMessageID == gatewayMessageID }.map(\.key).min()
        }
    }

    public func attempt(_ key: AttemptKey) throws -> AttemptRecord? {
        self.state.withLock { $0.attempts[key] }
    }

    public func attemptsInDoubt() throws -> [AttemptRecord] {
        self.state.withLock { state in
            Self.ordered(state.attempts.values.filter { $0.state == .dispatching || $0.state == .inDoubt })
        }
    }

    public func attempts(accountID: String?) throws -> [AttemptRecord] {
        self.state.withLock { state in
            Self.ordered(state.attempts.values.filter { accountID == nil || $0.attempt.accountID == accountID })
        }
    }

    private static func ordered(_ records: some Sequence<AttemptRecord>) -> [AttemptRecord] {
        records.sorted { ($0.createdAt, $0.key) < ($1.createdAt, $1.key) }
    }

    public func recordConsumerEvent(_ event: StoredConsumerEvent) throws {
        try self.state.withLock { state in
            guard var account = state.accounts[event.accountID] else {
                throw StoreError.unknownAccount(event.accountID)
            }
            switch event.kind {
            case .cease: account.flags.cease = true
            case .dispute: account.flags.dispute = true
            case .verificationSent: account.flags.dispute = false
            case .attorney: account.flags.attorney = true
            case .bankruptcy: account.flags.bankruptcy = true
            case .deceased: account.flags.deceased = true
            case .employerProhibits: account.flags.employerProhibitsWorkContact = true
            case .inconvenientTime:
                account.inconvenientTimes += try FieldParser.inconvenientTimes(event.detail).get()
            case .optOut:
                if let destination = event.destination {
                    let medium: Suppression.Medium =
                        switch event.channel {
                        case .sms: .sms
                        case .email: .email
                        case .call, .agentCall: .call
                        case nil: .all
                        }
                    let key = "\(destination)\u{1F}\(medium.rawValue)"
                    if state.suppressions[key] == nil {
                        state.suppressions[key] = Suppression(
                            destination: destination,
                            medium: medium,
                            source: event.source,
                            at: event.at
                        )
                    }
                }
            case .optIn:
                if let destination = event.destination {
                    state.suppressions["\(destination)\u{1F}sms"] = nil
                    for index in account.phones.indices where account.phones[index].number == destination {
                        account.phones[index].smsConsentAt = max(
                            account.phones[index].smsConsentAt ?? event.at,
                            event.at
                        )
                    }
                }
            case .inbound:
                if event.channel == .sms, let destination = event.destination {
                    for index in account.phones.indices where account.phones[index].number == destination {
                        let last = account.phones[index].lastConsumerTextAt ?? event.at
                        account.phones[index].lastConsumerTextAt = max(last, event.at)
                    }
                }
            case .callConsent, .wrongNumber:
                break
            }
            state.accounts[event.accountID] = account
            state.events.append(event)
            var detail = event.kind.rawValue
            if let channel = event.channel { detail += " \(channel.rawValue)" }
            if let destination = event.destination { detail += " \(destination)" }
            if !event.detail.isEmpty { detail += " \(event.detail)" }
            if let bucket = event.debtBucket { detail += " debt=\(bucket)" }
            if let until = event.until { detail += " until=\(ISO8601.format(until, offsetSeconds: 0))" }
            state.audit(event.at, event.source, "event.\(event.kind.rawValue)", event.accountID, detail)
        }
    }

    public func consumerEvents(accountID: String?) throws -> [StoredConsumerEvent] {
        self.state.withLock { state in
            // A stable sort keeps recording order among equal instants, as the SQLite backend's sequence does.
            state.events.enumerated().filter { accountID == nil || $0.element.accountID == accountID }
                .sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
        }
    }

    public func suppressions() throws -> [Suppression] {
        self.state.withLock { state in
            state.suppressions.values.sorted {
                ($0.destination, $0.medium.rawValue) < ($1.destination, $1.medium.rawValue)
            }
        }
    }

    public func suppress(_ suppression: Suppression) throws {
        self.state.withLock { state in
            let key = "\(suppression.destination)\u{1F}\(suppression.medium.rawValue)"
            guard state.suppressions[key] == nil else { return }
            state.suppressions[key] = suppression
            state.audit(
                suppression.at,
                suppression.source,
                "suppression",
                "",
                "\(suppression.medium.rawValue) \(suppression.destination)"
            )
        }
    }

    public func accountIDs(destination: String) throws -> [String] {
        self.state.withLock { state in
            state.accounts.values.filter { account in
                account.phones.contains { $0.number == destination }
                    || account.emails.contains { $0.address == destination }
            }.map(\.id).sorted()
        }
    }

    public func saveEnrolments(_ enrolments: [Enrolment]) throws {
        self.state.withLock { state in
            for enrolment in enrolments {
                state.enrolments["\(enrolment.accountID)\u{1F}\(enrolment.campaign)"] = enrolment
                if enrolment.status == .ended {
                    state.audit(
                        enrolment.updatedAt,
                        "runner",
                        "enrolment.ended",
                        enrolment.accountID,
                        "\(enrolment.campaign)/\(enrolment.variant) \(enrolment.endReason)"
                    )
                }
            }
        }
    }

    public func enrolments() throws -> [Enrolment] {
        self.state.withLock { state in
            state.enrolments.values.sorted { ($0.accountID, $0.campaign) < ($1.accountID, $1.campaign) }
        }
    }

    public func recordDecisions(_ decisions: [PolicyDecisionRecord]) throws {
        self.state.withLock { $0.decisions += decisions }
    }

    @discardableResult
    public func recordPayment(_ payment: PaymentRecord) throws -> Bool {
        try self.state.withLock { try Self.insertPayment(&$0, payment) }
    }

    static func insertPayment(_ state: inout State, _ payment: PaymentRecord) throws -> Bool {
        guard state.accounts[payment.accountID] != nil else { throw StoreError.unknownAccount(payment.accountID) }
        guard state.payments[payment.reference] == nil else { return false }
        state.payments[payment.reference] = payment
        state.audit(
            payment.paidAt,
            payment.source,
            "payment",
            payment.accountID,
            "\(payment.reference) \(payment.amount.decimalString)"
        )
        return true
    }

    public func recordPromise(_ promise: PromiseRecord) throws -> PromiseRecord {
        try self.state.withLock { state in
            guard state.accounts[promise.accountID] != nil else { throw StoreError.unknownAccount(promise.accountID) }
            var stored = promise
            stored.id = Int64(state.promises.count + 1)
            state.promises[stored.id] = stored
            state.audit(
                promise.recordedAt,
                promise.source,
                "promise",
                promise.accountID,
                "#\(stored.id) \(promise.amount.decimalString) due \(promise.dueDate)"
            )
            return stored
        }
    }

    public func setPromiseStatus(id: Int64, _ status: PromiseRecord.Status, at: UTCInstant, source: String) throws {
        try self.state.withLock { state in
            guard var promise = state.promises[id] else { throw StoreError.unknownPromise(id) }
            promise.status = status
            state.promises[id] = promise
            state.audit(at, source, "promise.\(status.rawValue)", promise.accountID, "#\(id)")
        }
    }

    public func pendingPromises() throws -> [PromiseRecord] {
        self.state.withLock { state in
            state.promises.values.filter { $0.status == .pending }.sorted { ($0.dueDate, $0.id) < ($1.dueDate, $1.id) }
        }
    }

    public func startRun(_ run: RunRecord) throws {
        self.state.withLock { state in
            var stored = run
            if let existing = state.runs[run.id] { stored.startedAt = existing.startedAt }
            state.runs[run.id] = stored
            let arms = run.arms.map { "\($0.campaign)/\($0.variant):\($0.share)" }.joined(separator: ",")
            state.audit(run.heartbeatAt, "runner", "run.start", "", "\(run.id) \(arms)")
        }
    }

    public func heartbeat(runID: String, at: UTCInstant, clock: UTCInstant) throws {
        try self.state.withLock { state in
            guard state.runs[runID] != nil else { throw StoreError.unknownRun(runID) }
            state.runs[runID]?.heartbeatAt = at
            state.runs[runID]?.clockAt = clock
        }
    }

    public func finishRun(runID: String, at: UTCInstant) throws {
        try self.state.withLock { state in
            guard state.runs[runID] != nil else { throw StoreError.unknownRun(runID) }
            state.runs[runID]?.status = "stopped"
            state.runs[runID]?.heartbeatAt = at
            state.audit(at, "runner", "run.stop", "", runID)
        }
    }

    public func run(id: String) throws -> RunRecord? {
        self.state.withLock { $0.runs[id] }
    }

    public func auditLog(after sequence: Int64, limit: Int) throws -> [AuditEntry] {
        self.state.withLock { state in Array(state.audit.filter { $0.sequence > sequence }.prefix(limit)) }
    }

    public func loadRestoreState() throws -> RestoreState {
        RestoreState(
            accounts: try self.loadAccounts(),
            enrolments: try self.enrolments(),
            attempts: try self.attempts(accountID: nil),
            consumerEvents: try self.consumerEvents(accountID: nil),
            suppressions: try self.suppressions(),
            pendingPromises: try self.pendingPromises()
        )
    }
}

/// The copy an in-memory import writes to.
final class SessionBox {
    var state: InMemoryStore.State

    init(_ state: InMemoryStore.State) {
        self.state = state
    }
}

struct InMemoryImportSession: ImportSession {
    let box: SessionBox

    func accountExists(_ id: String) throws -> Bool {
        self.box.state.accounts[id] != nil
    }

    mutating func upsert(_ account: Account) throws {
        var merged = account
        if let old = self.box.state.accounts[account.id] {
            for index in merged.phones.indices {
                guard let previous = old.phones.first(where: { $0.number == merged.phones[index].number }) else {
                    continue
                }
                merged.phones[index].smsConsentAt = Self.later(merged.phones[index].smsConsentAt, previous.smsConsentAt)
                merged.phones[index].lastConsumerTextAt = Self.later(
                    merged.phones[index].lastConsumerTextAt,
                    previous.lastConsumerTextAt
                )
                merged.phones[index].reassignmentCheckedAt = Self.later(
                    merged.phones[index].reassignmentCheckedAt,
                    previous.reassignmentCheckedAt
                )
            }
            merged.flags.cease = merged.flags.cease || old.flags.cease
            merged.flags.dispute = merged.flags.dispute || old.flags.dispute
            merged.flags.attorney = merged.flags.attorney || old.flags.attorney
            merged.flags.bankruptcy = merged.flags.bankruptcy || old.flags.bankruptcy
            merged.flags.deceased = merged.flags.deceased || old.flags.deceased
            merged.flags.employerProhibitsWorkContact =
                merged.flags.employerProhibitsWorkContact || old.flags.employerProhibitsWorkContact
        }
        merged.debts.sort { $0.id < $1.id }
        self.box.state.accounts[account.id] = merged
    }

    mutating func upsertDebt(_ debt: Debt, accountID: String) throws {
        guard var account = self.box.state.accounts[accountID] else { throw StoreError.unknownAccount(accountID) }
        account.debts.removeAll { $0.id == debt.id }
        account.debts.append(debt)
        account.debts.sort { $0.id < $1.id }
        self.box.state.accounts[accountID] = account
    }

    func paymentExists(reference: String) throws -> Bool {
        self.box.state.payments[reference] != nil
    }

    mutating func insertPayment(_ payment: PaymentRecord) throws -> Bool {
        try InMemoryStore.insertPayment(&self.box.state, payment)
    }

    private static func later(_ lhs: UTCInstant?, _ rhs: UTCInstant?) -> UTCInstant? {
        switch (lhs, rhs) {
        case (nil, let value), (let value, nil): value
        case (let left?, let right?): max(left, right)
        }
    }
}
