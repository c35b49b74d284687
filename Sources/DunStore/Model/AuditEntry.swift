public import DunCore

/// One line of the append-only audit log (RF-100): who did what, when, to which account.
///
/// The SQLite backend refuses UPDATE and DELETE on the log (triggers); entries are only appended, in the
/// same transaction as the change they describe.
public struct AuditEntry: Hashable, Sendable {
    /// Store-assigned, increasing.
    public var sequence: Int64
    public var at: UTCInstant
    /// `import`, `cli`, `runner`, `webhook`, ….
    public var actor: String
    /// `attempt.begin`, `attempt.sent`, `attempt.result`, `event.cease`, `payment`, `import.accounts`, ….
    public var action: String
    /// The account concerned, empty for store-wide actions.
    public var accountID: String
    /// A short human-readable detail.
    public var detail: String

    /// Creates an entry.
    public init(sequence: Int64 = 0, at: UTCInstant, actor: String, action: String, accountID: String, detail: String) {
        self.sequence = sequence
        self.at = at
        self.actor = actor
        self.action = action
        self.accountID = accountID
        self.detail = detail
    }
}
