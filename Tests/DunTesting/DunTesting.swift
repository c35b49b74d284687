public import DunCore

/// Shared test support: fixture builders and helpers used by every test target.
public enum Fixtures {
    /// An instant from an ISO-8601 literal; traps on a malformed literal (tests only).
    public static func instant(_ text: String) -> UTCInstant {
        guard let instant = ISO8601.parse(text) else { fatalError("bad ISO-8601 literal in a test: \(text)") }
        return instant
    }
}
