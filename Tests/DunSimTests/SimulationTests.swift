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

    @Test(arguments: [Strategy.agency()] + Strategy.builtInChallengers)
    func moneyIsConservedOnEveryAccount(strategy: Strategy) {
        let comparison = Comparison(scenario: Self.scenario(accounts: 1_500), strategies: [strategy], seed: 5)
        let outcome = comparison.runJob(replication: 0, strategy: 0)
        #expect(outcome.conservationViolations == 0)
        #expect(outcome.collectedCents + outcome.remainingCents + outcome.writtenOffCents == outcome.placedCents)
        #expect(outcome.paid180.reduce(0, +) == outcome.collectedCents)
        #expect(outcome.collectedByDay == outcome.collectedByDay.sorted())
    }

    @Test func parallelRunEqualsSerialRun() async {
        let comparison = Comparison(
            scenario: Self.scenario(accounts: 800, days: 60),
            strategies: [Strategy.agency()] + Strategy.builtInChallengers,
            replications: 3,
            seed: 11
        )
        let serial = comparison.report(from: comparison.runSerial())
        let parallel = comparison.report(from: await comparison.run())
        #expect(serial.json() == parallel.json())
        #expect(serial == parallel)
    }

    @Test func sameSeedSameBytesDifferentSeedDifferentResult() async {
        func json(_ seed: UInt64) async -> String {
            let comparison = Comparison(
                scenario: Self.scenario(accounts: 600, days: 45),
                strategies: [Strategy.agency(), Strategy.digitalOnly],
                replications: 2,
                seed: seed
            )
            return comparison.report(from: await comparison.run()).json()
        }
        let first = await json(21)
        #expect(first == (await json(21)))
        #expect(first != (await json(22)))
    }

    @Test func agencyNeverBreaksTheCallRules() {
        // Ten times the seats: the pool is never the binding limit, so only the rules hold calls back.
        var scenario = Self.scenario(accounts: 400, days: 40)
        scenario.agency.agentsPer1000 = 20
        scenario.agency.retryGapDays = 0
        let population = Population(portfolio: scenario.portfolio, seed: 1)
        var run = StrategyRun(scenario: scenario, strategy: .agency(), population: population, seed: 1)
        let outcome = run.run()
        #expect(outcome.deferred[DeferralRule.conversationQuiet.rawValue] > 0)
        for i in 0..<population.count {
            let days = (0..<7).map { Int(run.callRing[i * 7 + $0]) }.filter { $0 >= 0 }.sorted()
            // The last seven calls never fit inside seven days.
            if days.count == 7 { #expect(days[6] - days[0] >= 7) }
        }
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
        let strategies = [Strategy.agency(), Strategy(campaign: campaign)]
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

    @Test func campaignCadenceReduction() {
        let campaign = Campaign(
            name: "cadence",
            steps: [
                Step(id: "a", action: .contact(.sms, template: "t"), timing: .day(0)),
                Step(
                    id: "b",
                    action: .contact(.sms, template: "t"),
                    timing: .after(seconds: 2 * 86_400),
                    retry: RetryPolicy(count: 1, spacingSeconds: 86_400)
                ),
                Step(id: "c", action: .contact(.agentCall, template: "s"), timing: .day(10)),
            ]
        )
        let strategy = Strategy(campaign: campaign)
        #expect(strategy.cadence.smsDays == [0, 2, 3])
        #expect(strategy.cadence.agentCallsFromDay == 10)
        #expect(strategy.campaign == campaign)
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
