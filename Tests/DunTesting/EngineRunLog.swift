public import DunCore

/// Everything that happened in an engine run, in processing order, for the run checker.
public struct EngineRunLog: Sendable {
    /// One logged event.
    public enum Event: Sendable, Hashable {
        /// An attempt was dispatched (before its result was known) and later answered with `result`.
        case attempt(channel: Channel, destination: Int, bucket: String, campaign: Int, result: AttemptResult?)
        /// A consumer event reached the engine.
        case consumer(ConsumerEventKind)
        /// A deferral with its rule.
        case deferral(rule: String, until: UTCInstant?)
    }

    /// The consumer events the checker cares about.
    public enum ConsumerEventKind: Sendable, Hashable {
        case cease
        case attorney
        case optOut(Channel, destination: Int)
        case wrongNumber(destination: Int)
        case other
    }

    public struct Entry: Sendable, Hashable {
        public var account: Int
        public var at: UTCInstant
        public var event: Event

        public init(account: Int, at: UTCInstant, event: Event) {
            self.account = account
            self.at = at
            self.event = event
        }
    }

    public var entries: [Entry] = []

    public init() {}
}
