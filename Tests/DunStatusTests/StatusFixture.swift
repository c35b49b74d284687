import DunCore
import DunStore
import Foundation

/// A real SQLite store in a temporary directory, populated through the `Store` API with a run of two arms:
/// attempts in every state on three channels, deferrals with rules and reasons, payments, promises and an
/// opt-out. Every instant is fixed, so frames rendered from it are stable golden files.
struct StatusFixture {
    static let start = UTCInstant(secondsSinceEpoch: 1_795_000_000)  // 2026-11-18T11:06:40Z
    /// The run's clock at its last heartbeat.
    static let clock = start.adding(seconds: 2 * 3600 + 15 * 60)

    let directory: URL
    let store: SQLiteStore

    var path: String { self.directory.appendingPathComponent("dun.sqlite").path }

    init() throws {
        self.directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "dun-status-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
        self.store = try SQLiteStore(path: self.directory.appendingPathComponent("dun.sqlite").path)
        try self.populate()
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: self.directory)
    }

    static func id(_ number: Int) -> String { "A\(number < 10 ? "0" : "")\(number)" }
    static func phone(_ number: Int) -> String { "+1415555\(1000 + number)" }
    static func variant(_ number: Int) -> String { number % 5 == 0 ? "challenger" : "champion" }

    static func planned(_ number: Int, channel: Channel, ordinal: Int, at: UTCInstant) -> PlannedAttempt {
        let step = channel == .sms ? "first-text" : channel == .email ? "letter" : "call"
        return PlannedAttempt(
            key: AttemptKey(
                accountID: Self.id(number),
                campaign: "hybrid",
                variant: Self.variant(number),
                step: step,
                ordinal: ordinal
            ),
            accountID: Self.id(number),
            campaign: "hybrid",
            variant: Self.variant(number),
            step: step,
            channel: channel,
            destination: channel == .email ? "pat\(number)@example.com" : Self.phone(number),
            debtBucket: "D\(number)",
            template: step,
            dueAt: at
        )
    }

    private func populate() throws {
        let start = Self.start
        let accounts = (1...40).map { number in
            Account(
                id: Self.id(number),
                firstName: "Pat",
                lastName: "Doe",
                address: PostalAddress(state: "CA"),
                timeZones: ["America/Los_Angeles"],
                phones: [PhoneContact(number: Self.phone(number), kind: .mobile, smsConsentAt: start)],
                emails: [EmailContact(address: "pat\(number)@example.com", provenance: .consumerUsed)],
                debts: [Debt(id: "D\(number)", balance: Money(cents: Int64(50_000 + number * 1_000)))]
            )
        }
        try self.store.withImport(kind: "accounts", at: start.adding(seconds: -3600)) { session in
            for account in accounts { try session.upsert(account) }
            return (detail: "\(accounts.count) accounts", result: ())
        }
        try self.store.startRun(
            RunRecord(
                id: "run-1",
                startedAt: start,
                heartbeatAt: start,
                clockAt: start,
                status: "running",
                arms: [
                    .init(campaign: "hybrid", variant: "champion", share: 80, path: "campaigns/hybrid.yaml"),
                    .init(campaign: "hybrid", variant: "challenger", share: 20, path: "campaigns/hybrid.yaml"),
                ],
                pools: [
                    RunPool(channel: .sms, rateAttempts: 10, rateIntervalSeconds: 1),
                    RunPool(channel: .agentCall, seats: 4),
                ]
            )
        )
        try self.store.saveEnrolments(
            (1...40).map { number in
                Enrolment(
                    accountID: Self.id(number),
                    campaign: "hybrid",
                    variant: Self.variant(number),
                    step: "first-text",
                    updatedAt: start
                )
            }
        )
        // A text to every account, one a minute: most delivered, a few refused or in doubt.
        for number in 1...40 {
            let at = start.adding(seconds: Int64(number) * 60)
            let attempt = Self.planned(number, channel: .sms, ordinal: 0, at: at)
            _ = try self.store.beginAttempt(attempt, at: at)
            switch number % 10 {
            case 3:
                try self.store.markFailed(attempt.key, note: "HTTP 503 for \(Self.phone(number))", at: at)
            case 7:
                try self.store.markInDoubt(attempt.key, note: "timeout after 1500 ms", at: at)
            case 9:
                try self.store.markSent(attempt.key, gatewayMessageID: "SM\(number)", at: at)
            default:
                try self.store.markSent(attempt.key, gatewayMessageID: "SM\(number)", at: at)
                try self.store.recordResult(attempt.key, .delivered, at: at.adding(seconds: 5), source: "webhook")
            }
        }
        // Emails to the first twelve; one bounces.
        for number in 1...12 {
            let at = start.adding(seconds: 3000 + Int64(number) * 30)
            let attempt = Self.planned(number, channel: .email, ordinal: 0, at: at)
            _ = try self.store.beginAttempt(attempt, at: at)
            try self.store.markSent(attempt.key, gatewayMessageID: "EM\(number)", at: at)
            try self.store.recordResult(
                attempt.key,
                number == 4 ? .failed : .delivered,
                at: at.adding(seconds: 2),
                source: "smtp"
            )
        }
        // Agent calls: two conversations, one busy, two still ringing (seats busy).
        for number in 1...5 {
            let at = start.adding(seconds: 7000 + Int64(number) * 60)
            let attempt = Self.planned(number, channel: .agentCall, ordinal: 0, at: at)
            _ = try self.store.beginAttempt(attempt, at: at)
            try self.store.markSent(attempt.key, gatewayMessageID: "CA\(number)", at: at)
            if number <= 3 {
                try self.store.recordResult(
                    attempt.key,
                    number == 3 ? .busy : .conversation,
                    at: at.adding(seconds: 240),
                    source: "agent"
                )
            }
        }
        // Deferrals: the time-of-day rule for early risers, the 7-in-7 call cap, and a terminal cease.
        var decisions: [PolicyDecisionRecord] = []
        for number in [11, 12, 13, 14, 15, 16] {
            decisions.append(
                PolicyDecisionRecord(
                    accountID: Self.id(number),
                    campaign: "hybrid",
                    variant: Self.variant(number),
                    step: "call",
                    channel: .agentCall,
                    destination: Self.phone(number),
                    candidateAt: start.adding(seconds: 600),
                    rule: "RF-6-TIME",
                    citation: "12 CFR 1006.6(b)(1)(i)",
                    reason: "03:16 in America/Los_Angeles is before 08:00, the earliest convenient time",
                    nextAllowed: start.adding(seconds: 6 * 3600),
                    decidedAt: start.adding(seconds: 600)
                )
            )
        }
        for number in [21, 22] {
            decisions.append(
                PolicyDecisionRecord(
                    accountID: Self.id(number),
                    campaign: "hybrid",
                    variant: Self.variant(number),
                    step: "first-text",
                    channel: .sms,
                    destination: Self.phone(number),
                    candidateAt: start.adding(seconds: 1200),
                    rule: "RF-14-A",
                    citation: "12 CFR 1006.14(b)(2)(i)(A)",
                    reason: "7 calls in the 7 days before",
                    nextAllowed: start.adding(seconds: 3 * 86_400),
                    decidedAt: start.adding(seconds: 1200)
                )
            )
        }
        decisions.append(
            PolicyDecisionRecord(
                accountID: Self.id(30),
                campaign: "hybrid",
                variant: Self.variant(30),
                step: "first-text",
                channel: .sms,
                destination: Self.phone(30),
                candidateAt: start.adding(seconds: 1800),
                rule: "RF-6-CEASE",
                citation: "15 U.S.C. 1692c(c)",
                reason: "the consumer asked in writing that all contact cease",
                nextAllowed: nil,
                decidedAt: start.adding(seconds: 1800)
            )
        )
        try self.store.recordDecisions(decisions)
        // Money: payments from six champion and one challenger account, promises from four.
        for number in [1, 2, 4, 6, 8, 11, 10] {
            try self.store.recordPayment(
                PaymentRecord(
                    reference: "P\(number)",
                    accountID: Self.id(number),
                    amount: Money(cents: Int64(5_000 + number * 250)),
                    paidAt: start.adding(seconds: 7200 + Int64(number)),
                    method: "card",
                    source: "webhook"
                )
            )
        }
        for number in [2, 3, 12, 20] {
            _ = try self.store.recordPromise(
                PromiseRecord(
                    accountID: Self.id(number),
                    amount: Money(cents: 10_000),
                    dueDate: CivilDate(year: 2026, month: 12, day: 1),
                    recordedAt: start.adding(seconds: 7300 + Int64(number)),
                    source: "agent:kim"
                )
            )
        }
        try self.store.recordConsumerEvent(
            StoredConsumerEvent(
                accountID: Self.id(25),
                kind: .optOut,
                at: start.adding(seconds: 7500),
                channel: .sms,
                destination: Self.phone(25),
                detail: "STOP",
                source: "webhook"
            )
        )
        try self.store.heartbeat(runID: "run-1", at: Self.clock, clock: Self.clock)
    }
}
