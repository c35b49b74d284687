import DunGatewaySim
import DunGateways
import DunRuntime
import DunWebhooks
import Logging
import Testing

/// Runs gateway-sim (and optionally a webhook server) in-process on 127.0.0.1 ephemeral ports.
enum SimHarness {
    /// Cancelling a server at the end of a test makes Hummingbird log an error; tests do not want it.
    static var quietLogger: Logger {
        var logger = Logger(label: "dun-test")
        logger.logLevel = .critical
        return logger
    }
    static let token = "sim-test-token"
    static let clock = SystemUTCClock()

    struct Running: Sendable {
        let sim: GatewaySim
        let httpPort: Int
        let smtpPort: Int?
        let curl: CurlMulti

        func twilio(timeoutMilliseconds: Int = 5_000, token: String = SimHarness.token) -> TwilioGateway {
            TwilioGateway(
                configuration: .init(
                    baseURL: "http://127.0.0.1:\(self.httpPort)",
                    accountSID: "ACtest",
                    authToken: token,
                    fromNumber: "+15550000000",
                    timeoutMilliseconds: timeoutMilliseconds
                ),
                curl: self.curl
            )
        }
    }

    static func withSim(
        _ options: GatewaySimOptions,
        _ body: @Sendable (Running) async throws -> Void
    ) async throws {
        var options = options
        options.httpPort = 0
        options.authToken = Self.token
        let server = try GatewaySimServer(options: options, clock: Self.clock)
        let (ports, portSink) = AsyncStream.makeStream(of: (Int, Int?).self)
        let curl = CurlMulti()
        defer { curl.shutdown() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run(logger: Self.quietLogger) { portSink.yield(($0, $1)) } }
            var iterator = ports.makeAsyncIterator()
            let (httpPort, smtpPort) = try #require(await iterator.next())
            do {
                try await body(Running(sim: server.sim, httpPort: httpPort, smtpPort: smtpPort, curl: curl))
            } catch {
                group.cancelAll()
                throw error
            }
            group.cancelAll()
        }
    }

    static func withWebhookServer(
        sink: InMemoryWebhookEventSink,
        _ body: @Sendable (Int) async throws -> Void
    ) async throws {
        let server = WebhookServer(
            configuration: .init(port: 0, authToken: Self.token),
            sink: sink,
            replies: InboundReplies(programName: "Acme", helpContact: "acme.test/help", frequency: "up to 3 msgs/week")
        )
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run(logger: Self.quietLogger) { portSink.yield($0) } }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            do {
                try await body(port)
            } catch {
                group.cancelAll()
                throw error
            }
            group.cancelAll()
        }
    }

    /// Waits (polling the injected clock every 20 ms) until `condition` holds or `milliseconds` pass.
    static func eventually(within milliseconds: Int64, _ condition: () -> Bool) async throws -> Bool {
        let deadline = Self.clock.nowMilliseconds() + milliseconds
        while !condition() {
            if Self.clock.nowMilliseconds() > deadline { return false }
            try await Self.clock.sleep(milliseconds: 20)
        }
        return true
    }
}
