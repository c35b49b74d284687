public import DunCore

/// A payment reported by a payment system or an agent; unique by `reference`.
public struct PaymentRecord: Hashable, Sendable {
    public var reference: String
    public var accountID: String
    /// The debt it pays, when known.
    public var debtID: String?
    public var amount: Money
    public var paidAt: UTCInstant
    /// `card`, `ach`, `check`, … (free text).
    public var method: String
    /// `import`, `cli`, `webhook`, ….
    public var source: String

    /// Creates a payment.
    public init(
        reference: String,
        accountID: String,
        debtID: String? = nil,
        amount: Money,
        paidAt: UTCInstant,
        method: String = "",
        source: String
    ) {
        self.reference = reference
        self.accountID = accountID
        self.debtID = debtID
        self.amount = amount
        self.paidAt = paidAt
        self.method = method
        self.source = source
    }
}
