import DunGateways
public import DunRuntime
import HTTPTypes
import Hummingbird
public import Logging
import NIOCore
import NIOPosix

import enum DunCore.JSONText

/// `dun gateway-sim`: a Twilio-compatible API and an SMTP server on loopback, calling webhooks back.
///
/// HTTP (basic auth `AccountSid:AuthToken`; any account SID, the token must match):
/// - `POST /2010-04-01/Accounts/{sid}/Messages.json` (`To`, `From`, `Body`, `StatusCallback`) → 201 with
///   `{"sid":"SM…","status":"queued",…}`; `Calls.json` likewise (`Twiml` or `Url`) → `CA…`.
///   The idempotency key is the `Idempotency-Key` header (or `I-Twilio-Idempotency-Token`); a repeated key
///   returns the original resource (201, same sid) and sends nothing.
/// - `GET …/Messages.json?IdempotencyKey=K` (or `Calls.json`) → `{"messages":[…]}` (`{"calls":[…]}`) with
///   the resource accepted under K, if any, and the header `X-Dun-Idempotency-Lookup: 1` (a sim extension).
/// - `GET /healthz`.
/// - Faults (``GatewaySimOptions``): 500, a stall past the client's time limit, 429 with `Retry-After`.
///
/// SMTP: EHLO/HELO, MAIL FROM, RCPT TO, DATA, RSET, NOOP, QUIT (no STARTTLS, no AUTH). An email's
/// idempotency key is its Message-ID.
public struct GatewaySimServer: Sendable {
    /// The sim's state, for tests to read.
    public let sim: GatewaySim
    private let clock: any UTCClock

    /// Creates a server around fresh state.
    ///
    /// - Throws: ``GatewaySimError`` when the log file cannot be opened.
    public init(options: GatewaySimOptions, clock: any UTCClock) throws {
        self.sim = try GatewaySim(options: options, clock: clock)
        self.clock = clock
    }

