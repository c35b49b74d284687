import DunCore
import DunEngine
import DunPolicy

/// One campaign strategy over one population for one replication, driven through the real scheduler engine and
/// contact policy: the engine decides every contact; the behaviour model answers as the simulated gateways.
///
/// Virtual time is a queue (`EventQueue`) of `(instant, sequence)` events (attempt results, daily debtor ticks,
/// dispute verifications) merged with the engine's own next wake-up (`SchedulerEngine.nextWake`, read after every
/// input rather than queued: the engine already keeps its due items in order); `now` moves only when the next
/// event is taken. At a tie the queued event goes first: a result frees its seat before the engine's due work asks for
/// one (and the engine runs its due work within that same input anyway). Buffers are owned here and reused, so
/// the loop allocates nothing per event once warm.
struct EngineRun {
    var model: DebtorModel
    var engine: SchedulerEngine
    var queue = EventQueue<Event>()
    var sequence: UInt64 = 0
    var actions: [EngineAction] = []
    /// How many of `actions` have been performed: the buffer is cleared only once it holds `actionsKept`, not
    /// after every input (clearing an array costs as much as performing a few actions).
    var performed = 0
    /// The accounts with something to do on the day being ticked (see `DebtorModel.accountsWithADay`).
    var due: [Int32] = []
    /// Per rule key (`[EngineAction].deferralRuleKey(at:)`) below `ruleKeyLimit`: the index in `deferredRules` (-1 until first seen), so a
    /// deferral is counted without reading its rule id as a string.
    var ruleIndexByKey: [Int32] = []
    let start: Int64
    let end: Int64
    let usesAgents: Bool
    /// Paid agents (fractional: the portfolio's share of the agency's staff).
    let agents: Double
    /// The IANA zone of each home in `homes` (DST-aware local time, as the policy sees it).
    let zones: [ZoneID?]
    /// Per home: the UTC offset in effect and when (see `HomeClock`).
    var clocks: [HomeClock]
    /// Deferrals per rule id, in first-seen order (sorted when reported).
    var deferredRules: [String] = []
    var deferredCounts: [Int] = []
    /// Enrolment endings per reason (rule id when the law ended it), in first-seen order.
    var endingReasons: [String] = []
    var endingCounts: [Int] = []

    /// A home's UTC offset in effect from `from` until `until` (the zone's next transition); empty (`from` after
    /// `until`) until first looked up, and always for a home without a zone. With it, the local day last asked
    /// for: its first local second and its weekday (a function of the local day alone, whatever the offset).
    struct HomeClock {
        var offset: Int64
        var from: Int64
        var until: Int64
        var dayStart: Int64 = Int64.max
        var weekday = 0
    }

    /// What a call with a given outcome on a given channel reports: its minutes, cost, how long it holds the
    /// line or agent, and its result. A call's figures depend only on those two (every call of an outcome takes
    /// the same minutes), so they are worked out once each, with the same arithmetic, on first use (where the
    /// arithmetic would trap on absurd rates, it traps at the same call).
    struct CallAnswer {
        var minutes: Double
        var costMillicents: Int64
        /// Zero until worked out (a call holds at least one second).
        var seconds: Int64
        var result: AttemptResult

        static let none = CallAnswer(minutes: 0, costMillicents: 0, seconds: 0, result: .failed)

        init(minutes: Double, costMillicents: Int64, seconds: Int64, result: AttemptResult) {
            self.minutes = minutes
            self.costMillicents = costMillicents
            self.seconds = seconds
            self.result = result
        }

        init(_ outcome: DebtorModel.CallOutcome, agent: Bool, rates: DebtorRates) {
            let minutes = outcome.minutes(rates)
            self.minutes = minutes
            self.costMillicents = Math.roundedInt64(minutes * Double(rates.voicePerMinuteMillicents))
            // An agent is held for the handle time stretched by the outbound occupancy (SIMULATION.md §5.7).
            let held = agent ? minutes / max(0.01, rates.occupancy) : minutes
            self.seconds = max(1, Math.roundedInt64(held * 60))
            switch outcome {
            case .badNumber: self.result = .notInService
            case .rightParty: self.result = .conversation
            case .noAnswer, .wrongParty: self.result = minutes >= rates.ahtWrongPartyMinutes ? .answered : .noAnswer
            }
        }
    }

