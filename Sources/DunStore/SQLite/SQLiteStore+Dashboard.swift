public import DunCore
import GRDB

extension SQLiteStore: DashboardReader {
    /// Registers the dashboard's migration (capacity pools of a run); called after every other migration.
    static func registerDashboardMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v3-run-pools") { db in
            try db.execute(
                sql: """
                    CREATE TABLE run_pools (
                        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        channel TEXT NOT NULL,
                        rate_attempts INTEGER,                      -- NULL: no rate limit
                        rate_interval_seconds INTEGER NOT NULL,
                        seats INTEGER,                              -- NULL: no seat limit
                        PRIMARY KEY (run_id, position)
                    ) WITHOUT ROWID;
                    """
            )
        }
    }

    /// Replaces the stored pools of `run` (inside `startRun`'s transaction).
    static func savePools(_ db: Database, _ run: RunRecord) throws {
        guard try db.tableExists("run_pools") else { return }
        try db.execute(sql: "DELETE FROM run_pools WHERE run_id = ?", arguments: [run.id])
        for (position, pool) in run.pools.enumerated() {
            try db.execute(
                sql: """
                    INSERT INTO run_pools (run_id, position, channel, rate_attempts, rate_interval_seconds, seats)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    run.id, position, pool.channel.rawValue, pool.rateAttempts, pool.rateIntervalSeconds, pool.seats,
                ]
            )
        }
    }

    /// The stored pools of `runID`, in the order the runner gave them; empty for a store migrated before
    /// `v3-run-pools` and opened read-only.
    static func loadPools(_ db: Database, runID: String) throws -> [RunPool] {
        guard try db.tableExists("run_pools") else { return [] }
        return try Row.fetchAll(
            db,
            sql: "SELECT * FROM run_pools WHERE run_id = ? ORDER BY position",
            arguments: [runID]
        ).compactMap { row in
            guard let channel = Channel(rawValue: row["channel"]) else { return nil }
            return RunPool(
                channel: channel,
                rateAttempts: row["rate_attempts"],
                rateIntervalSeconds: row["rate_interval_seconds"],
                seats: row["seats"]
            )
        }
    }

    public func latestRun() throws -> RunRecord? {
        let id = try self.pool.read { db in
            try String.fetchOne(db, sql: "SELECT id FROM runs ORDER BY started_at DESC, heartbeat_at DESC, id LIMIT 1")
        }
        guard let id else { return nil }
        return try self.run(id: id)
    }

    /// Results that reached the consumer, as `armOutcomeRows` counts them.
    static let reachedResults = "('delivered', 'answered', 'conversation', 'voicemail', 'limited_content_message')"

    public func dashboardData(now: UTCInstant, rateWindowSeconds: Int64, eventLimit: Int) throws -> DashboardData {
        let dayStart = UTCInstant(date: now.utcDate).secondsSinceEpoch
        // Today ends at `now` inclusive: a run's clock second is itself part of "so far".
        let end = now.secondsSinceEpoch + 1
        let windowStart = end - max(1, rateWindowSeconds)
        return try self.pool.read { db in
            var channels: [Channel: ChannelDashboardCounts] = [:]
            func update(_ channelText: String, _ body: (inout ChannelDashboardCounts) -> Void) {
                guard let channel = Channel(rawValue: channelText) else { return }
                body(&channels[channel, default: ChannelDashboardCounts(channel: channel)])
            }
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT channel,
                        count(*) AS requests,
                        sum(state IN ('sent', 'result')) AS sent,
                        sum(state = 'result' AND result IN \(Self.reachedResults)) AS delivered,
                        sum(state = 'failed' OR result = 'failed') AS failed,
                        sum(state IN ('failed', 'in_doubt')) AS errors
                    FROM attempts WHERE created_at >= ? AND created_at < ? GROUP BY channel
                    """,
                arguments: [dayStart, end]
            ) {
                update(row["channel"]) { counts in
                    counts.requestsToday = row["requests"]
                    counts.sentToday = row["sent"]
                    counts.deliveredToday = row["delivered"]
                    counts.failedToday = row["failed"]
                    counts.errorsToday = row["errors"]
                }
            }
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT channel,
                        sum(state IN ('dispatching', 'in_doubt')) AS open,
                        sum(state = 'sent') AS awaiting,
                        sum(created_at >= ? AND created_at < ?) AS in_window
                    FROM attempts WHERE state IN ('dispatching', 'in_doubt', 'sent') OR created_at >= ?
                    GROUP BY channel
                    """,
                arguments: [windowStart, end, windowStart]
            ) {
                update(row["channel"]) { counts in
                    counts.open = row["open"]
                    counts.awaitingResult = row["awaiting"]
                    counts.dispatchedInWindow = row["in_window"]
                }
            }
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT channel, note FROM attempts a
                    WHERE state IN ('failed', 'in_doubt') AND note IS NOT NULL AND note != ''
                        AND rowid = (SELECT b.rowid FROM attempts b WHERE b.channel = a.channel
                            AND b.state IN ('failed', 'in_doubt') AND b.note IS NOT NULL AND b.note != ''
                            ORDER BY coalesce(b.result_at, b.created_at) DESC, b.created_at DESC,
                                b.idempotency_key DESC LIMIT 1)
                    """
            ) {
                let note: String = row["note"]
                update(row["channel"]) { $0.lastError = note }
            }
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT channel, rule, count(*) AS n, sum(next_allowed IS NULL) AS terminal FROM policy_decisions
                    WHERE decided_at >= ? AND decided_at < ? GROUP BY channel, rule ORDER BY channel, n DESC, rule
                    """,
                arguments: [dayStart, end]
            ) {
                let rule = RuleCount(rule: row["rule"], count: row["n"], terminal: row["terminal"])
                update(row["channel"]) { counts in
                    counts.deferredToday += rule.count
                    counts.rulesToday.append(rule)
                }
            }
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT channel, count(*) AS n FROM (
                        SELECT channel, max(next_allowed) AS until FROM policy_decisions
                        WHERE next_allowed IS NOT NULL GROUP BY account_id, campaign, step, channel
                    ) WHERE until > ? GROUP BY channel
                    """,
                arguments: [now.secondsSinceEpoch]
            ) {
                update(row["channel"]) { $0.waiting = row["n"] }
            }
            let arms = try Row.fetchAll(
                db,
                sql: """
                    SELECT e.campaign, e.variant, count(*) AS accounts,
                        coalesce(sum((SELECT count(*) FROM attempts a WHERE a.account_id = e.account_id
                            AND a.campaign = e.campaign AND a.variant = e.variant
                            AND a.result IN \(Self.reachedResults))), 0) AS contacts,
                        coalesce(sum((SELECT count(*) FROM promises r WHERE r.account_id = e.account_id)), 0)
                            AS promises,
                        coalesce(sum((SELECT count(*) FROM payments p WHERE p.account_id = e.account_id)), 0)
                            AS payments,
                        coalesce(sum((SELECT coalesce(sum(amount_cents), 0) FROM payments p
                            WHERE p.account_id = e.account_id)), 0) AS collected,
                        coalesce(sum((SELECT coalesce(sum(balance_cents), 0) FROM debts d
                            WHERE d.account_id = e.account_id)), 0) AS placed,
                        coalesce(sum(EXISTS (SELECT 1 FROM payments p WHERE p.account_id = e.account_id)), 0)
                            AS paying
                    FROM enrolments e GROUP BY e.campaign, e.variant ORDER BY e.campaign, e.variant
                    """
            ).map { row in
                ArmDashboardCounts(
                    campaign: row["campaign"],
                    variant: row["variant"],
                    accounts: row["accounts"],
                    contacts: row["contacts"],
                    promises: row["promises"],
                    payments: row["payments"],
                    collected: Money(cents: row["collected"]),
                    placed: Money(cents: row["placed"]),
                    payingAccounts: row["paying"]
                )
            }
            let rules = try Row.fetchAll(
                db,
                sql: """
                    SELECT rule, count(*) AS n, sum(next_allowed IS NULL) AS terminal FROM policy_decisions
                    GROUP BY rule ORDER BY n DESC, rule
                    """
            ).map { RuleCount(rule: $0["rule"], count: $0["n"], terminal: $0["terminal"]) }
            let events = try Row.fetchAll(
                db,
                sql: "SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?",
                arguments: [max(0, eventLimit)]
            ).map(Self.auditEntry)
            return DashboardData(
                channels: channels.values.sorted { $0.channel < $1.channel },
                arms: arms,
                rules: rules,
                events: events
            )
        }
    }
}
