public import DunCore

/// The end of an enrolment and why.
public struct Ending: Sendable, Hashable {
    public var account: AccountIndex
    public var campaign: Int
    /// The step the enrolment was at, if any.
    public var step: Int?
    /// Why: the campaign's end step reason, `completed`, `paid in full`, a stop rule, or the policy's rule
    /// sentence for a terminal block.
    public var reason: String
    /// The rule id when the law or a terminal policy block ended the enrolment (`RF-6-CEASE`, …).
    public var rule: String?
    public var at: UTCInstant

    public init(account: AccountIndex, campaign: Int, step: Int?, reason: String, rule: String?, at: UTCInstant) {
        self.account = account
        self.campaign = campaign
        self.step = step
        self.reason = reason
        self.rule = rule
        self.at = at
    }
}