    /// `CallAnswer`s by `CallOutcome` raw value · 2 + 1 for an agent call.
    var callAnswers = [CallAnswer](repeating: .none, count: 8)

    /// A virtual-time event.
    struct Event: Comparable {
        enum Kind: UInt8 { case result, dayTick, verification }
        var at: Int64
        var sequence: UInt64
        var kind: Kind
        /// What a `.result` event reports (unused by other kinds).
        var result: AttemptResult
        var account: Int32
        var payload: UInt64

        /// The attempt a `.result` event answers (its serial is the payload).
        var attemptID: AttemptID {
            AttemptID(rawValue: self.payload | UInt64(UInt32(bitPattern: self.account)) << 32)
        }

        static func < (lhs: Event, rhs: Event) -> Bool { (lhs.at, lhs.sequence) < (rhs.at, rhs.sequence) }
        static func == (lhs: Event, rhs: Event) -> Bool { lhs.sequence == rhs.sequence }
    }

    init(scenario: Scenario, strategy: Strategy, population: Population, seed: UInt64) {
        var model = DebtorModel(scenario: scenario, strategy: strategy, population: population, seed: seed)
        // Each account's index in `homes`, looked up once: every attempt needs the debtor's local time.
        for i in 0..<population.count { model.hot[i].home = UInt8(Self.home(i, population: population)) }
        model.recordsSignals = true
        model.signals.reserveCapacity(64)
        self.model = model
        var pools: [CapacityPool] = []
        let agency = scenario.agency
        self.agents = agency.agentsPer1000 * Double(population.count) / 1_000
        if strategy.usesAgents {
            // A seat is an agent: busy for the attempt's handle time stretched by the outbound occupancy (the
            // rest of the paid hour goes to inbound, admin and training, SIMULATION.md §5.7).
            pools.append(
                CapacityPool(
                    channel: .agentCall,
                    seats: max(1, Int(self.agents.rounded())),
                    workingHours: Self.window(agency.shifts),
                    utcOffsetSeconds: agency.utcOffsetHours * 3_600,
                    zone: agency.zone.flatMap(TimeZoneTable.zone(named:))
                )
            )
        }
        // The simulator compares strategies on one portfolio: a campaign's audience filter is not applied.
        var simulated = strategy.campaign
        simulated.audience = Audience()
        self.engine = SchedulerEngine(
            campaigns: [simulated],
            configuration: EngineConfiguration(seed: seed, policy: ContactPolicy(), pools: pools)
        )
        self.usesAgents = strategy.usesAgents
        self.start = UTCInstant(date: scenario.portfolio.start).secondsSinceEpoch
        self.end = self.start + Int64(scenario.portfolio.horizonDays + 1) * 86_400
        self.zones = Self.homes.map { ZoneResolver.zone(forCountry: "US", state: $0.state, postalCode: "") }
        self.clocks = [HomeClock](
            repeating: HomeClock(offset: 0, from: Int64.max, until: Int64.min),
            count: Self.homes.count
        )
        self.actions.reserveCapacity(256)
    }

    /// The home states accounts are placed in (by their zone's standard offset; Massachusetts on its own), with
    /// an area code of the same zone.
    static let homes: [(state: String, area: String)] = [
        ("FL", "305"), ("IL", "312"), ("CO", "303"), ("OR", "206"), ("MA", "617"),
    ]

    /// `+1` and the area code of each home.
    static let phonePrefixes = Self.homes.map { "+1" + $0.area }

    static func home(_ i: Int, population: Population) -> Int {
        if population.traits[i] & Population.Trait.massachusetts != 0 { return 4 }
        switch population.utcOffsetHours[i] {
        case -6: return 1
        case -7: return 2
        case -8: return 3
        default: return 0
        }
    }

    static func window(_ shifts: [LocalTimeRange?]) -> SendWindow {
        SendWindow(
            weekdays: shifts.first ?? nil,
            saturday: shifts.count > 5 ? shifts[5] : nil,
            sunday: shifts.last ?? nil
        )
    }

