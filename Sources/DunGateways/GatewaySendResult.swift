/// What a ``Gateway`` said about one send.
public enum GatewaySendResult: Sendable, Hashable {
    /// The gateway took the message (or call) and named it; delivery is reported later by callback.
    case accepted(GatewayReceipt)
    /// The send failed in a way a later attempt may fix (5xx, timeout, connection failure, 429).
    case retryable(GatewayFailure)
    /// The send failed for good (any other 4xx, an invalid destination, a refused recipient).
    case permanent(GatewayFailure)
}

/// The gateway's acknowledgement of an accepted send.
public struct GatewayReceipt: Sendable, Hashable, Codable {
    /// The gateway's id for the message or call (Twilio `sid`, email `Message-ID`).
    public var gatewayMessageID: String
    /// The gateway's status word at acceptance (`queued`, `accepted`, `sent`).
    public var status: String

    /// Creates a receipt.
    public init(gatewayMessageID: String, status: String) {
        self.gatewayMessageID = gatewayMessageID
        self.status = status
    }
}

/// Why a send failed.
public struct GatewayFailure: Sendable, Hashable {
    /// The HTTP status or SMTP reply code, when the gateway answered.
    public var statusCode: Int?
    /// libcurl's error code, when the transfer itself failed.
    public var transportCode: Int?
    /// A message for logs; never contains credentials (it may contain the gateway's error text).
    public var message: String
    /// Seconds the gateway asked to wait (`Retry-After` on 429 or 503), when given.
    public var retryAfterSeconds: Int?
    /// Whether the gateway may have accepted the message anyway (timeout or broken connection after the
    /// request was sent). Such an attempt is *in doubt*: reconcile with ``Gateway/lookup(idempotencyKey:channel:)``
    /// or resend with the *same* idempotency key, never with a new one.
    public var inDoubt: Bool

    /// Creates a failure.
    public init(
        statusCode: Int? = nil,
        transportCode: Int? = nil,
        message: String,
        retryAfterSeconds: Int? = nil,
        inDoubt: Bool = false
    ) {
        self.statusCode = statusCode
        self.transportCode = transportCode
        self.message = message
        self.retryAfterSeconds = retryAfterSeconds
        self.inDoubt = inDoubt
    }
}

/// What a gateway knows about an idempotency key.
public enum GatewayLookupResult: Sendable, Hashable {
    /// The gateway accepted a message under this key.
    case found(GatewayReceipt)
    /// The gateway has no message under this key: it is safe to send it (with the same key).
    case notFound
    /// The gateway cannot answer (no lookup support, or the lookup itself failed): the attempt stays in doubt.
    case unknown(String)
}
