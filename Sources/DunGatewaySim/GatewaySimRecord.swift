import DunCore

/// One message, call or email the sim accepted.
public struct GatewaySimRecord: Sendable, Hashable {
    /// What was accepted.
    public enum Kind: String, Sendable, Hashable {
        case sms
        case call
        case email
    }

    /// The resource kind.
    public var kind: Kind
    /// The sim's id (`SM…`, `CA…`, or the email's Message-ID).
    public var sid: String
    /// The idempotency key it was accepted under (for email, the Message-ID).
    public var idempotencyKey: String
    /// The destination (`To`, or the envelope recipients joined by commas).
    public var to: String
    /// The sender (`From`, or the envelope sender).
    public var from: String
    /// The status callback URL the client named, if any.
    public var statusCallback: String?
    /// Wall-clock milliseconds since the epoch at acceptance.
    public var acceptedAtMilliseconds: Int64

    /// The log line for this record: one JSON object, keys in a fixed order.
    public func logLine(event: String) -> String {
        var fields: [(String, String)] = [
            ("event", event), ("kind", self.kind.rawValue), ("sid", self.sid),
            ("idempotency_key", self.idempotencyKey), ("to", self.to), ("from", self.from),
        ]
        if let statusCallback = self.statusCallback {
            fields.append(("status_callback", statusCallback))
        }
        let body = fields.map { "\(JSONText.quoted($0.0)):\(JSONText.quoted($0.1))" }.joined(separator: ",")
        return "{\(body),\"at_ms\":\(self.acceptedAtMilliseconds)}"
    }
}
