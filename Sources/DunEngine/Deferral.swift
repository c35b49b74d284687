public import DunCore
import DunPolicy

/// A contact that was due but not made, with the rule that held it back and when it will be re-evaluated.
///
/// A deferral is never a drop: the engine re-evaluates the step at `until` (or, for a capacity wait, when the
/// pool frees a slot for it).
///
/// A deferral the policy caused keeps the policy's reason facts and renders its sentence only when `reason` is
/// read (most drivers only count rule ids). Equality and hashing use the rendered sentence.
///
/// The value is plain memory (no references; `_isPOD`), because the engine appends one per deferral, up to
/// hundreds of thousands in one batch, and its driver copies and discards them: the rule id and sentence are
/// ids into `ActionTexts` or the policy's facts, campaign and step indices are stored in 32 bits and `until`
/// as seconds, behind the public properties.
public struct Deferral: Sendable, Hashable {
    // Stored fields are declared widest-last so the value packs into 106 bytes (an action into 112).
    public var account: AccountIndex
    /// The rule id's `ActionTexts` id, or `ActionReason.factsRule` for the rule of the policy's facts.
    /// (`@usableFromInline` for the simulator's in-place deferral count, `[EngineAction].deferralRuleKey(at:)`.)
    @usableFromInline var ruleText: UInt32
    /// The rule id: the policy's (`RF-14-A`, `RF-6-TIME`, `HOUSE-SMS-DAY`, …) or the engine's own
    /// (`CAMPAIGN-WINDOW`, `CAMPAIGN-BLACKOUT`, `CAPACITY`, `DISPUTE-PAUSE`, `PROMISE-PAUSE`).
    public var rule: String {
        get { self.why.rule(self.ruleText) }
        set { self.ruleText = ActionTexts.shared.id(newValue) }
    }
    /// One sentence a person can read.
    public var reason: String {
        get { self.why.sentence }
        set {
            self.ruleText = ActionTexts.shared.id(self.rule)
            self.why = .text(ActionTexts.shared.id(newValue))
        }
    }
    /// When the decision was taken.
    public var at: UTCInstant
    /// When the step will be re-evaluated; nil for a capacity or pause wait that ends on an event rather than
    /// an instant.
    public var until: UTCInstant? {
        get { self.untilSeconds == Self.noUntil ? nil : UTCInstant(secondsSinceEpoch: self.untilSeconds) }
        set { self.untilSeconds = newValue?.secondsSinceEpoch ?? Self.noUntil }
    }
    public var campaign: Int {
        get { Int(self.campaignIndex) }
        set { self.campaignIndex = Int32(clamping: newValue) }
    }
    public var step: Int {
        get { Int(self.stepIndex) }
        set { self.stepIndex = Int32(clamping: newValue) }
    }

    var untilSeconds: Int64
    var campaignIndex: Int32
    var stepIndex: Int32
    var why: ActionReason
    public var channel: Channel

    /// `untilSeconds` for no `until` (never a real instant: the engine's instants are whole seconds near now).
    static let noUntil = Int64.min

    /// A small number per rule id, for counting deferrals by rule without reading strings: equal rule ids may
    /// have different keys, so a key must be resolved to `rule` once and cached by the counter. Below
    /// `ReasonFacts.ruleKeyCount` for a policy rule, else that count plus the rule id's text id.
    package var ruleKey: Int {
        if self.ruleText == ActionReason.factsRule, case .policy(let facts, _) = self.why { return facts.ruleKey }
        return ReasonFacts.ruleKeyCount + Int(self.ruleText)
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
        self.init(
            account: account,
            campaign: campaign,
            step: step,
            channel: channel,
            rule: ActionTexts.shared.id(rule),
            why: .text(ActionTexts.shared.id(reason)),
            at: at,
            until: until?.secondsSinceEpoch ?? Self.noUntil
        )
    }

    init(
        account: AccountIndex,
        campaign: Int,
        step: Int,
        channel: Channel,
        rule: UInt32,
        why: ActionReason,
        at: UTCInstant,
        until: Int64
    ) {
        self.account = account
        self.campaignIndex = Int32(clamping: campaign)
        self.stepIndex = Int32(clamping: step)
        self.channel = channel
        self.ruleText = rule
        self.why = why
        self.at = at
        self.untilSeconds = until
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
