/// One enrolled account's outcomes, for `dun report`: the arm it was in and what came of it.
public struct ArmOutcomeRow: Hashable, Sendable {
    public var accountID: String
    public var campaign: String
    public var variant: String
    /// The account's balance when imported (sum of its debts), in cents.
    public var placedCents: Int64
    /// Payments recorded for the account, in cents.
    public var paidCents: Int64
    /// Attempts begun for the account in this arm.
    public var attempts: Int
    /// Attempts with a result that reached the consumer (delivered, answered, conversation, voicemail, …).
    public var reached: Int
    /// Promises to pay recorded for the account.
    public var promises: Int
    /// Opt-outs recorded for the account.
    public var optOuts: Int

    /// Creates a row.
    public init(
        accountID: String,
        campaign: String,
        variant: String,
        placedCents: Int64,
        paidCents: Int64,
        attempts: Int,
        reached: Int,
        promises: Int,
        optOuts: Int
    ) {
        self.accountID = accountID
        self.campaign = campaign
        self.variant = variant
        self.placedCents = placedCents
        self.paidCents = paidCents
        self.attempts = attempts
        self.reached = reached
        self.promises = promises
        self.optOuts = optOuts
    }
}
