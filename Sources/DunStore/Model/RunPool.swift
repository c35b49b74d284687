public import DunCore

/// A capacity pool of a run as the runner configured it (a gateway rate, agent seats), so a dashboard in
/// another process can show how full it is.
public struct RunPool: Hashable, Sendable {
    public var channel: Channel
    /// At most this many dispatches per `rateIntervalSeconds`; nil for no rate limit.
    public var rateAttempts: Int?
    public var rateIntervalSeconds: Int64
    /// Attempts that may be in flight at once (agent seats); nil for no limit.
    public var seats: Int?

    /// Creates a pool.
    public init(channel: Channel, rateAttempts: Int? = nil, rateIntervalSeconds: Int64 = 1, seats: Int? = nil) {
        self.channel = channel
        self.rateAttempts = rateAttempts
        self.rateIntervalSeconds = max(1, rateIntervalSeconds)
        self.seats = seats
    }
}