    /// The account as the engine and the policy see it: a home state in its zone, one phone (a mobile with
    /// SMS consent when it can text) and one email address on file; whether they work is the model's call.
    static func account(_ i: Int, population: Population, start: UTCInstant, dpd: Int) -> Account {
        let traits = population.traits[i]
        let home = Self.home(i, population: population)
        let state = Self.homes[home].state
        // The line is 1,000,000 ... 9,999,999: seven digits after the home's `+1` and area code.
        let phone = PhoneContact(
            number: Self.phonePrefixes[home] + String(1_000_000 + i % 9_000_000),
            kind: .mobile,
            smsConsentAt: traits & Population.Trait.smsCapable != 0 ? start.adding(seconds: -86_400) : nil,
            autodialConsent: true
        )
        // Every account has an address on file; a skip's (or an invalid one) bounces.
        let number = String(i)
        let emails = [EmailContact(address: "a" + number + "@example.com", provenance: .consumerConsented)]
        return Account(
            id: "A" + number,
            address: PostalAddress(country: "US", state: state),
            phones: [phone],
            emails: emails,
            debts: [Debt(id: "D" + number, balance: Money(cents: population.balance[i]), daysPastDue: dpd)]
        )
    }

    /// Queues an event at `at`. `delay` is how long after the current virtual time that is (for a result, its
    /// handle time; `nil` for the daily tick, which is queued for the next day): events with the same delay
    /// share a lane of the queue (`EventQueue`).
    mutating func push(
        _ at: Int64,
        _ kind: Event.Kind,
        _ account: Int32 = 0,
        _ payload: UInt64 = 0,
        result: AttemptResult = .failed,
        delay: Int64? = nil
    ) {
        self.queue.insert(
            Event(at: at, sequence: self.sequence, kind: kind, result: result, account: account, payload: payload),
            key: delay ?? -1
        )
        self.sequence &+= 1
    }

    mutating func run() -> RunOutcome {
        let n = self.model.population.count
        let startInstant = UTCInstant(secondsSinceEpoch: self.start)
        self.engine.reserveAccounts(n)
        for i in 0..<n {
            self.engine.addAccount(
                Self.account(
                    i,
                    population: self.model.population,
                    start: startInstant,
                    dpd: self.model.scenario.portfolio.placementDPD
                )
            )
        }
        // Daily ticks are queued one at a time (each tick queues the next), so the queue stays as small as the
        // attempts in flight.
        if self.model.horizon >= 1 { self.push(self.dayTickInstant(1), .dayTick, 1) }
        for i in 0..<n {
            self.engine.handle(.enrol(AccountIndex(i), campaign: 0), at: startInstant, into: &self.actions)
            self.perform(at: self.start)
            self.feedSignals(at: startInstant)
        }
        var recordedDay = 0
        // The first instant of day `recordedDay + 1`: the day is worked out (a division) only when it is reached.
        var nextDayAt = self.start + 86_400
        var time = self.start
        while true {
            let wake = self.engine.nextWake?.secondsSinceEpoch ?? Int64.max
            let next = self.queue.min?.at ?? Int64.max
            let at = max(time, min(wake, next))
            guard at < self.end else { break }
            time = at
            if at >= nextDayAt {
                let day = Int((at - self.start) / 86_400)
                while recordedDay < day {
                    self.record(day: recordedDay)
                    recordedDay += 1
                }
                nextDayAt = self.start + Int64(recordedDay + 1) * 86_400
            }
            let now = UTCInstant(secondsSinceEpoch: at)
            if wake < next {
                self.engine.handle(.timerFired, at: now, into: &self.actions)
            } else if let event = self.queue.popMin() {
                switch event.kind {
                case .result:
                    // The next event is usually another result: its account's memory is asked for now, so the
                    // cache miss overlaps this result's work (a hint; it changes nothing).
                    if let following = self.queue.min, following.kind == .result {
                        self.engine.prefetchResult(of: following.attemptID)
                    }
                    self.engine.handle(.result(event.attemptID, event.result), at: now, into: &self.actions)
                    // The agent who takes the next result's seat calls whoever is then first in line: the model's
                    // record of that debtor is asked for now, likewise.
                    if self.usesAgents, let next = self.engine.peekFirstInLine(for: .agentCall) {
                        self.model.prefetch(next.position)
                    }
                case .dayTick:
                    let tickDay = Int(event.account)
                    if tickDay < self.model.horizon {
                        self.push(self.dayTickInstant(tickDay + 1), .dayTick, Int32(tickDay + 1))
                    }
                    self.dayTick(tickDay, at: now)
                case .verification:
                    self.engine.handle(
                        .consumerEvent(AccountIndex(event.account), .verificationSent),
                        at: now,
                        into: &self.actions
                    )
                }
            }
            self.perform(at: at)
            self.feedSignals(at: now)
        }
        while recordedDay <= self.model.horizon {
            self.record(day: recordedDay)
            recordedDay += 1
        }
        self.model.outcome.agentPaidHours = self.agentPaidHours
        self.model.finish()
        var outcome = self.model.outcome
        let statistics = self.engine.statistics
        outcome.engineDecisions = statistics.decisions
        outcome.policyEvaluations = statistics.policyEvaluations
        outcome.engineDeferrals = statistics.deferred
        for (index, rule) in self.deferredRules.enumerated() {
            outcome.deferredByRule.append((rule, self.deferredCounts[index]))
        }
        for (index, reason) in self.endingReasons.enumerated() {
            outcome.endedByReason.append((reason, self.endingCounts[index]))
        }
        outcome.endedByReason.sort { $0.0 < $1.0 }
        return outcome
    }

