import DunCore
import DunGatewaySim
import DunGateways
import DunRuntime
import DunTesting
import DunWebhooks
import Testing

/// How one message's series of attempts ended.
private struct SeriesEnd: Sendable {
    var index: Int
    var outcome: DunGateways.RetryPolicy.Outcome
    var attempts: Int
}

/// The HTTP and SMTP gateways against gateway-sim on loopback.
struct GatewaySimTests {
    private static func verifyNothingTwice(outcomes: [SeriesEnd], count: Int, sim: GatewaySim) {
        #expect(outcomes.count == count)
        let retried = outcomes.filter { $0.attempts > 1 }.count
        #expect(retried > 10, "faults were injected")
        let accepted = sim.accepted
        var byDestination: [String: Int] = [:]
        var byKey: [String: Int] = [:]
        var sidByDestination: [String: String] = [:]
        for record in accepted {
            byDestination[record.to, default: 0] += 1
            byKey[record.idempotencyKey, default: 0] += 1
            sidByDestination[record.to] = record.sid
        }
        let twice = byDestination.filter { $0.value > 1 }.count + byKey.filter { $0.value > 1 }.count
        #expect(twice == 0, "a destination or key was accepted twice")
        let acceptedLines = sim.logLines.filter { $0.hasPrefix(#"{"event":"accepted""#) }.count
        #expect(acceptedLines == accepted.count)
        for end in outcomes {
            let destination = Self.sms(end.index, key: "").destination
            switch end.outcome {
            case .accepted(let receipt):
                let sid = sidByDestination[destination]
                #expect(sid == receipt.gatewayMessageID)
            case .failed:
                Issue.record("message \(end.index) failed after \(end.attempts) attempts: \(end.outcome)")
            }
        }
    }

    private static func sendConcurrently(total: Int, concurrency: Int, gateway: TwilioGateway) async -> Int {
        await withTaskGroup(of: Int.self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    var accepted = 0
                    for index in stride(from: worker, to: total, by: concurrency) {
                        if case .accepted = await gateway.send(Self.sms(index, key: "tp-\(index)")) {
                            accepted += 1
                        }
                    }
                    return accepted
                }
            }
            var sum = 0
            for await count in group { sum += count }
            return sum
        }
    }

    private static func sendAll(
        count: Int,
        gateway: TwilioGateway,
        policy: DunGateways.RetryPolicy
    ) async throws -> [SeriesEnd] {
        // Fewer workers than the driver's connections per host: libcurl's time limit also runs while a
        // transfer waits for a connection, so an unbounded fan-out turns queueing into timeouts.
        let workers = 24
        return try await withThrowingTaskGroup(of: [SeriesEnd].self) { group in
            for worker in 0..<workers {
                group.addTask {
                    var ends: [SeriesEnd] = []
                    for index in stride(from: worker, to: count, by: workers) {
                        ends.append(try await Self.sendWithRetries(index: index, gateway: gateway, policy: policy))
                    }
                    return ends
                }
            }
            var all: [SeriesEnd] = []
            for try await ends in group { all += ends }
            return all
        }
    }

    /// What a runner does with one message: each retry is a new attempt with a new key, unless the series was in doubt.
    private static func sendWithRetries(
        index: Int,
        gateway: TwilioGateway,
        policy: DunGateways.RetryPolicy
    ) async throws -> SeriesEnd {
        var attemptNumber = 1
        var key = "msg-\(index)-a1"
        var inDoubt = false
        while true {
            let result = await gateway.send(Self.sms(index, key: key))
            switch policy.decision(after: result, attemptNumber: attemptNumber, jitterSeed: UInt64(index)) {
            case .stop(let outcome):
                return SeriesEnd(index: index, outcome: outcome, attempts: attemptNumber)
            case .retry(let delay, let reuseKey):
                attemptNumber += 1
                // Once any send of the series was in doubt, the key stays (the gateway may hold it).
                inDoubt = inDoubt || reuseKey
                if !inDoubt { key = "msg-\(index)-a\(attemptNumber)" }
                try await SimHarness.clock.sleep(milliseconds: delay)
            }
        }
    }

    private static func sms(_ index: Int, key: String) -> GatewayAttempt {
        GatewayAttempt(
            channel: .sms,
            destination: "+1555100" + String(1000 + index),
            content: RenderedContent(body: "Message \(index). Text STOP to opt out."),
            idempotencyKey: key
        )
    }

