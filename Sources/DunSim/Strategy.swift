public import DunCore

/// A strategy the simulator runs: the agency baseline, or a campaign's contact cadence.
///
/// A campaign is reduced to its cadence: on which days each channel is due and whether agent calls draw on
/// the agency's seats. The contact rules (Reg F 7-in-7 and the 7-day quiet period, 08:00-21:00 local, the
/// house per-channel caps, Massachusetts' 2-in-7, opt-outs, cease, disputes) apply to every strategy alike;
/// a blocked contact is deferred to the next day, never dropped, and counted under its rule id.
public struct Strategy: Hashable, Sendable {
    public var name: String
    public var isBaseline: Bool
    public var cadence: Cadence
    /// The campaign, when the strategy is one: it then runs through the scheduler engine and the contact policy.
    public var campaign: Campaign?

    public init(name: String, isBaseline: Bool = false, cadence: Cadence, campaign: Campaign? = nil) {
        self.name = name
        self.isBaseline = isBaseline
        self.cadence = cadence
        self.campaign = campaign
    }

    /// The agency baseline: agent calls only, worked in priority order within the seats, with skip tracing.
    public static func agency(name: String = "agency-baseline") -> Strategy {
        Strategy(
            name: name,
            isBaseline: true,
            cadence: Cadence(agentCallsFromDay: 0, skipTrace: true, outsourced: true)
        )
    }

    /// Digital only (SIMULATION.md §5.9): SMS on days 0, 2, 5, 9, 14 then weekly; email every 3 days.
    public static let digitalOnly = Strategy(
        name: "digital-only",
        cadence: Cadence(smsDays: [0, 2, 5, 9, 14], smsEveryDays: 7, emailDays: [0], emailEveryDays: 3)
    )

    /// Hybrid (§5.9): the digital cadence first, agency calls from day 10 on the same seats.
    public static let hybrid = Strategy(
        name: "hybrid",
        cadence: Cadence(
            smsDays: [0, 2, 5, 9, 14],
            smsEveryDays: 7,
            emailDays: [0],
            emailEveryDays: 3,
            agentCallsFromDay: 10,
            skipTrace: true
        )
    )

    /// AI voice (§5.9): automated calls with unlimited capacity, 09:00-21:00 local, within the Reg F caps.
    public static let aiVoice = Strategy(
        name: "ai-voice",
        cadence: Cadence(callDays: [0], callEveryDays: 4)
    )

    /// The built-in challengers used when no campaign files are given.
    public static let builtInChallengers: [Strategy] = [.digitalOnly, .hybrid, .aiVoice]
}

/// When each channel is due for an account, counted in days since placement.
public struct Cadence: Hashable, Sendable {
    /// Days on which an SMS is due, then every `smsEveryDays` after the last listed day (nil: no more).
    public var smsDays: [Int]
    public var smsEveryDays: Int?
    public var emailDays: [Int]
    public var emailEveryDays: Int?
    /// Days on which an automated (AI or prerecorded) call is due, then every `callEveryDays` after the last.
    public var callDays: [Int]
    public var callEveryDays: Int?
    /// Agent calls on the agency's seats from this day on; nil for none.
    public var agentCallsFromDay: Int?
    /// Whether bad numbers are sent to skip tracing (SIMULATION.md §5.7).
    public var skipTrace: Bool
    /// Local minute of day at which messages are sent.
    public var sendMinute: Int
    /// Whether an outside agency works the accounts on contingency: it is paid its commission and bears its
    /// own wages (net recovery subtracts the commission, not the wages). Otherwise the agents are in house.
    public var outsourced: Bool

    public init(
        smsDays: [Int] = [],
        smsEveryDays: Int? = nil,
        emailDays: [Int] = [],
        emailEveryDays: Int? = nil,
        callDays: [Int] = [],
        callEveryDays: Int? = nil,
        agentCallsFromDay: Int? = nil,
        skipTrace: Bool = false,
        sendMinute: Int = 9 * 60 + 30,
        outsourced: Bool = false
    ) {
        self.smsDays = smsDays.sorted()
        self.smsEveryDays = smsEveryDays
        self.emailDays = emailDays.sorted()
        self.emailEveryDays = emailEveryDays
        self.callDays = callDays.sorted()
        self.callEveryDays = callEveryDays
        self.agentCallsFromDay = agentCallsFromDay
        self.skipTrace = skipTrace
        self.sendMinute = sendMinute
        self.outsourced = outsourced
    }

    /// Whether a channel with these listed days and period is due on `day`.
    static func isDue(day: Int, listed: [Int], every: Int?) -> Bool {
        if listed.contains(day) { return true }
        guard let every, every > 0 else { return false }
        let last = listed.last ?? -every
        return day > last && (day - last) % every == 0
    }

    /// A table of due days up to `horizon`, for the hot loop.
    func dueTable(horizon: Int, listed: [Int], every: Int?) -> [Bool] {
        (0...horizon).map { Self.isDue(day: $0, listed: listed, every: every) }
    }
}

extension Strategy {
    /// Reduces a campaign to a cadence: each contact step's day (its `day(N)` timing, or the previous step's
    /// day plus its wait), plus its retries at their spacing. Branches and routes are not followed: the
    /// simulator runs a campaign's steps in file order.
    public init(campaign: Campaign, isBaseline: Bool = false) {
        var sms: [Int] = []
        var email: [Int] = []
        var ai: [Int] = []
        var agentFrom: Int?
        var day = 0
        for step in campaign.steps {
            switch step.timing {
            case .immediately: break
            case .day(let n): day = n
            case .after(let seconds): day += Int((seconds + 86_399) / 86_400)
            }
            guard let channel = step.channel else { continue }
            var days = [day]
            let spacing = max(1, Int((step.retry.spacingSeconds + 86_399) / 86_400))
            for retry in 0..<max(0, step.retry.count) { days.append(day + spacing * (retry + 1)) }
            switch channel {
            case .sms: sms += days
            case .email: email += days
            case .call: ai += days
            case .agentCall: agentFrom = min(agentFrom ?? day, day)
            }
        }
        self.init(
            name: campaign.name,
            isBaseline: isBaseline,
            cadence: Cadence(
                smsDays: sms,
                emailDays: email,
                callDays: ai,
                agentCallsFromDay: agentFrom,
                skipTrace: agentFrom != nil
            ),
            campaign: campaign
        )
    }
}
