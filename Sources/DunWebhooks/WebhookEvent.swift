public import DunCore

/// One thing a gateway told the webhook server, after its signature checked out.
public enum WebhookEvent: Sendable, Hashable {
    /// A delivery status for an SMS (Twilio `MessageStatus`).
    case messageStatus(MessageStatusEvent)
    /// A call's progress or outcome (Twilio `CallStatus`, `AnsweredBy`).
    case callStatus(CallStatusEvent)
    /// A text from a person.
    case inboundMessage(InboundMessageEvent)

    /// A key unique per gateway event, for de-duplicating the gateway's own retries.
    public var deduplicationKey: String {
        switch self {
        case .messageStatus(let event): "message:\(event.messageSID):\(event.status)"
        case .callStatus(let event): "call:\(event.callSID):\(event.status)"
        case .inboundMessage(let event): "inbound:\(event.messageSID)"
        }
    }
}

/// An SMS status callback.
public struct MessageStatusEvent: Sendable, Hashable {
    /// The gateway message id (`MessageSid`), as returned by the send.
    public var messageSID: String
    /// Twilio's status word: queued, sending, sent, delivered, undelivered, failed, read.
    public var status: String
    /// The gateway's error code for failures (`ErrorCode`).
    public var errorCode: String?
    /// The final result, or `nil` while the message is still on its way.
    public var result: AttemptResult?

    /// Creates an event; `result` follows from `status` (``MessageStatusEvent/result(forStatus:)``).
    public init(messageSID: String, status: String, errorCode: String? = nil) {
        self.messageSID = messageSID
        self.status = status
        self.errorCode = errorCode
        self.result = Self.result(forStatus: status)
    }

    /// `delivered` and `read` → delivered; `undelivered` and `failed` → failed; others are not final.
    public static func result(forStatus status: String) -> AttemptResult? {
        switch status.lowercased() {
        case "delivered", "read": .delivered
        case "undelivered", "failed": .failed
        default: nil
        }
    }
}

/// A call status callback.
public struct CallStatusEvent: Sendable, Hashable {
    /// The gateway call id (`CallSid`).
    public var callSID: String
    /// Twilio's `CallStatus`: queued, initiated, ringing, in-progress, completed, busy, no-answer, failed, canceled.
    public var status: String
    /// Twilio's `AnsweredBy` when machine detection ran: human, machine_start, machine_end_beep, fax, unknown.
    public var answeredBy: String?
    /// `CallDuration` in seconds, when given.
    public var durationSeconds: Int?
    /// The final result for Reg F counting, or `nil` while the call is in progress.
    public var result: AttemptResult?

    /// Creates an event; `result` follows from status and `answeredBy` (``CallStatusEvent/result(status:answeredBy:)``).
    public init(callSID: String, status: String, answeredBy: String? = nil, durationSeconds: Int? = nil) {
        self.callSID = callSID
        self.status = status
        self.answeredBy = answeredBy
        self.durationSeconds = durationSeconds
        self.result = Self.result(status: status, answeredBy: answeredBy)
    }

    /// The RF-14-CALL class of a final call status:
    /// - completed, answered by a machine (`machine_*`) → `voicemail` (connected, counts);
    /// - completed otherwise (human, fax, unknown, no detection) → `answered` (connected, counts; whether a
    ///   *conversation* about the debt followed is for an agent's disposition to say, not the gateway);
    /// - busy → `busy`; failed → `notInService` (neither connected, neither counts);
    /// - no-answer → `noAnswer` (it rang: connected, counts);
    /// - canceled → `failed` (dun never cancels a call, so treat it as not placed);
    /// - queued, initiated, ringing, in-progress → `nil` (not final).
    public static func result(status: String, answeredBy: String?) -> AttemptResult? {
        switch status.lowercased() {
        case "completed":
            if let answeredBy, answeredBy.lowercased().hasPrefix("machine") { return .voicemail }
            return .answered
        case "busy": return .busy
        case "no-answer": return .noAnswer
        case "failed": return .notInService
        case "canceled": return .failed
        default: return nil
        }
    }
}

/// An inbound text.
public struct InboundMessageEvent: Sendable, Hashable {
    /// The gateway's id for the inbound message (`MessageSid`).
    public var messageSID: String
    /// The sender's number (`From`), E.164.
    public var from: String
    /// Our number it was sent to (`To`).
    public var to: String
    /// The text as sent.
    public var body: String
    /// The keyword classification of `body`.
    public var command: InboundCommand

    /// Creates an event; `command` is ``InboundCommand/classify(_:)`` of `body`.
    public init(messageSID: String, from: String, to: String, body: String) {
        self.messageSID = messageSID
        self.from = from
        self.to = to
        self.body = body
        self.command = InboundCommand.classify(body)
    }
}
