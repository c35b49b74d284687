public import DunCore

/// An account's place in one campaign arm: the engine's cursor, persisted so a restart resumes it.
public struct Enrolment: Hashable, Sendable {
    /// Whether the enrolment still runs.
    public enum Status: String, CaseIterable, Hashable, Sendable, Codable {
        case active
        case ended
    }

    public var accountID: String
    public var campaign: String
    public var variant: String
    /// The current step id.
    public var step: String
    public var status: Status
    /// When the cursor next wants to act (nil when waiting on an event only).
    public var nextDueAt: UTCInstant?
    /// The engine's cursor state, opaque to the store (the engine owns its encoding).
    public var cursor: [UInt8]
    /// Why it ended (`paid`, `cease`, `completed`, …); empty while active.
    public var endReason: String
    public var updatedAt: UTCInstant

    /// Creates an enrolment.
    public init(
        accountID: String,
        campaign: String,
        variant: String,
        step: String,
        status: Status = .active,
        nextDueAt: UTCInstant? = nil,
        cursor: [UInt8] = [],
        endReason: String = "",
        updatedAt: UTCInstant
    ) {
        self.accountID = accountID
        self.campaign = campaign
        self.variant = variant
        self.step = step
        self.status = status
        self.nextDueAt = nextDueAt
        self.cursor = cursor
        self.endReason = endReason
        self.updatedAt = updatedAt
    }
}
