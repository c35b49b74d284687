public import DunCore
import DunPolicy

/// A contact that was due but not made, with the rule that held it back and when it will be re-evaluated.
///
/// A deferral is never a drop: the engine re-evaluates the step at `until` (or, for a capacity wait, when the
/// pool frees a slot for it).
///
/// A deferral the policy caused keeps the policy's block and renders its sentence only when `reason` is read
/// (most drivers only count rule ids). Equality and hashing use the rendered sentence.
public struct Deferral: Sendable, Hashable {
    public var account: AccountIndex
    public var campaign: Int
    public var step: Int
    public var channel: Channel
    /// The rule id: the policy's (`RF-14-A`, `RF-6-TIME`, `HOUSE-SMS-DAY`, …) or the engine's own
    /// (`CAMPAIGN-WINDOW`, `CAMPAIGN-BLACKOUT`, `CAPACITY`, `DISPUTE-PAUSE`, `PROMISE-PAUSE`).
    public var rule: String
    /// One sentence a person can read.
    public var reason: String {
        get {
            switch self.text {
            case .rendered(let text): text
            case .policy(let block): block.reason
            }
        }
        set { self.text = .rendered(newValue) }
    }
    /// When the decision was taken.
    public var at: UTCInstant
    /// When the step will be re-evaluated; nil for a capacity or pause wait that ends on an event rather than
    /// an instant.
    public var until: UTCInstant?

    var text: Text

    /// Where the sentence comes from.
    enum Text: Sendable {
        case rendered(String)
        case policy(PolicyBlock)
    }

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
        self.text = .rendered(reason)
        self.at = at
        self.until = until
    }

    init(
        account: AccountIndex,
        campaign: Int,
        step: Int,
        channel: Channel,
        rule: String,
        text: Text,
        at: UTCInstant,
        until: UTCInstant?
    ) {
        self.account = account
        self.campaign = campaign
        self.step = step
        self.channel = channel
        self.rule = rule
        self.text = text
        self.at = at
        self.until = until
    }

    public static func == (lhs: Deferral, rhs: Deferral) -> Bool {
        lhs.account == rhs.account && lhs.campaign == rhs.campaign && lhs.step == rhs.step
            && lhs.channel == rhs.channel && lhs.rule == rhs.rule && lhs.at == rhs.at && lhs.until == rhs.until
            && lhs.reason == rhs.reason
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(self.account)
        hasher.combine(self.campaign)
        hasher.combine(self.step)
        hasher.combine(self.channel)
        hasher.combine(self.rule)
        hasher.combine(self.reason)
        hasher.combine(self.at)
        hasher.combine(self.until)
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
