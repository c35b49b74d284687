public import DunCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// SMS and voice through a Twilio-compatible REST API (Twilio itself, or `dun gateway-sim`), over libcurl.
///
/// - SMS: `POST {baseURL}/2010-04-01/Accounts/{AccountSid}/Messages.json` with `To`, `From`, `Body` and
///   `StatusCallback`, form-encoded, HTTP basic auth `AccountSid:AuthToken`; the JSON answer's `sid` is the
///   gateway message id.
/// - Calls: `POST …/Calls.json` with `To`, `From`, `Twiml` (`<Response><Say>…</Say></Response>` of the
///   rendered body), `StatusCallback` and, when enabled, `MachineDetection=Enable` so the outcome callback
///   carries `AnsweredBy` (human or machine).
/// - Every request carries `Idempotency-Key` and `I-Twilio-Idempotency-Token` with the attempt's key.
/// - Lookup: `GET …/Messages.json?IdempotencyKey=KEY` (or `Calls.json`). This filter is a gateway-sim
///   extension: the answer counts only when it carries the header `X-Dun-Idempotency-Lookup: 1` and a
///   list of resources with an `idempotency_key` field; Twilio itself ignores the filter, so against it
///   `lookup` answers `.unknown` and an attempt in doubt stays in doubt (the runner must not resend it).
///
/// See ``Gateway`` for the contract; this type is thread-safe and shares one ``CurlMulti``.
public struct TwilioGateway: Gateway {
    /// Where and as whom to send.
    public struct Configuration: Sendable {
        /// The API root without a trailing slash: `https://api.twilio.com` or `http://127.0.0.1:PORT`.
        public var baseURL: String
        /// The account SID (basic-auth user, part of every path).
        public var accountSID: String
        /// The auth token (basic-auth password). Comes from the environment; never logged.
        public var authToken: String
        /// The sending number in E.164, used as `From` for SMS and calls.
        public var fromNumber: String
        /// The per-request time limit.
        public var timeoutMilliseconds: Int
        /// Whether calls ask for answering-machine detection (`MachineDetection=Enable`).
        public var machineDetection: Bool

        /// Creates a configuration.
        public init(
            baseURL: String,
            accountSID: String,
            authToken: String,
            fromNumber: String,
            timeoutMilliseconds: Int = 10_000,
            machineDetection: Bool = true
        ) {
            self.baseURL = baseURL
            self.accountSID = accountSID
            self.authToken = authToken
            self.fromNumber = fromNumber
            self.timeoutMilliseconds = timeoutMilliseconds
            self.machineDetection = machineDetection
        }
    }

    private let configuration: Configuration
    private let curl: CurlMulti

    /// Creates a gateway sending through `curl`.
    public init(configuration: Configuration, curl: CurlMulti) {
        self.configuration = configuration
        self.curl = curl
    }

    public var channels: Set<Channel> { [.sms, .call] }

    public func send(_ attempt: GatewayAttempt) async -> GatewaySendResult {
        let resource: String
        var parameters: [(String, String)] = [("To", attempt.destination), ("From", self.configuration.fromNumber)]
        switch attempt.channel {
        case .sms:
            resource = "Messages.json"
            parameters.append(("Body", attempt.content.body))
        case .call:
            resource = "Calls.json"
            parameters.append(("Twiml", Self.twiml(saying: attempt.content.body)))
            if self.configuration.machineDetection {
                parameters.append(("MachineDetection", "Enable"))
            }
        case .email, .agentCall:
            return .permanent(GatewayFailure(message: "channel \(attempt.channel.rawValue) is not sent through Twilio"))
        }
        if let callback = attempt.statusCallbackURL {
            parameters.append(("StatusCallback", callback))
        }
        let request = CurlRequest(
            url: self.resourceURL(resource),
            method: .post,
            headers: [
                "Content-Type: application/x-www-form-urlencoded",
                "Accept: application/json",
                "Idempotency-Key: \(attempt.idempotencyKey)",
                "I-Twilio-Idempotency-Token: \(attempt.idempotencyKey)",
            ],
            body: Array(FormEncoding.encode(parameters).utf8),
            credentials: (self.configuration.accountSID, self.configuration.authToken),
            timeoutMilliseconds: self.configuration.timeoutMilliseconds
        )
        let response: CurlResponse
        do {
            response = try await self.curl.perform(request)
        } catch let error as CurlError {
            return .retryable(
                GatewayFailure(
                    transportCode: error.code,
                    message: error.description,
                    inDoubt: error.requestMayHaveBeenSent
                )
            )
        } catch {
            return .retryable(GatewayFailure(message: "cancelled", inDoubt: true))
        }
        return Self.classify(response)
    }