    mutating func record(day: Int) {
        self.model.outcome.collectedByDay[day] = self.model.collectedTotal
        if let observer = self.model.dayObserver {
            var outcome = self.model.partialOutcome()
            for (index, rule) in self.deferredRules.enumerated() {
                outcome.deferredByRule.append((rule, self.deferredCounts[index]))
            }
            observer(day, outcome)
        }
        let horizon = self.model.horizon
        if day == min(30, horizon) { self.model.outcome.paid30 = self.model.paid }
        if day == min(90, horizon) { self.model.outcome.paid90 = self.model.paid }
        if day == min(180, horizon) { self.model.outcome.paid180 = self.model.paid }
    }

    /// Daily debtor behaviour: replenishment, promises and instalments falling due, self-cure.
    /// Daily debtor ticks run at 05:00 UTC (midnight on the US east coast), from day 1.
    func dayTickInstant(_ day: Int) -> Int64 {
        self.start + Int64(day) * 86_400 + 18_000
    }

    mutating func dayTick(_ day: Int, at now: UTCInstant) {
        if self.usesAgents && day == self.model.scenario.agency.skipTraceDay { self.model.skipTrace(day) }
        self.model.accountsWithADay(day, into: &self.due)
        for i in self.due {
            _ = self.model.accountDay(Int(i), day)
        }
        self.feedSignals(at: now)
    }

    /// Performs the engine's actions: dispatches are answered by the behaviour model; deferrals and endings are
    /// counted. Wake-ups need nothing: the loop reads `SchedulerEngine.nextWake` itself.
    @inline(__always)
    mutating func perform(at time: Int64) {
        var index = self.performed
        // Each action is read where it lies in `self.actions`, only the fields needed (`dispatched`,
        // `deferralRuleKey(at:)`): binding a whole payload copies the action (112 bytes) before `self` is mutated,
        // and taking the buffer out of `self` while reading it costs a release per call.
        while index < self.actions.count {
            if let (id, channel) = self.actions[index].dispatched {
                self.answer(account: id.account.rawValue, serial: id.serial, channel: channel, at: time)
            } else if case .deferred = self.actions[index], let key = self.actions.deferralRuleKey(at: index) {
                if key < self.ruleIndexByKey.count, self.ruleIndexByKey[key] >= 0 {
                    self.deferredCounts[Int(self.ruleIndexByKey[key])] += 1
                } else {
                    self.countUnseenDeferral(key: key, at: index)
                }
            } else if case .end(let ending) = self.actions[index] {
                self.countEnding(ending.rule ?? ending.reason)
            }
            index += 1
        }
        if index >= Self.actionsKept {
            self.actions.removeAll(keepingCapacity: true)
            self.performed = 0
        } else {
            self.performed = index
        }
    }

    /// Counts the deferral at `index` in `actions`, whose rule key has no index in `ruleIndexByKey` yet (the
    /// rule's first deferral, or a key at or above `ruleKeyLimit`).
    @inline(never)
    mutating func countUnseenDeferral(key: Int, at index: Int) {
        guard case .deferred(let deferral) = self.actions[index] else { return }
        let rule = deferral.rule
        let counted = self.deferredRules.firstIndex(of: rule) ?? self.addRule(rule)
        if key < Self.ruleKeyLimit {
            if key >= self.ruleIndexByKey.count {
                self.ruleIndexByKey.append(contentsOf: repeatElement(-1, count: key + 1 - self.ruleIndexByKey.count))
            }
            self.ruleIndexByKey[key] = Int32(counted)
        }
        self.deferredCounts[counted] += 1
    }

