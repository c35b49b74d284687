import DunPolicy

/// Where an action's sentence comes from, as plain values (see `ActionTexts`).
enum ActionReason: Sendable {
    /// A sentence interned in `ActionTexts`.
    case text(UInt32)
    /// The policy's facts, rendered when read, for a contact about `debtBucket`.
    case policy(ReasonFacts, debtBucket: PackedText)

    /// The policy block's reason: its facts when it has them (the block is about `debtBucket`, the
    /// account's), else its sentence, interned.
    init(_ reason: borrowing BlockReason, debtBucket: PackedText) {
        if let facts = reason.facts {
            self = .policy(facts, debtBucket: debtBucket)
        } else {
            self = .text(ActionTexts.shared.id(reason.reason))
        }
    }

    /// A rule's text id meaning "the rule of the policy's facts".
    static let factsRule: UInt32 = 0xFFFF_FFFE
    /// A rule's text id meaning "no rule".
    static let noRule: UInt32 = 0xFFFF_FFFF

    /// The rule id named by `ruleText` (an `ActionTexts` id or `factsRule`; not `noRule`).
    func rule(_ ruleText: UInt32) -> String {
        if ruleText == Self.factsRule, case .policy(let facts, _) = self { return facts.ruleID }
        return ActionTexts.shared.text(ruleText)
    }

    /// The sentence.
    var sentence: String {
        switch self {
        case .text(let id): ActionTexts.shared.text(id)
        case .policy(let facts, let bucket): facts.render(debtBucket: bucket.string)
        }
    }
}
