import DunCore
import DunGateways
import DunTesting
import Foundation
import Testing

struct GatewayClassificationTests {
    private func response(_ status: Int, _ body: String, headers: [(name: String, value: String)] = []) -> CurlResponse
    {
        CurlResponse(status: status, headers: headers, body: Array(body.utf8))
    }

    @Test func createdWithSidIsAccepted() {
        let result = TwilioGateway.classify(self.response(201, #"{"sid":"SM123","status":"queued"}"#))
        #expect(result == .accepted(GatewayReceipt(gatewayMessageID: "SM123", status: "queued")))
    }

    @Test func tooManyRequestsCarriesRetryAfter() {
        let result = TwilioGateway.classify(
            self.response(429, #"{"code":20429,"message":"Too Many Requests"}"#, headers: [("Retry-After", "7")])
        )
        guard case .retryable(let failure) = result else {
            Issue.record("expected retryable, got \(result)")
            return
        }
        #expect(failure.retryAfterSeconds == 7)
        #expect(!failure.inDoubt)
    }

    @Test func serverErrorIsRetryableInDoubt() {
        guard case .retryable(let failure) = TwilioGateway.classify(self.response(500, "oops")) else {
            Issue.record("expected retryable")
            return
        }
        #expect(failure.inDoubt)
        #expect(failure.statusCode == 500)
    }

    @Test(arguments: [400, 401, 403, 404, 422])
    func otherClientErrorsArePermanent(status: Int) {
        guard
            case .permanent(let failure) = TwilioGateway.classify(
                self.response(status, #"{"code":21211,"message":"Invalid 'To'"}"#)
            )
        else {
            Issue.record("expected permanent")
            return
        }
        #expect(failure.message.contains("21211"))
    }

    @Test func twimlEscapesTheScript() {
        #expect(TwilioGateway.twiml(saying: "A & B <c>") == "<Response><Say>A &amp; B &lt;c&gt;</Say></Response>")
    }

    @Test func composedEmailCarriesMessageIDAndUnsubscribeHeaders() throws {
        let curl = CurlMulti()
        defer { curl.shutdown() }
        let gateway = SMTPGateway(
            configuration: .init(
                url: "smtp://127.0.0.1:1",
                fromAddress: "billing@example.com",
                fromName: "Acme Billing",
                messageIDDomain: "acme.test"
            ),
            curl: curl
        )
        let attempt = GatewayAttempt(
            channel: .email,
            destination: "debtor@example.org",
            content: RenderedContent(
                subject: "Your account\r\nBcc: evil@example.com",
                body: "Line one\nLine two",
                unsubscribeTargets: ["mailto:unsub@example.com?subject=u-1", "https://example.com/u/1"]
            ),
            idempotencyKey: "att-42.1"
        )
        let id = gateway.messageID(forIdempotencyKey: attempt.idempotencyKey)
        #expect(id == "<att-42.1@acme.test>")
        #expect(gateway.messageID(forIdempotencyKey: "a b") == gateway.messageID(forIdempotencyKey: "a b"))
        #expect(gateway.messageID(forIdempotencyKey: "a b").hasPrefix("<h-"))
        let text = gateway.compose(attempt, messageID: id)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.contains("Message-ID: <att-42.1@acme.test>"))
        #expect(lines.contains("Subject: Your accountBcc: evil@example.com"))
        #expect(lines.contains("List-Unsubscribe: <mailto:unsub@example.com?subject=u-1>, <https://example.com/u/1>"))
        #expect(lines.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"))
        #expect(text.hasSuffix("\r\n\r\nLine one\r\nLine two\r\n"))
    }

    @Test(.timeLimit(.minutes(1)))
    func recordingGatewayIsIdempotent() async {
        let gateway = RecordingGateway()
        let attempt = GatewayAttempt(
            channel: .sms,
            destination: "+15551230000",
            content: RenderedContent(body: "Hi"),
            idempotencyKey: "k-1"
        )
        let first = await gateway.send(attempt)
        let second = await gateway.send(attempt)
        #expect(first == second)
        #expect(gateway.entries == [attempt])
        #expect(gateway.sendCount == 2)
        #expect(await gateway.lookup(idempotencyKey: "k-1", channel: .sms) != .notFound)
        #expect(await gateway.lookup(idempotencyKey: "k-2", channel: .sms) == .notFound)
    }

    @Test(.timeLimit(.minutes(1)))
    func connectionRefusedIsRetryableAndNotInDoubt() async {
        let curl = CurlMulti()
        defer { curl.shutdown() }
        let gateway = TwilioGateway(
            configuration: .init(
                baseURL: "http://127.0.0.1:1",
                accountSID: "AC1",
                authToken: "t",
                fromNumber: "+15550000000"
            ),
            curl: curl
        )
        let attempt = GatewayAttempt(
            channel: .sms,
            destination: "+15551230000",
            content: RenderedContent(body: "Hi"),
            idempotencyKey: "k"
        )
        guard case .retryable(let failure) = await gateway.send(attempt) else {
            Issue.record("expected retryable")
            return
        }
        #expect(!failure.inDoubt)
        #expect(failure.transportCode == 7)
    }
}

struct RecordingGatewayContractTests {
    @Test(.timeLimit(.minutes(1)))
    func recordingGatewayKeepsTheContract() async {
        await checkGatewayContract(
            RecordingGateway(channels: [.sms, .email]),
            attempt: GatewayAttempt(
                channel: .sms,
                destination: "+15551230000",
                content: RenderedContent(body: "Hi"),
                idempotencyKey: ""
            )
        )
    }
}
