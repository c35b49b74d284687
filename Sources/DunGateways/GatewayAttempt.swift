public import DunCore

/// One attempt handed to a ``Gateway``: a rendered message (or call script) for one destination.
public struct GatewayAttempt: Sendable, Hashable, Codable {
    /// The medium; decides the resource (SMS message, call, email).
    public var channel: Channel
    /// The destination: an E.164 phone number (`+15551234567`) or an email address.
    public var destination: String
    /// What to send, already rendered from the template.
    public var content: RenderedContent
    /// The key that identifies this attempt at the gateway; resending with the same key must never produce
    /// a second message (see ``Gateway``). At most 128 printable ASCII characters without spaces.
    public var idempotencyKey: String
    /// Where the gateway should post status callbacks for this attempt (`StatusCallback`); `nil` for none.
    public var statusCallbackURL: String?

    /// Creates an attempt.
    public init(
        channel: Channel,
        destination: String,
        content: RenderedContent,
        idempotencyKey: String,
        statusCallbackURL: String? = nil
    ) {
        self.channel = channel
        self.destination = destination
        self.content = content
        self.idempotencyKey = idempotencyKey
        self.statusCallbackURL = statusCallbackURL
    }
}

/// The rendered content of an attempt.
public struct RenderedContent: Sendable, Hashable, Codable {
    /// The email subject; ignored for SMS and calls.
    public var subject: String?
    /// The SMS text, the email body (plain text), or the words a call says.
    public var body: String
    /// `List-Unsubscribe` targets for email, each a URI (`mailto:…` or `https://…`), written in angle brackets.
    /// An `https` target also adds `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058).
    public var unsubscribeTargets: [String]

    /// Creates rendered content.
    public init(subject: String? = nil, body: String, unsubscribeTargets: [String] = []) {
        self.subject = subject
        self.body = body
        self.unsubscribeTargets = unsubscribeTargets
    }
}
