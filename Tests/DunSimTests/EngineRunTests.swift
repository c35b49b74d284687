import DunCore
import Testing

@testable import DunSim

struct EngineRunTests {
    @Test func localTimeKeepsTheLocalDayAcrossDaysAndOffsetChanges() {
        // `localTime` keeps each home's local day (first second, weekday) between calls; it must agree with the
        // floor divisions of `localSeconds` at every instant, across midnights and the zones' DST transitions.
        let scenario = SimulationTests.scenario(accounts: 200, days: 30)
        let population = Population(portfolio: scenario.portfolio, seed: 5)
        var run = EngineRun(scenario: scenario, strategy: SimulationTests.baseline, population: population, seed: 5)
        var reference = run
        // One account per home.
        var accounts: [Int] = []
        for home in 0..<EngineRun.homes.count {
            if let i = (0..<population.count).first(where: { Int(run.model.hot[$0].home) == home }) {
                accounts.append(i)
            }
        }
        #expect(accounts.count == EngineRun.homes.count)
        let start = run.start
        var mismatches = 0
        var checked = 0
        // Every 37 minutes for 400 days (two transitions in each zone that has them), in time order.
        for step in 0..<(400 * 24 * 60 / 37) {
            let time = start + Int64(step) * 37 * 60
            for i in accounts {
                let (second, weekday) = run.localTime(i, at: time)
                let local = reference.localSeconds(i, at: time)
                // 1970-01-01 was a Thursday (index 3 with Monday first).
                if second != local.floorMod(86_400) || weekday != Int((local.floorDiv(86_400) + 3).floorMod(7)) {
                    mismatches += 1
                }
                checked += 1
            }
        }
        #expect(mismatches == 0 && checked > 70_000)
    }

    @Test(arguments: [SimulationTests.baseline, SimulationTests.challengers[1]])
    func idleFlagsFollowTheStateThroughARun(strategy: Strategy) {
        // `DebtorModel.idle` is kept where balance, capacity, promises and plans change (payments, promises,
        // plans, replenishment); at the end of a run it must equal the flags worked out from scratch.
        let scenario = SimulationTests.scenario(accounts: 300, days: 75)
        let population = Population(portfolio: scenario.portfolio, seed: 11)
        var run = EngineRun(scenario: scenario, strategy: strategy, population: population, seed: 11)
        let outcome = run.run()
        var fresh = run.model
        fresh.recomputeIdle()
        #expect(fresh.idle == run.model.idle)
        #expect(run.model.idle.contains(0) && run.model.idle.contains(1))
        #expect(outcome.promises + outcome.plans > 0)
    }
}