    public func lookup(idempotencyKey: String, channel: Channel) async -> GatewayLookupResult {
        let resource = channel == .call ? "Calls.json" : "Messages.json"
        let request = CurlRequest(
            url: self.resourceURL(resource) + "?IdempotencyKey=" + FormEncoding.percentEncode(idempotencyKey),
            headers: ["Accept: application/json"],
            credentials: (self.configuration.accountSID, self.configuration.authToken),
            timeoutMilliseconds: self.configuration.timeoutMilliseconds
        )
        let response: CurlResponse
        do {
            response = try await self.curl.perform(request)
        } catch {
            return .unknown("lookup failed: \(error)")
        }
        guard response.status == 200 else { return .unknown("lookup answered HTTP \(response.status)") }
        guard response.header("X-Dun-Idempotency-Lookup") == "1" else {
            return .unknown("the gateway does not support lookup by idempotency key")
        }
        guard let list = try? JSONDecoder().decode(TwilioResourceList.self, from: Data(response.body)) else {
            return .unknown("lookup answer is not a resource list")
        }
        let match = (list.messages ?? list.calls ?? []).first { $0.idempotency_key == idempotencyKey }
        guard let match else { return .notFound }
        return .found(GatewayReceipt(gatewayMessageID: match.sid, status: match.status ?? "unknown"))
    }

    /// Classifies an HTTP answer from a Twilio-compatible API.
    package static func classify(_ response: CurlResponse) -> GatewaySendResult {
        let status = response.status
        if (200..<300).contains(status) {
            guard let resource = try? JSONDecoder().decode(TwilioResource.self, from: Data(response.body)) else {
                return .retryable(GatewayFailure(statusCode: status, message: "accepted without a sid", inDoubt: true))
            }
            return .accepted(GatewayReceipt(gatewayMessageID: resource.sid, status: resource.status ?? "queued"))
        }
        let errorText = (try? JSONDecoder().decode(TwilioError.self, from: Data(response.body))).map {
            "\($0.code.map { "Twilio error \($0): " } ?? "")\($0.message ?? "")"
        }
        let message = "HTTP \(status)" + (errorText.map { ": \($0)" } ?? "")
        let retryAfter = response.header("Retry-After").flatMap { Int($0.trimmingScalars(in: " ")) }
        if status == 429 {
            return .retryable(GatewayFailure(statusCode: status, message: message, retryAfterSeconds: retryAfter))
        }
        if RetryPolicy.isRetryable(httpStatus: status) {
            // A 5xx may come from a proxy after the API took the message; treat it as in doubt.
            return .retryable(
                GatewayFailure(
                    statusCode: status,
                    message: message,
                    retryAfterSeconds: retryAfter,
                    inDoubt: status >= 500
                )
            )
        }
        return .permanent(GatewayFailure(statusCode: status, message: message))
    }

    /// TwiML that says `text` once.
    package static func twiml(saying text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            default: escaped.append(character)
            }
        }
        return "<Response><Say>\(escaped)</Say></Response>"
    }

    private func resourceURL(_ resource: String) -> String {
        "\(self.configuration.baseURL)/2010-04-01/Accounts/\(self.configuration.accountSID)/\(resource)"
    }
}

private struct TwilioResource: Decodable {
    var sid: String
    var status: String?
    // swift-format-ignore: AlwaysUseLowerCamelCase
    var idempotency_key: String?
}

private struct TwilioResourceList: Decodable {
    var messages: [TwilioResource]?
    var calls: [TwilioResource]?
}

private struct TwilioError: Decodable {
    var code: Int?
    var message: String?
}
