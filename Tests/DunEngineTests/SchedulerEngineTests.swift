import DunCore
import DunEngine
import DunPolicy
import Testing

private typealias F = EngineFixtures

/// State-machine tests: inputs in, exact action lists out.
struct SchedulerEngineTests {
    /// Columbus, Ohio keeps Eastern time: EST (-05:00) until DST starts on 2026-03-08.
    private let monday10 = F.at("2026-03-02T10:00:00-05:00")

    @Test func dispatchesAnImmediateStepAtEnrolmentInsideTheWindow() {
        var engine = SchedulerEngine(campaigns: [Campaign(name: "c", window: F.daytime, steps: [F.sms("hello")])])
        let account = engine.addAccount(F.account("A1"))
        let actions = engine.handle(.enrol(account, campaign: 0), at: self.monday10)
        let expected = Attempt(
            id: AttemptID(account: account, serial: 1),
            account: account,
            campaign: 0,
            variant: 0,
            step: 0,
            attemptNumber: 1,
            channel: .sms,
            destination: 0,
            template: "t-hello",
            debtBucket: "D-A1",
            at: self.monday10
        )
        #expect(actions == [.dispatch(expected)])
        let done = engine.handle(.result(expected.id, .delivered), at: self.monday10.adding(seconds: 5))
        #expect(
            done == [
                .end(
                    Ending(
                        account: account,
                        campaign: 0,
                        step: 0,
                        reason: "completed",
                        rule: nil,
                        at: self.monday10.adding(seconds: 5)
                    )
                )
            ]
        )
        #expect(engine.enrolment(of: account)?.state == .ended)
    }

    @Test func defersToTheWindowOpeningAndIgnoresEarlyWakeUps() throws {
        var engine = SchedulerEngine(campaigns: [Campaign(name: "c", window: F.daytime, steps: [F.sms("hello")])])
        let account = engine.addAccount(F.account("A1"))
        let early = F.at("2026-03-02T06:30:00-05:00")
        let opening = F.at("2026-03-02T09:00:00-05:00")
        let actions = engine.handle(.enrol(account, campaign: 0), at: early)
        #expect(
            actions == [
                .deferred(
                    Deferral(
                        account: account,
                        campaign: 0,
                        step: 0,
                        channel: .sms,
                        rule: "CAMPAIGN-WINDOW",
                        reason: "Outside the campaign's preferred send window in the debtor's local time.",
                        at: early,
                        until: opening
                    )
                ),
                .wake(at: opening),
            ]
        )
        #expect(engine.handle(.timerFired, at: F.at("2026-03-02T07:00:00-05:00")) == [])
        let fired = engine.handle(.timerFired, at: opening)
        let attempt = try #require(F.dispatched(fired).first)
        #expect(fired == [.dispatch(attempt)])
        #expect(attempt.at == opening)
        // A duplicate wake-up is harmless.
        #expect(engine.handle(.timerFired, at: opening) == [])
    }

    @Test func tiesAtOneInstantBreakByPriorityThenInsertionSequence() {
        var engine = SchedulerEngine(campaigns: [Campaign(name: "c", window: F.daytime, steps: [F.sms("hello")])])
        let small = engine.addAccount(F.account("small", balance: 10_000))
        let firstBig = engine.addAccount(F.account("big1", balance: 90_000))
        let secondBig = engine.addAccount(F.account("big2", balance: 90_000))
        let early = F.at("2026-03-02T05:00:00-05:00")
        for account in [small, firstBig, secondBig] {
            _ = engine.handle(.enrol(account, campaign: 0), at: early)
        }
        let fired = engine.handle(.timerFired, at: F.at("2026-03-02T09:00:00-05:00"))
        #expect(F.dispatched(fired).map(\.account) == [firstBig, secondBig, small])
    }

    @Test func retriesPerRetryPolicyThenConcludesWithNoResponse() throws {
        let campaign = Campaign(
            name: "c",
            window: F.daytime,
            steps: [
                F.call("dial", retry: RetryPolicy(count: 2, spacingSeconds: 86_400)),
                F.sms("after"),
            ]
        )
        var engine = SchedulerEngine(campaigns: [campaign])
        let account = engine.addAccount(F.account("A1"))
        var now = self.monday10
        var attempt = try #require(F.dispatched(engine.handle(.enrol(account, campaign: 0), at: now)).first)
        for number in 1...3 {
            #expect(attempt.step == 0 && attempt.attemptNumber == number)
            let actions = engine.handle(.result(attempt.id, .noAnswer), at: now)
            if number == 3 {
                let next = try #require(F.dispatched(actions).first)
                #expect(next.step == 1 && next.channel == .sms)
                #expect(engine.enrolment(of: account)?.lastOutcome == .noResponse)
                break
            }
            #expect(actions == [.wake(at: now.adding(seconds: 86_400))])
            now = now.adding(seconds: 86_400)
            attempt = try #require(F.dispatched(engine.handle(.timerFired, at: now)).first)
        }
    }

    @Test func aCompletingResultEndsRetriesAndFollowsItsRoute() throws {
        let campaign = Campaign(
            name: "c",
            window: F.daytime,
            steps: [
                F.call(
                    "dial",
                    retry: RetryPolicy(count: 3, spacingSeconds: 7_200),
                    completeOn: [.conversation],
                    routes: [OutcomeRoute(outcome: .conversation, target: .step("thanks"))]
                ),
                F.sms("nudge"),
                F.sms("thanks"),
            ]
        )
        var engine = SchedulerEngine(campaigns: [campaign])
        let account = engine.addAccount(F.account("A1"))
        let first = try #require(F.dispatched(engine.handle(.enrol(account, campaign: 0), at: self.monday10)).first)
        // Voicemail does not complete a step that completes on conversation: retry.
        #expect(engine.handle(.result(first.id, .voicemail), at: self.monday10).count == 1)
        let retryAt = self.monday10.adding(seconds: 7_200)
        let second = try #require(F.dispatched(engine.handle(.timerFired, at: retryAt)).first)
        let routed = F.dispatched(engine.handle(.result(second.id, .conversation), at: retryAt))
        #expect(routed.map(\.template) == ["t-thanks"])
    }

    @Test func branchesOnAccountAttributesAndLastOutcome() {
        let campaign = Campaign(
            name: "c",
            window: F.daytime,
            steps: [
                Step(
                    id: "split",
                    action: .branch(
                        [
                            BranchRule(conditions: [.balanceAtLeast(Money(cents: 50_000))], target: .step("big")),
                            BranchRule(conditions: [.segment("hardship")], target: .step("gentle")),
                        ],
                        otherwise: .step("small")
                    )
                ),
                F.sms("big"),
                F.sms("gentle"),
                F.sms("small"),
            ]
        )
        var engine = SchedulerEngine(campaigns: [campaign])
        let big = engine.addAccount(F.account("big", balance: 80_000))
        let gentle = engine.addAccount(F.account("g", balance: 1_000, segments: ["hardship"]))
        let small = engine.addAccount(F.account("s", balance: 1_000))
        var templates: [String] = []
        for account in [big, gentle, small] {
            let actions = engine.handle(.enrol(account, campaign: 0), at: self.monday10)
            templates += F.dispatched(actions).map(\.template)
        }
        #expect(templates == ["t-big", "t-gentle", "t-small"])
    }

    @Test func variantAssignmentIsStickyAndFollowsTheWeights() {
        let campaign = Campaign(
            name: "c",
            window: F.daytime,
            steps: [F.sms("a"), F.sms("b")],
            variants: [
                Variant(name: "champion", weight: 3, entry: "a"), Variant(name: "challenger", weight: 1, entry: "b"),
            ]
        )
        func variants(seed: UInt64) -> [Int] {
            var engine = SchedulerEngine(campaigns: [campaign], configuration: EngineConfiguration(seed: seed))
            return (0..<400).map { index in
                let account = engine.addAccount(F.account("ACC-\(index)"))
                _ = engine.handle(.enrol(account, campaign: 0), at: self.monday10)
                return engine.enrolment(of: account)?.variant ?? -1
            }
        }
        let first = variants(seed: 7)
        #expect(first == variants(seed: 7))
        #expect(first != variants(seed: 8))
        let challengers = first.filter { $0 == 1 }.count
        #expect((60...140).contains(challengers))
        // Pinned values: the assignment must not change across processes or releases.
        #expect(VariantAssignment.stableHash("ACC-1") == 14_041_961_199_456_520_172)
    }

    @Test func stopRulesEndTheEnrolment() throws {
        let campaign = Campaign(
            name: "c",
            window: F.daytime,
            stopRules: [.reply],
            steps: [F.sms("one"), F.sms("two", timing: .after(seconds: 86_400))]
        )
        var engine = SchedulerEngine(campaigns: [campaign])
        let account = engine.addAccount(F.account("A1"))
        let attempt = try #require(F.dispatched(engine.handle(.enrol(account, campaign: 0), at: self.monday10)).first)
        _ = engine.handle(.result(attempt.id, .delivered), at: self.monday10)
        let later = self.monday10.adding(seconds: 3_600)
        let actions = engine.handle(.reply(account, channel: .sms, destination: 0), at: later)
        #expect(F.endings(actions).map(\.reason) == ["stop rule: reply"])
        #expect(engine.handle(.timerFired, at: self.monday10.adding(seconds: 86_400)) == [])
    }

    @Test func paymentInFullEndsAndCeaseEndsWithItsRule() throws {
        let campaign = Campaign(
            name: "c",
            window: F.daytime,
            steps: [F.sms("one"), F.sms("two", timing: .after(seconds: 86_400))]
        )
        var engine = SchedulerEngine(campaigns: [campaign])
        let payer = engine.addAccount(F.account("payer", balance: 5_000))
        let ceaser = engine.addAccount(F.account("ceaser"))
        for account in [payer, ceaser] {
            let attempt = try #require(
                F.dispatched(engine.handle(.enrol(account, campaign: 0), at: self.monday10)).first
            )
            _ = engine.handle(.result(attempt.id, .delivered), at: self.monday10)
        }
        let partial = engine.handle(.payment(payer, amount: Money(cents: 1_000)), at: self.monday10)
        #expect(partial.isEmpty)
        #expect(engine.enrolment(of: payer)?.lastOutcome == .paidPartial)
        let full = engine.handle(.payment(payer, amount: Money(cents: 4_000)), at: self.monday10)
        #expect(F.endings(full).map(\.reason) == ["paid in full"])
        let ceased = engine.handle(.consumerEvent(ceaser, .cease), at: self.monday10)
        #expect(F.endings(ceased).map(\.rule) == ["RF-6-CEASE"])
        #expect(engine.nextWake == nil)
    }

    @Test func aBrokenPromiseRoutesWhenItsDueDatePassesUnpaid() throws {
        let campaign = Campaign(
            name: "c",
            window: F.daytime,
            stopRules: [.openPromise],
            steps: [
                F.sms("one"),
                Step(
                    id: "two",
                    action: .contact(.sms, template: "t-two"),
                    timing: .after(seconds: 3 * 86_400),
                    routes: [OutcomeRoute(outcome: .brokePromise, target: .step("broken"))]
                ),
                F.sms("broken"),
            ]
        )
        var engine = SchedulerEngine(campaigns: [campaign])
        let account = engine.addAccount(F.account("A1"))
        let attempt = try #require(F.dispatched(engine.handle(.enrol(account, campaign: 0), at: self.monday10)).first)
        // The promise arrives while the attempt is in flight; the step has no route for `promised`.
        let due = self.monday10.adding(seconds: 2 * 86_400)
        let promised = engine.handle(.promise(account, amount: Money(cents: 20_000), due: due), at: self.monday10)
        #expect(promised == [.wake(at: due)])
        // Step "two" is due in three days; the promise check comes first, so the wake-up stays.
        #expect(engine.handle(.result(attempt.id, .delivered), at: self.monday10) == [])
        let broken = engine.handle(.timerFired, at: due)
        #expect(F.dispatched(broken).map(\.template) == ["t-broken"], "\(broken)")
        #expect(engine.enrolment(of: account)?.lastOutcome == .brokePromise)
    }

    @Test func aDisputePausesUntilVerificationIsSent() throws {
        let campaign = Campaign(
            name: "c",
            window: F.daytime,
            steps: [F.sms("one"), F.email("two", timing: .after(seconds: 3_600))]
        )
        var engine = SchedulerEngine(campaigns: [campaign])
        let account = engine.addAccount(F.account("A1"))
        let attempt = try #require(F.dispatched(engine.handle(.enrol(account, campaign: 0), at: self.monday10)).first)
        _ = engine.handle(.consumerEvent(account, .dispute), at: self.monday10)
        _ = engine.handle(.result(attempt.id, .delivered), at: self.monday10)
        let paused = engine.handle(.timerFired, at: self.monday10.adding(seconds: 3_600))
        #expect(F.deferrals(paused).map(\.rule) == ["DISPUTE-PAUSE"])
        #expect(engine.enrolment(of: account)?.state == .paused)
        let resumeAt = self.monday10.adding(seconds: 7_200)
        let resumed = engine.handle(.consumerEvent(account, .verificationSent), at: resumeAt)
        #expect(F.dispatched(resumed).map(\.template) == ["t-two"])
    }

    @Test func dayTimingStartsAtTheWindowOpeningOnDayN() throws {
        let window = SendWindow(
            weekdays: LocalTimeRange(start: LocalTime(hour: 9), end: LocalTime(hour: 17)),
            saturday: nil,
            sunday: nil
        )
        let campaign = Campaign(name: "c", window: window, steps: [F.sms("one"), F.sms("five", timing: .day(5))])
        var engine = SchedulerEngine(campaigns: [campaign])
        let account = engine.addAccount(F.account("A1"))
        let attempt = try #require(F.dispatched(engine.handle(.enrol(account, campaign: 0), at: self.monday10)).first)
        // Day 5 is Saturday, when the window is closed: the step falls due Monday at 09:00, by then daylight time.
        let actions = engine.handle(.result(attempt.id, .delivered), at: self.monday10)
        #expect(actions == [.wake(at: F.at("2026-03-09T09:00:00-04:00"))])
    }

    @Test func blackoutDatesDeferToTheNextDayWithTheirRule() {
        let blackout = Blackout(dates: [CivilDate(year: 2026, month: 3, day: 2)])
        let campaign = Campaign(name: "c", window: F.daytime, blackout: blackout, steps: [F.sms("one")])
        var engine = SchedulerEngine(campaigns: [campaign])
        let account = engine.addAccount(F.account("A1"))
        let actions = engine.handle(.enrol(account, campaign: 0), at: self.monday10)
        #expect(F.deferrals(actions).map(\.rule) == ["CAMPAIGN-BLACKOUT"])
        #expect(F.deferrals(actions).map(\.until) == [F.at("2026-03-03T09:00:00-05:00")])
    }

    @Test func usFederalHolidaysAreObservedOnTheNearestWeekday() {
        let calendar = Blackout(holidays: [.usFederal])
        let campaign = Campaign(name: "c", window: F.daytime, blackout: calendar, steps: [F.sms("one")])
        var engine = SchedulerEngine(campaigns: [campaign])
        let account = engine.addAccount(F.account("A1"))
        // 2026-07-04 is a Saturday: observed Friday 2026-07-03.
        let actions = engine.handle(.enrol(account, campaign: 0), at: F.at("2026-07-03T12:00:00-04:00"))
        #expect(F.deferrals(actions).map(\.until) == [F.at("2026-07-04T09:00:00-04:00")])
    }

    @Test func aFullAgentPoolServesWaitersInPriorityOrderWhenSeatsFree() throws {
        let pool = CapacityPool(channel: .agentCall, seats: 1)
        let campaign = Campaign(name: "c", window: F.daytime, steps: [F.call("agent", channel: .agentCall)])
        var engine = SchedulerEngine(campaigns: [campaign], configuration: EngineConfiguration(pools: [pool]))
        let balances: [Int64] = [10_000, 30_000, 20_000]
        let accounts = balances.enumerated().map { engine.addAccount(F.account("A\($0.offset)", balance: $0.element)) }
        var order: [AccountIndex] = []
        var inFlight: [Attempt] = []
        for account in accounts {
            let actions = engine.handle(.enrol(account, campaign: 0), at: self.monday10)
            inFlight += F.dispatched(actions)
        }
        // The first enrolled takes the seat; the other two wait (CAPACITY, no instant: they wait for a result).
        #expect(inFlight.map(\.account) == [accounts[0]])
        #expect(engine.enrolment(of: accounts[1])?.state == .waitingForCapacity)
        var now = self.monday10
        while let attempt = inFlight.popLast() {
            order.append(attempt.account)
            now = now.adding(seconds: 300)
            inFlight += F.dispatched(engine.handle(.result(attempt.id, .noAnswer), at: now))
        }
        #expect(order == [accounts[0], accounts[1], accounts[2]])
    }

    @Test func aRatePoolReleasesTheNextWaiterAtTheNextInterval() throws {
        let pool = CapacityPool(channel: .sms, rate: CapacityPool.Rate(attempts: 1, intervalSeconds: 60))
        let campaign = Campaign(name: "c", window: F.daytime, steps: [F.sms("one")])
        var engine = SchedulerEngine(campaigns: [campaign], configuration: EngineConfiguration(pools: [pool]))
        let first = engine.addAccount(F.account("A"))
        let second = engine.addAccount(F.account("B"))
        #expect(F.dispatched(engine.handle(.enrol(first, campaign: 0), at: self.monday10)).count == 1)
        let waiting = engine.handle(.enrol(second, campaign: 0), at: self.monday10)
        let nextInterval = self.monday10.adding(seconds: 60)
        #expect(F.deferrals(waiting).map(\.rule) == ["CAPACITY"])
        #expect(F.deferrals(waiting).map(\.until) == [nextInterval])
        #expect(waiting.last == .wake(at: nextInterval))
        let released = engine.handle(.timerFired, at: nextInterval)
        #expect(F.dispatched(released).map(\.account) == [second])
    }

    @Test func reEnrolmentEndsTheCurrentEnrolmentFirst() {
        let campaign = Campaign(name: "c", window: F.daytime, steps: [F.sms("one", timing: .after(seconds: 86_400))])
        var engine = SchedulerEngine(campaigns: [campaign])
        let account = engine.addAccount(F.account("A1"))
        _ = engine.handle(.enrol(account, campaign: 0), at: self.monday10)
        let again = engine.handle(.enrol(account, campaign: 0), at: self.monday10.adding(seconds: 60))
        #expect(F.endings(again).map(\.reason) == ["re-enrolled"])
        #expect(again.last == .wake(at: self.monday10.adding(seconds: 86_460)))
    }

    @Test func aLoopWithoutAWaitEnds() {
        let campaign = Campaign(
            name: "c",
            window: F.daytime,
            steps: [
                Step(id: "a", action: .branch([], otherwise: .step("b"))),
                Step(id: "b", action: .branch([], otherwise: .step("a"))),
            ]
        )
        var engine = SchedulerEngine(campaigns: [campaign])
        let account = engine.addAccount(F.account("A1"))
        let actions = engine.handle(.enrol(account, campaign: 0), at: self.monday10)
        #expect(F.endings(actions).map(\.reason) == ["loop without a wait"])
    }

    @Test func aPolicyBlockIsRetimedToTheNextWindowOpeningAcrossDST() throws {
        // Window 09:00-10:00 on weekdays; the retry 10 minutes later is blocked by the 2-hour call gap, whose
        // next allowed instant (11:00) is outside the window: the re-evaluation moves to Monday 09:00, which is
        // already daylight time (DST starts Sunday 2026-03-08).
        let window = SendWindow(
            weekdays: LocalTimeRange(start: LocalTime(hour: 9), end: LocalTime(hour: 10)),
            saturday: nil,
            sunday: nil
        )
        let campaign = Campaign(
            name: "c",
            window: window,
            steps: [F.call("dial", retry: RetryPolicy(count: 1, spacingSeconds: 600))]
        )
        var engine = SchedulerEngine(campaigns: [campaign])
        let account = engine.addAccount(F.account("A1"))
        let friday = F.at("2026-03-06T09:00:00-05:00")
        let first = try #require(F.dispatched(engine.handle(.enrol(account, campaign: 0), at: friday)).first)
        _ = engine.handle(.result(first.id, .noAnswer), at: friday)
        let retryAt = friday.adding(seconds: 600)
        let blocked = engine.handle(.timerFired, at: retryAt)
        let deferral = try #require(F.deferrals(blocked).first)
        #expect(deferral.rule == "HOUSE-CALL-GAP")
        #expect(deferral.until == F.at("2026-03-09T09:00:00-04:00"))
        #expect(blocked.last == .wake(at: F.at("2026-03-09T09:00:00-04:00")))
        let monday = engine.handle(.timerFired, at: F.at("2026-03-09T09:00:00-04:00"))
        #expect(F.dispatched(monday).map(\.attemptNumber) == [2])
    }

    @Test func stateFitsTheBudget() {
        #expect(SchedulerEngine.cursorBytes <= 128)
        #expect(SchedulerEngine.stateBytesPerAccount <= 300)
    }
}
