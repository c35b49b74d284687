import DunCore
import DunDashboard
import DunSim
import DunStatus
import DunTesting
import Testing

/// `dun simulate --dashboard`'s data path: the simulator's daily observer and the snapshots built from it.
struct SimulationDashboardTests {
    static var comparison: Comparison {
        var scenario = Scenario()
        scenario.portfolio.accounts = 300
        scenario.portfolio.horizonDays = 30
        let campaign = Campaign(
            name: "text-then-call",
            window: SendWindow(
                weekdays: LocalTimeRange(start: LocalTime(hour: 9), end: LocalTime(hour: 20)),
                saturday: nil,
                sunday: nil
            ),
            steps: [
                Step(id: "text", action: .contact(.sms, template: "t"), timing: .day(0)),
                Step(
                    id: "call",
                    action: .contact(.agentCall, template: "s"),
                    timing: .day(2),
                    retry: RetryPolicy(count: 3, spacingSeconds: 2 * 86_400),
                    completeOn: [.conversation, .permanentFailure]
                ),
            ]
        )
        return Comparison(scenario: scenario, strategies: [.agency(campaign), Strategy(campaign: campaign)], seed: 7)
    }

    @Test func observerSeesEveryDayAndChangesNothing() throws {
        let comparison = Self.comparison
        var seen: [SimulationProgress] = []
        let observed = comparison.runSerial { seen.append($0) }
        let plain = comparison.runSerial()
        #expect(observed.map { $0.map(\.collectedByDay) } == plain.map { $0.map(\.collectedByDay) })
        #expect(seen.count == 2 * 31)
        for strategy in 0..<2 {
            let days = seen.filter { $0.strategyIndex == strategy }
            #expect(days.map(\.day) == Array(0...30))
            let last = try #require(days.last)
            #expect(last.outcome.collectedCents == plain[0][strategy].collectedCents)
            #expect(last.outcome.payingAccounts == plain[0][strategy].payingAccounts)
        }
        // The engine-driven strategy reports its deferrals as it goes.
        let engineDays = seen.filter { $0.strategyIndex == 1 }
        #expect(engineDays.last?.deferredByRule.map(\.count).reduce(0, +) ?? 0 > 0)
    }

    @Test func snapshotsFollowTheRunAndRenderAsGoldenFrame() throws {
        let comparison = Self.comparison
        var board = SimulationDashboard(strategies: comparison.strategies.map(\.name), replications: 1)
        var progress: [SimulationProgress] = []
        let outcomes = comparison.runSerial { progress.append($0) }
        for day in progress { board.update(day) }
        let snapshot = board.snapshot(speed: 86_400)
        let start = UTCInstant(date: comparison.scenario.portfolio.start)
        #expect(snapshot.clock == start.adding(seconds: 31 * 86_400))
        #expect(snapshot.startedAt == start)
        #expect(snapshot.arms.map(\.arm) == comparison.strategies.map(\.name))
        #expect(snapshot.arms.map(\.collected.cents) == outcomes[0].map(\.collectedCents))
        #expect(snapshot.arms.map(\.payingAccounts) == outcomes[0].map(\.payingAccounts))
        #expect(snapshot.arms.allSatisfy { $0.payingShareInterval != nil })
        #expect(snapshot.events.first?.kind == "day")
        #expect(snapshot.events.contains { $0.kind == "finished" })
        let frame = DashboardView(width: 100, height: 30, color: false).render(snapshot)
        #expect(frame[0].contains("simulated ×86400"))
        try assertGolden(frame, named: "simulation-100x30")
    }
}
