import DunCore

/// Strategies compared on one scenario over seeded replications: the simulator's entry point.
///
/// Replication `r` draws its population and its luck from `seed` and `r` alone, and every strategy in a
/// replication sees the same population and the same draws (common random numbers), so differences are
/// paired per account. Jobs are independent, so a parallel run gives exactly the serial run's result.
///
/// ```swift
/// let comparison = Comparison(scenario: Scenario(), strategies: [.agency(baseline), Strategy(campaign: hybrid)])
/// let report = comparison.report(from: await comparison.run())
/// print(report.table())
/// ```
public struct Comparison: Sendable {
    public var scenario: Scenario
    /// The strategies; the one marked `isBaseline` (or else the first) is the baseline.
    public var strategies: [Strategy]
    public var replications: Int
    public var seed: UInt64

    public init(scenario: Scenario, strategies: [Strategy], replications: Int = 1, seed: UInt64 = 1) {
        self.scenario = scenario
        self.strategies = strategies
        self.replications = max(1, replications)
        self.seed = seed
    }

    /// The number of independent jobs (replications × strategies).
    public var jobCount: Int { self.replications * self.strategies.count }

    /// The seed of replication `r`.
    public func replicationSeed(_ replication: Int) -> UInt64 {
        SplitMix64.mix(self.seed &+ UInt64(replication) &* 0xA076_1D64_78BD_642F)
    }

    /// The most accounts one engine holds at once. A larger portfolio is run in cohorts of interleaved accounts
    /// (account `i` in cohort `i % cohorts`; the population is in balance order, so every cohort has the same
    /// balance mix), one after another, each with its share of the agency's seats (a team per cohort), so
    /// memory is bounded by the cohort, not the portfolio. Every strategy is split the same way.
    public var cohortSize = 125_000

    /// Runs one job: strategy `strategy` in replication `replication`. Pure: same inputs, same outcome.
    public func runJob(replication: Int, strategy: Int) -> RunOutcome {
        self.runJob(replication: replication, strategy: strategy, observer: nil)
    }

    /// `runJob`, telling `observer` how the run stands at the end of every virtual day.
    public func runJob(replication: Int, strategy: Int, observer: SimulationObserver?) -> RunOutcome {
        let seed = self.replicationSeed(replication)
        let population = Population(portfolio: self.scenario.portfolio, seed: seed)
        let cohorts = max(1, (population.count + self.cohortSize - 1) / self.cohortSize)
        guard cohorts > 1 else {
            var run = EngineRun(
                scenario: self.scenario,
                strategy: self.strategies[strategy],
                population: population,
                seed: seed
            )
            run.model.dayObserver = self.dayObserver(observer, replication: replication, strategy: strategy)
            return run.run()
        }
        var total = RunOutcome(
            strategy: self.strategies[strategy].name,
            accounts: population.count,
            horizonDays: self.scenario.portfolio.horizonDays
        )
        total.prepareMerge(accounts: population.count)
        for cohort in 0..<cohorts {
            let members = stride(from: cohort, to: population.count, by: cohorts)
            var run = EngineRun(
                scenario: self.scenario,
                strategy: self.strategies[strategy],
                population: Population(population, members: members),
                seed: SplitMix64.mix(seed &+ UInt64(cohort) &* 0xD1B5_4A32_D192_ED03)
            )
            total.merge(run.run(), members: members)
        }
        return total
    }

    private func dayObserver(
        _ observer: SimulationObserver?,
        replication: Int,
        strategy: Int
    ) -> ((Int, RunOutcome) -> Void)? {
        guard let observer else { return nil }
        let start = UTCInstant(date: self.scenario.portfolio.start)
        let horizon = self.scenario.portfolio.horizonDays
        return { day, outcome in
            let rules = outcome.deferredByRule.map { (rule: $0.0, count: $0.1) }
                .sorted { ($1.count, $0.rule) < ($0.count, $1.rule) }
            observer(
                SimulationProgress(
                    replication: replication,
                    strategyIndex: strategy,
                    day: day,
                    horizonDays: horizon,
                    clock: start.adding(seconds: Int64(day + 1) * 86_400),
                    outcome: outcome,
                    deferredByRule: rules
                )
            )
        }
    }

    /// Runs every job one after another, telling `observer` how each run stands at the end of every virtual
    /// day (a dashboard). The result equals `runSerial()`'s.
    public func runSerial(observer: @escaping SimulationObserver) -> [[RunOutcome]] {
        (0..<self.replications).map { r in
            self.strategies.indices.map { s in self.runJob(replication: r, strategy: s, observer: observer) }
        }
    }

    /// Runs every job one after another. `outcomes[r][s]` is strategy `s` in replication `r`.
    public func runSerial(progress: (@Sendable (Int, Int) -> Void)? = nil) -> [[RunOutcome]] {
        var outcomes: [[RunOutcome]] = []
        var done = 0
        for r in 0..<self.replications {
            var row: [RunOutcome] = []
            for s in self.strategies.indices {
                row.append(self.runJob(replication: r, strategy: s))
                done += 1
                progress?(done, self.jobCount)
            }
            outcomes.append(row)
        }
        return outcomes
    }

    /// Runs every job on all cores (structured concurrency over independent jobs); the result equals
    /// `runSerial()`'s.
    public func run(progress: (@Sendable (Int, Int) -> Void)? = nil) async -> [[RunOutcome]] {
        let count = self.strategies.count
        let total = self.jobCount
        let results = await withTaskGroup(of: (Int, RunOutcome).self, returning: [RunOutcome?].self) { group in
            for job in 0..<total {
                group.addTask { (job, self.runJob(replication: job / count, strategy: job % count)) }
            }
            var results = [RunOutcome?](repeating: nil, count: total)
            var done = 0
            for await (job, outcome) in group {
                results[job] = outcome
                done += 1
                progress?(done, total)
            }
            return results
        }
        return (0..<self.replications).map { r in (0..<count).map { s in results[r * count + s]! } }
    }

    var baselineIndex: Int {
        self.strategies.firstIndex(where: \.isBaseline) ?? 0
    }
}
