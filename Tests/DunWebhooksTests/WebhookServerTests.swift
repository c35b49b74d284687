import DunCore
import DunGateways
import DunWebhooks
import Logging
import Testing

/// The webhook server on 127.0.0.1 with an ephemeral port, driven by libcurl.
struct WebhookServerTests {
    /// Cancelling a server at the end of a test makes Hummingbird log an error; tests do not want it.
    static var quietLogger: Logger {
        var logger = Logger(label: "dun-test")
        logger.logLevel = .critical
        return logger
    }
    static let token = "webhook-test-token"
    static let replies = InboundReplies(
        programName: "Acme Recovery",
        helpContact: "acme.test/help",
        frequency: "up to 3 msgs/week"
    )

    /// Runs a server for the duration of `body`, then cancels it.
    static func withServer(
        sink: InMemoryWebhookEventSink,
        _ body: @Sendable (_ port: Int, _ curl: CurlMulti) async throws -> Void
    ) async throws {
        let server = WebhookServer(
            configuration: .init(port: 0, authToken: Self.token),
            sink: sink,
            replies: Self.replies
        )
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let curl = CurlMulti()
        defer { curl.shutdown() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run(logger: Self.quietLogger) { portSink.yield($0) } }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            do {
                try await body(port, curl)
            } catch {
                group.cancelAll()
                throw error
            }
            group.cancelAll()
        }
    }

    static func post(
        _ curl: CurlMulti,
        port: Int,
        path: String,
        parameters: [(String, String)],
        signature: String??
    ) async throws -> CurlResponse {
        let url = "http://127.0.0.1:\(port)\(path)"
        var headers = ["Content-Type: application/x-www-form-urlencoded"]
        switch signature {
        case .none:
            headers.append(
                "X-Twilio-Signature: "
                    + TwilioSignature(authToken: Self.token).signature(url: url, parameters: parameters)
            )
        case .some(.some(let given)):
            headers.append("X-Twilio-Signature: \(given)")
        case .some(.none):
            break
        }
        return try await curl.perform(
            CurlRequest(url: url, method: .post, headers: headers, body: Array(FormEncoding.encode(parameters).utf8))
        )
    }

    @Test(.timeLimit(.minutes(1)), arguments: ["/twilio/message-status", "/twilio/call-status", "/twilio/inbound"])
    func unsignedAndWronglySignedRequestsGet403(path: String) async throws {
        let sink = InMemoryWebhookEventSink()
        try await Self.withServer(sink: sink) { port, curl in
            let parameters = [
                ("MessageSid", "SM1"), ("MessageStatus", "delivered"), ("CallSid", "CA1"), ("CallStatus", "busy"),
                ("From", "+15551230000"), ("To", "+15550000000"), ("Body", "STOP"),
            ]
            let unsigned = try await Self.post(
                curl,
                port: port,
                path: path,
                parameters: parameters,
                signature: .some(nil)
            )
            #expect(unsigned.status == 403)
            let wrong = try await Self.post(
                curl,
                port: port,
                path: path,
                parameters: parameters,
                signature: "RSOYDt4T1cUTdK1PDd93/VVr8B8="
            )
            #expect(wrong.status == 403)
            let otherToken = TwilioSignature(authToken: "other").signature(
                url: "http://127.0.0.1:\(port)\(path)",
                parameters: parameters
            )
            #expect(
                try await Self.post(curl, port: port, path: path, parameters: parameters, signature: otherToken).status
                    == 403
            )
            #expect(sink.events.isEmpty)
            let signed = try await Self.post(curl, port: port, path: path, parameters: parameters, signature: nil)
            #expect(signed.status == 200)
            #expect(sink.events.count == 1)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func stopSuppressesAtOnceAndConfirmsOnce() async throws {
        let sink = InMemoryWebhookEventSink()
        try await Self.withServer(sink: sink) { port, curl in
            func inbound(_ sid: String, _ body: String) async throws -> String {
                let response = try await Self.post(
                    curl,
                    port: port,
                    path: "/twilio/inbound",
                    parameters: [
                        ("MessageSid", sid), ("From", "+15551230000"), ("To", "+15550000000"), ("Body", body),
                    ],
                    signature: nil
                )
                #expect(response.status == 200)
                return String(decoding: response.body, as: UTF8.self)
            }
            let first = try await inbound("SMa", " Stop ")
            #expect(first == "<Response><Message>\(InboundReplies.optOutConfirmation)</Message></Response>")
            #expect(sink.suppressedNumbers == ["+15551230000"])
            #expect(try await inbound("SMb", "STOPALL") == "<Response/>")
            #expect(try await inbound("SMa", " Stop ") == "<Response/>")  // the gateway retrying: a duplicate
            let help = try await inbound("SMc", "help")
            #expect(help.contains("Text STOP to cancel"))
            #expect(help.contains("Msg&amp;data rates may apply"))
            #expect(try await inbound("SMd", "START") == "<Response/>")
            #expect(sink.suppressedNumbers.isEmpty)
            #expect(sink.optedInNumbers == ["+15551230000"])
            #expect(sink.events.count == 4)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func callAndMessageStatusReachTheSinkWithResults() async throws {
        let sink = InMemoryWebhookEventSink()
        try await Self.withServer(sink: sink) { port, curl in
            let call = try await Self.post(
                curl,
                port: port,
                path: "/twilio/call-status",
                parameters: [
                    ("CallSid", "CA9"), ("CallStatus", "completed"), ("AnsweredBy", "machine_start"),
                    ("CallDuration", "20"),
                ],
                signature: nil
            )
            #expect(call.status == 200)
            let message = try await Self.post(
                curl,
                port: port,
                path: "/twilio/message-status",
                parameters: [("MessageSid", "SM9"), ("MessageStatus", "undelivered"), ("ErrorCode", "30003")],
                signature: nil
            )
            #expect(message.status == 200)
            let missing = try await Self.post(
                curl,
                port: port,
                path: "/twilio/message-status",
                parameters: [("Foo", "bar")],
                signature: nil
            )
            #expect(missing.status == 400)
            #expect(
                sink.events == [
                    .callStatus(
                        CallStatusEvent(
                            callSID: "CA9",
                            status: "completed",
                            answeredBy: "machine_start",
                            durationSeconds: 20
                        )
                    ),
                    .messageStatus(MessageStatusEvent(messageSID: "SM9", status: "undelivered", errorCode: "30003")),
                ]
            )
            if case .callStatus(let event) = sink.events.first {
                #expect(event.result == .voicemail)
            }
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func healthAndMetrics() async throws {
        let sink = InMemoryWebhookEventSink()
        try await Self.withServer(sink: sink) { port, curl in
            let health = try await curl.perform(CurlRequest(url: "http://127.0.0.1:\(port)/healthz"))
            #expect(health.status == 200)
            _ = try await Self.post(
                curl,
                port: port,
                path: "/twilio/inbound",
                parameters: [("MessageSid", "x")],
                signature: .some(nil)
            )
            _ = try await Self.post(
                curl,
                port: port,
                path: "/twilio/inbound",
                parameters: [("MessageSid", "SM1"), ("From", "+15551230000"), ("Body", "quit")],
                signature: nil
            )
            let metrics = try await curl.perform(CurlRequest(url: "http://127.0.0.1:\(port)/metrics"))
            #expect(metrics.status == 200)
            let text = String(decoding: metrics.body, as: UTF8.self)
            #expect(text.contains(#"dun_webhook_requests_total{route="inbound",result="forbidden"} 1"#))
            #expect(text.contains(#"dun_webhook_requests_total{route="inbound",result="ok"} 1"#))
            #expect(text.contains("dun_inbound_opt_outs_total 1"))
        }
    }
}
