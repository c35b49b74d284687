import DunCore

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

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
        self.runJob(
            replication: replication,
            strategy: strategy,
            population: self.population(replication),
            observer: observer
        )
    }

    /// The population of replication `replication` (every strategy of the replication runs on it).
    func population(_ replication: Int) -> Population {
        Population(portfolio: self.scenario.portfolio, seed: self.replicationSeed(replication))
    }

    /// How many cohorts a portfolio of `accounts` accounts is run in (see `cohortSize`).
    func cohorts(accounts: Int) -> Int {
        max(1, (accounts + self.cohortSize - 1) / self.cohortSize)
    }

    /// `runJob` on the replication's population, computed once by the caller and shared by its strategies.
    func runJob(
        replication: Int,
        strategy: Int,
        population: Population,
        observer: SimulationObserver?
    ) -> RunOutcome {
        let cohorts = self.cohorts(accounts: population.count)
        guard cohorts > 1 else {
            var run = EngineRun(
                scenario: self.scenario,
                strategy: self.strategies[strategy],
                population: population,
                seed: self.replicationSeed(replication)
            )
            run.model.dayObserver = self.dayObserver(observer, replication: replication, strategy: strategy)
            return run.run()
        }
        var total = self.emptyOutcome(strategy: strategy, population: population)
        for cohort in 0..<cohorts {
            let part = self.runCohort(
                replication: replication,
                strategy: strategy,
                cohort: cohort,
                of: cohorts,
                population: population
            )
            total.merge(part, members: stride(from: cohort, to: population.count, by: cohorts))
        }
        return total
    }

    /// Cohort `cohort` of `cohorts` of a job: its interleaved share of the population, its share of the seats,
    /// and luck drawn from the replication's seed and the cohort number alone (so cohorts run in any order, or
    /// at once, give the same parts).
    func runCohort(
        replication: Int,
        strategy: Int,
        cohort: Int,
        of cohorts: Int,
        population: Population
    ) -> RunOutcome {
        let seed = self.replicationSeed(replication)
        var run = EngineRun(
            scenario: self.scenario,
            strategy: self.strategies[strategy],
            population: Population(population, members: stride(from: cohort, to: population.count, by: cohorts)),
            seed: SplitMix64.mix(seed &+ UInt64(cohort) &* 0xD1B5_4A32_D192_ED03)
        )
        return run.run()
    }

    /// The outcome cohorts are merged into (placed balances shared with the population).
    func emptyOutcome(strategy: Int, population: Population) -> RunOutcome {
        var total = RunOutcome(
            strategy: self.strategies[strategy].name,
            accounts: population.count,
            horizonDays: self.scenario.portfolio.horizonDays
        )
        total.prepareMerge(placed: population.balance)
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
            let population = self.population(r)
            return self.strategies.indices.map { s in
                self.runJob(replication: r, strategy: s, population: population, observer: observer)
            }
        }
    }

    /// Runs every job one after another. `outcomes[r][s]` is strategy `s` in replication `r`.
    public func runSerial(progress: (@Sendable (Int, Int) -> Void)? = nil) -> [[RunOutcome]] {
        var outcomes: [[RunOutcome]] = []
        var done = 0
        for r in 0..<self.replications {
            let population = self.population(r)
            var row: [RunOutcome] = []
            for s in self.strategies.indices {
                row.append(self.runJob(replication: r, strategy: s, population: population, observer: nil))
                done += 1
                progress?(done, self.jobCount)
            }
            outcomes.append(row)
        }
        return outcomes
    }

    /// Runs every job on all cores; the result equals `runSerial()`'s. `progress(done, total)` counts units
    /// of work (a job, or one cohort of a job in a portfolio larger than `cohortSize`).
    ///
    /// The work is cut into units (replication, strategy, cohort) and at most `workers` run at once, each on a
    /// thread of its own (`DedicatedThread`, so the process's other tasks keep their cooperative threads), taken
    /// longest first by an estimate (`unitOrder`), so that one long job does not finish alone on one core
    /// while the others idle. A replication's population is drawn
    /// once, when its first unit starts, and shared by its units. Cohort parts are merged in cohort order, so
    /// sums (floating point ones included) are added in the serial run's order.
    public func run(progress: (@Sendable (Int, Int) -> Void)? = nil) async -> [[RunOutcome]] {
        let count = self.strategies.count
        let order = self.unitOrder()
        let cohorts = self.cohorts(accounts: self.scenario.portfolio.accounts)
        let total = order.count * cohorts
        let workers = min(max(1, self.workers), total)
        var jobs = [Job?](repeating: nil, count: self.jobCount)
        var populations = [Population?](repeating: nil, count: self.replications)
        // Units still to be started per replication (its population is dropped when the last one starts).
        var unstarted = [Int](repeating: count * cohorts, count: self.replications)
        var results = [RunOutcome?](repeating: nil, count: self.jobCount)
        await withTaskGroup(of: (Int, Int, RunOutcome).self) { group in
            var next = 0
            var done = 0
            func start(_ unit: Int) {
                let (job, cohort) = (order[unit / cohorts], unit % cohorts)
                let (r, s) = (job / count, job % count)
                let population = populations[r] ?? self.population(r)
                unstarted[r] -= 1
                populations[r] = unstarted[r] > 0 ? population : nil
                group.addTask {
                    await DedicatedThread.run {
                        if cohorts == 1 {
                            return (
                                job, 0, self.runJob(replication: r, strategy: s, population: population, observer: nil)
                            )
                        }
                        return (
                            job, cohort,
                            self.runCohort(
                                replication: r,
                                strategy: s,
                                cohort: cohort,
                                of: cohorts,
                                population: population
                            )
                        )
                    }
                }
                if cohorts > 1 && jobs[job] == nil {
                    jobs[job] = Job(outcome: self.emptyOutcome(strategy: s, population: population))
                }
            }
            while next < workers {
                start(next)
                next += 1
            }
            for await (job, cohort, outcome) in group {
                if next < total {
                    start(next)
                    next += 1
                }
                if cohorts == 1 {
                    results[job] = outcome
                } else if var merging = jobs[job].take() {
                    merging.add(outcome, cohort: cohort, of: cohorts)
                    if merging.merged == cohorts { results[job] = merging.outcome } else { jobs[job] = merging }
                }
                done += 1
                progress?(done, total)
            }
        }
        return (0..<self.replications).map { r in (0..<count).map { s in results[r * count + s]! } }
    }

    /// How many units `run` keeps in flight: the machine's online processors.
    public var workers = Comparison.onlineProcessors

    static var onlineProcessors: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// Jobs (`r * strategies.count + s`) in the order `run` starts them, longest first by an estimate:
    /// replication by replication, and within one the baseline (capacity-bound: its calls wait for agent seats
    /// and it works every account all horizon long), then the strategies with the most agent calls per
    /// enrolment (`agentCallsPerEnrolment`; a call that waits for a seat is decided again and again). An
    /// estimate only: the order changes no result.
    func unitOrder() -> [Int] {
        let count = self.strategies.count
        let rank = self.strategies.indices.map { s in
            (s == self.baselineIndex ? 0 : 1, -self.strategies[s].agentCallsPerEnrolment, s)
        }
        let strategies = self.strategies.indices.sorted { rank[$0] < rank[$1] }
        return (0..<self.replications).flatMap { r in strategies.map { r * count + $0 } }
    }

    /// A job whose cohorts finish in any order: parts are merged in cohort order as they become contiguous.
    struct Job {
        var outcome: RunOutcome
        var merged = 0
        var waiting: [Int: RunOutcome] = [:]

        mutating func add(_ part: RunOutcome, cohort: Int, of cohorts: Int) {
            self.waiting[cohort] = part
            while let part = self.waiting.removeValue(forKey: self.merged) {
                self.outcome.merge(part, members: stride(from: self.merged, to: self.outcome.accounts, by: cohorts))
                self.merged += 1
            }
        }
    }

    var baselineIndex: Int {
        self.strategies.firstIndex(where: \.isBaseline) ?? 0
    }
}
