import DunCore
import DunPolicy
import DunTesting
import Testing

@testable import DunEngine

private typealias F = EngineFixtures

/// The capacity pool's waiting line: who is served when, and what it costs in decisions and deferrals.
struct CapacityPoolTests {
    private static let newYork = TimeZoneTable.zone(named: "America/New_York")
    private static let allDay = LocalTimeRange(start: LocalTime(hour: 0), end: LocalTime(hour: 24))

    /// Agent seats working 09:00-17:00 on weekdays (and `saturday`) in New York.
    private static func agents(seats: Int, saturday: LocalTimeRange? = nil) -> CapacityPool {
        CapacityPool(
            channel: .agentCall,
            seats: seats,
            workingHours: SendWindow(
                weekdays: LocalTimeRange(start: LocalTime(hour: 9), end: LocalTime(hour: 17)),
                saturday: saturday,
                sunday: nil
            ),
            zone: Self.newYork
        )
    }

    /// An account in Los Angeles (Pacific time, a Los Angeles mobile).
    private static func western(_ id: String, balance: Int64) -> Account {
        var account = F.account(id, balance: balance)
        account.address = PostalAddress(country: "US", state: "CA", postalCode: "90012", city: "Los Angeles")
        account.phones[0].number = "+12135550100"
        return account
    }

    @Test func aWaiterWhoseCallingHoursAreClosedIsParkedUntilTheyOpenWithoutADecision() throws {
        // The campaign's window is open around the clock, so only the debtor's calling hours (08:00-21:00 in
        // every zone the debtor may be in) and the agents' shift decide.
        let campaign = Campaign(
            name: "c",
            window: SendWindow(weekdays: Self.allDay, saturday: Self.allDay, sunday: Self.allDay),
            steps: [F.call("agent", channel: .agentCall)]
        )
        var engine = SchedulerEngine(
            campaigns: [campaign],
            configuration: EngineConfiguration(pools: [Self.agents(seats: 1)])
        )
        // The western account owes more, so it would come first at the shift start, when it is 06:00 there.
        let west = engine.addAccount(Self.western("W", balance: 50_000))
        let east = engine.addAccount(F.account("E", balance: 10_000))
        let early = F.at("2026-03-02T07:00:00-05:00")
        let shiftStart = F.at("2026-03-02T09:00:00-05:00")
        let westOpens = F.at("2026-03-02T08:00:01-08:00")
        var actions = engine.handle(.enrol(west, campaign: 0), at: early)
        actions += engine.handle(.enrol(east, campaign: 0), at: early)
        // One CAPACITY deferral each, until the instant each can first be served.
        #expect(F.deferrals(actions).map(\.rule) == ["CAPACITY", "CAPACITY"])
        #expect(F.deferrals(actions).map(\.until) == [westOpens, shiftStart])
        #expect(engine.enrolment(of: west)?.state == .waitingForCapacity)
        #expect(engine.nextWake == shiftStart)

        let atShift = engine.handle(.timerFired, at: shiftStart)
        #expect(F.dispatched(atShift).map(\.account) == [east])
        #expect(F.deferrals(atShift).isEmpty)
        let call = try #require(F.dispatched(atShift).first)
        let freed = engine.handle(.result(call.id, .noAnswer), at: shiftStart.adding(seconds: 300))
        #expect(freed.compactMap { if case .wake(let at) = $0 { at } else { nil } } == [westOpens])
        let served = engine.handle(.timerFired, at: westOpens)
        #expect(F.dispatched(served).map(\.account) == [west])
        // Two joins and two dispatches: the western account was never judged while its hours were closed.
        #expect(engine.statistics.decisions == 4)
        #expect(engine.statistics.policyEvaluations == 2)
        #expect(engine.statistics.deferred == 2)
    }

    @Test func aStepWhoseWindowMissesTheShiftOnWeekdaysWaitsForTheFirstJointOpening() throws {
        let evenings = SendWindow(
            weekdays: LocalTimeRange(start: LocalTime(hour: 17), end: LocalTime(hour: 20, minute: 30)),
            saturday: LocalTimeRange(start: LocalTime(hour: 9), end: LocalTime(hour: 13)),
            sunday: nil
        )
        let campaign = Campaign(name: "c", window: evenings, steps: [F.call("agent", channel: .agentCall)])
        let saturdayShift = LocalTimeRange(start: LocalTime(hour: 9), end: LocalTime(hour: 13))
        var engine = SchedulerEngine(
            campaigns: [campaign],
            configuration: EngineConfiguration(pools: [Self.agents(seats: 2, saturday: saturdayShift)])
        )
        let account = engine.addAccount(F.account("A"))
        let saturday = F.at("2026-03-07T09:00:00-05:00")
        let actions = engine.handle(.enrol(account, campaign: 0), at: F.at("2026-03-02T18:00:00-05:00"))
        #expect(F.deferrals(actions).map(\.rule) == ["CAPACITY"])
        #expect(F.deferrals(actions).map(\.until) == [saturday])
        #expect(engine.nextWake == saturday)
        #expect(F.dispatched(engine.handle(.timerFired, at: saturday)).map(\.account) == [account])
        #expect(engine.statistics.decisions == 2)
    }

