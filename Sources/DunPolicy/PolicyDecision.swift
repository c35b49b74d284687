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
/// formats text. Equality and hashing use the rendered sentence, as if it were stored.
public struct PolicyBlock: Hashable, Sendable {
    /// The rule id from COMPLIANCE.md (`RF-14-A`, `RF-6-TIME`, `HOUSE-SMS-DAY`, `CAMPAIGN-MIN-GAP`, …).
    public var rule: String
    /// The legal citation, or `house policy` / `campaign limit`.
    public var citation: String
    /// One sentence a person can read: what blocked the contact and why.
    public var reason: String {
        get {
            switch self.text {
            case .rendered(let text): text
            case .pending(let pending): pending.render()
            }
        }
        set { self.text = .rendered(newValue) }
    }
    /// The earliest instant at which every rule allows this contact, or nil when none exists (terminal:
    /// cease, attorney, opt-out, deceased, …).
    public var nextAllowed: UTCInstant?

    var text: BlockText

    public init(rule: String, citation: String, reason: String, nextAllowed: UTCInstant?) {
        self.rule = rule
        self.citation = citation
        self.text = .rendered(reason)
        self.nextAllowed = nextAllowed
    }

    init(rule: String, citation: String, pending: PendingReason, nextAllowed: UTCInstant?) {
        self.rule = rule
        self.citation = citation
        self.text = .pending(pending)
        self.nextAllowed = nextAllowed
    }

    /// Whether no later instant can allow the contact.
    public var isTerminal: Bool { self.nextAllowed == nil }

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

/// A block's sentence: already text, or the facts to render it from on demand.
enum BlockText: Sendable {
    case rendered(String)
    case pending(PendingReason)
}

/// Everything `ContactPolicy.reason(for:_:home:inconvenientTimes:)` reads, captured when the block is decided (values only: the
/// rendering is the same whenever it happens).
///
/// It holds no reference to the account's shared data except for the one rule whose sentence quotes it (an
/// inconvenient-time designation): copying and releasing a block then touches no account memory.
struct PendingReason: Sendable {
    var hit: Hit
    var candidate: ContactCandidate
    var home: ZoneID?
    /// The account's shared data, only for `.inconvenient` (nil otherwise).
    var designations: PolicyAccount.Storage?
    var ukHours: (from: LocalTime, to: LocalTime)

    init(hit: Hit, candidate: ContactCandidate, account: PolicyAccount, ukHours: (from: LocalTime, to: LocalTime)) {
        self.hit = hit
        self.candidate = candidate
        self.home = account.homeZone
        self.designations = hit.rule == .inconvenient ? account.storage : nil
        self.ukHours = ukHours
    }

    func render() -> String {
        var policy = ContactPolicy()
        policy.ukHours = self.ukHours
        return policy.reason(
            for: self.hit,
            self.candidate,
            home: self.home,
            inconvenientTimes: self.designations?.account.inconvenientTimes ?? []
        )
    }
}
