/// Errors a store raises for requests that do not fit its contents.
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case unknownAttempt
        case unknownAccount
        case unknownPromise
        case unknownRun
        case invalidTransition
    }

    private let code: Code
    /// What was looked up.
    public let subject: String

    private init(_ code: Code, _ subject: String) {
        self.code = code
        self.subject = subject
    }

    /// No attempt has this idempotency key.
    public static func unknownAttempt(_ key: AttemptKey) -> StoreError { StoreError(.unknownAttempt, key.rawValue) }
    /// No account has this id.
    public static func unknownAccount(_ id: String) -> StoreError { StoreError(.unknownAccount, id) }
    /// No promise has this id.
    public static func unknownPromise(_ id: Int64) -> StoreError { StoreError(.unknownPromise, String(id)) }
    /// No run has this id.
    public static func unknownRun(_ id: String) -> StoreError { StoreError(.unknownRun, id) }
    /// A record cannot change that way in its current state; `why` says which and why.
    public static func invalidTransition(_ why: String) -> StoreError { StoreError(.invalidTransition, why) }

    public var description: String {
        switch self.code {
        case .unknownAttempt: "no attempt with idempotency key '\(self.subject)'"
        case .unknownAccount: "no account with id '\(self.subject)'"
        case .unknownPromise: "no promise with id \(self.subject)"
        case .unknownRun: "no run with id '\(self.subject)'"
        case .invalidTransition: self.subject
        }
    }
}