    @Test func aStopRuleThatPassesWhileWaitingEndsTheEnrolmentWhenItComesFirst() {
        var campaign = Campaign(name: "c", window: F.daytime, steps: [F.call("agent", channel: .agentCall)])
        campaign.stopRules = [.afterDays(1)]
        var engine = SchedulerEngine(
            campaigns: [campaign],
            configuration: EngineConfiguration(pools: [Self.agents(seats: 1)])
        )
        let account = engine.addAccount(F.account("A"))
        // Friday evening: the agents are back on Monday, two days later.
        _ = engine.handle(.enrol(account, campaign: 0), at: F.at("2026-03-06T18:00:00-05:00"))
        let monday = F.at("2026-03-09T09:00:00-04:00")
        let actions = engine.handle(.timerFired, at: monday)
        #expect(F.dispatched(actions).isEmpty)
        #expect(F.endings(actions).map(\.reason) == ["stop rule: after 1 days"])
    }

    @Test func waitersAreServedInPriorityThenArrivalOrderAfterParking() throws {
        // Three eastern accounts wait overnight; the shift serves them by balance, then by arrival.
        let campaign = Campaign(name: "c", window: F.daytime, steps: [F.call("agent", channel: .agentCall)])
        var engine = SchedulerEngine(
            campaigns: [campaign],
            configuration: EngineConfiguration(pools: [Self.agents(seats: 1)])
        )
        let balances: [Int64] = [10_000, 30_000, 10_000]
        let accounts = balances.enumerated().map { engine.addAccount(F.account("A\($0.offset)", balance: $0.element)) }
        var now = F.at("2026-03-02T18:00:00-05:00")
        for account in accounts {
            _ = engine.handle(.enrol(account, campaign: 0), at: now)
            now = now.adding(seconds: 60)
        }
        now = F.at("2026-03-03T09:00:00-05:00")
        var inFlight = F.dispatched(engine.handle(.timerFired, at: now))
        // The prefetch hint names who is now first in the agents' line; no pool serves texts.
        #expect(engine.firstInLine(for: .agentCall) == accounts[0])
        #expect(engine.firstInLine(for: .sms) == nil)
        var order: [AccountIndex] = []
        while let attempt = inFlight.popLast() {
            order.append(attempt.account)
            now = now.adding(seconds: 300)
            inFlight += F.dispatched(engine.handle(.result(attempt.id, .noAnswer), at: now))
        }
        #expect(order == [accounts[1], accounts[0], accounts[2]])
    }

    @Test func theCallingHoursOpenAtTheLawsFirstPermittedSecond() {
        let account = PolicyAccount(Self.western("W", balance: 10_000))
        let ledger = ContactLedger(for: account)
        let policy = ContactPolicy()
        let sixAM = F.at("2026-03-02T06:00:00-08:00").secondsSinceEpoch
        let opening = policy.callingHoursOpening(
            atOrAfter: sixAM,
            channel: .agentCall,
            account: account,
            ledger: ledger
        )
        #expect(opening == F.at("2026-03-02T08:00:01-08:00").secondsSinceEpoch)
        let noon = F.at("2026-03-02T12:00:00-08:00").secondsSinceEpoch
        #expect(
            policy.callingHoursOpening(atOrAfter: noon, channel: .agentCall, account: account, ledger: ledger) == noon
        )
    }

    /// The stretch the pool's hours cache keeps answers exactly as `callingHoursOpening` does at every instant
    /// it covers: a western account (one zone), a Columbus address with a Los Angeles mobile (two zones), a UK
    /// account, and across the March DST change; for calls and for messages.
    @Test(arguments: [Channel.agentCall, .sms])
    func theCallingHoursStretchAnswersAsTheSearchDoes(channel: Channel) {
        var twoZones = F.account("T", balance: 10_000)
        twoZones.phones[0].number = "+12135550100"
        var british = F.account("B", balance: 10_000)
        british.address = PostalAddress(country: "GB", state: "", postalCode: "SW1A 1AA", city: "London")
        british.phones[0].number = "+442071234567"
        let accounts = [Self.western("W", balance: 10_000), twoZones, british].map { PolicyAccount($0) }
        let policy = ContactPolicy()
        let start = F.at("2026-03-07T00:00:00Z").secondsSinceEpoch
        var checked = 0
        for var account in accounts {
            #expect(ContactPolicy.hoursShape(of: &account) != nil)
            let ledger = ContactLedger(for: account)
            var from = start
            while from < start + 3 * 86_400 {
                guard
                    let stretch = policy.callingHoursStretch(
                        atOrAfter: from,
                        channel: channel,
                        account: account,
                        ledger: ledger
                    )
                else { break }
                #expect(stretch.opening >= from && stretch.until >= stretch.opening)
                var instant = from
                while instant < stretch.until {
                    let expected = policy.callingHoursOpening(
                        atOrAfter: instant,
                        channel: channel,
                        account: account,
                        ledger: ledger
                    )
                    #expect(expected == Swift.max(instant, stretch.opening))
                    checked += 1
                    instant += 1_201
                }
                // Just past the stretch the hours are closed (or the search starts afresh).
                from = Swift.max(stretch.until, from + 1)
            }
        }
        #expect(checked > 400)
    }

    @Test func theHolidayTableAgreesWithTheCalendarRules() {
        let calendar = BlackoutCalendar(Blackout(holidays: [.usFederal]))
        // 1990-2110: inside the table and on both sides of it.
        let disagreeing = (Int64(7_305)...Int64(51_500)).filter { day in
            calendar.contains(day: day) != BlackoutCalendar.isUSFederalHoliday(CivilDate(daysSinceEpoch: Int(day)))
        }
        #expect(disagreeing.isEmpty)
    }
}

