public import DunCore

/// Everything a simulation needs besides the strategies: the synthetic portfolio, the debtor behaviour
/// model, unit costs and the human agency baseline. Defaults are SIMULATION.md §5.8; `simulators/default.yaml`
/// spells out the same values with their sources.
public struct Scenario: Hashable, Sendable {
    public var name: String
    public var portfolio: Portfolio
    public var behaviour: Behaviour
    public var costs: UnitCosts
    public var agency: AgencyBaseline

    public init(
        name: String = "default",
        portfolio: Portfolio = Portfolio(),
        behaviour: Behaviour = Behaviour(),
        costs: UnitCosts = UnitCosts(),
        agency: AgencyBaseline = AgencyBaseline()
    ) {
        self.name = name
        self.portfolio = portfolio
        self.behaviour = behaviour
        self.costs = costs
        self.agency = agency
    }
}

/// The synthetic portfolio (SIMULATION.md §5.2).
public struct Portfolio: Hashable, Sendable {
    public var accounts: Int = 20_000
    public var horizonDays: Int = 180
    /// Placement day (day 0); a Monday by default so weekday effects line up run to run.
    public var start: CivilDate = CivilDate(year: 2026, month: 1, day: 5)
    public var placementDPD: Int = 180
    public var balanceMedian: Money = Money(cents: 100_000)
    public var balanceSigma: Double = 1.0
    public var skipShare: Double = 0.25
    public var phoneValid: Double = 0.85
    public var smsCapable: Double = 0.60
    public var emailValid: Double = 0.55
    public var noCapacityShare: Double = 0.40
    public var noCapacityMax: Money = Money(cents: 5_000)
    public var capacityMedian: Money = Money(cents: 50_000)
    public var capacitySigma: Double = 1.0
    public var capacityMonthlyReplenish: Double = 0.15
    public var disputeProneShare: Double = 0.06
    /// Day-available, evening-available, flexible.
    public var hourTypeShares: [Double] = [0.35, 0.45, 0.20]
    public var decayTauDays: Double = 274
    /// Time zones with their share of accounts; standard-time UTC offsets (DST is not modelled).
    public var zones: [ZoneShare] = [
        ZoneShare(name: "America/New_York", utcOffsetHours: -5, share: 0.47),
        ZoneShare(name: "America/Chicago", utcOffsetHours: -6, share: 0.29),
        ZoneShare(name: "America/Denver", utcOffsetHours: -7, share: 0.07),
        ZoneShare(name: "America/Los_Angeles", utcOffsetHours: -8, share: 0.17),
    ]
    /// Share of accounts in Massachusetts (2 calls or texts per 7 days, MA-940-7.04f).
    public var massachusettsShare: Double = 0.02

    public init() {}
}

/// A time zone and its share of the portfolio.
public struct ZoneShare: Hashable, Sendable {
    public var name: String
    public var utcOffsetHours: Int
    public var share: Double

    public init(name: String, utcOffsetHours: Int, share: Double) {
        self.name = name
        self.utcOffsetHours = utcOffsetHours
        self.share = share
    }
}

/// Debtor behaviour parameters (SIMULATION.md §5.3-5.5).
public struct Behaviour: Hashable, Sendable {
    public var answerBase: Double = 0.22
    public var rightPartyGivenAnswer: Double = 0.60
    /// Hour multipliers per hour type: [working 9-17, evening 17-21, other hours].
    public var dayTypeHours: [Double] = [1.2, 0.6, 0.3]
    public var eveningTypeHours: [Double] = [0.6, 1.5, 0.4]
    public var flexibleTypeHours: [Double] = [1.0, 1.0, 1.0]
    /// Monday first.
    public var dowMultipliers: [Double] = [1.00, 0.95, 0.98, 1.00, 1.05, 1.05, 0.90]
    public var fatigueDecayPerDay: Double = 0.80
    public var fatigueK: Double = 0.06
    public var fatigueCall: Double = 1.0
    public var fatigueSMS: Double = 0.5
    public var fatigueEmail: Double = 0.2
    public var resolveNowRPC: Double = 0.06
    public var planRPC: Double = 0.06
    public var promiseRPC: Double = 0.55
    public var promiseKeepBase: Double = 0.40
    public var promiseKeepIfAffordable: Double = 0.25
    public var promiseDelayMaxDays: Int = 14
    public var promiseMinimum: Money = Money(cents: 2_500)
    public var hasCapacityThreshold: Money = Money(cents: 5_000)
    public var planMonthsMin: Int = 3
    public var planMonthsMax: Int = 12
    public var planFirstDueDays: Int = 14
    public var planInstallmentKeep: Double = 0.90
    public var settlementFractionAgent: Double = 0.50
    public var settlementFractionPortal: Double = 0.60
    public var disputeRPC: Double = 0.02
    public var disputeIfProne: Double = 0.40
    public var disputePauseDays: Int = 30
    public var ceaseRPC: Double = 0.015
    public var annoyance: Double = 0.92
    public var aiCommitMultiplier: Double = 0.80
    public var aiKeepMultiplier: Double = 0.85
    public var smsRead: Double = 0.90
    public var smsClick: Double = 0.035
    public var smsOptOutBase: Double = 0.004
    public var smsOptOutPerFatigue: Double = 0.002
    public var emailOpen: Double = 0.20
    public var emailClickGivenOpen: Double = 0.15
    public var portalResolve: Double = 0.40
    public var portalPlan: Double = 0.25
    public var selfCureDaily: Double = 0.0002
    public var complaintPerContact: Double = 0.00005

    public init() {}
}

/// Unit costs. Message costs are in millicents (1/1000 cent) because an SMS costs a fraction of a cent.
public struct UnitCosts: Hashable, Sendable {
    public var smsMillicents: Int64 = 1_200
    public var emailMillicents: Int64 = 10
    public var voicePerMinuteMillicents: Int64 = 1_400
    public var agentHour: Money = Money(cents: 1_500)

    public init() {}
}

/// The human collection agency (SIMULATION.md §5.7).
public struct AgencyBaseline: Hashable, Sendable {
    public var agentsPer1000: Double = 0.5
    /// The agency's time zone: an IANA name (DST-aware, from the compiled zone tables); nil for the fixed
    /// `utcOffsetHours`.
    public var zone: String? = "America/New_York"
    /// The agency's zone as a fixed UTC offset, used only when `zone` is nil.
    public var utcOffsetHours: Int = -5
    /// Shift per weekday (Monday first) in the agency's zone; nil for closed days.
    public var shifts: [LocalTimeRange?] = [
        LocalTimeRange(start: LocalTime(hour: 9), end: LocalTime(hour: 17)),
        LocalTimeRange(start: LocalTime(hour: 9), end: LocalTime(hour: 17)),
        LocalTimeRange(start: LocalTime(hour: 9), end: LocalTime(hour: 17)),
        LocalTimeRange(start: LocalTime(hour: 9), end: LocalTime(hour: 17)),
        LocalTimeRange(start: LocalTime(hour: 9), end: LocalTime(hour: 17)),
        LocalTimeRange(start: LocalTime(hour: 9), end: LocalTime(hour: 13)),
        nil,
    ]
    public var occupancy: Double = 0.6
    public var ahtRPCMinutes: Double = 7.0
    public var ahtWrongPartyMinutes: Double = 1.0
    public var ahtNoAnswerMinutes: Double = 0.15
    public var skipTraceDay: Int = 14
    public var skipTraceRepair: Double = 0.30
    public var commission: Double = 0.25

    public init() {}
}
