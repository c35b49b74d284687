import DunCore
import DunStore
import DunTesting
import Testing

struct EventTests {
    private let t0 = StoreFixtures.t0

    @Test func consumerEventsTakeEffectAtOnce() throws {
        let temporary = try TemporaryStore()
        defer { temporary.cleanUp() }
        let store = try StoreFixtures.seeded(temporary)
        let phone = "+14155550123"
        try store.recordConsumerEvent(StoredConsumerEvent(accountID: "A1", kind: .cease, at: self.t0, source: "cli"))
        try store.recordConsumerEvent(StoredConsumerEvent(accountID: "A2", kind: .dispute, at: self.t0, source: "cli"))
        try store.recordConsumerEvent(
            StoredConsumerEvent(
                accountID: "A2",
                kind: .optOut,
                at: self.t0,
                channel: .sms,
                destination: phone,
                source: "webhook"
            )
        )
        var state = try store.loadRestoreState()
        #expect(state.accounts.map(\.flags.cease) == [true, false])
        #expect(state.accounts.map(\.flags.dispute) == [false, true])
        #expect(state.suppressions == [Suppression(destination: phone, medium: .sms, source: "webhook", at: self.t0)])
        #expect(state.consumerEvents.map(\.kind) == [.cease, .dispute, .optOut])

        let later = self.t0.adding(seconds: 3600)
        try store.recordConsumerEvent(
            StoredConsumerEvent(accountID: "A2", kind: .verificationSent, at: later, source: "cli")
        )
        try store.recordConsumerEvent(
            StoredConsumerEvent(
                accountID: "A2",
                kind: .optIn,
                at: later,
                channel: .sms,
                destination: phone,
                source: "webhook"
            )
        )
        state = try store.loadRestoreState()
        #expect(state.accounts[1].flags.dispute == false)
        #expect(state.suppressions.isEmpty)
        #expect(state.accounts[1].phones.first?.smsConsentAt == later)
        #expect(throws: StoreError.unknownAccount("nobody")) {
            try store.recordConsumerEvent(
                StoredConsumerEvent(accountID: "nobody", kind: .cease, at: self.t0, source: "cli")
            )
        }
    }

    @Test func paymentsAreIdempotentOnReferenceAndPromisesTracked() throws {
        let temporary = try TemporaryStore()
        defer { temporary.cleanUp() }
        let store = try StoreFixtures.seeded(temporary)
        let payment = PaymentRecord(
            reference: "P-1",
            accountID: "A1",
            amount: Money(cents: 5_000),
            paidAt: self.t0,
            source: "cli"
        )
        #expect(try store.recordPayment(payment))
        #expect(!(try store.recordPayment(payment)))
        let promise = try store.recordPromise(
            PromiseRecord(
                accountID: "A2",
                amount: Money(cents: 10_000),
                dueDate: CivilDate(year: 2026, month: 3, day: 15),
                recordedAt: self.t0,
                source: "agent:kim"
            )
        )
        #expect(try store.pendingPromises() == [promise])
        try store.setPromiseStatus(id: promise.id, .kept, at: self.t0.adding(seconds: 10), source: "cli")
        #expect(try store.pendingPromises().isEmpty)
        let totals = try store.totals()
        #expect(totals.payments == 1)
        #expect(totals.paidAmount == Money(cents: 5_000))
    }

    @Test func importedPaymentsSkipKnownReferencesAndCheckAccounts() throws {
        let temporary = try TemporaryStore()
        defer { temporary.cleanUp() }
        let store = try StoreFixtures.seeded(temporary)
        let good = StoreFixtures.csv([
            "account_id,amount,paid_at,reference,method", "A1,25.00,2026-03-01T10:00:00Z,R1,card",
            "A2,10,2026-03-02T10:00:00Z,R2,ach",
        ])
        let importer = PaymentImporter()
        #expect(try importer.importPayments((good, "p.csv"), into: store, at: self.t0).imported == 2)
        let again = try importer.importPayments((good, "p.csv"), into: store, at: self.t0)
        #expect(again.imported == 0)
        #expect(again.alreadyRecorded == 2)
        let bad = StoreFixtures.csv([
            "account_id,amount,paid_at,reference", "A1,5,2026-03-01T10:00:00Z,R3", "ZZ,0,2026-03-01,R3",
        ])
        let error = #expect(throws: DiagnosticError.self) {
            try importer.importPayments((bad, "p.csv"), into: store, at: self.t0)
        }
        #expect(
            error?.description == """
                p.csv:3:1: error: column 'account_id': no account 'ZZ' in the store (import accounts first)
                p.csv:3:4: error: column 'amount': expected an amount above zero, found '0'
                p.csv:3:6: error: column 'paid_at': expected an ISO-8601 instant with offset like 2026-03-01T14:30:00Z, found '2026-03-01'
                p.csv:3:17: error: column 'reference': duplicate reference 'R3' (first at line 2)
                """
        )
        #expect(try store.totals().payments == 2)
    }

    @Test func timelineExplainsEveryAttemptOutcomeAndDeferral() throws {
        let temporary = try TemporaryStore()
        defer { temporary.cleanUp() }
        let store = try StoreFixtures.seeded(temporary)
        let planned = StoreFixtures.planned("A1")
        try store.recordDecisions([
            PolicyDecisionRecord(
                accountID: "A1",
                campaign: "early",
                variant: "champion",
                step: "first",
                channel: .sms,
                destination: "+14155550123",
                candidateAt: self.t0,
                rule: "RF-6-TIME",
                citation: "12 CFR 1006.6(b)(1)(i)",
                reason: "21:30 local is outside 08:00-21:00",
                nextAllowed: self.t0.adding(seconds: 39_600),
                decidedAt: self.t0
            )
        ])
        _ = try store.beginAttempt(planned, at: self.t0.adding(seconds: 39_600))
        try store.markSent(planned.key, gatewayMessageID: "SM1", at: self.t0.adding(seconds: 39_601))
        try store.recordResult(planned.key, .delivered, at: self.t0.adding(seconds: 39_610), source: "webhook")
        let timeline = try store.timeline(accountID: "A1")
        #expect(timeline.map(\.kind) == [.deferral, .attempt, .outcome])
        #expect(
            timeline.first?.summary
                == "deferred sms by RF-6-TIME until 2026-02-25T17:13:20Z: 21:30 local is outside 08:00-21:00"
        )
        #expect(
            try store.deferralsByRule(from: self.t0, to: self.t0.adding(seconds: 1)) == [
                RuleCount(rule: "RF-6-TIME", count: 1, terminal: 0)
            ]
        )
        #expect(
            try store.channelCounts(from: self.t0, to: self.t0.adding(seconds: 86_400))
                == [ChannelCounts(channel: .sms, attempted: 1, sent: 1, withResult: 1, failed: 0, open: 0)]
        )
        #expect(try store.latestAuditEntries(limit: 1).first?.action == "attempt.result")
    }

    @Test func enrolmentsAndRunsRoundTrip() throws {
        let temporary = try TemporaryStore()
        defer { temporary.cleanUp() }
        let store = try StoreFixtures.seeded(temporary)
        let enrolment = Enrolment(
            accountID: "A1",
            campaign: "early",
            variant: "challenger",
            step: "second",
            nextDueAt: self.t0,
            cursor: [1, 2, 3, 0, 255],
            updatedAt: self.t0
        )
        try store.saveEnrolments([enrolment])
        #expect(try store.enrolments() == [enrolment])
        let run = RunRecord(
            id: "run-1",
            startedAt: self.t0,
            heartbeatAt: self.t0,
            clockAt: self.t0,
            status: "running",
            arms: [.init(campaign: "early", variant: "champion", share: 80, path: "c.yaml")]
        )
        try store.startRun(run)
        try store.heartbeat(runID: "run-1", at: self.t0.adding(seconds: 5), clock: self.t0.adding(seconds: 5))
        #expect(try store.run(id: "run-1")?.heartbeatAt == self.t0.adding(seconds: 5))
        try store.finishRun(runID: "run-1", at: self.t0.adding(seconds: 9))
        #expect(try store.run(id: "run-1")?.status == "stopped")
    }
}