    @Test(.timeLimit(.minutes(1)))
    func sendIsAcceptedAndARepeatedKeyReturnsTheOriginal() async throws {
        try await SimHarness.withSim(GatewaySimOptions(smtpPort: nil)) { running in
            let gateway = running.twilio()
            let first = await gateway.send(Self.sms(1, key: "k-1"))
            let again = await gateway.send(Self.sms(1, key: "k-1"))
            guard case .accepted(let receipt) = first else {
                Issue.record("expected accepted, got \(first)")
                return
            }
            #expect(receipt.gatewayMessageID.hasPrefix("SM"))
            #expect(again == first)
            #expect(running.sim.accepted.count == 1)
            #expect(running.sim.repeatCount == 1)
            #expect(await gateway.lookup(idempotencyKey: "k-1", channel: .sms) == .found(receipt))
            #expect(await gateway.lookup(idempotencyKey: "k-2", channel: .sms) == .notFound)
            #expect(await gateway.lookup(idempotencyKey: "k-1", channel: .call) == .notFound)

            let call = GatewayAttempt(
                channel: .call,
                destination: "+15551002000",
                content: RenderedContent(body: "Please call us back."),
                idempotencyKey: "c-1"
            )
            guard case .accepted(let callReceipt) = await gateway.send(call) else {
                Issue.record("call not accepted")
                return
            }
            #expect(callReceipt.gatewayMessageID.hasPrefix("CA"))
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func twilioAndSMTPGatewaysKeepTheContractAgainstTheSim() async throws {
        try await SimHarness.withSim(GatewaySimOptions(smtpPort: 0)) { running in
            await checkGatewayContract(running.twilio(), attempt: Self.sms(1, key: ""), keyPrefix: "sms")
            var call = Self.sms(2, key: "")
            call.channel = .call
            await checkGatewayContract(running.twilio(), attempt: call, keyPrefix: "call")
            let smtp = SMTPGateway(
                configuration: .init(
                    url: "smtp://127.0.0.1:\(running.smtpPort ?? 0)",
                    fromAddress: "billing@example.com"
                ),
                curl: running.curl
            )
            let email = GatewayAttempt(
                channel: .email,
                destination: "debtor@example.org",
                content: RenderedContent(subject: "s", body: "b"),
                idempotencyKey: ""
            )
            await checkGatewayContract(smtp, attempt: email, keyPrefix: "mail", lookupSupported: false)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func clientErrorsArePermanent() async throws {
        try await SimHarness.withSim(GatewaySimOptions(smtpPort: nil)) { running in
            var invalid = Self.sms(1, key: "bad")
            invalid.destination = "5551234"
            guard case .permanent(let failure) = await running.twilio().send(invalid) else {
                Issue.record("invalid number should fail for good")
                return
            }
            #expect(failure.statusCode == 400)
            guard case .permanent(let auth) = await running.twilio(token: "wrong").send(Self.sms(2, key: "k")) else {
                Issue.record("bad credentials should fail for good")
                return
            }
            #expect(auth.statusCode == 401)
            #expect(running.sim.accepted.isEmpty)
        }
    }

    /// 20% injected faults (5xx, stalls past the client's limit, 429 with Retry-After): with the retry policy,
    /// every message ends accepted or failed, and the sim's log shows no key and no destination accepted twice.
    @Test(.timeLimit(.minutes(1)))
    func faultInjectionEventuallyDeliversNothingTwice() async throws {
        let options = GatewaySimOptions(
            smtpPort: nil,
            seed: 7,
            fault5xx: 0.07,
            faultTimeout: 0.07,
            fault429: 0.06,
            retryAfterSeconds: 1,
            stallMilliseconds: 1_500
        )
        try await SimHarness.withSim(options) { running in
            let gateway = running.twilio(timeoutMilliseconds: 600)
            let policy = DunGateways.RetryPolicy(
                maxAttempts: 10,
                baseDelayMilliseconds: 20,
                maxDelayMilliseconds: 200,
                maxRetryAfterSeconds: 5
            )
            let count = 150
            let outcomes = try await Self.sendAll(count: count, gateway: gateway, policy: policy)
            Self.verifyNothingTwice(outcomes: outcomes, count: count, sim: running.sim)
        }
    }

    /// Status callbacks and debtor replies (all STOP here) reach the webhook server signed, and suppress.
    @Test(.timeLimit(.minutes(1)))
    func callbacksAreSignedAndReachTheSink() async throws {
        let sink = InMemoryWebhookEventSink()
        try await SimHarness.withWebhookServer(sink: sink) { webhookPort in
            let options = GatewaySimOptions(
                smtpPort: nil,
                webhookBaseURL: "http://127.0.0.1:\(webhookPort)",
                callbackDelayMilliseconds: 10,
                behaviour: GatewaySimBehaviour(smsDelivered: 1, smsReply: 1, replyStop: 1, replyHelp: 0)
            )
            try await SimHarness.withSim(options) { running in
                let gateway = running.twilio()
                var destinations: [String] = []
                for index in 0..<5 {
                    let attempt = Self.sms(index, key: "cb-\(index)")
                    destinations.append(attempt.destination)
                    #expect(await gateway.send(attempt) != .permanent(GatewayFailure(message: "")))
                    let call = GatewayAttempt(
                        channel: .call,
                        destination: "+1555200100\(index)",
                        content: RenderedContent(body: "Hello"),
                        idempotencyKey: "call-\(index)"
                    )
                    _ = await gateway.send(call)
                }
                // The sim logs a callback after the webhook's answer, which comes after the sink recorded it.
                let arrived = try await SimHarness.eventually(within: 10_000) {
                    sink.events.count >= 15
                        && running.sim.logLines.filter { $0.hasPrefix(#"{"event":"callback""#) }.count >= 15
                }
                #expect(arrived, "got \(sink.events.count) events")
                #expect(sink.suppressedNumbers == destinations.sorted())
                let statuses = sink.events.compactMap { event -> MessageStatusEvent? in
                    if case .messageStatus(let status) = event { return status }
                    return nil
                }
                #expect(statuses.count == 5 && statuses.allSatisfy { $0.result == .delivered })
                let calls = sink.events.compactMap { event -> CallStatusEvent? in
                    if case .callStatus(let status) = event { return status }
                    return nil
                }
                #expect(calls.count == 5 && calls.allSatisfy { $0.result != nil })
                let callbackLines = running.sim.logLines.filter { $0.hasPrefix(#"{"event":"callback""#) }
                #expect(callbackLines.count == 15)
                #expect(callbackLines.allSatisfy { $0.contains(#""http_status":"200""#) })
            }
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func emailOverSMTPIsAcceptedOncePerMessageID() async throws {
        try await SimHarness.withSim(GatewaySimOptions(smtpPort: 0)) { running in
            let port = try #require(running.smtpPort)
            let gateway = SMTPGateway(
                configuration: .init(url: "smtp://127.0.0.1:\(port)", fromAddress: "billing@example.com"),
                curl: running.curl
            )
            let attempt = GatewayAttempt(
                channel: .email,
                destination: "debtor@example.org",
                content: RenderedContent(subject: "Hi", body: "Body", unsubscribeTargets: ["mailto:u@example.com"]),
                idempotencyKey: "mail-1"
            )
            let first = await gateway.send(attempt)
            let second = await gateway.send(attempt)
            #expect(first == second)
            guard case .accepted = first else {
                Issue.record("email not accepted: \(first)")
                return
            }
            #expect(running.sim.accepted.map(\.idempotencyKey) == ["<mail-1@dun.invalid>"])
            #expect(running.sim.repeatCount == 1)
        }
    }

    /// Cancelling the calling task aborts a transfer long before the server's stall ends; the send comes back in
    /// doubt. The bound leaves room for a test process whose cooperative threads are busy with other suites'
    /// simulations (CI runs the suites in parallel on two cores): what it proves is that the 20 s stall was cut
    /// short, not how fast the scheduler resumed the test.
    @Test(.timeLimit(.minutes(1)))
    func cancellationAbortsAStalledSend() async throws {
        try await SimHarness.withSim(GatewaySimOptions(smtpPort: nil, faultTimeout: 1, stallMilliseconds: 20_000)) {
            running in
            let gateway = running.twilio(timeoutMilliseconds: 30_000)
            let start = SimHarness.clock.nowMilliseconds()
            let task = Task { await gateway.send(Self.sms(1, key: "stalled")) }
            try await SimHarness.clock.sleep(milliseconds: 200)
            task.cancel()
            let result = await task.value
            #expect(result == .retryable(GatewayFailure(message: "cancelled", inDoubt: true)))
            #expect(SimHarness.clock.nowMilliseconds() - start < 15_000)
        }
    }

    /// Shutting the driver down fails what is in flight instead of leaving it hanging.
    @Test(.timeLimit(.minutes(1)))
    func shutdownFailsTransfersInFlight() async throws {
        try await SimHarness.withSim(GatewaySimOptions(smtpPort: nil, faultTimeout: 1, stallMilliseconds: 20_000)) {
            running in
            let curl = CurlMulti()
            let request = CurlRequest(url: "http://127.0.0.1:\(running.httpPort)/healthz")
            #expect(try await curl.perform(request).status == 200)
            let stalled = CurlRequest(
                url: "http://127.0.0.1:\(running.httpPort)/2010-04-01/Accounts/AC1/Messages.json",
                method: .post,
                body: Array("To=%2B15551230000&From=%2B15550000000&Body=x".utf8),
                credentials: ("AC1", SimHarness.token),
                timeoutMilliseconds: 30_000
            )
            let task = Task { try await curl.perform(stalled) }
            try await SimHarness.clock.sleep(milliseconds: 200)
            curl.shutdown()
            await #expect(throws: CancellationError.self) { try await task.value }
            await #expect(throws: CancellationError.self) { try await curl.perform(request) }
        }
    }

    /// Sends per second to gateway-sim on loopback through one CurlMulti (debug build; a sanity floor only).
    @Test(.timeLimit(.minutes(1)))
    func throughputOnLoopback() async throws {
        try await SimHarness.withSim(GatewaySimOptions(smtpPort: nil)) { running in
            // A generous limit: under `swift test --parallel` on 2 busy cores a send can wait seconds for the CPU,
            // and this test is a floor on throughput, not on latency.
            let gateway = running.twilio(timeoutMilliseconds: 30_000)
            let total = 1_000
            let concurrency = 50
            let start = SimHarness.clock.nowMilliseconds()
            let accepted = await Self.sendConcurrently(total: total, concurrency: concurrency, gateway: gateway)
            let elapsed = max(1, SimHarness.clock.nowMilliseconds() - start)
            print("gateway-sim throughput: \(total) sends in \(elapsed) ms = \(Int64(total) * 1_000 / elapsed) sends/s")
            #expect(accepted == total)
        }
    }
}
