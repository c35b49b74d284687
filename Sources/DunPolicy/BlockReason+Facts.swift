import DunCore

/// A policy block's reason as plain values: `PendingReason` without its debt bucket (the holder keeps that, as
/// it likes) and without the account reference (reasons that quote the account's own designations have no
/// facts: their holder keeps the rendered sentence). Copying or discarding one touches no reference, so the
/// engine's deferrals stay plain memory.
package struct ReasonFacts: Sendable {
    var release: Int64
    var first: Int64
    var second: Int64
    var third: Int64
    var at: Int64
    var destination: Int32
    var ukFromMinute: Int32
    var home: ZoneID?
    var rule: PolicyRule
    var channel: Channel

    /// The rule id (`PolicyBlock.rule`).
    package var ruleID: String {
        self.rule.id
    }

    /// A small number per rule id (the same for rules that share an id), below `ReasonFacts.ruleKeyCount`:
    /// for counting blocks by rule without comparing strings.
    package var ruleKey: Int {
        Int(self.rule.rawValue)
    }

    /// One more than the largest `ruleKey`.
    package static var ruleKeyCount: Int {
        Int(PolicyRule.chinaUnanswered.rawValue) + 1
    }

    /// The sentence (`PolicyBlock.reason`) for a contact about `debtBucket`.
    package func render(debtBucket: String) -> String {
        PendingReason(facts: self, debtBucket: debtBucket).render()
    }
}

extension BlockReason {
    /// The reason's facts, when its sentence can be rendered from them and the candidate's debt bucket alone;
    /// nil for a reason given as text or one that quotes the account's designations (read `rule` and `reason`).
    package var facts: ReasonFacts? {
        guard case .pending(let pending) = self.text, pending.designations == nil else { return nil }
        return ReasonFacts(
            release: pending.release,
            first: pending.first,
            second: pending.second,
            third: pending.third,
            at: pending.at,
            destination: pending.destination,
            ukFromMinute: pending.ukFromMinute,
            home: pending.home,
            rule: pending.rule,
            channel: pending.channel
        )
    }
}

extension PendingReason {
    init(facts: ReasonFacts, debtBucket: String) {
        self.release = facts.release
        self.first = facts.first
        self.second = facts.second
        self.third = facts.third
        self.debtBucket = debtBucket
        self.at = facts.at
        self.designations = nil
        self.destination = facts.destination
        self.ukFromMinute = facts.ukFromMinute
        self.home = facts.home
        self.rule = facts.rule
        self.channel = facts.channel
    }
}
