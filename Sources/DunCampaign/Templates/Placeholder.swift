/// A `{name}` field that templates may use. Rendering fills it from the account, the debt and the run.
public enum Placeholder: String, CaseIterable, Hashable, Sendable {
    /// The debtor's first name.
    case firstName = "first_name"
    /// The debtor's last name.
    case lastName = "last_name"
    /// The total balance, formatted like `$1,250.00`.
    case balance
    /// The creditor the debt is owed to (or was originally owed to).
    case creditor
    /// The collector's true business name (12 CFR 1006.18(b)(1): no other name).
    case company
    /// A link to the payment page for this account.
    case payLink = "pay_link"
    /// The name of the agent placing the call (agent scripts).
    case agentName = "agent_name"
    /// The phone number the debtor can call back on.
    case callbackNumber = "callback_number"
    /// The standard opt-out instruction for the channel (RF-6-OPTOUT), for example
    /// "Reply STOP to stop texts to this number." or an unsubscribe link for email.
    case optOut = "opt_out"
    /// The last four characters of the account reference.
    case accountLast4 = "account_last4"
    /// The amount of the open promise to pay.
    case promiseAmount = "promise_amount"
    /// The date of the open promise to pay (`2026-12-01`).
    case promiseDate = "promise_date"
    /// The days past due of the oldest debt.
    case daysPastDue = "days_past_due"

    /// A representative value, used to estimate SMS length before real accounts are known.
    public var sampleValue: String {
        switch self {
        case .firstName: "Alexandra"
        case .lastName: "Richardson"
        case .balance: "$1,250.00"
        case .creditor: "Northwind Bank"
        case .company: "Acme Recovery LLC"
        case .payLink: "https://pay.example.com/a/7KX2QF9M"
        case .agentName: "Jordan"
        case .callbackNumber: "(800) 555-0123"
        case .optOut: "Reply STOP to opt out."
        case .accountLast4: "4821"
        case .promiseAmount: "$200.00"
        case .promiseDate: "2026-12-01"
        case .daysPastDue: "45"
        }
    }

    /// Every placeholder name, in declaration order.
    public static var names: [String] { Self.allCases.map(\.rawValue) }
}
