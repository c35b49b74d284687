public import DunCore

/// Something the consumer did or said, as recorded: by `dun record`, by a webhook (STOP, inbound text), or
/// by an agent. The runner loads these at start and applies them to the policy at once when recorded.
public struct StoredConsumerEvent: Hashable, Sendable {
    /// The kind of event.
    public enum Kind: String, CaseIterable, Hashable, Sendable, Codable {
        /// Written cease or refusal to pay (RF-6-CEASE).
        case cease
        /// A written dispute (RF-38); contact pauses until `verificationSent`.
        case dispute
        case verificationSent = "verification_sent"
        /// Represented by an attorney (RF-6-ATTY).
        case attorney
        case bankruptcy
        case deceased
        /// The employer prohibits contact at work (RF-6-WORK).
        case employerProhibits = "employer_prohibits"
        /// Consent to more calls about `debtBucket` until `until` (RF-14-EXCL).
        case callConsent = "call_consent"
        /// Times the consumer said are inconvenient; `detail` holds `days from-to` (e.g. `mon,tue 09:00-12:00`).
        case inconvenientTime = "inconvenient_time"
        /// Opt-out of `channel` on `destination` (also written as a suppression).
        case optOut = "opt_out"
        /// New consent on `destination` (START, UNSTOP): lifts an SMS suppression and renews SMS consent.
        case optIn = "opt_in"
        /// The consumer contacted the collector (reply, inbound call) from `destination`.
        case inbound
        /// `destination` belongs to someone else.
        case wrongNumber = "wrong_number"
    }

    public var accountID: String
    public var kind: Kind
    public var at: UTCInstant
    public var channel: Channel?
    public var destination: String?
    public var debtBucket: String?
    public var until: UTCInstant?
    /// Free text (an inconvenient-time span, a note).
    public var detail: String
    /// Who reported it: `cli`, `webhook`, `agent:NAME`, `import`.
    public var source: String

    /// Creates an event.
    public init(
        accountID: String,
        kind: Kind,
        at: UTCInstant,
        channel: Channel? = nil,
        destination: String? = nil,
        debtBucket: String? = nil,
        until: UTCInstant? = nil,
        detail: String = "",
        source: String
    ) {
        self.accountID = accountID
        self.kind = kind
        self.at = at
        self.channel = channel
        self.destination = destination
        self.debtBucket = debtBucket
        self.until = until
        self.detail = detail
        self.source = source
    }
}
