public import DunCore

/// A live run: what it runs and when it was last alive.
public struct RunRecord: Hashable, Sendable {
    /// One campaign arm and its share of accounts.
    public struct Arm: Hashable, Sendable {
        public var campaign: String
        public var variant: String
        /// Percentage of new enrolments (0–100).
        public var share: Int
        public var path: String

        /// Creates an arm.
        public init(campaign: String, variant: String, share: Int, path: String) {
            self.campaign = campaign
            self.variant = variant
            self.share = share
            self.path = path
        }
    }

    public var id: String
    public var startedAt: UTCInstant
    /// Last heartbeat; a run whose heartbeat is old crashed or was killed.
    public var heartbeatAt: UTCInstant
    /// The engine clock at the last heartbeat.
    public var clockAt: UTCInstant
    /// `running`, `stopped`.
    public var status: String
    public var arms: [Arm]
    /// The run's capacity pools (gateway rates, agent seats), for dashboards.
    public var pools: [RunPool]

    /// Creates a run record.
    public init(
        id: String,
        startedAt: UTCInstant,
        heartbeatAt: UTCInstant,
        clockAt: UTCInstant,
        status: String,
        arms: [Arm],
        pools: [RunPool] = []
    ) {
        self.id = id
        self.startedAt = startedAt
        self.heartbeatAt = heartbeatAt
        self.clockAt = clockAt
        self.status = status
        self.arms = arms
        self.pools = pools
    }
}
