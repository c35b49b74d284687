public import DunCore

/// The contact policy's answer for one proposed contact.
public enum PolicyDecision: Hashable, Sendable {
    /// Every applicable rule allows the contact now.
    case allowed
    /// At least one rule blocks it; the block names the rule and the next permitted instant.
    case blocked(PolicyBlock)

    /// Whether the contact is allowed.
    public var isAllowed: Bool {
        if case .allowed = self { return true }
        return false
    }
}

/// Why a contact is blocked and when it may next happen.
///
/// The sentence (`reason`) is rendered only when someone reads it: the policy hands out a compact record of
/// the blocking rule and its numbers, so a scheduler that only needs the rule id and `nextAllowed` never
/// formats text. The rule id and citation of such a block come from the rule itself, so copying a block
/// retains at most one string (the debt bucket its sentence names). Equality and hashing use the rendered
/// sentence, as if it were stored.
public struct PolicyBlock: Hashable, Sendable {
    /// The rule id from COMPLIANCE.md (`RF-14-A`, `RF-6-TIME`, `HOUSE-SMS-DAY`, `CAMPAIGN-MIN-GAP`, …).
    public var rule: String {
        get {
            switch self.text {
            case .rendered(let text): text.rule
            case .pending(let pending): pending.rule.id
            }
        }
        set { self.text = .rendered(RenderedBlock(rule: newValue, citation: self.citation, reason: self.reason)) }
    }
    /// The legal citation, or `house policy` / `campaign limit`.
    public var citation: String {
        get {
            switch self.text {
            case .rendered(let text): text.citation
            case .pending(let pending): pending.rule.citation
            }
        }
        set { self.text = .rendered(RenderedBlock(rule: self.rule, citation: newValue, reason: self.reason)) }
    }
    /// One sentence a person can read: what blocked the contact and why.
    public var reason: String {
        get {
            switch self.text {
            case .rendered(let text): text.reason
            case .pending(let pending): pending.render()
            }
        }
        set { self.text = .rendered(RenderedBlock(rule: self.rule, citation: self.citation, reason: newValue)) }
    }
    /// The earliest instant at which every rule allows this contact, or nil when none exists (terminal:
    /// cease, attorney, opt-out, deceased, …).
    public var nextAllowed: UTCInstant?

    var text: BlockText

    public init(rule: String, citation: String, reason: String, nextAllowed: UTCInstant?) {
        self.text = .rendered(RenderedBlock(rule: rule, citation: citation, reason: reason))
        self.nextAllowed = nextAllowed
    }

    init(pending: PendingReason, nextAllowed: UTCInstant?) {
        self.text = .pending(pending)
        self.nextAllowed = nextAllowed
    }

    /// Whether no later instant can allow this contact.
    public var isTerminal: Bool { self.nextAllowed == nil }

    /// The block's rule id and sentence without `nextAllowed`, for a holder that keeps only those (the engine's
    /// deferrals): moved out, not copied.
    package consuming func takeReason() -> BlockReason {
        BlockReason(text: self.text)
    }

    public static func == (lhs: PolicyBlock, rhs: PolicyBlock) -> Bool {
        lhs.rule == rhs.rule && lhs.citation == rhs.citation && lhs.nextAllowed == rhs.nextAllowed
            && lhs.reason == rhs.reason
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(self.rule)
        hasher.combine(self.citation)
        hasher.combine(self.reason)
        hasher.combine(self.nextAllowed)
    }
}

/// A block's rule id and sentence, rendered on demand (see `PolicyBlock.takeReason()`).
package struct BlockReason: Sendable {
    var text: BlockText

    /// The rule id (`PolicyBlock.rule`).
    package var rule: String {
        switch self.text {
        case .rendered(let text): text.rule
        case .pending(let pending): pending.rule.id
        }
    }

    /// The sentence (`PolicyBlock.reason`).
    package var reason: String {
        switch self.text {
        case .rendered(let text): text.reason
        case .pending(let pending): pending.render()
        }
    }
}

/// A block's text: given (rule, citation, sentence), or the policy's facts to render it from on demand.
enum BlockText: Sendable {
    case rendered(RenderedBlock)
    case pending(PendingReason)
}

/// Rule id, citation and sentence given as text (immutable: a setter on `PolicyBlock` makes a new one).
final class RenderedBlock: Sendable {
    let rule: String
    let citation: String
    let reason: String

    init(rule: String, citation: String, reason: String) {
        self.rule = rule
        self.citation = citation
        self.reason = reason
    }
}

/// Everything `ContactPolicy.reason(for:_:home:inconvenientTimes:)` reads, captured when the block is decided (values only: the
/// rendering is the same whenever it happens).
///
/// It holds no reference to the account's shared data except for the one rule whose sentence quotes it (an
/// inconvenient-time designation): copying and releasing a block then touches no account memory. The hit and
/// the candidate, less the debt bucket, are the plain values of `ReasonFacts` (what an engine deferral keeps);
/// `hit` and `candidate` rebuild them.
struct PendingReason: Sendable {
    /// The hit and the candidate, as plain values.
    var facts: ReasonFacts
    var debtBucket: String
    /// The account's shared data, only for `.inconvenient` (nil otherwise).
    var designations: PolicyAccount.Storage?

    init(hit: Hit, candidate: ContactCandidate, account: PolicyAccount, ukHours: (from: LocalTime, to: LocalTime)) {
        self.facts = ReasonFacts(
            release: hit.release,
            first: hit.first,
            second: hit.second,
            third: hit.third,
            at: candidate.at.secondsSinceEpoch,
            destination: Int32(clamping: candidate.destination),
            ukFromMinute: Int32(clamping: ukHours.from.minuteOfDay),
            home: account.homeZone,
            rule: hit.rule,
            channel: candidate.channel
        )
        self.debtBucket = candidate.debtBucket
        self.designations = hit.rule == .inconvenient ? account.storage : nil
    }

    init(facts: ReasonFacts, debtBucket: String) {
        self.facts = facts
        self.debtBucket = debtBucket
        self.designations = nil
    }

    var rule: PolicyRule {
        self.facts.rule
    }

    var hit: Hit {
        Hit(
            rule: self.facts.rule,
            release: self.facts.release,
            first: self.facts.first,
            second: self.facts.second,
            third: self.facts.third
        )
    }

    var candidate: ContactCandidate {
        ContactCandidate(
            channel: self.facts.channel,
            destination: Int(self.facts.destination),
            debtBucket: self.debtBucket,
            at: UTCInstant(secondsSinceEpoch: self.facts.at)
        )
    }

    func render() -> String {
        var policy = ContactPolicy()
        policy.ukHours.from = LocalTime(minuteOfDay: Int(self.facts.ukFromMinute))
        return policy.reason(
            for: self.hit,
            self.candidate,
            home: self.facts.home,
            inconvenientTimes: self.designations?.account.inconvenientTimes ?? []
        )
    }
}
