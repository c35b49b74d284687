public import DunCore

/// A contact the policy deferred or blocked: the answer to "why was this account not called?".
public struct PolicyDecisionRecord: Hashable, Sendable {
    public var accountID: String
    public var campaign: String
    public var variant: String
    public var step: String
    public var channel: Channel
    public var destination: String
    /// The instant the contact was proposed for.
    public var candidateAt: UTCInstant
    /// Rule id from COMPLIANCE.md (`RF-14-A`, `RF-6-TIME`, …).
    public var rule: String
    public var citation: String
    public var reason: String
    /// The next permitted instant, nil when terminal.
    public var nextAllowed: UTCInstant?
    /// When the decision was taken (engine time).
    public var decidedAt: UTCInstant

    /// Creates a decision record.
    public init(
        accountID: String,
        campaign: String,
        variant: String,
        step: String,
        channel: Channel,
        destination: String,
        candidateAt: UTCInstant,
        rule: String,
        citation: String,
        reason: String,
        nextAllowed: UTCInstant?,
        decidedAt: UTCInstant
    ) {
        self.accountID = accountID
        self.campaign = campaign
        self.variant = variant
        self.step = step
        self.channel = channel
        self.destination = destination
        self.candidateAt = candidateAt
        self.rule = rule
        self.citation = citation
        self.reason = reason
        self.nextAllowed = nextAllowed
        self.decidedAt = decidedAt
    }
}
