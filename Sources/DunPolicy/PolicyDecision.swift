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
public struct PolicyBlock: Hashable, Sendable {
    /// The rule id from COMPLIANCE.md (`RF-14-A`, `RF-6-TIME`, `HOUSE-SMS-DAY`, `CAMPAIGN-MIN-GAP`, …).
    public var rule: String
    /// The legal citation, or `house policy` / `campaign limit`.
    public var citation: String
    /// One sentence a person can read: what blocked the contact and why.
    public var reason: String
    /// The earliest instant at which every rule allows this contact, or nil when none exists (terminal:
    /// cease, attorney, opt-out, deceased, …).
    public var nextAllowed: UTCInstant?

    public init(rule: String, citation: String, reason: String, nextAllowed: UTCInstant?) {
        self.rule = rule
        self.citation = citation
        self.reason = reason
        self.nextAllowed = nextAllowed
    }

    /// Whether no later instant can allow the contact.
    public var isTerminal: Bool { self.nextAllowed == nil }
}
