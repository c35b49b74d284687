public import DunCore
import GRDB

extension SQLiteStore {
    public func beginAttempt(_ attempt: PlannedAttempt, at: UTCInstant) throws -> AttemptBegin {
        try self.pool.write { db in try Self.begin(db, attempt, at: at) }
    }

    public func beginAttempts(_ attempts: [PlannedAttempt], at: UTCInstant) throws -> [AttemptBegin] {
        try self.pool.write { db in try attempts.map { try Self.begin(db, $0, at: at) } }
    }

    public func markSent(_ key: AttemptKey, gatewayMessageID: String, at: UTCInstant) throws {
        try self.pool.write { db in try Self.markSent(db, key, gatewayMessageID: gatewayMessageID, at: at) }
    }

    public func markSent(_ sent: [(key: AttemptKey, gatewayMessageID: String)], at: UTCInstant) throws {
        try self.pool.write { db in
            for entry in sent {
                try Self.markSent(db, entry.key, gatewayMessageID: entry.gatewayMessageID, at: at)
            }
        }
    }

    public func markInDoubt(_ key: AttemptKey, note: String, at: UTCInstant) throws {
        try self.pool.write { db in
            let record = try Self.require(db, key)
            guard record.state == .dispatching else { return }
            try db.execute(
                sql: "UPDATE attempts SET state = 'in_doubt', note = ? WHERE idempotency_key = ?",
                arguments: [note, key.rawValue]
            )
            try Self.audit(
                db,
                at: at,
                actor: "runner",
                action: "attempt.in_doubt",
                accountID: record.attempt.accountID,
                detail: "\(key) \(note)"
            )
        }
    }

    public func markFailed(_ key: AttemptKey, note: String, at: UTCInstant) throws {
        try self.pool.write { db in
            let record = try Self.require(db, key)
            guard record.state == .dispatching || record.state == .inDoubt || record.state == .planned else { return }
            try db.execute(
                sql: "UPDATE attempts SET state = 'failed', note = ?, result_at = ? WHERE idempotency_key = ?",
                arguments: [note, at.secondsSinceEpoch, key.rawValue]
            )
            try Self.audit(
                db,
                at: at,
                actor: "runner",
                action: "attempt.failed",
                accountID: record.attempt.accountID,
                detail: "\(key) \(note)"
            )
        }
    }

    @discardableResult
    public func recordResult(_ key: AttemptKey, _ result: AttemptResult, at: UTCInstant, source: String) throws -> Bool
    {
        try self.pool.write { db in try Self.recordResult(db, key, result, at: at, source: source) }
    }

    public func recordCompletedAttempt(
        _ attempt: PlannedAttempt,
        result: AttemptResult,
        at: UTCInstant,
        source: String
    ) throws {
        try self.pool.write { db in
            guard case .begun = try Self.begin(db, attempt, at: at, actor: source) else { return }
            try db.execute(
                sql: "UPDATE attempts SET state = 'sent', sent_at = ? WHERE idempotency_key = ?",
                arguments: [at.secondsSinceEpoch, attempt.key.rawValue]
            )
            try Self.recordResult(db, attempt.key, result, at: at, source: source)
        }
    }

    public func attemptKey(gatewayMessageID: String) throws -> AttemptKey? {
        try self.pool.read { db in
            try String.fetchOne(
                db,
                sql: "SELECT idempotency_key FROM attempts WHERE gateway_message_id = ?",
                arguments: [gatewayMessageID]
            ).map(AttemptKey.init(rawValue:))
        }
    }

    public func attempt(_ key: AttemptKey) throws -> AttemptRecord? {
        try self.pool.read { db in try Self.fetchAttempt(db, key) }
    }

    public func attemptsInDoubt() throws -> [AttemptRecord] {
        try self.pool.read { db in
            try Self.fetchAttempts(
                db,
                sql: "WHERE state IN ('dispatching', 'in_doubt') ORDER BY created_at, idempotency_key",
                arguments: []
            )
        }
    }

    public func attempts(accountID: String?) throws -> [AttemptRecord] {
        try self.pool.read { db in
            if let accountID {
                return try Self.fetchAttempts(
                    db,
                    sql: "WHERE account_id = ? ORDER BY created_at, idempotency_key",
                    arguments: [accountID]
                )
            }
            return try Self.fetchAttempts(db, sql: "ORDER BY created_at, idempotency_key", arguments: [])
        }
    }

    // MARK: - Inside a transaction

