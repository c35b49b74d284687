public import DunCore

/// A contact that was due but not made, with the rule that held it back and when it will be re-evaluated.
///
/// A deferral is never a drop: the engine re-evaluates the step at `until` (or, for a capacity wait, when the
/// pool frees a slot for it).
public struct Deferral: Sendable, Hashable {
    public var account: AccountIndex
    public var campaign: Int
    public var step: Int
    public var channel: Channel
    /// The rule id: the policy's (`RF-14-A`, `RF-6-TIME`, `HOUSE-SMS-DAY`, …) or the engine's own
    /// (`CAMPAIGN-WINDOW`, `CAMPAIGN-BLACKOUT`, `CAPACITY`, `DISPUTE-PAUSE`, `PROMISE-PAUSE`).
    public var rule: String
    /// One sentence a person can read.
    public var reason: String
    /// When the decision was taken.
    public var at: UTCInstant
    /// When the step will be re-evaluated; nil for a capacity or pause wait that ends on an event rather than
    /// an instant.
    public var until: UTCInstant?

    public init(
        account: AccountIndex,
        campaign: Int,
        step: Int,
        channel: Channel,
        rule: String,
        reason: String,
        at: UTCInstant,
        until: UTCInstant?
    ) {
        self.account = account
        self.campaign = campaign
        self.step = step
        self.channel = channel
        self.rule = rule
        self.reason = reason
        self.at = at
        self.until = until
    }

    /// The campaign's preferred send window is closed.
    public static let campaignWindowRule = "CAMPAIGN-WINDOW"
    /// The date is a campaign blackout date or holiday.
    public static let campaignBlackoutRule = "CAMPAIGN-BLACKOUT"
    /// The channel's capacity pool (gateway rate or agent seats) is full.
    public static let capacityRule = "CAPACITY"
    /// A written dispute pauses contact until verification is sent.
    public static let disputePauseRule = "DISPUTE-PAUSE"
    /// The campaign's `open_promise` stop rule pauses contact while a promise is open.
    public static let promisePauseRule = "PROMISE-PAUSE"
}
