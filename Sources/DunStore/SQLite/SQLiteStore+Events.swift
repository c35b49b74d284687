import DunCore
import GRDB

extension SQLiteStore {
    public func recordConsumerEvent(_ event: StoredConsumerEvent) throws {
        try self.pool.write { db in try Self.insertConsumerEvent(db, event) }
    }

    /// `recordConsumerEvent` inside a caller's transaction.
    static func insertConsumerEvent(_ db: Database, _ event: StoredConsumerEvent) throws {
        guard
            try Bool.fetchOne(
                db,
                sql: "SELECT EXISTS (SELECT 1 FROM accounts WHERE id = ?)",
                arguments: [event.accountID]
            ) == true
        else { throw StoreError.unknownAccount(event.accountID) }
        try db.execute(
            sql: """
                INSERT INTO consumer_events (account_id, kind, at, channel, destination, debt_bucket, until, detail,
                    source)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                event.accountID, event.kind.rawValue, event.at.secondsSinceEpoch, event.channel?.rawValue,
                event.destination, event.debtBucket, event.until?.secondsSinceEpoch, event.detail, event.source,
            ]
        )
        try Self.apply(db, event)
        var detail = event.kind.rawValue
        if let channel = event.channel { detail += " \(channel.rawValue)" }
        if let destination = event.destination { detail += " \(destination)" }
        if !event.detail.isEmpty { detail += " \(event.detail)" }
        // Read back by a running `dun run` (LiveDriver+Feed) to build the engine input.
        if let bucket = event.debtBucket { detail += " debt=\(bucket)" }
        if let until = event.until { detail += " until=\(ISO8601.format(until, offsetSeconds: 0))" }
        try Self.audit(
            db,
            at: event.at,
            actor: event.source,
            action: "event.\(event.kind.rawValue)",
            accountID: event.accountID,
            detail: detail
        )
    }

    /// Makes an event take effect on the account and its destinations.
    private static func apply(_ db: Database, _ event: StoredConsumerEvent) throws {
        let flagColumn: String? =
            switch event.kind {
            case .cease: "cease"
            case .dispute: "dispute"
            case .attorney: "attorney"
            case .bankruptcy: "bankruptcy"
            case .deceased: "deceased"
            case .employerProhibits: "employer_prohibits"
            default: nil
            }
        if let flagColumn {
            try db.execute(sql: "UPDATE accounts SET \(flagColumn) = 1 WHERE id = ?", arguments: [event.accountID])
        }
        switch event.kind {
        case .verificationSent:
            try db.execute(sql: "UPDATE accounts SET dispute = 0 WHERE id = ?", arguments: [event.accountID])
        case .inconvenientTime:
            let spans = try FieldParser.inconvenientTimes(event.detail).get()
            let stored =
                try String.fetchOne(
                    db,
                    sql: "SELECT inconvenient_times FROM accounts WHERE id = ?",
                    arguments: [event.accountID]
                ) ?? ""
            let merged = (try FieldParser.inconvenientTimes(stored).get()) + spans
            try db.execute(
                sql: "UPDATE accounts SET inconvenient_times = ? WHERE id = ?",
                arguments: [FieldParser.format(merged), event.accountID]
            )
        case .optOut:
            guard let destination = event.destination else { return }
            let medium: Suppression.Medium =
                switch event.channel {
                case .sms: .sms
                case .email: .email
                case .call, .agentCall: .call
                case nil: .all
                }
            try db.execute(
                sql: """
                    INSERT INTO suppressions (destination, medium, source, at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (destination, medium) DO NOTHING
                    """,
                arguments: [destination, medium.rawValue, event.source, event.at.secondsSinceEpoch]
            )
        case .optIn:
            // START/UNSTOP: new consent to texts on this number (RF-6-SMS (ii)); other media stay suppressed.
            guard let destination = event.destination else { return }
            try db.execute(
                sql: "DELETE FROM suppressions WHERE destination = ? AND medium = 'sms'",
                arguments: [destination]
            )
            try db.execute(
                sql: """
                    UPDATE phones SET sms_consent_at = max(coalesce(sms_consent_at, 0), ?)
                    WHERE account_id = ? AND number = ?
                    """,
                arguments: [event.at.secondsSinceEpoch, event.accountID, destination]
            )
        case .inbound:
            guard event.channel == .sms, let destination = event.destination else { return }
            try db.execute(
                sql: """
                    UPDATE phones SET last_consumer_text_at = max(coalesce(last_consumer_text_at, 0), ?)
                    WHERE account_id = ? AND number = ?
                    """,
                arguments: [event.at.secondsSinceEpoch, event.accountID, destination]
            )
        default:
            break
        }
    }

    public func consumerEvents(accountID: String?) throws -> [StoredConsumerEvent] {
        try self.pool.read { db in try Self.fetchEvents(db, accountID: accountID) }
    }

    public func suppress(_ suppression: Suppression) throws {
        try self.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO suppressions (destination, medium, source, at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (destination, medium) DO NOTHING
                    """,
                arguments: [
                    suppression.destination, suppression.medium.rawValue, suppression.source,
                    suppression.at.secondsSinceEpoch,
                ]
            )
            guard db.changesCount > 0 else { return }
            try Self.audit(
                db,
                at: suppression.at,
                actor: suppression.source,
                action: "suppression",
                detail: "\(suppression.medium.rawValue) \(suppression.destination)"
            )
        }
    }

    public func accountIDs(destination: String) throws -> [String] {
        try self.pool.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT account_id FROM phones WHERE number = ?
                    UNION SELECT account_id FROM emails WHERE address = ? ORDER BY 1
                    """,
                arguments: [destination, destination]
            )
        }
    }

    public func suppressions() throws -> [Suppression] {
        try self.pool.read { db in try Self.fetchSuppressions(db) }
    }

    static func fetchEvents(_ db: Database, accountID: String?) throws -> [StoredConsumerEvent] {
        let rows =
            if let accountID {
                try Row.fetchAll(
                    db,
                    sql: "SELECT * FROM consumer_events WHERE account_id = ? ORDER BY at, seq",
                    arguments: [accountID]
                )
            } else {
                try Row.fetchAll(db, sql: "SELECT * FROM consumer_events ORDER BY at, seq")
            }
        return rows.map { row in
            let channel: String? = row["channel"]
            return StoredConsumerEvent(
                accountID: row["account_id"],
                kind: StoredConsumerEvent.Kind(rawValue: row["kind"]) ?? .inbound,
                at: UTCInstant(secondsSinceEpoch: row["at"]),
                channel: channel.flatMap(Channel.init(rawValue:)),
                destination: row["destination"],
                debtBucket: row["debt_bucket"],
                until: UTCInstant(optionalSeconds: row["until"]),
                detail: row["detail"],
                source: row["source"]
            )
        }
    }

    static func fetchSuppressions(_ db: Database) throws -> [Suppression] {
        try Row.fetchAll(db, sql: "SELECT * FROM suppressions ORDER BY destination, medium").map { row in
            Suppression(
                destination: row["destination"],
                medium: Suppression.Medium(rawValue: row["medium"]) ?? .all,
                source: row["source"],
                at: UTCInstant(secondsSinceEpoch: row["at"])
            )
        }
    }
}
