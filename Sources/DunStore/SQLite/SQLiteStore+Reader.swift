public import DunCore
import GRDB

extension SQLiteStore {
    public func channelCounts(from: UTCInstant, to: UTCInstant) throws -> [ChannelCounts] {
        try self.pool.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT channel, count(*) AS attempted,
                        sum(state IN ('sent', 'result')) AS sent,
                        sum(state = 'result') AS with_result,
                        sum(state = 'failed') AS failed,
                        sum(state IN ('dispatching', 'in_doubt')) AS open
                    FROM attempts WHERE created_at >= ? AND created_at < ? GROUP BY channel
                    """,
                arguments: [from.secondsSinceEpoch, to.secondsSinceEpoch]
            )
            return rows.compactMap { row -> ChannelCounts? in
                guard let channel = Channel(rawValue: row["channel"]) else { return nil }
                return ChannelCounts(
                    channel: channel,
                    attempted: row["attempted"],
                    sent: row["sent"],
                    withResult: row["with_result"],
                    failed: row["failed"],
                    open: row["open"]
                )
            }.sorted { $0.channel < $1.channel }
        }
    }

    public func deferralsByRule(from: UTCInstant, to: UTCInstant) throws -> [RuleCount] {
        try self.pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT rule, count(*) AS n, sum(next_allowed IS NULL) AS terminal FROM policy_decisions
                    WHERE decided_at >= ? AND decided_at < ? GROUP BY rule ORDER BY n DESC, rule
                    """,
                arguments: [from.secondsSinceEpoch, to.secondsSinceEpoch]
            ).map { RuleCount(rule: $0["rule"], count: $0["n"], terminal: $0["terminal"]) }
        }
    }

    public func latestAuditEntries(limit: Int) throws -> [AuditEntry] {
        try self.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?", arguments: [limit])
                .map(Self.auditEntry)
        }
    }

    public func timeline(accountID: String) throws -> [TimelineEntry] {
        try self.pool.read { db in
            var entries: [TimelineEntry] = []
            let arguments: StatementArguments = [accountID]
            for row in try Row.fetchAll(
                db,
                sql: "SELECT rowid, * FROM attempts WHERE account_id = ?",
                arguments: arguments
            ) {
                let record = Self.attemptRecord(row)
                var summary =
                    "\(record.attempt.channel.rawValue) \(record.attempt.destination) \(record.attempt.campaign)/"
                    + "\(record.attempt.variant) step=\(record.attempt.step) state=\(record.state.rawValue)"
                if let id = record.gatewayMessageID { summary += " gateway=\(id)" }
                if let note = record.note { summary += " note=\(note)" }
                entries.append(
                    TimelineEntry(at: record.createdAt, kind: .attempt, summary: summary, sequence: row["rowid"])
                )
            }
            for row in try Row.fetchAll(db, sql: "SELECT * FROM outcomes WHERE account_id = ?", arguments: arguments) {
                let key: String = row["idempotency_key"]
                let result: String = row["result"]
                let source: String = row["source"]
                entries.append(
                    TimelineEntry(
                        at: UTCInstant(secondsSinceEpoch: row["at"]),
                        kind: .outcome,
                        summary: "\(result) for \(key) (\(source))",
                        sequence: row["seq"]
                    )
                )
            }
            for row in try Row.fetchAll(
                db,
                sql: "SELECT * FROM policy_decisions WHERE account_id = ?",
                arguments: arguments
            ) {
                let channel: String = row["channel"]
                let rule: String = row["rule"]
                let reason: String = row["reason"]
                let next = UTCInstant(optionalSeconds: row["next_allowed"])
                let until = next.map { "until \($0)" } ?? "with no later permitted instant"
                entries.append(
                    TimelineEntry(
                        at: UTCInstant(secondsSinceEpoch: row["decided_at"]),
                        kind: .deferral,
                        summary: "deferred \(channel) by \(rule) \(until): \(reason)",
                        sequence: row["seq"]
                    )
                )
            }
            for row in try Row.fetchAll(
                db,
                sql: "SELECT * FROM consumer_events WHERE account_id = ?",
                arguments: arguments
            ) {
                let kind: String = row["kind"]
                let destination: String? = row["destination"]
                let detail: String = row["detail"]
                let source: String = row["source"]
                var summary = kind
                if let destination { summary += " \(destination)" }
                if !detail.isEmpty { summary += " \(detail)" }
                summary += " (\(source))"
                entries.append(
                    TimelineEntry(
                        at: UTCInstant(secondsSinceEpoch: row["at"]),
                        kind: .event,
                        summary: summary,
                        sequence: row["seq"]
                    )
                )
            }
            for row in try Row.fetchAll(db, sql: "SELECT * FROM payments WHERE account_id = ?", arguments: arguments) {
                let cents: Int64 = row["amount_cents"]
                let reference: String = row["reference"]
                entries.append(
                    TimelineEntry(
                        at: UTCInstant(secondsSinceEpoch: row["paid_at"]),
                        kind: .payment,
                        summary: "paid \(Money(cents: cents).decimalString) ref=\(reference)",
                        sequence: 0
                    )
                )
            }
            for row in try Row.fetchAll(db, sql: "SELECT * FROM promises WHERE account_id = ?", arguments: arguments) {
                let cents: Int64 = row["amount_cents"]
                let due: String = row["due_date"]
                let status: String = row["status"]
                let id: Int64 = row["id"]
                entries.append(
                    TimelineEntry(
                        at: UTCInstant(secondsSinceEpoch: row["recorded_at"]),
                        kind: .promise,
                        summary: "promise #\(id) \(Money(cents: cents).decimalString) due \(due) \(status)",
                        sequence: id
                    )
                )
            }
            return entries.sorted {
                ($0.at, $0.kind, $0.sequence, $0.summary) < ($1.at, $1.kind, $1.sequence, $1.summary)
            }
        }
    }

    public func totals() throws -> StoreTotals {
        try self.pool.read { db in
            func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
            return StoreTotals(
                accounts: try count("SELECT count(*) FROM accounts"),
                activeEnrolments: try count("SELECT count(*) FROM enrolments WHERE status = 'active'"),
                attempts: try count("SELECT count(*) FROM attempts"),
                attemptsInDoubt: try count("SELECT count(*) FROM attempts WHERE state IN ('dispatching', 'in_doubt')"),
                payments: try count("SELECT count(*) FROM payments"),
                paidAmount: Money(
                    cents: try Int64.fetchOne(db, sql: "SELECT coalesce(sum(amount_cents), 0) FROM payments") ?? 0
                ),
                pendingPromises: try count("SELECT count(*) FROM promises WHERE status = 'pending'"),
                suppressions: try count("SELECT count(*) FROM suppressions")
            )
        }
    }
}
