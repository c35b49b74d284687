public import DunCore

extension StoreCommands {
    /// `dun attempts --in-doubt`: every attempt the runner could not settle, oldest first, one line each:
    /// idempotency key, state, channel, masked destination, account, age at `now`, and why.
    public static func listInDoubt(database: String, now: UTCInstant) throws -> String {
        let store = try SQLiteStore(path: database, readOnly: true)
        let attempts = try store.attemptsInDoubt()
        guard !attempts.isEmpty else { return "no attempts in doubt" }
        var lines = [
            "\(attempts.count) attempt\(attempts.count == 1 ? "" : "s") in doubt (never resent by the runner):"
        ]
        for record in attempts {
            let age = Self.age(seconds: now.secondsSinceEpoch - record.createdAt.secondsSinceEpoch)
            lines.append(
                "\(record.key)  \(record.state.rawValue)  \(record.attempt.channel.rawValue)  "
                    + "\(Redaction.destination(record.attempt.destination))  account \(record.attempt.accountID)  "
                    + "age \(age)  \(Redaction.redact(record.note ?? ""))"
            )
        }
        lines.append(
            "resolve each after checking with the gateway: dun attempts resolve KEY --sent|--not-sent --note TEXT"
        )
        return lines.joined(separator: "\n")
    }

    /// `dun attempts resolve KEY --sent|--not-sent --note TEXT`: the operator's finding, durable and audited.
    public static func resolveInDoubt(
        database: String,
        key: String,
        sent: Bool,
        note: String,
        by: String,
        at: UTCInstant
    ) throws -> String {
        let store = try SQLiteStore(path: database)
        let record = try store.resolveInDoubt(AttemptKey(rawValue: key), sent: sent, note: note, by: by, at: at)
        return "attempt \(record.key) resolved as \(sent ? "sent" : "not sent"): now \(record.state.rawValue)"
    }

    /// `3d 4h`, `2h 5m`, `40s`: coarse and readable.
    static func age(seconds: Int64) -> String {
        let value = Swift.max(0, seconds)
        let (days, hours, minutes) = (value / 86_400, value % 86_400 / 3_600, value % 3_600 / 60)
        if days > 0 { return "\(days)d \(hours)h" }
        if hours > 0 { return "\(hours)h \(minutes)m" }
        if minutes > 0 { return "\(minutes)m \(value % 60)s" }
        return "\(value)s"
    }
}
