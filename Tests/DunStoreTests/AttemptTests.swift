import DunCore
import DunStore
import Testing

struct AttemptTests {
    private let t0 = StoreFixtures.t0

    @Test func beginIsWrittenOnceAndAReplayIsNotDispatched() throws {
        let temporary = try TemporaryStore()
        defer { temporary.cleanUp() }
        let store = try StoreFixtures.seeded(temporary)
        let planned = StoreFixtures.planned("A1")
        let first = try store.beginAttempt(planned, at: self.t0)
        #expect(first.shouldDispatch)
        #expect(first.record.state == .dispatching)
        let replay = try store.beginAttempt(planned, at: self.t0.adding(seconds: 60))
        #expect(!replay.shouldDispatch)
        #expect(replay.record == first.record)
        // A different process sees the committed attempt.
        #expect(try temporary.open().attempt(planned.key) == first.record)
    }

    @Test func resultRecordingIsIdempotent() throws {
        let temporary = try TemporaryStore()
        defer { temporary.cleanUp() }
        let store = try StoreFixtures.seeded(temporary)
        let planned = StoreFixtures.planned("A1")
        _ = try store.beginAttempt(planned, at: self.t0)
        try store.markSent(planned.key, gatewayMessageID: "SM1", at: self.t0.adding(seconds: 1))
        try store.markSent(planned.key, gatewayMessageID: "SM1", at: self.t0.adding(seconds: 2))
        #expect(try store.attemptKey(gatewayMessageID: "SM1") == planned.key)
        #expect(try store.recordResult(planned.key, .delivered, at: self.t0.adding(seconds: 5), source: "webhook"))
        let audit = try store.auditLog(after: 0, limit: 100)
        #expect(!(try store.recordResult(planned.key, .delivered, at: self.t0.adding(seconds: 9), source: "webhook")))
        #expect(try store.auditLog(after: 0, limit: 100) == audit)
        let record = try #require(try store.attempt(planned.key))
        #expect(record.state == .result)
        #expect(record.result == .delivered)
        #expect(record.sentAt == self.t0.adding(seconds: 1))
        #expect(record.resultAt == self.t0.adding(seconds: 5))
        #expect(audit.map(\.action) == ["import.accounts", "attempt.begin", "attempt.sent", "attempt.result"])
        // A sent attempt does not go back to sent; a late markSent is ignored.
        try store.markSent(planned.key, gatewayMessageID: "SM1", at: self.t0.adding(seconds: 20))
        #expect(try store.attempt(planned.key) == record)
        #expect(throws: StoreError.unknownAttempt(AttemptKey(rawValue: "nope"))) {
            try store.recordResult(AttemptKey(rawValue: "nope"), .delivered, at: self.t0, source: "webhook")
        }
    }

    @Test func aResultThatOvertakesTheSendAcknowledgementIsKept() throws {
        let temporary = try TemporaryStore()
        defer { temporary.cleanUp() }
        let store = try StoreFixtures.seeded(temporary)
        let planned = StoreFixtures.planned("A1", channel: .call)
        _ = try store.beginAttempt(planned, at: self.t0)
        try store.recordResult(planned.key, .noAnswer, at: self.t0.adding(seconds: 30), source: "webhook")
        try store.markSent(planned.key, gatewayMessageID: "CA9", at: self.t0.adding(seconds: 31))
        let record = try #require(try store.attempt(planned.key))
        #expect(record.state == .result)
        #expect(record.result == .noAnswer)
        #expect(record.gatewayMessageID == "CA9")
    }

    @Test func attemptsInDoubtAreTheOnesNotMarkedSent() throws {
        let temporary = try TemporaryStore()
        defer { temporary.cleanUp() }
        let store = try StoreFixtures.seeded(temporary, accounts: 4)
        let attempts = (1...4).map { StoreFixtures.planned("A\($0)") }
        let begun = try store.beginAttempts(attempts, at: self.t0)
        #expect(begun.allSatisfy { $0.shouldDispatch })
        try store.markSent([(attempts[0].key, "SM1")], at: self.t0.adding(seconds: 1))
        try store.markFailed(attempts[1].key, note: "400 invalid number", at: self.t0.adding(seconds: 1))
        try store.markInDoubt(attempts[2].key, note: "timeout", at: self.t0.adding(seconds: 1))
        // attempts[3] stays dispatching, as after a SIGKILL between begin and markSent.
        let reopened = try temporary.open()
        let inDoubt = try reopened.attemptsInDoubt()
        #expect(inDoubt.map(\.key) == [attempts[2].key, attempts[3].key])
        #expect(inDoubt.map(\.state) == [.inDoubt, .dispatching])
        // Reconciliation: the gateway had one, not the other.
        try reopened.markSent(attempts[2].key, gatewayMessageID: "SM3", at: self.t0.adding(seconds: 60))
        try reopened.markFailed(attempts[3].key, note: "not received by the gateway", at: self.t0.adding(seconds: 60))
        #expect(try reopened.attemptsInDoubt().isEmpty)
        #expect(try reopened.attempts(accountID: nil).map(\.state) == [.sent, .failed, .sent, .failed])
    }

    @Test func keysAreDeterministicAndUnambiguous() {
        let key = AttemptKey(accountID: "A/1", campaign: "c#1", variant: "v", step: "s%", ordinal: 2)
        #expect(key.rawValue == "c%231/v/s%25/A%2F1#2")
        #expect(
            AttemptKey(accountID: "b", campaign: "a/x", variant: "v", step: "s", ordinal: 0)
                != AttemptKey(accountID: "x/b", campaign: "a", variant: "v", step: "s", ordinal: 0)
        )
    }

    @Test func manualDispositionsCountInTheHistory() throws {
        let temporary = try TemporaryStore()
        defer { temporary.cleanUp() }
        let store = try StoreFixtures.seeded(temporary)
        var planned = StoreFixtures.planned("A1", channel: .agentCall)
        planned.key = AttemptKey(rawValue: "manual/A1/1")
        try store.recordCompletedAttempt(planned, result: .conversation, at: self.t0, source: "agent:kim")
        try store.recordCompletedAttempt(planned, result: .conversation, at: self.t0, source: "agent:kim")
        let history = try store.attempts(accountID: "A1")
        #expect(history.count == 1)
        #expect(history.first?.state == .result)
        #expect(history.first?.result == .conversation)
    }
}
