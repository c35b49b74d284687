import DunCampaign
import DunCore
import DunReport
import Testing

@testable import DunSim

struct SimulationTests {
    static func scenario(accounts: Int, days: Int = 180) -> Scenario {
        var scenario = Scenario()
        scenario.portfolio.accounts = accounts
        scenario.portfolio.horizonDays = days
        return scenario
    }

    /// A bundled campaign file, read as `dun simulate` reads it.
    static func bundled(_ name: String) -> Campaign {
        let path = ScenarioFileTests.repositoryRoot + "/campaigns/\(name).yaml"
        guard let campaign = CampaignLoader.load(file: path).campaign else {
            Issue.record("\(path) does not load")
            return Campaign(name: name)
        }
        return campaign
    }

    /// The agency baseline: `campaigns/agency-baseline.yaml` on the agency's seats.
    static let baseline = Strategy.agency(Self.bundled("agency-baseline"))
    static let challengers = ["call-heavy", "digital-first", "hybrid"].map { Strategy(campaign: Self.bundled($0)) }

    @Test func populationIsAPureFunctionOfTheSeed() {
        let portfolio = Self.scenario(accounts: 500).portfolio
        let first = Population(portfolio: portfolio, seed: 9)
        let second = Population(portfolio: portfolio, seed: 9)
        #expect(first.balance == second.balance)
        #expect(first.traits == second.traits)
        #expect(first.capacity == second.capacity)
        #expect(first.balance == first.balance.sorted(by: >))
        #expect(Population(portfolio: portfolio, seed: 10).balance != first.balance)
    }

    @Test func populationMatchesTheTraitShares() {
        let population = Population(portfolio: Self.scenario(accounts: 20_000).portfolio, seed: 3)
        let skip = population.traits.filter { $0 & Population.Trait.skip != 0 }.count
        #expect(abs(Double(skip) / 20_000 - 0.25) < 0.015)
        let sorted = population.balance.sorted()
        // LogNormal(median $1,000): the sample median is within a few percent of $1,000.
        #expect(abs(Double(sorted[10_000]) - 100_000) < 5_000)
        let meanWillingness = population.willingness.reduce(0, +) / 20_000
        #expect(abs(meanWillingness - 0.5) < 0.01)
    }

    @Test(arguments: [Self.baseline] + Self.challengers)
    func moneyIsConservedOnEveryAccount(strategy: Strategy) {
        let comparison = Comparison(scenario: Self.scenario(accounts: 1_500), strategies: [strategy], seed: 5)
        let outcome = comparison.runJob(replication: 0, strategy: 0)
        #expect(outcome.conservationViolations == 0)
        #expect(outcome.collectedCents + outcome.remainingCents + outcome.writtenOffCents == outcome.placedCents)
        #expect(outcome.paid180.reduce(0, +) == outcome.collectedCents)
        #expect(outcome.collectedByDay == outcome.collectedByDay.sorted())
    }

    @Test func cohortsAddUpToThePortfolio() {
        var comparison = Comparison(scenario: Self.scenario(accounts: 900, days: 40), strategies: [Self.baseline])
        comparison.cohortSize = 300
        let outcome = comparison.runJob(replication: 0, strategy: 0)
        let population = Population(portfolio: comparison.scenario.portfolio, seed: comparison.replicationSeed(0))
        #expect(outcome.conservationViolations == 0)
        #expect(outcome.placedPerAccount == population.balance)
        #expect(outcome.placedCents == population.placedCents)
        #expect(outcome.paid180.reduce(0, +) == outcome.collectedCents)
        #expect(outcome.collectedCents + outcome.remainingCents + outcome.writtenOffCents == outcome.placedCents)
        #expect(outcome.callAttempts > 0 && outcome.deferredByRule.contains { $0.0 == "CAPACITY" })
        #expect(comparison.runJob(replication: 0, strategy: 0).collectedByDay == outcome.collectedByDay)
    }

