import DunGateways
import HTTPTypes
public import Hummingbird
public import Logging
import NIOCore
public import Prometheus
import ServiceLifecycle

/// The HTTP endpoint gateways call back: delivery status, inbound texts, call outcomes; plus `/metrics`
/// (Prometheus text) and `/healthz`.
///
/// Routes (all `POST` form-encoded, Twilio style):
/// - `/twilio/message-status`: `MessageSid`, `MessageStatus`, `ErrorCode`
/// - `/twilio/inbound`: `MessageSid`, `From`, `To`, `Body`; answered with TwiML `<Message>` carrying the
///   keyword reply when the sink allows it (``InboundReplies``)
/// - `/twilio/call-status`: `CallSid`, `CallStatus`, `AnsweredBy`, `CallDuration`
///
/// Every POST must carry a valid `X-Twilio-Signature` over ``Configuration/publicBaseURL`` plus the request
/// path and query; unsigned or wrongly signed requests get 403 and reach no sink. Binds 127.0.0.1 by default.
///
/// ```swift
/// let server = WebhookServer(configuration: .init(authToken: token, publicBaseURL: "https://hooks.example.com"),
///                            sink: sink, replies: replies)
/// try await server.run()   // until the task is cancelled
/// ```
public struct WebhookServer: Sendable {
    /// Where to listen and how to check signatures.
    public struct Configuration: Sendable {
        /// The listening address; loopback by default.
        public var host: String
        /// The port; 0 picks a free one (see ``WebhookServer/run(onListening:)``).
        public var port: Int
        /// The auth token the gateway signs with. Comes from the environment; never logged.
        public var authToken: String
        /// The scheme, host and port the gateway calls (as configured at the gateway, e.g. behind a proxy);
        /// `nil` rebuilds it as `http://` plus the request's Host header.
        public var publicBaseURL: String?
        /// The largest request body accepted.
        public var maxBodyBytes: Int

        /// Creates a configuration.
        public init(
            host: String = "127.0.0.1",
            port: Int = 8081,
            authToken: String,
            publicBaseURL: String? = nil,
            maxBodyBytes: Int = 64 * 1024
        ) {
            self.host = host
            self.port = port
            self.authToken = authToken
            self.publicBaseURL = publicBaseURL
            self.maxBodyBytes = maxBodyBytes
        }
    }

    private let configuration: Configuration
    private let sink: any WebhookEventSink
    private let replies: InboundReplies
    private let metrics: WebhookMetrics

    /// Creates a server handing events to `sink`.
    public init(
        configuration: Configuration,
        sink: any WebhookEventSink,
        replies: InboundReplies,
        registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()
    ) {
        self.configuration = configuration
        self.sink = sink
        self.replies = replies
        self.metrics = WebhookMetrics(registry: registry)
    }

    /// Serves until `shutdown` is triggered (a graceful stop: requests being handled are answered) or the
    /// calling task is cancelled; `onListening` gets the bound port once listening. Prefer `shutdown` to
    /// cancelling: see ``WebhookShutdown``.
    ///
    /// - Parameters:
    ///   - logger: the server's logger (Hummingbird's default when `nil`); it never sees request bodies.
    ///   - shutdown: stops the server gracefully when triggered.
    ///   - onListening: called once with the bound port.
    /// - Throws: when the port cannot be bound.
    public func run(
        logger: Logger? = nil,
        shutdown: WebhookShutdown? = nil,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        let app = Application(
            router: self.makeRouter(),
            configuration: .init(address: .hostname(self.configuration.host, port: self.configuration.port)),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        // The application in a group of its own, so that a graceful shutdown can be triggered from outside.
        let group = ServiceGroup(services: [app], logger: app.logger)
        await shutdown?.attach(group)
        try await group.run()
    }

    /// The router, for embedding or testing without a socket.
    public func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/healthz") { _, _ in Self.text(.ok, "ok\n") }
        router.get("/metrics") { _, _ in
            Self.text(.ok, self.metrics.registry.emitToString(), contentType: "text/plain; version=0.0.4")
        }
        router.post("/twilio/message-status") { request, _ in
            try await self.handle(request, route: "message-status") { parameters in
                guard let sid = parameters["MessageSid"], let status = parameters["MessageStatus"] else { return nil }
                return .messageStatus(
                    MessageStatusEvent(messageSID: sid, status: status, errorCode: parameters["ErrorCode"])
                )
            }
        }
        router.post("/twilio/call-status") { request, _ in
            try await self.handle(request, route: "call-status") { parameters in
                guard let sid = parameters["CallSid"], let status = parameters["CallStatus"] else { return nil }
                return .callStatus(
                    CallStatusEvent(
                        callSID: sid,
                        status: status,
                        answeredBy: parameters["AnsweredBy"],
                        durationSeconds: parameters["CallDuration"].flatMap { Int($0) }
                    )
                )
            }
        }
        router.post("/twilio/inbound") { request, _ in
            try await self.handle(request, route: "inbound") { parameters in
                guard let sid = parameters["MessageSid"], let from = parameters["From"] else { return nil }
                return .inboundMessage(
                    InboundMessageEvent(
                        messageSID: sid,
                        from: from,
                        to: parameters["To"] ?? "",
                        body: parameters["Body"] ?? ""
                    )
                )
            }
        }
        return router
    }

    // MARK: - Handling

    private func handle(
        _ request: Request,
        route: String,
        parse: ([String: String]) -> WebhookEvent?
    ) async throws -> Response {
        var request = request
        let buffer = try await request.collectBody(upTo: self.configuration.maxBodyBytes)
        let parameters = FormEncoding.decode(String(buffer: buffer))
        let signature = request.headers[HTTPField.Name("X-Twilio-Signature")!]
        let base = self.configuration.publicBaseURL ?? "http://\(request.head.authority ?? "")"
        let url = base + request.uri.description
        guard
            TwilioSignature(authToken: self.configuration.authToken).isValid(
                signature: signature,
                url: url,
                parameters: parameters
            )
        else {
            self.metrics.rejected(route: route)
            return Self.text(.forbidden, "forbidden\n")
        }
        var byName: [String: String] = [:]
        for (name, value) in parameters where byName[name] == nil {
            byName[name] = value
        }
        guard let event = parse(byName) else {
            self.metrics.malformed(route: route)
            return Self.text(.badRequest, "missing parameters\n")
        }
        let disposition: WebhookDisposition
        do {
            disposition = try await self.sink.record(event)
        } catch {
            self.metrics.sinkFailed(route: route)
            return Self.text(.internalServerError, "not recorded\n")
        }
        self.metrics.accepted(event: event, duplicate: disposition.isDuplicate)
        var reply: String?
        if case .inboundMessage(let inbound) = event, disposition.mayReply {
            reply = self.replies.reply(to: inbound.command)
        }
        let twiml = reply.map { "<Response><Message>\(Self.xmlEscaped($0))</Message></Response>" } ?? "<Response/>"
        return Self.text(.ok, twiml, contentType: "text/xml")
    }

    private static func text(
        _ status: HTTPResponse.Status,
        _ body: String,
        contentType: String = "text/plain"
    ) -> Response {
        Response(
            status: status,
            headers: [.contentType: contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body))
        )
    }

    private static func xmlEscaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
