import DunCore

/// A policy block's reason as plain values: the part of `PendingReason` without its debt bucket (the holder keeps
/// that, as it likes) and without the account reference (reasons that quote the account's own designations
/// have no facts: their holder keeps the rendered sentence). Fields are widest first, so the value packs tight. Copying or discarding one touches no reference, so the
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
        return pending.facts
    }
}