    @Test func parallelRunEqualsSerialRun() async {
        let comparison = Comparison(
            scenario: Self.scenario(accounts: 800, days: 60),
            strategies: [Self.baseline] + Self.challengers,
            replications: 3,
            seed: 11
        )
        let serial = comparison.report(from: comparison.runSerial())
        let parallel = comparison.report(from: await comparison.run())
        #expect(serial.json() == parallel.json())
        #expect(serial == parallel)
    }

    @Test func parallelCohortsEqualSerialCohorts() async {
        // Cohorts of one job run on different cores and finish in any order; their parts are merged in cohort
        // order, so the parallel run adds (floating point) sums exactly as the serial run does.
        var comparison = Comparison(
            scenario: Self.scenario(accounts: 500, days: 30),
            strategies: [Self.challengers[2], Self.baseline],
            replications: 2,
            seed: 13
        )
        comparison.cohortSize = 150
        comparison.workers = 3
        let parallel = await comparison.run()
        let serial = comparison.runSerial()
        #expect(comparison.report(from: serial).json() == comparison.report(from: parallel).json())
        for (serialRow, parallelRow) in zip(serial, parallel) {
            for (one, other) in zip(serialRow, parallelRow) {
                #expect(one.paid180 == other.paid180 && one.placedPerAccount == other.placedPerAccount)
                #expect(one.agentMinutes == other.agentMinutes && one.voiceMinutes == other.voiceMinutes)
                #expect(one.deferredByRule.map(\.0) == other.deferredByRule.map(\.0))
            }
        }
    }

    @Test func runWithNoStrategiesHasNoJobs() async {
        let comparison = Comparison(scenario: Self.scenario(accounts: 10), strategies: [], replications: 2)
        let outcomes = await comparison.run()
        #expect(outcomes.count == 2 && outcomes.allSatisfy(\.isEmpty))
    }

    @Test func runStartsTheLongestJobsFirst() {
        // Digital-first, call-heavy, hybrid, baseline: the baseline first, then by agent calls per enrolment
        // (call-heavy 16, hybrid 8, digital-first 3).
        let comparison = Comparison(
            scenario: Self.scenario(accounts: 100),
            strategies: [Self.challengers[1], Self.challengers[0], Self.challengers[2], Self.baseline],
            replications: 2
        )
        #expect(comparison.strategies.map(\.agentCallsPerEnrolment) == [3, 16, 8, 7])
        #expect(comparison.unitOrder() == [3, 1, 2, 0, 7, 5, 6, 4])
    }

    @Test func dailyPassFindsEveryAccountWithSomethingToDo() {
        // `accountsWithADay` + `accountDay` on the accounts it finds must equal `accountDay` on every account.
        let scenario = Self.scenario(accounts: 3_000, days: 120)
        let population = Population(portfolio: scenario.portfolio, seed: 4)
        var model = DebtorModel(scenario: scenario, strategy: Self.baseline, population: population, seed: 4)
        // Promises, plans and drained capacity on a spread of accounts, so every branch is taken.
        for i in stride(from: 0, to: 3_000, by: 7) {
            model.promiseDay[i] = Int16(i % 120)
            model.promiseAmount[i] = 5_000
            model.promiseKeep[i] = 0.5
        }
        for i in stride(from: 3, to: 3_000, by: 11) {
            model.planRemaining[i] = 3
            model.planNextDay[i] = Int16(i % 60)
            model.planAmount[i] = 2_000
        }
        for i in stride(from: 5, to: 3_000, by: 13) { model.capacity[i] = 0 }
        model.recomputeIdle()
        var reference = model
        var due: [Int32] = []
        var found = 0
        for day in 0..<120 {
            for i in 0..<3_000 { _ = reference.accountDay(i, day) }
            model.accountsWithADay(day, into: &due)
            found += due.count
            for i in due { _ = model.accountDay(Int(i), day) }
            #expect(model.balance == reference.balance && model.promiseDay == reference.promiseDay)
            #expect(model.planRemaining == reference.planRemaining && model.capacity == reference.capacity)
        }
        #expect(found > 0 && found < 120 * 3_000 / 2)
        #expect(model.collectedTotal == reference.collectedTotal && model.collectedTotal > 0)
        #expect(model.outcome.promisesKept == reference.outcome.promisesKept && model.outcome.promisesKept > 0)
    }

