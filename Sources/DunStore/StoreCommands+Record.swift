public import DunCore

/// A `dun record` option with a bad value: `--amount: expected an amount like 1250.50 …, found 'x'`.
public struct OptionValueError: Error, CustomStringConvertible, Sendable {
    /// The message printed after `error: `.
    public var description: String

    init(_ option: String, _ failure: FieldError) {
        self.description = "\(option): \(failure.message)"
    }
}

extension StoreCommands {
    static func parse<T>(_ option: String, _ text: String, _ parser: (String) -> Result<T, FieldError>) throws -> T {
        switch parser(text) {
        case .success(let value): return value
        case .failure(let failure): throw OptionValueError(option, failure)
        }
    }

    /// `dun record payment`: idempotent on `reference`.
    public static func recordPayment(
        database: String,
        account: String,
        amount: String,
        reference: String,
        debt: String?,
        method: String,
        source: String,
        at: UTCInstant
    ) throws -> String {
        let money = try Self.parse("--amount", amount, FieldParser.money)
        let store = try SQLiteStore(path: database)
        let payment = PaymentRecord(
            reference: reference,
            accountID: account,
            debtID: debt,
            amount: money,
            paidAt: at,
            method: method,
            source: source
        )
        guard try store.recordPayment(payment) else {
            return "payment \(reference) was already recorded; nothing changed"
        }
        return "recorded payment \(reference) of \(money) for account \(account)"
    }

    /// `dun record promise`.
    public static func recordPromise(
        database: String,
        account: String,
        amount: String,
        due: String,
        debt: String?,
        source: String,
        at: UTCInstant
    ) throws -> String {
        let money = try Self.parse("--amount", amount, FieldParser.money)
        let date = try Self.parse("--due", due, FieldParser.date)
        let store = try SQLiteStore(path: database)
        let promise = try store.recordPromise(
            PromiseRecord(
                accountID: account,
                debtID: debt,
                amount: money,
                dueDate: date,
                recordedAt: at,
                source: source
            )
        )
        return "recorded promise #\(promise.id): \(money) due \(date) for account \(account)"
    }

    /// `dun record promise-status`.
    public static func recordPromiseStatus(
        database: String,
        id: Int64,
        status: String,
        source: String,
        at: UTCInstant
    )
        throws -> String
    {
        let value = try Self.parse("status", status, { FieldParser.oneOf($0, PromiseRecord.Status.self) })
        let store = try SQLiteStore(path: database)
        try store.setPromiseStatus(id: id, value, at: at, source: source)
        return "promise #\(id) is now \(value.rawValue)"
    }

    /// `dun record cease|dispute|opt-out|event`: a consumer event, applied to the policy at once.
    public static func recordEvent(
        database: String,
        account: String,
        kind: String,
        channel: String?,
        destination: String?,
        debtBucket: String?,
        until: String?,
        detail: String,
        source: String,
        at: UTCInstant
    ) throws -> String {
        let eventKind = try Self.parse("--kind", kind, { FieldParser.oneOf($0, StoredConsumerEvent.Kind.self) })
        let eventChannel = try channel.map { try Self.parse("--channel", $0, { FieldParser.oneOf($0, Channel.self) }) }
        let untilInstant = try until.map { try Self.parse("--until", $0, FieldParser.instant) }
        if let destination {
            _ = try Self.parse("--destination", destination) { text in
                text.hasPrefix("+") ? FieldParser.e164(text) : FieldParser.email(text)
            }
        }
        if eventKind == .inconvenientTime {
            _ = try Self.parse("--detail", detail, FieldParser.inconvenientTimes)
        }
        if [.optOut, .optIn, .wrongNumber].contains(eventKind), destination == nil {
            throw OptionValueError("--destination", FieldError(message: "required for \(eventKind.rawValue)"))
        }
        if eventKind == .callConsent, untilInstant == nil || debtBucket == nil {
            throw OptionValueError("--until", FieldError(message: "call_consent needs --until and --debt-bucket"))
        }
        let store = try SQLiteStore(path: database)
        try store.recordConsumerEvent(
            StoredConsumerEvent(
                accountID: account,
                kind: eventKind,
                at: at,
                channel: eventChannel,
                destination: destination,
                debtBucket: debtBucket,
                until: untilInstant,
                detail: detail,
                source: source
            )
        )
        return "recorded \(eventKind.rawValue) for account \(account)"
    }

    /// `dun record disposition`: a call's result as an agent reports it. With `attempt`, the result of that attempt
    /// (idempotent); otherwise a manual call, recorded as a completed attempt keyed by account, phone and instant so
    /// that recording it twice changes nothing, and counted by the policy like any call.
    public static func recordDisposition(
        database: String,
        account: String,
        phone: String?,
        result: String,
        attempt: String?,
        debtBucket: String?,
        source: String,
        at: UTCInstant
    ) throws -> String {
        let value = try Self.parse("--result", result, { FieldParser.oneOf($0, AttemptResult.self) })
        let store = try SQLiteStore(path: database)
        if let attempt {
            let changed = try store.recordResult(AttemptKey(rawValue: attempt), value, at: at, source: source)
            return changed
                ? "recorded \(value.rawValue) for attempt \(attempt)" : "attempt \(attempt) already had its result"
        }
        guard let phone else {
            throw OptionValueError("--phone", FieldError(message: "required without --attempt"))
        }
        let number = try Self.parse("--phone", phone, FieldParser.e164)
        guard let stored = try store.account(id: account) else { throw StoreError.unknownAccount(account) }
        let bucket = debtBucket ?? stored.debts.first?.bucket ?? account
        let key = AttemptKey(rawValue: "manual/\(account)/\(number)/\(at.secondsSinceEpoch)")
        try store.recordCompletedAttempt(
            PlannedAttempt(
                key: key,
                accountID: account,
                campaign: "manual",
                variant: "manual",
                step: "agent",
                channel: .agentCall,
                destination: number,
                debtBucket: bucket,
                template: "",
                dueAt: at
            ),
            result: value,
            at: at,
            source: source
        )
        return "recorded agent call \(key) with result \(value.rawValue)"
    }
}