    /// Adds `rule` to the deferral counts (at zero) and returns its index.
    mutating func addRule(_ rule: String) -> Int {
        self.deferredRules.append(rule)
        self.deferredCounts.append(0)
        return self.deferredRules.count - 1
    }

    mutating func countEnding(_ reason: String) {
        if let index = self.endingReasons.firstIndex(of: reason) {
            self.endingCounts[index] += 1
        } else {
            self.endingReasons.append(reason)
            self.endingCounts.append(1)
        }
    }

    /// Performed actions are cleared from the buffer once it holds this many.
    static let actionsKept = 200

    /// Rule keys at or above this are looked up by their rule id each time (a key names a text id, 256 on, and
    /// only the first few thousand texts of a process are rule ids in practice).
    static let ruleKeyLimit = 256 + 4_096

    /// The simulated gateway: draws the attempt's result and the debtor's response, and queues the result at
    /// the instant it would arrive (after the call's handle time).
    mutating func answer(account: Int32, serial: UInt32, channel: Channel, at time: Int64) {
        let i = Int(account)
        let day = Int((time - self.start) / 86_400)
        let traits = self.model.hot[i].traits
        var result: AttemptResult
        var seconds: Int64 = 1
        switch channel {
        case .call, .agentCall:
            let (localSecond, weekday) = self.localTime(i, at: time)
            let agent = channel == .agentCall
            let outcome = self.model.call(i, day, weekday, localMinute: Int(localSecond / 60), ai: !agent)
            let index = Int(outcome.rawValue) &* 2 &+ (agent ? 1 : 0)
            if self.callAnswers[index].seconds == 0 {
                self.callAnswers[index] = CallAnswer(outcome, agent: agent, rates: self.model.rates)
            }
            let answer = self.callAnswers[index]
            self.model.outcome.voiceMinutes += answer.minutes
            self.model.outcome.messageCostMillicents += answer.costMillicents
            if agent { self.model.outcome.agentMinutes += answer.minutes }
            seconds = answer.seconds
            result = answer.result
        case .sms:
            let deliverable =
                traits & Population.Trait.smsCapable != 0 && self.model.hot[i].state & DebtorModel.Bit.optedOutSMS == 0
            if deliverable {
                self.model.deliverSMS(i, day)
                result = .delivered
            } else {
                result = .failed
            }
        case .email:
            if traits & Population.Trait.emailValid != 0 {
                self.model.deliverEmail(i, day)
                result = .delivered
            } else {
                result = .failed
            }
        }
        self.push(time + seconds, .result, account, UInt64(serial), result: result, delay: seconds)
    }

    /// The debtor's local seconds since the local epoch at `time`, from the real zone tables (DST-aware, as the
    /// policy sees it).
    ///
    /// Virtual time never goes back, so each home keeps its current offset until the zone's next transition
    /// (looked up twice a year, not per attempt).
    @inline(__always)
    mutating func localSeconds(_ i: Int, at time: Int64) -> Int64 {
        let clock = self.clocks[Int(self.model.hot[i].home)]
        if time >= clock.from && time < clock.until { return time + clock.offset }
        return self.lookUpLocalSeconds(i, at: time)
    }

    /// The debtor's local time at `time`: the second of the local day and the weekday (0 for Monday). The home's
    /// clock keeps the local day last asked for, so the divisions are worked out once per home and day.
    @inline(__always)
    mutating func localTime(_ i: Int, at time: Int64) -> (second: Int64, weekday: Int) {
        let clock = self.clocks[Int(self.model.hot[i].home)]
        if time >= clock.from && time < clock.until {
            let second = (time + clock.offset) &- clock.dayStart
            if second >= 0 && second < 86_400 { return (second, clock.weekday) }
        }
        return self.lookUpLocalTime(i, at: time)
    }

