public import DunCore
import GRDB

extension SQLiteStore: RunJournal {
    /// Registers the journal's migration; called last in `migrator`, after every other migration.
    static func registerJournalMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2-engine-inputs") { db in
            try db.execute(
                sql: """
                    CREATE TABLE engine_inputs (
                        run_id TEXT NOT NULL,
                        seq INTEGER NOT NULL,
                        at INTEGER NOT NULL,
                        kind TEXT NOT NULL,
                        payload TEXT NOT NULL,
                        PRIMARY KEY (run_id, seq)
                    ) WITHOUT ROWID;
                    """
            )
        }
    }

    public func commit(_ batch: RunBatch, at: UTCInstant) throws -> [AttemptBegin] {
        try self.pool.write { db in
            if !batch.inputs.isEmpty {
                let statement = try db.cachedStatement(
                    sql: "INSERT INTO engine_inputs (run_id, seq, at, kind, payload) VALUES (?, ?, ?, ?, ?)"
                )
                for entry in batch.inputs {
                    try statement.execute(arguments: [
                        entry.runID, entry.sequence, entry.at.secondsSinceEpoch, entry.kind, entry.payload,
                    ])
                }
            }
            for event in batch.consumerEvents {
                try Self.insertConsumerEvent(db, event)
            }
            for entry in batch.sent {
                try Self.markSent(db, entry.key, gatewayMessageID: entry.gatewayMessageID, at: at)
            }
            for entry in batch.failed {
                let record = try Self.require(db, entry.key)
                guard record.state == .dispatching || record.state == .inDoubt || record.state == .planned else {
                    continue
                }
                try db.execute(
                    sql: "UPDATE attempts SET state = 'failed', note = ?, result_at = ? WHERE idempotency_key = ?",
                    arguments: [entry.note, at.secondsSinceEpoch, entry.key.rawValue]
                )
                try Self.audit(
                    db,
                    at: at,
                    actor: "runner",
                    action: "attempt.failed",
                    accountID: record.attempt.accountID,
                    detail: "\(entry.key) \(entry.note)"
                )
            }
            for entry in batch.inDoubt {
                let record = try Self.require(db, entry.key)
                guard record.state == .dispatching else { continue }
                try db.execute(
                    sql: "UPDATE attempts SET state = 'in_doubt', note = ? WHERE idempotency_key = ?",
                    arguments: [entry.note, entry.key.rawValue]
                )
                try Self.audit(
                    db,
                    at: at,
                    actor: "runner",
                    action: "attempt.in_doubt",
                    accountID: record.attempt.accountID,
                    detail: "\(entry.key) \(entry.note)"
                )
            }
            for entry in batch.results {
                try Self.recordResult(db, entry.key, entry.result, at: at, source: entry.source)
            }
            let begun = try batch.begins.map { try Self.begin(db, $0, at: at) }
            if !batch.decisions.isEmpty {
                try Self.insertDecisions(db, batch.decisions)
            }
            if !batch.enrolments.isEmpty {
                try Self.saveEnrolments(db, batch.enrolments)
            }
            return begun
        }
    }

    public func journal(runID: String) throws -> [JournalEntry] {
        try self.pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT seq, at, kind, payload FROM engine_inputs WHERE run_id = ? ORDER BY seq",
                arguments: [runID]
            ).map { row in
                JournalEntry(
                    runID: runID,
                    sequence: row["seq"],
                    at: UTCInstant(secondsSinceEpoch: row["at"]),
                    kind: row["kind"],
                    payload: row["payload"]
                )
            }
        }
    }

    public func auditHighWater() throws -> Int64 {
        try self.pool.read { db in try Int64.fetchOne(db, sql: "SELECT max(seq) FROM audit_log") ?? 0 }
    }
}
