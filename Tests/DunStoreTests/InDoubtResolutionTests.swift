import DunCore
import DunStore
import Testing

/// `dun attempts --in-doubt` and `dun attempts resolve`: listing with masked destinations and ages, and the
/// operator's finding recorded durably in the audit log.
struct InDoubtResolutionTests {
    private let t0 = StoreFixtures.t0

    @Test func theListMasksDestinationsAndShowsAgeAndReason() throws {
        let temporary = try TemporaryStore()
        defer { temporary.cleanUp() }
        let store = try StoreFixtures.seeded(temporary)
        #expect(try StoreCommands.listInDoubt(database: temporary.path, now: self.t0) == "no attempts in doubt")
        let planned = StoreFixtures.planned("A1")
        _ = try store.beginAttempt(planned, at: self.t0)
        try store.markInDoubt(planned.key, note: "in doubt, gateway cannot say: timeout", at: self.t0)
        let listing = try StoreCommands.listInDoubt(database: temporary.path, now: self.t0.adding(seconds: 7_500))
        #expect(listing.contains("1 attempt in doubt"))
        #expect(listing.contains(planned.key.rawValue))
        #expect(listing.contains("in_doubt"))
        #expect(listing.contains("age 2h 5m"))
        #expect(listing.contains("gateway cannot say: timeout"))
        #expect(listing.contains(Redaction.destination("+14155550123")))
        #expect(!listing.contains("+14155550123"))
    }

    @Test func aResolutionIsDurableAuditedAndFinal() throws {
        let temporary = try TemporaryStore()
        defer { temporary.cleanUp() }
        let store = try StoreFixtures.seeded(temporary)
        let lost = StoreFixtures.planned("A1")
        let taken = StoreFixtures.planned("A1", ordinal: 1)
        let open = StoreFixtures.planned("A1", ordinal: 2)
        for planned in [lost, taken, open] { _ = try store.beginAttempt(planned, at: self.t0) }
        try store.markInDoubt(lost.key, note: "in doubt", at: self.t0)
        try store.markInDoubt(taken.key, note: "in doubt", at: self.t0)
        let at = self.t0.adding(seconds: 3_600)

        let message = try StoreCommands.resolveInDoubt(
            database: temporary.path,
            key: lost.key.rawValue,
            sent: false,
            note: "not in the gateway's message log",
            by: "ops:kim",
            at: at
        )
        #expect(message.contains("not sent"))
        _ = try StoreCommands.resolveInDoubt(
            database: temporary.path,
            key: taken.key.rawValue,
            sent: true,
            note: "SM123 in the console",
            by: "ops:kim",
            at: at
        )
        // Another process sees the findings.
        let reopened = try temporary.open()
        let failed = try #require(try reopened.attempt(lost.key))
        #expect(failed.state == .failed)
        #expect(failed.note?.contains("resolved by ops:kim: not sent (not in the gateway's message log)") == true)
        #expect(try reopened.attempt(taken.key)?.state == .sent)
        #expect(try reopened.attemptsInDoubt().map(\.key) == [open.key])
        let audit = try reopened.auditLog(after: 0, limit: 1_000).filter { $0.action == "attempt.resolve" }
        #expect(audit.map(\.actor) == ["ops:kim", "ops:kim"])
        #expect(audit.first?.detail == "\(lost.key) not_sent not in the gateway's message log")
        #expect(audit.first?.at == at)

        // Final: a resolved attempt, one still dispatching (the runner reconciles it) and an unknown key refuse.
        #expect(throws: StoreError.self) {
            try reopened.resolveInDoubt(lost.key, sent: true, note: "again", by: "ops:kim", at: at)
        }
        #expect(throws: StoreError.self) {
            try reopened.resolveInDoubt(open.key, sent: false, note: "x", by: "ops:kim", at: at)
        }
        #expect(throws: StoreError.self) {
            try reopened.resolveInDoubt(AttemptKey(rawValue: "nope"), sent: false, note: "x", by: "ops:kim", at: at)
        }
    }
}
