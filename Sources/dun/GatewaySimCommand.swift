import ArgumentParser
import DunGatewaySim
import DunRuntime

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `dun gateway-sim`: the sandbox gateway on loopback.
struct GatewaySimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gateway-sim",
        abstract: "Run a sandbox Twilio-compatible SMS/voice API and SMTP server on loopback.",
        discussion: """
            Accepts messages and calls like Twilio (basic auth AccountSid:AuthToken; any account SID), emails \
            over SMTP, and posts signed status callbacks and debtor replies to --webhook. Every accepted \
            message is logged as one JSON line with its idempotency key; a repeated key sends nothing new.
            """
    )

    @Option(help: "HTTP port (0 picks a free one).")
    var port: Int = 8090

    @Option(name: .customLong("smtp-port"), help: "SMTP port (0 picks a free one).")
    var smtpPort: Int = 2525

    @Flag(name: .customLong("no-smtp"), help: "Run no SMTP server.")
    var noSMTP = false

    @Option(help: "Webhook base URL for callbacks, e.g. http://127.0.0.1:8081.")
    var webhook: String?

    @Option(
        name: .customLong("auth-token"),
        help: "Auth token clients must present and callbacks are signed with (default: $DUN_GATEWAY_AUTH_TOKEN)."
    )
    var authToken: String?

    @Option(help: "Seed for faults, outcomes and replies.")
    var seed: UInt64 = 1

    @Option(name: .customLong("fault-5xx"), help: "Share of API requests answered 500 (0...1).")
    var fault5xx: Double = 0

    @Option(name: .customLong("fault-timeout"), help: "Share of API requests that stall past the client's limit.")
    var faultTimeout: Double = 0

    @Option(name: .customLong("fault-429"), help: "Share of API requests answered 429 with Retry-After.")
    var fault429: Double = 0

    @Option(
        name: .customLong("answer-delay-ms"),
        help: "Wait this long after accepting a message or call before answering (sends stay in flight)."
    )
    var answerDelay: Int64 = 0

    @Option(help: "Append the JSON-lines log of accepted messages to this file.")
    var log: String?

    func validate() throws {
        for (name, port) in [("--port", self.port), ("--smtp-port", self.smtpPort)] where !(0...65_535).contains(port) {
            throw ValidationError("\(name) must be between 0 and 65535, got \(port)")
        }
        for (name, share) in [
            ("--fault-5xx", self.fault5xx), ("--fault-timeout", self.faultTimeout), ("--fault-429", self.fault429),
        ]
        where !(0...1).contains(share) {
            throw ValidationError("\(name) must be between 0 and 1, got \(share)")
        }
        guard self.answerDelay >= 0 else { throw ValidationError("--answer-delay-ms must not be negative") }
        guard self.fault5xx + self.faultTimeout + self.fault429 <= 1 else {
            throw ValidationError("the fault shares add up to more than 1")
        }
    }

    func run() async throws {
        let token = self.authToken ?? Environment.value("DUN_GATEWAY_AUTH_TOKEN") ?? "sandbox-token"
        let options = GatewaySimOptions(
            httpPort: self.port,
            smtpPort: self.noSMTP ? nil : self.smtpPort,
            webhookBaseURL: self.webhook,
            authToken: token,
            seed: self.seed,
            fault5xx: self.fault5xx,
            faultTimeout: self.faultTimeout,
            fault429: self.fault429,
            answerDelayMilliseconds: self.answerDelay,
            logPath: self.log
        )
        let server = try GatewaySimServer(options: options, clock: SystemUTCClock())
        try await server.run { httpPort, smtpPort in
            let smtp = smtpPort.map { "smtp://127.0.0.1:\($0)" } ?? "off"
            let line = "gateway-sim: http://127.0.0.1:\(httpPort) \(smtp)\n"
            _ = line.withCString { write(2, $0, strlen($0)) }
        }
    }
}
