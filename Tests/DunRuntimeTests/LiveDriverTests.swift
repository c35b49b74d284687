import DunCore
import DunEngine
import DunGateways
import DunPolicy
import DunRuntime
import DunStore
import DunWebhooks
import Testing

/// The live driver on a manual clock with an in-memory gateway.
struct LiveDriverTests {
    /// One step of a scripted run: what the test did and what was dispatched.
    struct Dispatch: Hashable, Comparable {
        var at: Int64
        var account: String
        var step: String
        var channel: Channel

        static func < (lhs: Dispatch, rhs: Dispatch) -> Bool {
            (lhs.at, lhs.account, lhs.step) < (rhs.at, rhs.account, rhs.step)
        }
    }

    /// Runs the driver until the campaign is done: SMS results are delivered by webhook at the instant they
    /// were sent; the clock jumps from wake-up to wake-up.
    static func runDriver(
        _ harness: LiveHarness,
        gateway: RecordingGateway,
        runID: String = "test",
        stopAfterWakes: Int = .max
    ) async throws -> (dispatches: [Dispatch], log: TurnLog) {
        let clock = ManualUTCClock(now: LiveHarness.t0)
        let log = TurnLog()
        let driver = LiveDriver(
            configuration: harness.configuration(runID: runID),
            store: harness.store,
            gateways: GatewayRouter([gateway]),
            clock: clock,
            logger: .quiet,
            observer: log.observer
        )
        let running = Task { try await driver.run() }
        var answered: Set<String> = []
        var wakes = 0
        var now = LiveHarness.t0
        while true {
            await log.settled(at: now)
            // Deliver every accepted SMS not yet answered, at the current instant.
            for entry in gateway.entries where entry.channel != .email && !answered.contains(entry.idempotencyKey) {
                answered.insert(entry.idempotencyKey)
                guard
                    case .found(let receipt) = await gateway.lookup(
                        idempotencyKey: entry.idempotencyKey,
                        channel: entry.channel
                    )
                else { continue }
                let event: WebhookEvent =
                    entry.channel == .sms
                    ? .messageStatus(MessageStatusEvent(messageSID: receipt.gatewayMessageID, status: "delivered"))
                    : .callStatus(
                        CallStatusEvent(callSID: receipt.gatewayMessageID, status: "completed", answeredBy: "human")
                    )
                _ = try await driver.webhookSink.record(event)
            }
            await log.settled(at: now)
            guard wakes < stopAfterWakes, let wake = log.reports.last?.nextWake else { break }
            wakes += 1
            now = wake
            clock.advance(to: wake)
        }
        driver.stop()
        clock.advance(to: now.adding(seconds: 1))
        try await running.value
        let dispatches = log.reports.flatMap { report in
            report.dispatched.map {
                Dispatch(at: report.at.secondsSinceEpoch, account: $0.accountID, step: $0.step, channel: $0.channel)
            }
        }
        return (dispatches.sorted(), log)
    }

    /// The same scenario on the engine alone: results at the instant of dispatch, wake-ups in order.
    static func runEngine(_ harness: LiveHarness) throws -> [Dispatch] {
        var engine = SchedulerEngine(campaigns: [harness.campaign], configuration: EngineConfiguration(seed: 7))
        let accounts = try harness.store.loadAccounts()
        for account in accounts { engine.addAccount(account) }
        var dispatches: [Dispatch] = []
        var now = LiveHarness.t0
        var pending: [EngineInput] = accounts.indices.map { .enrol(AccountIndex($0), campaign: 0) }
        while true {
            var index = 0
            while index < pending.count {
                for action in engine.handle(pending[index], at: now) {
                    guard case .dispatch(let attempt) = action else { continue }
                    dispatches.append(
                        Dispatch(
                            at: now.secondsSinceEpoch,
                            account: accounts[attempt.account.position].id,
                            step: harness.campaign.steps[attempt.step].id,
                            channel: attempt.channel
                        )
                    )
                    pending.append(.result(attempt.id, attempt.channel == .call ? .answered : .delivered))
                }
                index += 1
            }
            pending = []
            guard let wake = engine.nextWake else { break }
            now = wake
            pending = [.timerFired]
        }
        return dispatches.sorted()
    }

    @Test(.timeLimit(.minutes(1)))
    func driverDispatchesWhatTheEngineAloneDispatches() async throws {
        let harness = try LiveHarness(accounts: 12)
        defer { harness.cleanUp() }
        let gateway = RecordingGateway()
        let (live, _) = try await Self.runDriver(harness, gateway: gateway)
        let alone = try Self.runEngine(harness)
        #expect(live.count == 36)
        #expect(live == alone)
        #expect(gateway.sendCount == live.count)
        #expect(Set(gateway.entries.map(\.idempotencyKey)).count == live.count)
    }

