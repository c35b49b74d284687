import DunCampaign
import DunCore
import DunGateways
import DunRuntime
import DunStore
import DunWebhooks
import Testing

/// Consumer events reaching a running driver: START/UNSTOP after STOP, and what `dun record` writes while a run
/// goes (promises, call consent, inconvenient times). A manual clock; the gateway records what it is given.
struct LiveDriverEventTests {
    /// Three texts a day apart (the house limit is one text a day).
    static let texts = """
        campaign: Texts
        applies_to:
          countries: [US]
        window:
          weekdays: 08:00-21:00
          saturday: 08:00-21:00
          sunday: 08:00-21:00
        stop_when:
          - paid_in_full
          - open_promise
        steps:
          - id: sms-1
            sms: note
            done_when: [delivered, permanent_failure]
          - id: sms-2
            sms: note
            wait: 1d
            done_when: [delivered, permanent_failure]
          - id: sms-3
            sms: note
            wait: 1d
            done_when: [delivered, permanent_failure]
        templates:
          note:
            channel: sms
            en: |
              {company}: Hi {first_name}, this is an attempt to collect a debt and any information obtained will be
              used for that purpose. Your balance is {balance}. Reply STOP to opt out.
        """

    /// A driver on a manual clock over `accounts` test accounts and the three-text campaign.
    struct Run {
        let harness: LiveHarness
        let gateway = RecordingGateway()
        let clock = ManualUTCClock(now: LiveHarness.t0)
        let log = TurnLog()
        let driver: LiveDriver
        let running: Task<Void, any Error>
        var answered: Set<String> = []
        var now = LiveHarness.t0

        init(accounts: Int, runID: String, maxSendsInFlight: Int = 256) throws {
            self.harness = try LiveHarness(accounts: accounts)
            let loaded = CampaignLoader.load(text: LiveDriverEventTests.texts, path: "texts.yaml")
            let campaign = try #require(loaded.campaign, "\(loaded.diagnostics)")
            let driver = LiveDriver(
                configuration: LiveRunConfiguration(
                    runID: runID,
                    campaigns: [campaign],
                    seed: 7,
                    maxSendsInFlight: maxSendsInFlight
                ),
                store: self.harness.store,
                gateways: GatewayRouter([self.gateway]),
                clock: self.clock,
                logger: .quiet,
                observer: self.log.observer
            )
            self.driver = driver
            self.running = Task { try await driver.run() }
        }

        /// Delivers every accepted text not answered yet, by webhook.
        mutating func deliver() async throws {
            for entry in self.gateway.entries where !self.answered.contains(entry.idempotencyKey) {
                self.answered.insert(entry.idempotencyKey)
                guard
                    case .found(let receipt) = await self.gateway.lookup(
                        idempotencyKey: entry.idempotencyKey,
                        channel: entry.channel
                    )
                else { continue }
                _ = try await self.driver.webhookSink.record(
                    .messageStatus(MessageStatusEvent(messageSID: receipt.gatewayMessageID, status: "delivered"))
                )
            }
            await self.log.settled(at: self.now)
        }

        /// A text from the consumer.
        func inbound(_ sid: String, from number: String, _ body: String) async throws -> WebhookDisposition {
            try await self.driver.webhookSink.record(
                .inboundMessage(InboundMessageEvent(messageSID: sid, from: number, to: "+15005550006", body: body))
            )
        }

        /// Moves the clock to `instant` and waits for the turn there.
        mutating func advance(to instant: UTCInstant) async {
            self.now = instant
            self.clock.advance(to: instant)
            await self.log.settled(at: instant)
        }

        /// Moves the clock to the engine's next wake-up and delivers what it sent.
        mutating func nextWake() async throws {
            guard let wake = self.log.reports.last?.nextWake else { return }
            await self.advance(to: wake)
            try await self.deliver()
        }

        func stop() async throws {
            self.driver.stop()
            self.clock.advance(to: self.now.adding(seconds: 1))
            try await self.running.value
        }

        func texts(to number: String) -> [String] {
            self.gateway.entries.filter { $0.destination == number }.map(\.idempotencyKey)
        }
    }

    /// A burst larger than the send limit waits, committed, and goes out as slots free up: nothing dropped.
    @Test(.timeLimit(.minutes(1)))
    func aBurstBeyondTheSendLimitWaitsItsTurnAndAllGoesOut() async throws {
        var run = try Run(accounts: 7, runID: "cap", maxSendsInFlight: 2)
        defer { run.harness.cleanUp() }
        await run.log.settled(at: LiveHarness.t0)
        try await run.deliver()
        try await run.stop()
        let keys = run.gateway.entries.map(\.idempotencyKey)
        #expect(keys.count == 7)
        #expect(Set(keys).count == 7)
        let dispatched = run.log.reports.flatMap(\.dispatched).map(\.key.rawValue)
        #expect(Set(keys) == Set(dispatched) && dispatched.count == 7)
        #expect(try run.harness.store.attempts(accountID: nil).allSatisfy { $0.state == .result })
    }