    /// `localTime` when the home's clock does not cover `time` or its local day: works both out again.
    mutating func lookUpLocalTime(_ i: Int, at time: Int64) -> (second: Int64, weekday: Int) {
        let local = self.localSeconds(i, at: time)
        let localDay = local.floorDiv(86_400)
        let dayStart = localDay * 86_400
        // 1970-01-01 was a Thursday (index 3 with Monday first).
        let weekday = Int((localDay + 3).floorMod(7))
        let home = Int(self.model.hot[i].home)
        self.clocks[home].dayStart = dayStart
        self.clocks[home].weekday = weekday
        return (local - dayStart, weekday)
    }

    /// `localSeconds` when the home's clock does not cover `time`: looks the offset up in the zone tables.
    mutating func lookUpLocalSeconds(_ i: Int, at time: Int64) -> Int64 {
        let home = Int(self.model.hot[i].home)
        guard let zone = self.zones[home] else {
            return time + Int64(self.model.population.utcOffsetHours[i]) * 3_600
        }
        let instant = UTCInstant(secondsSinceEpoch: time)
        let offset = Int64(TimeZoneTable.offsetSeconds(of: zone, at: instant))
        let next = TimeZoneTable.transitions(of: zone, from: instant, to: instant.adding(seconds: 400 * 86_400))
        let until = next.first { $0.secondsSinceEpoch > time }?.secondsSinceEpoch ?? Int64.max
        self.clocks[home].offset = offset
        self.clocks[home].from = time
        self.clocks[home].until = until
        return time + offset
    }

    /// Paid agent hours over the horizon: every agent works every shift (wages are paid whether or not there
    /// is work).
    var agentPaidHours: Double {
        guard self.usesAgents else { return 0 }
        var minutes = 0
        for day in 0..<self.model.horizon {
            let weekday = (self.startWeekday + day) % 7
            if let shift = self.model.scenario.agency.shifts[weekday] {
                minutes += max(0, shift.end.minuteOfDay - shift.start.minuteOfDay)
            }
        }
        return self.agents * Double(minutes) / 60
    }

    var startWeekday: Int {
        Weekday.allCases.firstIndex(of: self.model.scenario.portfolio.start.weekday) ?? 0
    }

    /// Feeds what debtors did to the engine: payments, promises (a plan is a promise per instalment), disputes
    /// (verified after the pause), cease requests and SMS opt-outs.
    mutating func feedSignals(at now: UTCInstant) {
        while !self.model.signals.isEmpty {
            self.feedPendingSignals(at: now)
        }
    }

    mutating func feedPendingSignals(at now: UTCInstant) {
        // What the debtor said in a call is fed at the dispatch instant: the engine's clock never runs ahead of
        // the virtual queue (the result itself arrives after the handle time).
        let at = now
        var index = 0
        while index < self.model.signals.count {
            let signal = self.model.signals[index]
            index += 1
            let account = AccountIndex(signal.account)
            let i = Int(signal.account)
            switch signal.kind {
            case .payment:
                self.engine.handle(.payment(account, amount: Money(cents: signal.amount)), at: at, into: &self.actions)
            case .promise:
                let due = self.start + Int64(self.model.promiseDay[i]) * 86_400 + 86_399
                self.engine.handle(
                    .promise(account, amount: Money(cents: signal.amount), due: UTCInstant(secondsSinceEpoch: due)),
                    at: at,
                    into: &self.actions
                )
            case .plan:
                let due = self.start + Int64(self.model.planNextDay[i]) * 86_400 + 86_399
                self.engine.handle(
                    .promise(account, amount: Money(cents: signal.amount), due: UTCInstant(secondsSinceEpoch: due)),
                    at: at,
                    into: &self.actions
                )
            case .dispute:
                self.engine.handle(.consumerEvent(account, .dispute), at: at, into: &self.actions)
                let verified = at.secondsSinceEpoch + Int64(self.model.scenario.behaviour.disputePauseDays) * 86_400
                self.push(verified, .verification, signal.account, delay: verified - at.secondsSinceEpoch)
            case .cease:
                self.engine.handle(.consumerEvent(account, .cease), at: at, into: &self.actions)
            case .optOut:
                self.engine.handle(.consumerEvent(account, .optOut(.sms, destination: 0)), at: at, into: &self.actions)
            case .settled:
                self.engine.handle(.withdraw(account, reason: "settled"), at: at, into: &self.actions)
            }
        }
        self.model.signals.removeAll(keepingCapacity: true)
        self.perform(at: at.secondsSinceEpoch)
    }
}
