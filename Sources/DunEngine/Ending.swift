public import DunCore

/// The end of an enrolment and why.
///
/// Plain memory like the other actions (see `Deferral`): the rule id and sentence are ids into `ActionTexts`
/// or the policy's facts, behind the public properties. Equality and hashing use the texts.
public struct Ending: Sendable, Hashable {
    // Stored fields are declared so the value packs into 97 bytes (no larger than a deferral).
    public var account: AccountIndex
    /// The rule id's `ActionTexts` id, `ActionReason.factsRule` or `ActionReason.noRule`.
    var ruleText: UInt32
    public var at: UTCInstant
    var campaignIndex: Int32
    /// The step index, -1 for none.
    var stepIndex: Int32
    var why: ActionReason

    public var campaign: Int {
        get { Int(self.campaignIndex) }
        set { self.campaignIndex = Int32(clamping: newValue) }
    }
    /// The step the enrolment was at, if any.
    public var step: Int? {
        get { self.stepIndex < 0 ? nil : Int(self.stepIndex) }
        set { self.stepIndex = newValue.map { Int32(clamping: $0) } ?? -1 }
    }
    /// Why: the campaign's end step reason, `completed`, `paid in full`, a stop rule, or the policy's rule
    /// sentence for a terminal block.
    public var reason: String {
        get { self.why.sentence }
        set {
            if self.ruleText == ActionReason.factsRule {
                self.ruleText = ActionTexts.shared.id(self.why.rule(self.ruleText))
            }
            self.why = .text(ActionTexts.shared.id(newValue))
        }
    }
    /// The rule id when the law or a terminal policy block ended the enrolment (`RF-6-CEASE`, …).
    public var rule: String? {
        get { self.ruleText == ActionReason.noRule ? nil : self.why.rule(self.ruleText) }
        set { self.ruleText = newValue.map { ActionTexts.shared.id($0) } ?? ActionReason.noRule }
    }

    public init(account: AccountIndex, campaign: Int, step: Int?, reason: String, rule: String?, at: UTCInstant) {
        self.init(
            account: account,
            campaign: campaign,
            step: step,
            rule: rule.map { ActionTexts.shared.id($0) } ?? ActionReason.noRule,
            why: .text(ActionTexts.shared.id(reason)),
            at: at
        )
    }

    init(account: AccountIndex, campaign: Int, step: Int?, rule: UInt32, why: ActionReason, at: UTCInstant) {
        self.account = account
        self.campaignIndex = Int32(clamping: campaign)
        self.stepIndex = step.map { Int32(clamping: $0) } ?? -1
        self.ruleText = rule
        self.why = why
        self.at = at
    }

    public static func == (lhs: Ending, rhs: Ending) -> Bool {
        lhs.account == rhs.account && lhs.campaign == rhs.campaign && lhs.step == rhs.step && lhs.at == rhs.at
            && lhs.rule == rhs.rule && lhs.reason == rhs.reason
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(self.account)
        hasher.combine(self.campaign)
        hasher.combine(self.step)
        hasher.combine(self.reason)
        hasher.combine(self.rule)
        hasher.combine(self.at)
    }
}