    @Test(.timeLimit(.minutes(1)))
    func startAfterStopLetsTheNextTextGoOutAndStopAgainStopsIt() async throws {
        var run = try Run(accounts: 2, runID: "optin")
        defer { run.harness.cleanUp() }
        let number = "+12125550001"
        await run.log.settled(at: LiveHarness.t0)
        try await run.deliver()
        #expect(run.texts(to: number).count == 1)

        #expect(try await run.inbound("SMin1", from: number, "STOP").mayReply)
        #expect(try run.harness.store.suppressions().map(\.destination).contains(number))
        await run.advance(to: LiveHarness.t0.adding(seconds: 3_600))
        _ = try await run.inbound("SMin2", from: number, " unstop ")
        #expect(!(try run.harness.store.suppressions().map(\.destination).contains(number)))

        // The second text, a day on, goes to the number again: the running engine lifted the opt-out.
        try await run.nextWake()
        #expect(run.texts(to: number).count == 2)

        // STOP again: the third text is not sent; the enrolment ends on the opt-out.
        #expect(try await run.inbound("SMin3", from: number, "stop").mayReply)
        try await run.nextWake()
        try await run.stop()
        #expect(run.texts(to: number).count == 2)
        #expect(run.texts(to: "+12125550002").count == 3)
        let enrolment = try run.harness.store.enrolments().first { $0.accountID == "T001" }
        #expect(enrolment?.status == .ended)
        // The journal holds the opt-in as an engine input, and a restart replays it without sending anything.
        let journal = try run.harness.store.journal(runID: "optin")
        #expect(journal.contains { $0.kind == "consumer" && $0.payload.contains("optIn sms 0") })
        #expect(journal.contains { $0.kind == "facts" && $0.payload.hasPrefix("0 ") })
        let sentBefore = run.gateway.entries.count
        let replay = LiveDriver(
            configuration: run.driver.configuration,
            store: run.harness.store,
            gateways: GatewayRouter([run.gateway]),
            clock: run.clock,
            logger: .quiet
        )
        let replaying = Task { try await replay.run() }
        replay.stop()
        run.clock.advance(to: run.now.adding(seconds: 2))
        try await replaying.value
        #expect(run.gateway.entries.count == sentBefore)
    }

    @Test(.timeLimit(.minutes(1)))
    func recordedPromisesCallConsentAndInconvenientTimesReachTheRunningEngine() async throws {
        var run = try Run(accounts: 3, runID: "record")
        defer { run.harness.cleanUp() }
        await run.log.settled(at: LiveHarness.t0)
        try await run.deliver()
        let store = run.harness.store
        let at = LiveHarness.t0.adding(seconds: 60)
        // What an agent records while the run goes (`dun record promise|event`).
        _ = try store.recordPromise(
            PromiseRecord(
                accountID: "T001",
                debtID: nil,
                amount: Money(cents: 50_000),
                dueDate: CivilDate(year: 2026, month: 3, day: 10),
                recordedAt: at,
                source: "agent:ann"
            )
        )
        try store.recordConsumerEvent(
            StoredConsumerEvent(
                accountID: "T002",
                kind: .inconvenientTime,
                at: at,
                detail: "09:00-13:00",
                source: "agent:ann"
            )
        )
        let bucket = try #require(try store.account(id: "T003")?.debts.first?.bucket)
        try store.recordConsumerEvent(
            StoredConsumerEvent(
                accountID: "T003",
                kind: .callConsent,
                at: at,
                debtBucket: bucket,
                until: at.adding(seconds: 86_400),
                source: "agent:ann"
            )
        )
        // The driver looks at the audit log at most once a (wall) second.
        await run.advance(to: LiveHarness.t0.adding(seconds: 120))
        try await run.nextWake()
        try await run.stop()

        let journal = try store.journal(runID: "record")
        // The promise is an engine input (due at the end of 2026-03-10 in New York), and `open_promise` pauses
        // the enrolment while it is open: no second text.
        let due = try #require(ISO8601.parse("2026-03-11T03:59:59Z"))
        #expect(journal.contains { $0.kind == "promise" && $0.payload.hasSuffix(" 50000 \(due.secondsSinceEpoch)") })
        #expect(run.texts(to: "+12125550001").count == 1)
        // The consent is an engine input with its debt and end.
        #expect(journal.contains { $0.kind == "consumer" && $0.payload.contains("callConsent") })
        // The new inconvenient span reached the policy: the 11:00 text the next day is deferred (RF-6-TIME)
        // to 13:00, while the other account's text goes out at 11:00.
        #expect(journal.contains { $0.kind == "facts" })
        let deferrals = try store.timeline(accountID: "T002").filter { $0.kind == .deferral }
        #expect(deferrals.contains { $0.summary.contains("RF-6-TIME") })
        #expect(run.texts(to: "+12125550002").count == 1)
        #expect(run.texts(to: "+12125550003").count == 2)
    }
}