    @Test(.timeLimit(.minutes(1)))
    func everyAttemptIsStoredWithItsResultAndTheJournalReplays() async throws {
        let harness = try LiveHarness(accounts: 5)
        defer { harness.cleanUp() }
        let gateway = RecordingGateway()
        let (live, _) = try await Self.runDriver(harness, gateway: gateway)
        let attempts = try harness.store.attempts(accountID: nil)
        #expect(attempts.count == live.count)
        #expect(attempts.allSatisfy { $0.state == .result && ($0.result == .delivered || $0.result == .answered) })
        #expect(try harness.store.journal(runID: "test").first?.kind == "run")
        #expect(try harness.store.enrolments().filter { $0.status == .ended }.count == 5)
    }

    @Test(.timeLimit(.minutes(1)))
    func aRestartedDriverResumesWithoutSendingAnythingTwice() async throws {
        let harness = try LiveHarness(accounts: 6)
        defer { harness.cleanUp() }
        let gateway = RecordingGateway()
        // First process: the first SMS goes out and is delivered; stop before the email is due.
        let (first, _) = try await Self.runDriver(harness, gateway: gateway, stopAfterWakes: 0)
        #expect(first.count == 6)
        let journalLength = try harness.store.journal(runID: "test").count
        // Second process: same store, same gateway; replay, then continue to the end.
        let (second, _) = try await Self.runDriver(harness, gateway: gateway)
        #expect(second.count == 12)
        #expect(Set(second.map(\.step)) == ["first-email", "reminder-call"])
        #expect(gateway.sendCount == 18)
        #expect(Set(gateway.entries.map(\.idempotencyKey)).count == 18)
        #expect(try harness.store.journal(runID: "test").count > journalLength)
    }

    @Test(.timeLimit(.minutes(1)))
    func aStopWebhookSuppressesTheNumberBeforeTheNextDispatch() async throws {
        let harness = try LiveHarness(accounts: 3)
        defer { harness.cleanUp() }
        let gateway = RecordingGateway()
        let clock = ManualUTCClock(now: LiveHarness.t0)
        let log = TurnLog()
        let driver = LiveDriver(
            configuration: harness.configuration(),
            store: harness.store,
            gateways: GatewayRouter([gateway]),
            clock: clock,
            logger: .quiet,
            observer: log.observer
        )
        let running = Task { try await driver.run() }
        await log.settled(at: LiveHarness.t0)
        let stop = try await driver.webhookSink.record(
            .inboundMessage(
                InboundMessageEvent(messageSID: "SMin1", from: "+12125550001", to: "+15005550006", body: " stop ")
            )
        )
        #expect(stop == WebhookDisposition(isDuplicate: false, mayReply: true))
        let again = try await driver.webhookSink.record(
            .inboundMessage(
                InboundMessageEvent(messageSID: "SMin2", from: "+12125550001", to: "+15005550006", body: "STOP")
            )
        )
        #expect(again.mayReply == false)
        #expect(try harness.store.suppressions().map(\.destination).contains("+12125550001"))
        // Deliver the first texts; the reminders 40 minutes on go to the other two accounts only.
        for entry in gateway.entries where entry.channel == .sms {
            guard case .found(let receipt) = await gateway.lookup(idempotencyKey: entry.idempotencyKey, channel: .sms)
            else { continue }
            _ = try await driver.webhookSink.record(
                .messageStatus(MessageStatusEvent(messageSID: receipt.gatewayMessageID, status: "delivered"))
            )
        }
        var now = LiveHarness.t0
        while let wake = log.reports.last?.nextWake, wake <= LiveHarness.t0.adding(seconds: 3_600) {
            now = wake
            clock.advance(to: wake)
            await log.settled(at: wake)
        }
        driver.stop()
        clock.advance(to: now.adding(seconds: 1))
        try await running.value
        // An SMS opt-out also revokes consent to automated calls on the number (T-01).
        let reminders = gateway.entries.filter { $0.channel == .call }
        #expect(reminders.count == 2)
        #expect(!reminders.contains { $0.destination == "+12125550001" })
        let decisions = try harness.store.timeline(accountID: "T001").filter { $0.kind == .deferral }
        #expect(!decisions.isEmpty)
    }
}
