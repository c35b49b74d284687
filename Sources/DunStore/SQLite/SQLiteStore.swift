import DunCore
import GRDB

/// The SQLite backend of `Store` (through GRDB): one file, WAL journal, so that `dun status` and `dun report`
/// read while `dun run` writes.
///
/// Durability: `synchronous = FULL`. In WAL mode, NORMAL may lose the last transactions on power loss or an
/// OS crash (they survive only a process crash); an outcome acknowledged to a webhook with a 2xx, or an attempt
/// marked `dispatching` before a gateway call, must survive both, so every commit syncs the WAL. Batch methods
/// exist so that a busy runner pays one sync per batch rather than per attempt.
///
/// Concurrency: a pool of reader connections (snapshot isolation) and one writer; other processes wait up to
/// `busyTimeoutSeconds` for a lock instead of failing.
///
/// ```swift
/// let store = try SQLiteStore(path: "dun.sqlite")
/// let begin = try store.beginAttempt(planned, at: now)
/// ```
public final class SQLiteStore: Store, StoreReader {
    /// The database file.
    public let path: String
    let pool: DatabasePool

    /// Opens (creating when missing) the store at `path` and applies pending migrations.
    ///
    /// - Parameters:
    ///   - path: The SQLite file.
    ///   - busyTimeoutSeconds: How long a connection waits for another process's lock.
    ///   - readOnly: Open without migrating or writing (dashboards, reports).
    /// - Throws: A GRDB `DatabaseError` when the file cannot be opened or migrated.
    public init(path: String, busyTimeoutSeconds: Double = 10, readOnly: Bool = false) throws {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeoutSeconds)
        configuration.foreignKeysEnabled = true
        configuration.readonly = readOnly
        configuration.label = "dun-store"
        self.pool = try DatabasePool(path: path, configuration: configuration)
        if !readOnly {
            // After GRDB's WAL set-up, which chooses NORMAL; the pool keeps this one writer connection.
            try self.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            try Self.migrator.migrate(self.pool)
        }
    }

    /// The names of the applied migrations, oldest first.
    public func appliedMigrations() throws -> [String] {
        try self.pool.read { db in try Self.migrator.appliedMigrations(db) }
    }

    /// The value of a PRAGMA on a writer connection (for tests and `dun doctor`-style checks).
    public func pragma(_ name: String) throws -> String {
        try self.pool.write { db in try String.fetchOne(db, sql: "PRAGMA \(name)") ?? "" }
    }

    // MARK: - Audit

    static func audit(
        _ db: Database,
        at: UTCInstant,
        actor: String,
        action: String,
        accountID: String = "",
        detail: String = ""
    ) throws {
        let statement = try db.cachedStatement(
            sql: "INSERT INTO audit_log (at, actor, action, account_id, detail) VALUES (?, ?, ?, ?, ?)"
        )
        try statement.execute(arguments: [at.secondsSinceEpoch, actor, action, accountID, detail])
    }

    public func auditLog(after sequence: Int64, limit: Int) throws -> [AuditEntry] {
        try self.pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?",
                arguments: [sequence, limit]
            ).map(Self.auditEntry)
        }
    }

    static func auditEntry(_ row: Row) -> AuditEntry {
        AuditEntry(
            sequence: row["seq"],
            at: UTCInstant(secondsSinceEpoch: row["at"]),
            actor: row["actor"],
            action: row["action"],
            accountID: row["account_id"],
            detail: row["detail"]
        )
    }

    // MARK: - Restore

    public func loadRestoreState() throws -> RestoreState {
        try self.pool.read { db in
            RestoreState(
                accounts: try Self.fetchAccounts(db, id: nil),
                enrolments: try Self.fetchEnrolments(db),
                attempts: try Self.fetchAttempts(db, sql: "ORDER BY created_at, idempotency_key", arguments: []),
                consumerEvents: try Self.fetchEvents(db, accountID: nil),
                suppressions: try Self.fetchSuppressions(db),
                pendingPromises: try Self.fetchPendingPromises(db)
            )
        }
    }
}

extension UTCInstant {
    init?(optionalSeconds seconds: Int64?) {
        guard let seconds else { return nil }
        self.init(secondsSinceEpoch: seconds)
    }
}

extension SQLiteStore {
    /// Runs raw SQL in a write transaction. For tests and maintenance only; the store's API is the contract.
    package func executeForTesting(_ sql: String) throws {
        try self.pool.write { db in try db.execute(sql: sql) }
    }
}
