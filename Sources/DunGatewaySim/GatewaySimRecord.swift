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

/// Minimal JSON text for the sim's answers and log, with fixed key order.
enum JSONText {
    /// `text` as a JSON string literal.
    static func quoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }

    /// A JSON object from string fields, in order.
    static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { "\(self.quoted($0.0)):\(self.quoted($0.1))" }.joined(separator: ",") + "}"
    }
}
