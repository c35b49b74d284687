public import DunCore

/// An attempt the engine decided to make and the policy allowed: everything to write before dispatch.
public struct PlannedAttempt: Hashable, Sendable {
    public var key: AttemptKey
    public var accountID: String
    public var campaign: String
    public var variant: String
    public var step: String
    public var channel: Channel
    /// E.164 number or email address.
    public var destination: String
    /// The Reg F debt bucket the attempt is about (RF-14-DEBT).
    public var debtBucket: String
    public var template: String
    /// The instant the engine scheduled the attempt for.
    public var dueAt: UTCInstant

    /// Creates a planned attempt.
    public init(
        key: AttemptKey,
        accountID: String,
        campaign: String,
        variant: String,
        step: String,
        channel: Channel,
        destination: String,
        debtBucket: String,
        template: String,
        dueAt: UTCInstant
    ) {
        self.key = key
        self.accountID = accountID
        self.campaign = campaign
        self.variant = variant
        self.step = step
        self.channel = channel
        self.destination = destination
        self.debtBucket = debtBucket
        self.template = template
        self.dueAt = dueAt
    }
}
