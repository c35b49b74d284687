/// The idempotency key of one attempt: deterministic from what the engine decided, so a restarted runner
/// that re-decides the same attempt derives the same key and finds it already recorded.
public struct AttemptKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The key as stored and sent to gateways (Twilio-compatible `Idempotency-Key`, SMTP `Message-ID` local part).
    public var rawValue: String

    /// Wraps a stored key.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The key for the `ordinal`-th attempt (0-based) of `step` for `accountID` in one campaign arm.
    ///
    /// A retry after a failure is a new attempt (the policy judges it again), so it takes the next ordinal.
    /// Components are escaped so that different inputs never produce the same key.
    public init(accountID: String, campaign: String, variant: String, step: String, ordinal: Int) {
        func escape(_ text: String) -> String {
            text.replacing("%", with: "%25").replacing("/", with: "%2F").replacing("#", with: "%23")
        }
        self.rawValue =
            "\(escape(campaign))/\(escape(variant))/\(escape(step))/\(escape(accountID))#\(ordinal)"
    }

    public var description: String { self.rawValue }

    public static func < (lhs: AttemptKey, rhs: AttemptKey) -> Bool { lhs.rawValue < rhs.rawValue }
}