    static func begin(
        _ db: Database,
        _ attempt: PlannedAttempt,
        at: UTCInstant,
        actor: String = "runner"
    ) throws -> AttemptBegin {
        if let existing = try Self.fetchAttempt(db, attempt.key) {
            return .existing(existing)
        }
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO attempts (idempotency_key, account_id, campaign, variant, step, channel, destination,
                    debt_bucket, template, due_at, state, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'dispatching', ?)
                """
        )
        try statement.execute(arguments: [
            attempt.key.rawValue, attempt.accountID, attempt.campaign, attempt.variant, attempt.step,
            attempt.channel.rawValue, attempt.destination, attempt.debtBucket, attempt.template,
            attempt.dueAt.secondsSinceEpoch, at.secondsSinceEpoch,
        ])
        try Self.audit(
            db,
            at: at,
            actor: actor,
            action: "attempt.begin",
            accountID: attempt.accountID,
            detail: "\(attempt.key) \(attempt.channel.rawValue) \(attempt.destination) bucket=\(attempt.debtBucket)"
        )
        return .begun(AttemptRecord(attempt: attempt, state: .dispatching, createdAt: at))
    }

    static func markSent(_ db: Database, _ key: AttemptKey, gatewayMessageID: String, at: UTCInstant) throws {
        let record = try Self.require(db, key)
        if AttemptState.sent.rank > record.state.rank {
            try db.execute(
                sql: """
                    UPDATE attempts SET state = 'sent', gateway_message_id = ?, sent_at = ?
                    WHERE idempotency_key = ?
                    """,
                arguments: [gatewayMessageID, at.secondsSinceEpoch, key.rawValue]
            )
        } else if record.gatewayMessageID == nil && record.state != .failed {
            // A result webhook can overtake the send acknowledgement; keep the id for later lookups.
            try db.execute(
                sql:
                    "UPDATE attempts SET gateway_message_id = ?, sent_at = coalesce(sent_at, ?) WHERE idempotency_key = ?",
                arguments: [gatewayMessageID, at.secondsSinceEpoch, key.rawValue]
            )
        } else {
            return
        }
        try Self.audit(
            db,
            at: at,
            actor: "runner",
            action: "attempt.sent",
            accountID: record.attempt.accountID,
            detail: "\(key) gateway=\(gatewayMessageID)"
        )
    }

    @discardableResult
    static func recordResult(
        _ db: Database,
        _ key: AttemptKey,
        _ result: AttemptResult,
        at: UTCInstant,
        source: String
    ) throws -> Bool {
        let record = try Self.require(db, key)
        let outcome = try db.cachedStatement(
            sql: """
                INSERT INTO outcomes (idempotency_key, account_id, result, at, source) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (idempotency_key, result) DO NOTHING
                """
        )
        try outcome.execute(arguments: [
            key.rawValue, record.attempt.accountID, result.rawValue, at.secondsSinceEpoch, source,
        ])
        let appended = db.changesCount > 0
        var changed = false
        if record.state != .result {
            try db.execute(
                sql: "UPDATE attempts SET state = 'result', result = ?, result_at = ? WHERE idempotency_key = ?",
                arguments: [result.rawValue, at.secondsSinceEpoch, key.rawValue]
            )
            changed = true
        }
        if appended || changed {
            try Self.audit(
                db,
                at: at,
                actor: source,
                action: "attempt.result",
                accountID: record.attempt.accountID,
                detail:
                    "\(key) \(result.rawValue)\(changed ? "" : " (after final result \(record.result?.rawValue ?? "?"))")"
            )
        }
        return changed
    }

    static func require(_ db: Database, _ key: AttemptKey) throws -> AttemptRecord {
        guard let record = try Self.fetchAttempt(db, key) else { throw StoreError.unknownAttempt(key) }
        return record
    }

    static func fetchAttempt(_ db: Database, _ key: AttemptKey) throws -> AttemptRecord? {
        try Self.fetchAttempts(db, sql: "WHERE idempotency_key = ?", arguments: [key.rawValue]).first
    }

    static func fetchAttempts(_ db: Database, sql: String, arguments: StatementArguments) throws -> [AttemptRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM attempts \(sql)", arguments: arguments).map(Self.attemptRecord)
    }

    static func attemptRecord(_ row: Row) -> AttemptRecord {
        let resultText: String? = row["result"]
        return AttemptRecord(
            attempt: PlannedAttempt(
                key: AttemptKey(rawValue: row["idempotency_key"]),
                accountID: row["account_id"],
                campaign: row["campaign"],
                variant: row["variant"],
                step: row["step"],
                channel: Channel(rawValue: row["channel"]) ?? .sms,
                destination: row["destination"],
                debtBucket: row["debt_bucket"],
                template: row["template"],
                dueAt: UTCInstant(secondsSinceEpoch: row["due_at"])
            ),
            state: AttemptState(rawValue: row["state"]) ?? .inDoubt,
            gatewayMessageID: row["gateway_message_id"],
            createdAt: UTCInstant(secondsSinceEpoch: row["created_at"]),
            sentAt: UTCInstant(optionalSeconds: row["sent_at"]),
            resultAt: UTCInstant(optionalSeconds: row["result_at"]),
            result: resultText.flatMap(AttemptResult.init(rawValue:)),
            note: row["note"]
        )
    }
}

extension SQLiteStore {
    /// An operator's finding on an attempt in doubt (`dun attempts resolve`), written durably with an audit
    /// entry (`attempt.resolve`, actor `by`): `sent` (the gateway has it: state `sent`) or not (state
    /// `failed`). The runner never resends an attempt's key; an attempt in doubt was already handed to the
    /// engine as a failure, so the campaign moved on as after any failure.
    ///
    /// - Throws: `StoreError` when the key is unknown or the attempt is not in doubt.
    public func resolveInDoubt(
        _ key: AttemptKey,
        sent: Bool,
        note: String,
        by: String,
        at: UTCInstant
    ) throws
        -> AttemptRecord
    {
        try self.pool.write { db in
            let record = try Self.require(db, key)
            guard record.state == .inDoubt else {
                throw StoreError.invalidTransition(
                    "attempt \(key) is \(record.state.rawValue), not in_doubt"
                        + (record.state == .dispatching
                            ? " (the runner reconciles it with the gateway at its next start)" : "")
                )
            }
            let finding = sent ? "sent" : "not_sent"
            let text = "resolved by \(by): \(sent ? "sent" : "not sent")\(note.isEmpty ? "" : " (\(note))")"
            try db.execute(
                sql: """
                    UPDATE attempts SET state = ?, note = ?, result_at = coalesce(result_at, ?)
                    WHERE idempotency_key = ?
                    """,
                arguments: [sent ? "sent" : "failed", text, at.secondsSinceEpoch, key.rawValue]
            )
            try Self.audit(
                db,
                at: at,
                actor: by,
                action: "attempt.resolve",
                accountID: record.attempt.accountID,
                detail: "\(key) \(finding) \(note)"
            )
            return try Self.require(db, key)
        }
    }
}
