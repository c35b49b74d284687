import DunCore
import DunStore
import Testing

/// The `Store` contract, run against every backend: what the runner relies on must hold for each.
struct StoreContractTests {
    enum Backend: String, CaseIterable, CustomTestStringConvertible {
        case sqlite
        case memory

        var testDescription: String { self.rawValue }
    }

    private func withStore(_ backend: Backend, _ body: (any Store) throws -> Void) throws {
        switch backend {
        case .memory:
            try body(InMemoryStore())
        case .sqlite:
            let temporary = try TemporaryStore()
            defer { temporary.cleanUp() }
            try body(try temporary.open())
        }
    }

    private func seed(_ store: some Store) throws {
        var importer = AccountImporter()
        _ = try importer.importAccounts(
            accounts: (
                StoreFixtures.csv([StoreFixtures.header] + (1...3).map { StoreFixtures.row("A\($0)") }), "a.csv"
            ),
            into: store,
            at: StoreFixtures.t0
        )
    }

    @Test(arguments: Backend.allCases) func importIsAllOrNothing(backend: Backend) throws {
        try self.withStore(backend) { store in
            try self.seed(store)
            let before = try store.loadRestoreState().accounts
            var importer = AccountImporter()
            #expect(throws: DiagnosticError.self) {
                try importer.importAccounts(
                    accounts: (
                        StoreFixtures.csv([
                            StoreFixtures.header, StoreFixtures.row("B1"), StoreFixtures.row("B2", state: "QQ"),
                        ]), "b.csv"
                    ),
                    into: store,
                    at: StoreFixtures.t0
                )
            }
            #expect(try store.loadRestoreState().accounts == before)
            #expect(try store.auditLog(after: 0, limit: 100).count == 1)
        }
    }

    @Test(arguments: Backend.allCases) func attemptLifecycleIsIdempotentAndOrdered(backend: Backend) throws {
        try self.withStore(backend) { store in
            try self.seed(store)
            let t0 = StoreFixtures.t0
            let a = StoreFixtures.planned("A1")
            let b = StoreFixtures.planned("A2")
            let c = StoreFixtures.planned("A3")
            #expect(try store.beginAttempts([c, a], at: t0).map(\.shouldDispatch) == [true, true])
            #expect(try store.beginAttempt(b, at: t0.adding(seconds: 1)).shouldDispatch)
            #expect(!(try store.beginAttempt(a, at: t0.adding(seconds: 2)).shouldDispatch))
            #expect(try store.attemptsInDoubt().map(\.key) == [a.key, c.key, b.key])
            try store.markSent(a.key, gatewayMessageID: "SM-a", at: t0.adding(seconds: 3))
            try store.markInDoubt(c.key, note: "timeout", at: t0.adding(seconds: 3))
            try store.markFailed(b.key, note: "400", at: t0.adding(seconds: 3))
            try store.markInDoubt(b.key, note: "late", at: t0.adding(seconds: 4))
            #expect(try store.attemptsInDoubt().map(\.key) == [c.key])
            #expect(try store.attemptKey(gatewayMessageID: "SM-a") == a.key)
            #expect(try store.recordResult(a.key, .delivered, at: t0.adding(seconds: 5), source: "webhook"))
            #expect(!(try store.recordResult(a.key, .delivered, at: t0.adding(seconds: 6), source: "webhook")))
            #expect(!(try store.recordResult(a.key, .failed, at: t0.adding(seconds: 7), source: "webhook")))
            #expect(try store.attempt(a.key)?.result == .delivered)
            #expect(try store.attempts(accountID: "A2").map(\.state) == [.failed])
            let actions = try store.auditLog(after: 0, limit: 100).map(\.action)
            #expect(
                actions == [
                    "import.accounts", "attempt.begin", "attempt.begin", "attempt.begin", "attempt.sent",
                    "attempt.in_doubt", "attempt.failed", "attempt.result", "attempt.result",
                ]
            )
        }
    }

    @Test(arguments: Backend.allCases) func eventsPaymentsAndPromisesFollowTheContract(backend: Backend) throws {
        try self.withStore(backend) { store in
            try self.seed(store)
            let t0 = StoreFixtures.t0
            try store.recordConsumerEvent(StoredConsumerEvent(accountID: "A1", kind: .cease, at: t0, source: "cli"))
            try store.recordConsumerEvent(
                StoredConsumerEvent(
                    accountID: "A2",
                    kind: .optOut,
                    at: t0,
                    channel: .email,
                    destination: "ana@example.com",
                    source: "email"
                )
            )
            let payment = PaymentRecord(
                reference: "R",
                accountID: "A3",
                amount: Money(cents: 100),
                paidAt: t0,
                source: "cli"
            )
            #expect(try store.recordPayment(payment))
            #expect(!(try store.recordPayment(payment)))
            #expect(throws: StoreError.unknownAccount("Z")) {
                try store.recordPayment(
                    PaymentRecord(reference: "Q", accountID: "Z", amount: Money(cents: 1), paidAt: t0, source: "cli")
                )
            }
            let promise = try store.recordPromise(
                PromiseRecord(
                    accountID: "A3",
                    amount: Money(cents: 500),
                    dueDate: CivilDate(year: 2026, month: 4, day: 1),
                    recordedAt: t0,
                    source: "cli"
                )
            )
            let state = try store.loadRestoreState()
            #expect(state.accounts.map(\.id) == ["A1", "A2", "A3"])
            #expect(state.accounts.map(\.flags.cease) == [true, false, false])
            #expect(state.suppressions.map(\.medium) == [.email])
            #expect(state.pendingPromises == [promise])
            #expect(state.consumerEvents.map(\.kind) == [.cease, .optOut])
            #expect(try store.accountIDs(destination: "+14155550123") == ["A1", "A2", "A3"])
            #expect(try store.accountIDs(destination: "nobody@example.com").isEmpty)
            let stop = Suppression(destination: "+19995550000", medium: .sms, source: "sms_stop", at: t0)
            try store.suppress(stop)
            try store.suppress(stop)
            #expect(try store.suppressions().map(\.destination) == ["+19995550000", "ana@example.com"])
        }
    }
}
