public import DunCore
public import DunPolicy

/// A channel's capacity: a gateway rate, agent seats with working hours, or both.
///
/// When the pool is full or closed, a due contact waits in the pool's line before the policy is asked (being
/// in line is not a contact); waiters are served in priority order (the campaign's `Priority`; default highest
/// balance first, then ready instant, then insertion sequence), and the policy judges each one at the instant
/// it is served. A waiter whose own hours are closed (the step's window in the debtor's zone, the debtor's
/// calling hours) is set aside until they next open together with the pool's, so a shift start does not
/// serve, judge and defer it. Nothing polls: a released seat (an attempt's result), the next rate interval or
/// shift start, or a waiter's own opening wakes exactly the waiters that now fit.
public struct CapacityPool: Sendable, Hashable {
    /// At most `attempts` dispatches per `intervalSeconds`, counted in fixed intervals aligned to the epoch.
    public struct Rate: Sendable, Hashable {
        public var attempts: Int
        public var intervalSeconds: Int64

        public init(attempts: Int, intervalSeconds: Int64 = 1) {
            self.attempts = attempts
            self.intervalSeconds = intervalSeconds
        }
    }

    public var channel: Channel
    /// The gateway rate; nil for no rate limit.
    public var rate: Rate?
    /// How many attempts may be in flight at once (agent seats: busy until the attempt's result arrives);
    /// nil for no limit.
    public var seats: Int?
    /// When the seats work, in the pool's own local time (`zone`, else `utcOffsetSeconds`); nil for around the
    /// clock.
    public var workingHours: SendWindow?
    /// The fixed UTC offset of the working hours (an agency's zone at a fixed offset); ignored when `zone` is set.
    public var utcOffsetSeconds: Int
    /// The IANA zone of the working hours (DST-aware, from the compiled zone tables); nil for `utcOffsetSeconds`.
    public var zone: ZoneID?

    public init(
        channel: Channel,
        rate: Rate? = nil,
        seats: Int? = nil,
        workingHours: SendWindow? = nil,
        utcOffsetSeconds: Int = 0,
        zone: ZoneID? = nil
    ) {
        self.channel = channel
        self.rate = rate
        self.seats = seats
        self.workingHours = workingHours
        self.utcOffsetSeconds = utcOffsetSeconds
        self.zone = zone
    }
}
