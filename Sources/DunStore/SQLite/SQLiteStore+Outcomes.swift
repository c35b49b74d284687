public import DunCore
import GRDB

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension SQLiteStore {
    // MARK: - Enrolments

    public func saveEnrolments(_ enrolments: [Enrolment]) throws {
        try self.pool.write { db in try Self.saveEnrolments(db, enrolments) }
    }

    /// `saveEnrolments` inside a caller's transaction.
    static func saveEnrolments(_ db: Database, _ enrolments: [Enrolment]) throws {
        do {
            let statement = try db.cachedStatement(
                sql: """
                    INSERT OR REPLACE INTO enrolments (account_id, campaign, variant, step, status, next_due_at, cursor,
                        end_reason, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            )
            for enrolment in enrolments {
                try statement.execute(arguments: [
                    enrolment.accountID, enrolment.campaign, enrolment.variant, enrolment.step,
                    enrolment.status.rawValue, enrolment.nextDueAt?.secondsSinceEpoch,
                    Data(enrolment.cursor), enrolment.endReason,
                    enrolment.updatedAt.secondsSinceEpoch,
                ])
                if enrolment.status == .ended {
                    try Self.audit(
                        db,
                        at: enrolment.updatedAt,
                        actor: "runner",
                        action: "enrolment.ended",
                        accountID: enrolment.accountID,
                        detail: "\(enrolment.campaign)/\(enrolment.variant) \(enrolment.endReason)"
                    )
                }
            }
        }
    }

    public func enrolments() throws -> [Enrolment] {
        try self.pool.read { db in try Self.fetchEnrolments(db) }
    }

    static func fetchEnrolments(_ db: Database) throws -> [Enrolment] {
        try Row.fetchAll(db, sql: "SELECT * FROM enrolments ORDER BY account_id, campaign").map { row in
            let data: Data? = row["cursor"]
            let cursor = data.map { Array($0) } ?? []
            return Enrolment(
                accountID: row["account_id"],
                campaign: row["campaign"],
                variant: row["variant"],
                step: row["step"],
                status: Enrolment.Status(rawValue: row["status"]) ?? .active,
                nextDueAt: UTCInstant(optionalSeconds: row["next_due_at"]),
                cursor: cursor,
                endReason: row["end_reason"],
                updatedAt: UTCInstant(secondsSinceEpoch: row["updated_at"])
            )
        }
    }

    // MARK: - Policy decisions

    public func recordDecisions(_ decisions: [PolicyDecisionRecord]) throws {
        try self.pool.write { db in try Self.insertDecisions(db, decisions) }
    }

    /// `recordDecisions` inside a caller's transaction.
    static func insertDecisions(_ db: Database, _ decisions: [PolicyDecisionRecord]) throws {
        do {
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO policy_decisions (account_id, campaign, variant, step, channel, destination, candidate_at,
                        rule, citation, reason, next_allowed, decided_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            )
            for decision in decisions {
                try statement.execute(arguments: [
                    decision.accountID, decision.campaign, decision.variant, decision.step, decision.channel.rawValue,
                    decision.destination, decision.candidateAt.secondsSinceEpoch, decision.rule, decision.citation,
                    decision.reason, decision.nextAllowed?.secondsSinceEpoch, decision.decidedAt.secondsSinceEpoch,
                ])
            }
        }
    }

    // MARK: - Payments and promises

    @discardableResult
    public func recordPayment(_ payment: PaymentRecord) throws -> Bool {
        try self.pool.write { db in try Self.insertPayment(db, payment) }
    }

    static func insertPayment(_ db: Database, _ payment: PaymentRecord) throws -> Bool {
        guard
            try Bool.fetchOne(
                db,
                sql: "SELECT EXISTS (SELECT 1 FROM accounts WHERE id = ?)",
                arguments: [payment.accountID]
            ) == true
        else { throw StoreError.unknownAccount(payment.accountID) }
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO payments (reference, account_id, debt_id, amount_cents, paid_at, method, source)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (reference) DO NOTHING
                """
        )
        try statement.execute(arguments: [
            payment.reference, payment.accountID, payment.debtID, payment.amount.cents,
            payment.paidAt.secondsSinceEpoch, payment.method, payment.source,
        ])
        guard db.changesCount > 0 else { return false }
        try Self.audit(
            db,
            at: payment.paidAt,
            actor: payment.source,
            action: "payment",
            accountID: payment.accountID,
            detail: "\(payment.reference) \(payment.amount.decimalString)"
        )
        return true
    }

    public func recordPromise(_ promise: PromiseRecord) throws -> PromiseRecord {
        try self.pool.write { db in
            guard
                try Bool.fetchOne(
                    db,
                    sql: "SELECT EXISTS (SELECT 1 FROM accounts WHERE id = ?)",
                    arguments: [promise.accountID]
                ) == true
            else { throw StoreError.unknownAccount(promise.accountID) }
            try db.execute(
                sql: """
                    INSERT INTO promises (account_id, debt_id, amount_cents, due_date, status, recorded_at, source)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    promise.accountID, promise.debtID, promise.amount.cents, promise.dueDate.description,
                    promise.status.rawValue, promise.recordedAt.secondsSinceEpoch, promise.source,
                ]
            )
            var stored = promise
            stored.id = db.lastInsertedRowID
            try Self.audit(
                db,
                at: promise.recordedAt,
                actor: promise.source,
                action: "promise",
                accountID: promise.accountID,
                detail: "#\(stored.id) \(promise.amount.decimalString) due \(promise.dueDate)"
            )
            return stored
        }
    }

    public func setPromiseStatus(id: Int64, _ status: PromiseRecord.Status, at: UTCInstant, source: String) throws {
        try self.pool.write { db in
            guard
                let accountID = try String.fetchOne(
                    db,
                    sql: "SELECT account_id FROM promises WHERE id = ?",
                    arguments: [id]
                )
            else { throw StoreError.unknownPromise(id) }
            try db.execute(
                sql: "UPDATE promises SET status = ?, resolved_at = ? WHERE id = ?",
                arguments: [status.rawValue, at.secondsSinceEpoch, id]
            )
            try Self.audit(
                db,
                at: at,
                actor: source,
                action: "promise.\(status.rawValue)",
                accountID: accountID,
                detail: "#\(id)"
            )
        }
    }

    public func pendingPromises() throws -> [PromiseRecord] {
        try self.pool.read { db in try Self.fetchPendingPromises(db) }
    }

    static func fetchPendingPromises(_ db: Database) throws -> [PromiseRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM promises WHERE status = 'pending' ORDER BY due_date, id").map { row in
            let cents: Int64 = row["amount_cents"]
            let due: String = row["due_date"]
            return PromiseRecord(
                id: row["id"],
                accountID: row["account_id"],
                debtID: row["debt_id"],
                amount: Money(cents: cents),
                dueDate: CivilDate(iso: due) ?? CivilDate(year: 1970, month: 1, day: 1),
                status: PromiseRecord.Status(rawValue: row["status"]) ?? .pending,
                recordedAt: UTCInstant(secondsSinceEpoch: row["recorded_at"]),
                source: row["source"]
            )
        }
    }

    // MARK: - Runs

    public func startRun(_ run: RunRecord) throws {
        try self.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO runs (id, started_at, heartbeat_at, clock_at, status) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at, clock_at = excluded.clock_at,
                        status = excluded.status
                    """,
                arguments: [
                    run.id, run.startedAt.secondsSinceEpoch, run.heartbeatAt.secondsSinceEpoch,
                    run.clockAt.secondsSinceEpoch, run.status,
                ]
            )
            try db.execute(sql: "DELETE FROM run_arms WHERE run_id = ?", arguments: [run.id])
            for (position, arm) in run.arms.enumerated() {
                try db.execute(
                    sql:
                        "INSERT INTO run_arms (run_id, position, campaign, variant, share, path) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [run.id, position, arm.campaign, arm.variant, arm.share, arm.path]
                )
            }
            try Self.savePools(db, run)
            let arms = run.arms.map { "\($0.campaign)/\($0.variant):\($0.share)" }.joined(separator: ",")
            try Self.audit(db, at: run.heartbeatAt, actor: "runner", action: "run.start", detail: "\(run.id) \(arms)")
        }
    }

    public func heartbeat(runID: String, at: UTCInstant, clock: UTCInstant) throws {
        try self.pool.write { db in
            try db.execute(
                sql: "UPDATE runs SET heartbeat_at = ?, clock_at = ? WHERE id = ?",
                arguments: [at.secondsSinceEpoch, clock.secondsSinceEpoch, runID]
            )
            if db.changesCount == 0 { throw StoreError.unknownRun(runID) }
        }
    }

    public func finishRun(runID: String, at: UTCInstant) throws {
        try self.pool.write { db in
            try db.execute(
                sql: "UPDATE runs SET status = 'stopped', heartbeat_at = ? WHERE id = ?",
                arguments: [at.secondsSinceEpoch, runID]
            )
            if db.changesCount == 0 { throw StoreError.unknownRun(runID) }
            try Self.audit(db, at: at, actor: "runner", action: "run.stop", detail: runID)
        }
    }

    public func run(id: String) throws -> RunRecord? {
        try self.pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [id]) else {
                return nil
            }
            let arms = try Row.fetchAll(
                db,
                sql: "SELECT * FROM run_arms WHERE run_id = ? ORDER BY position",
                arguments: [id]
            ).map { arm in
                RunRecord.Arm(
                    campaign: arm["campaign"],
                    variant: arm["variant"],
                    share: arm["share"],
                    path: arm["path"]
                )
            }
            return RunRecord(
                id: row["id"],
                startedAt: UTCInstant(secondsSinceEpoch: row["started_at"]),
                heartbeatAt: UTCInstant(secondsSinceEpoch: row["heartbeat_at"]),
                clockAt: UTCInstant(secondsSinceEpoch: row["clock_at"]),
                status: row["status"],
                arms: arms,
                pools: try Self.loadPools(db, runID: id)
            )
        }
    }
}