    @Test func sameSeedSameBytesDifferentSeedDifferentResult() async {
        func json(_ seed: UInt64) async -> String {
            let comparison = Comparison(
                scenario: Self.scenario(accounts: 600, days: 45),
                strategies: [Self.baseline, Self.challengers[1]],
                replications: 2,
                seed: seed
            )
            return comparison.report(from: await comparison.run()).json()
        }
        let first = await json(21)
        #expect(first == (await json(21)))
        #expect(first != (await json(22)))
    }

    @Test func baselineRunsThroughTheEngineOnTheAgencySeats() {
        // The rules are the engine's and the policy's: deferrals come from its `.deferred` actions, by rule id.
        let comparison = Comparison(scenario: Self.scenario(accounts: 2_000, days: 40), strategies: [Self.baseline])
        let outcome = comparison.runJob(replication: 0, strategy: 0)
        let rules = outcome.deferredByRule.map(\.0)
        #expect(rules.contains("CAPACITY"))
        #expect(rules.contains("RF-14-B"))
        #expect(outcome.smsSent == 0 && outcome.emailsSent == 0)
        #expect(outcome.agentMinutes > 0)
        // One agent at 0.6 outbound occupancy can talk at most 0.6 of the paid hours.
        #expect(outcome.agentMinutes / 60 <= outcome.agentPaidHours * 0.6 + 1)
        #expect(outcome.commissionCents > 0 && outcome.agentWageCents == 0)
    }

    @Test func campaignsRunThroughTheEngine() {
        let campaign = Campaign(
            name: "test-hybrid",
            window: SendWindow(
                weekdays: LocalTimeRange(start: LocalTime(hour: 9), end: LocalTime(hour: 20)),
                saturday: nil,
                sunday: nil
            ),
            steps: [
                Step(id: "text", action: .contact(.sms, template: "t"), timing: .day(0)),
                Step(id: "mail", action: .contact(.email, template: "e"), timing: .day(1)),
                Step(
                    id: "call",
                    action: .contact(.agentCall, template: "s"),
                    timing: .day(3),
                    retry: RetryPolicy(count: 5, spacingSeconds: 2 * 86_400),
                    completeOn: [.conversation, .permanentFailure]
                ),
            ]
        )
        let strategies = [Self.baseline, Strategy(campaign: campaign)]
        let comparison = Comparison(scenario: Self.scenario(accounts: 400, days: 40), strategies: strategies, seed: 3)
        let outcome = comparison.runJob(replication: 0, strategy: 1)
        #expect(outcome.conservationViolations == 0)
        #expect(outcome.smsSent > 0)
        #expect(outcome.emailsSent > 0)
        #expect(outcome.callAttempts > 0)
        #expect(outcome.rightPartyContacts > 0)
        let again = comparison.runJob(replication: 0, strategy: 1)
        #expect(again.collectedByDay == outcome.collectedByDay)
        #expect(again.deferredByRule.map(\.0) == outcome.deferredByRule.map(\.0))
    }
}

struct BundledCampaignTests {
    static let paths = ["agency-baseline", "call-heavy", "digital-first", "hybrid"].map {
        ScenarioFileTests.repositoryRoot + "/campaigns/\($0).yaml"
    }

    @Test(arguments: Self.paths)
    func bundledCampaignRunsThroughTheEngine(path: String) throws {
        let campaign = try #require(CampaignLoader.load(file: path).campaign)
        var scenario = Scenario()
        scenario.portfolio.accounts = 300
        scenario.portfolio.horizonDays = 60
        let comparison = Comparison(scenario: scenario, strategies: [Strategy(campaign: campaign)], seed: 1)
        let outcome = comparison.runJob(replication: 0, strategy: 0)
        #expect(outcome.conservationViolations == 0)
        #expect(outcome.callAttempts + outcome.smsSent + outcome.emailsSent > 300)
        #expect(!outcome.endedByReason.contains { $0.0.hasPrefix("no destination") })
    }
}