    /// Runs the HTTP and SMTP servers and the callback sender until the calling task is cancelled.
    ///
    /// - Parameters:
    ///   - logger: the HTTP server's logger (Hummingbird's default when `nil`).
    ///   - onListening: called once with the bound HTTP and SMTP ports (SMTP `nil` when off).
    /// - Throws: when a port cannot be bound or the server fails.
    public func run(
        logger: Logger? = nil,
        onListening: @escaping @Sendable (_ httpPort: Int, _ smtpPort: Int?) async -> Void = { _, _ in }
    )
        async throws
    {
        let options = self.sim.options
        let (callbacks, callbackSink) = AsyncStream.makeStream(of: GatewaySim.Callback.self)
        let curl = CurlMulti(maxConnectionsPerHost: 16)
        defer { curl.shutdown() }
        var smtpChannel: (any Channel)?
        if let smtpPort = options.smtpPort {
            smtpChannel = try await SMTPSimServer.bind(host: options.host, port: smtpPort, sim: self.sim)
        }
        let smtpBound = smtpChannel?.localAddress?.port
        defer { smtpChannel?.close(promise: nil) }
        let router = self.makeRouter(callbacks: callbackSink)
        let app = Application(
            router: router,
            configuration: .init(
                address: .hostname(options.host, port: options.httpPort),
                serverName: "dun-gateway-sim"
            ),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0, smtpBound) },
            logger: logger
        )
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask(priority: nil) {
                // The server returns when the run is cancelled; ending the stream then ends the sender loop.
                defer { callbackSink.finish() }
                try await app.run()
            }
            group.addTask(priority: nil) {
                await withDiscardingTaskGroup { senders in
                    for await callback in callbacks {
                        senders.addTask(priority: nil) { await self.deliver(callback, curl: curl) }
                    }
                }
            }
        }
    }

    private func deliver(_ callback: GatewaySim.Callback, curl: CurlMulti) async {
        try? await self.clock.sleep(milliseconds: self.sim.options.callbackDelayMilliseconds)
        let signature = TwilioSignature(authToken: self.sim.options.authToken)
            .signature(url: callback.url, parameters: callback.parameters)
        let request = CurlRequest(
            url: callback.url,
            method: .post,
            headers: ["Content-Type: application/x-www-form-urlencoded", "X-Twilio-Signature: \(signature)"],
            body: Array(FormEncoding.encode(callback.parameters).utf8),
            timeoutMilliseconds: 5_000
        )
        var fields = [("event", "callback"), ("url", callback.url)]
        fields += callback.parameters.filter {
            ["MessageSid", "CallSid", "MessageStatus", "CallStatus", "Body"].contains($0.0)
        }
        // Like Twilio's connection-override retries (`#rc=`): a refused connection, a timeout or a 5xx is
        // tried again, so a webhook server restarting within a few seconds loses nothing.
        var tries = 0
        while true {
            tries += 1
            do {
                let response = try await curl.perform(request)
                if response.status >= 500, tries < self.sim.options.callbackTries {
                    try? await self.clock.sleep(milliseconds: self.sim.options.callbackRetryMilliseconds)
                    continue
                }
                fields.append(("http_status", String(response.status)))
            } catch {
                if tries < self.sim.options.callbackTries {
                    try? await self.clock.sleep(milliseconds: self.sim.options.callbackRetryMilliseconds)
                    continue
                }
                fields.append(("error", "\(error)"))
            }
            break
        }
        fields.append(("tries", String(tries)))
        self.sim.log(JSONText.object(fields))
    }

    // MARK: - HTTP

    private func makeRouter(callbacks: AsyncStream<GatewaySim.Callback>.Continuation) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/healthz") { _, _ in Self.json(.ok, "{\"status\":\"ok\"}") }
        for (resource, kind) in [("Messages.json", GatewaySimRecord.Kind.sms), ("Calls.json", .call)] {
            router.post("/2010-04-01/Accounts/:account/\(resource)") { request, context in
                try await self.create(kind: kind, request: request, context: context, callbacks: callbacks)
            }
            router.get("/2010-04-01/Accounts/:account/\(resource)") { request, context in
                guard self.isAuthorized(request, context: context) else { return Self.unauthorized() }
                let key = request.uri.queryParameters.get("IdempotencyKey") ?? ""
                let items = self.sim.lookup(kind: kind, idempotencyKey: key).map { [Self.resourceJSON($0)] } ?? []
                let listName = kind == .call ? "calls" : "messages"
                var response = Self.json(.ok, "{\"\(listName)\":[\(items.joined(separator: ","))]}")
                response.headers[HTTPField.Name("X-Dun-Idempotency-Lookup")!] = "1"
                return response
            }
        }
        return router
    }

    private func create(
        kind: GatewaySimRecord.Kind,
        request: Request,
        context: BasicRequestContext,
        callbacks: AsyncStream<GatewaySim.Callback>.Continuation
    ) async throws -> Response {
        guard self.isAuthorized(request, context: context) else { return Self.unauthorized() }
        var request = request
        let body = try await request.collectBody(upTo: 256 * 1024)
        var parameters: [String: String] = [:]
        for (name, value) in FormEncoding.decode(String(buffer: body)) where parameters[name] == nil {
            parameters[name] = value
        }
        let key =
            request.headers[HTTPField.Name("Idempotency-Key")!]
            ?? request.headers[HTTPField.Name("I-Twilio-Idempotency-Token")!]
        let fault = self.sim.drawFault()
        switch fault {
        case .serverError:
            return Self.json(
                .internalServerError,
                "{\"code\":20500,\"message\":\"Internal Server Error\",\"status\":500}"
            )
        case .tooManyRequests:
            var response = Self.json(
                .tooManyRequests,
                "{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}"
            )
            response.headers[.retryAfter] = String(self.sim.options.retryAfterSeconds)
            return response
        case .stall, nil:
            break
        }
        guard let to = parameters["To"], let from = parameters["From"] else {
            return Self.json(
                .badRequest,
                "{\"code\":21604,\"message\":\"A 'To' and 'From' are required.\",\"status\":400}"
            )
        }
        guard Self.isE164(to) else {
            return Self.json(.badRequest, "{\"code\":21211,\"message\":\"Invalid 'To' Phone Number\",\"status\":400}")
        }
        if kind == .sms, (parameters["Body"] ?? "").isEmpty {
            return Self.json(.badRequest, "{\"code\":21602,\"message\":\"Message body is required.\",\"status\":400}")
        }
        if kind == .call, parameters["Twiml"] == nil, parameters["Url"] == nil {
            return Self.json(.badRequest, "{\"code\":21205,\"message\":\"Url or Twiml is required.\",\"status\":400}")
        }
        if case .stall(let acceptFirst) = fault {
            if acceptFirst {
                self.accept(kind: kind, key: key, to: to, from: from, parameters: parameters, callbacks: callbacks)
            }
            try await self.clock.sleep(milliseconds: self.sim.options.stallMilliseconds)
            return Self.json(.serviceUnavailable, "{\"code\":20503,\"message\":\"Stalled\",\"status\":503}")
        }
        let record = self.accept(kind: kind, key: key, to: to, from: from, parameters: parameters, callbacks: callbacks)
        if self.sim.options.answerDelayMilliseconds > 0 {
            // Accepted (logged, callbacks scheduled) but not yet answered: the client's send is in flight.
            try await self.clock.sleep(milliseconds: self.sim.options.answerDelayMilliseconds)
        }
        return Self.json(.created, Self.resourceJSON(record))
    }

    @discardableResult
    private func accept(
        kind: GatewaySimRecord.Kind,
        key: String?,
        to: String,
        from: String,
        parameters: [String: String],
        callbacks: AsyncStream<GatewaySim.Callback>.Continuation
    ) -> GatewaySimRecord {
        let (record, isNew) = self.sim.accept(
            kind: kind,
            idempotencyKey: key,
            to: to,
            from: from,
            statusCallback: parameters["StatusCallback"]
        )
        if isNew {
            for callback in self.sim.callbacks(for: record) {
                callbacks.yield(callback)
            }
        }
        return record
    }

    private func isAuthorized(_ request: Request, context: BasicRequestContext) -> Bool {
        guard let header = request.headers[.authorization], header.hasPrefix("Basic "),
            let decoded = Base64.decode(String(header.dropFirst(6))),
            let account = context.parameters.get("account")
        else { return false }
        let credentials = String(decoding: decoded, as: UTF8.self)
        return credentials == "\(account):\(self.sim.options.authToken)"
    }

    private static func isE164(_ number: String) -> Bool {
        let digits = number.dropFirst()
        return number.hasPrefix("+") && (8...15).contains(digits.count)
            && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    private static func resourceJSON(_ record: GatewaySimRecord) -> String {
        JSONText.object([
            ("sid", record.sid), ("status", "queued"), ("to", record.to), ("from", record.from),
            ("idempotency_key", record.idempotencyKey),
        ])
    }

    private static func unauthorized() -> Response {
        Self.json(.unauthorized, "{\"code\":20003,\"message\":\"Authenticate\",\"status\":401}")
    }

    private static func json(_ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body))
        )
    }
}
