public import DunCore

/// A promise to pay: an amount by a due date, later kept or broken.
public struct PromiseRecord: Hashable, Sendable {
    /// Where the promise stands.
    public enum Status: String, CaseIterable, Hashable, Sendable, Codable {
        case pending
        case kept
        case broken
    }

    /// Store-assigned id (0 before it is stored).
    public var id: Int64
    public var accountID: String
    public var debtID: String?
    public var amount: Money
    public var dueDate: CivilDate
    public var status: Status
    public var recordedAt: UTCInstant
    public var source: String

    /// Creates a promise.
    public init(
        id: Int64 = 0,
        accountID: String,
        debtID: String? = nil,
        amount: Money,
        dueDate: CivilDate,
        status: Status = .pending,
        recordedAt: UTCInstant,
        source: String
    ) {
        self.id = id
        self.accountID = accountID
        self.debtID = debtID
        self.amount = amount
        self.dueDate = dueDate
        self.status = status
        self.recordedAt = recordedAt
        self.source = source
    }
}
