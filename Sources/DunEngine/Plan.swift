public import DunCore

/// The timeline one account would get from a campaign if it never responded, as `dun plan` prints it.
public struct Plan: Sendable, Hashable {
    /// One line of the timeline.
    public enum Event: Sendable, Hashable {
        /// An attempt was dispatched; the simulated gateway answered with `result`.
        case dispatch(Attempt, result: AttemptResult)
        /// A due contact was deferred.
        case deferral(Deferral)
        /// The enrolment ended.
        case end(Ending)
    }

    /// An event with the instant it happened and the debtor's UTC offset then.
    public struct Entry: Sendable, Hashable {
        public var at: UTCInstant
        /// The debtor's home-zone UTC offset at `at`, in seconds.
        public var localOffsetSeconds: Int
        public var event: Event
        /// For a deferral: the debtor's UTC offset at its `until` instant (it may differ across a DST change).
        public var untilOffsetSeconds: Int?

        public init(at: UTCInstant, localOffsetSeconds: Int, event: Event, untilOffsetSeconds: Int? = nil) {
            self.at = at
            self.localOffsetSeconds = localOffsetSeconds
            self.event = event
            self.untilOffsetSeconds = untilOffsetSeconds
        }
    }

    public var campaign: Campaign
    public var account: Account
    /// The variant the account was assigned (its name), nil when the campaign has none.
    public var variant: String?
    /// The debtor's home zone as the engine resolved it.
    public var homeZone: String
    public var start: UTCInstant
    public var end: UTCInstant
    public var entries: [Entry]

    public init(
        campaign: Campaign,
        account: Account,
        variant: String?,
        homeZone: String,
        start: UTCInstant,
        end: UTCInstant,
        entries: [Entry]
    ) {
        self.campaign = campaign
        self.account = account
        self.variant = variant
        self.homeZone = homeZone
        self.start = start
        self.end = end
        self.entries = entries
    }
}
