public import DunCore

/// A contact that a campaign, an operator or a test proposes.
public struct ContactCandidate: Hashable, Sendable {
    public var channel: Channel
    /// Index into the account's `phones` (sms, call, agent_call) or `emails` (email).
    public var destination: Int
    /// The Reg F debt bucket the contact is about (RF-14-DEBT).
    public var debtBucket: String
    public var at: UTCInstant

    public init(channel: Channel, destination: Int, debtBucket: String, at: UTCInstant) {
        self.channel = channel
        self.destination = destination
        self.debtBucket = debtBucket
        self.at = at
    }
}

/// The contact rules of COMPLIANCE.md as one pure function: law ∩ jurisdiction profiles ∩ house limits ∩
/// campaign limits. The same value is used by `dun plan`, `dun policy check`, the simulator and live runs.
///
/// PLACEHOLDER: the shape is the contract between the policy, the engine and the campaign validator;
/// the rules themselves land with the scheduler issue.
public struct ContactPolicy: Sendable {
    public init() {}

    /// Judges `candidate` for `account` given what has already happened (`ledger`).
    ///
    /// - Parameters:
    ///   - candidate: The proposed contact, with its instant.
    ///   - account: The account, with its zones and profiles resolved (see `PolicyAccount`).
    ///   - ledger: The account's contact history in the compact form the policy keeps.
    ///   - limits: The campaign's own limits (they only tighten).
    /// - Returns: `.allowed`, or `.blocked` with the rule, a sentence and the next permitted instant.
    public func evaluate(
        _ candidate: ContactCandidate,
        account: PolicyAccount,
        ledger: ContactLedger,
        limits: CampaignLimits
    ) -> PolicyDecision {
        .allowed
    }
}

/// An account prepared for the policy: time zones and jurisdiction profiles resolved once, so that each
/// decision does no lookups.
public struct PolicyAccount: Sendable {
    public var account: Account

    public init(_ account: Account) {
        self.account = account
    }
}

/// Everything the policy needs to remember about an account's contacts, kept compact (the engine holds one
/// per account). Record every attempt when dispatched and its result when known.
public struct ContactLedger: Sendable {
    public init() {}

    /// Records a dispatched attempt. Until its result is recorded a call counts as connected.
    public mutating func recordAttempt(_ candidate: ContactCandidate) {}

    /// Records an attempt's result.
    public mutating func recordResult(_ result: AttemptResult, of candidate: ContactCandidate) {}

    /// Records something the consumer did or told the collector.
    public mutating func recordEvent(_ event: ConsumerEvent, at instant: UTCInstant) {}
}

/// Something the consumer did or said that changes what the policy allows.
public enum ConsumerEvent: Hashable, Sendable {
    /// The consumer opted out of a channel on one destination (STOP, unsubscribe, "stop calling").
    case optOut(Channel, destination: Int)
    /// Written cease or refusal to pay (RF-6-CEASE).
    case cease
    /// A written dispute (RF-38) — pauses until `verificationSent`.
    case dispute
    case verificationSent
    /// An attorney with a known name and address represents the consumer (RF-6-ATTY).
    case attorney
    case bankruptcy
    case deceased
    /// A consumer-initiated contact (reply, inbound call); `conversation` when it was a call about a debt.
    case inbound(Channel, destination: Int, debtBucket: String, conversation: Bool)
    /// Consent to more calls about a debt, given directly (RF-14-EXCL), lasting until the given instant.
    case callConsent(debtBucket: String, until: UTCInstant)
    /// The destination turned out to be someone else's.
    case wrongNumber(destination: Int)
    /// The employer prohibits contact at work (RF-6-WORK).
    case employerProhibits
}
