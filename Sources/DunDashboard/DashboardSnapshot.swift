public import DunCore

/// Everything one dashboard frame shows, gathered by whoever drives the dashboard (the store reader for a
/// live run, the simulator for a simulated one). A plain value: rendering it is a pure function.
public struct DashboardSnapshot: Hashable, Sendable {
    /// Whether the run is live or simulated, and how fast its clock goes.
    public enum Mode: Hashable, Sendable {
        case live
        /// A simulated run; `speed` is virtual seconds per wall second, when known.
        case simulated(speed: Double?)
    }

    public var mode: Mode
    /// The run's campaigns and their arms.
    public var campaigns: [CampaignArms]
    /// The run's clock (wall clock for live runs, virtual clock for simulations).
    public var clock: UTCInstant
    /// When the run started, on the same clock.
    public var startedAt: UTCInstant
    public var channels: [ChannelActivity]
    public var capacity: [CapacityUse]
    public var arms: [ArmOutcome]
    public var gateways: [GatewayHealth]
    /// Blocks and deferrals by rule, largest first (the producer sorts; ties by rule id).
    public var compliance: [RuleCount]
    /// The most recent events, newest first.
    public var events: [EventLine]
    /// The account the operator searched for, with its timeline; nil when no search is active.
    public var account: AccountTimeline?

    public init(
        mode: Mode,
        campaigns: [CampaignArms],
        clock: UTCInstant,
        startedAt: UTCInstant,
        channels: [ChannelActivity] = [],
        capacity: [CapacityUse] = [],
        arms: [ArmOutcome] = [],
        gateways: [GatewayHealth] = [],
        compliance: [RuleCount] = [],
        events: [EventLine] = [],
        account: AccountTimeline? = nil
    ) {
        self.mode = mode
        self.campaigns = campaigns
        self.clock = clock
        self.startedAt = startedAt
        self.channels = channels
        self.capacity = capacity
        self.arms = arms
        self.gateways = gateways
        self.compliance = compliance
        self.events = events
        self.account = account
    }
}