/// The waiting line's heap pops in exactly the due queue's order.
struct WaiterHeapTests {
    @Test(arguments: [1, 2, 3] as [UInt64])
    func popsInTheDueQueueOrder(seed: UInt64) {
        var random = TestSplitMix64(seed: seed)
        var heap = WaiterHeap()
        var queue = DueQueue()
        var sequence: UInt64 = 0
        var fromHeap: [DueQueue.Entry] = []
        var fromQueue: [DueQueue.Entry] = []
        for _ in 0..<5_000 {
            if random.next() % 3 != 0 {
                sequence += 1
                let entry = DueQueue.Entry(
                    // Keys on both sides of zero: the packed key flips the sign bit.
                    instant: (Int64(random.next() % 50) - 25) * 1_000,
                    priority: 0,
                    sequence: sequence,
                    owner: Int32(sequence % 100),
                    generation: UInt32(truncatingIfNeeded: random.next())
                )
                heap.insert(entry)
                queue.insert(entry)
            } else {
                if let entry = heap.popMin() { fromHeap.append(entry) }
                if let entry = queue.popMin() { fromQueue.append(entry) }
            }
            #expect(heap.min == queue.min)
        }
        while let entry = heap.popMin() { fromHeap.append(entry) }
        while let entry = queue.popMin() { fromQueue.append(entry) }
        #expect(heap.isValid)
        #expect(fromHeap == fromQueue)
        // The packed entries give back their owner and generation.
        #expect(
            fromHeap.map { [Int64($0.owner), Int64($0.generation)] }
                == fromQueue.map { [Int64($0.owner), Int64($0.generation)] }
        )
    }
}

/// The waiting line (a heap of arrivals over a sorted run) pops in exactly the due queue's order, through many
/// merges of the heap into the run.
struct WaitingLineTests {
    @Test(arguments: [1, 2, 3] as [UInt64])
    func popsInTheDueQueueOrder(seed: UInt64) {
        var random = TestSplitMix64(seed: seed)
        var line = WaitingLine()
        var queue = DueQueue()
        var sequence: UInt64 = 0
        var fromLine: [DueQueue.Entry] = []
        var fromQueue: [DueQueue.Entry] = []
        var differentFronts = 0
        for round in 0..<40_000 {
            // Phases of mostly arrivals and mostly pops, so the line grows long (merges) and drains (the run
            // empties while the heap still holds entries).
            let arrivalOdds: UInt64 = (round / 5_000) % 2 == 0 ? 4 : 2
            if random.next() % 5 < arrivalOdds {
                sequence += 1
                // Keys on both sides of zero, with repeats (the sequence breaks ties); some far behind the front.
                let spread: UInt64 = random.next() % 4 == 0 ? 1_000_000 : 200
                // Some at, just ahead of or just behind the front (served accounts rejoining), which skip the
                // heap: ahead, appended to the run; behind, put in place among its last entries.
                let front = random.next() % 4 == 0 ? queue.min?.instant : nil
                let entry = DueQueue.Entry(
                    instant: front.map { $0 + Int64(random.next() % 3) - 1 }
                        ?? (Int64(random.next() % spread) - Int64(spread / 2)) * 1_000,
                    priority: 0,
                    sequence: sequence,
                    owner: Int32(sequence % 100),
                    generation: UInt32(truncatingIfNeeded: random.next())
                )
                line.insert(entry)
                queue.insert(entry)
            } else {
                if let entry = line.popMin() { fromLine.append(entry) }
                if let entry = queue.popMin() { fromQueue.append(entry) }
            }
            if line.min != queue.min { differentFronts += 1 }
        }
        #expect(differentFronts == 0)
        #expect(line.isValid)
        #expect(line.entries.count == queue.count)
        while let entry = line.popMin() { fromLine.append(entry) }
        while let entry = queue.popMin() { fromQueue.append(entry) }
        #expect(line.isEmpty)
        #expect(fromLine == fromQueue)
        #expect(
            fromLine.map { [Int64($0.owner), Int64($0.generation)] }
                == fromQueue.map { [Int64($0.owner), Int64($0.generation)] }
        )
    }
}
