import DunReport
import Testing

@testable import DunSim

/// SIMULATION.md §5.9: at default parameters the agency baseline (`campaigns/agency-baseline.yaml` run by the
/// engine on one agent's seat: 2,000 accounts at 0.5 agents per 1,000) lands inside the target ranges, as the
/// mean over 20 seeds.
struct CalibrationTests {
    static let seeds = 20

    /// Runs the 20 replications on all cores (the parallel run equals the serial one).
    static func run() async -> [RunOutcome] {
        var scenario = Scenario()
        scenario.portfolio.accounts = 2_000
        let comparison = Comparison(
            scenario: scenario,
            strategies: [SimulationTests.baseline],
            replications: Self.seeds,
            seed: 2_026
        )
        return await comparison.run().map { $0[0] }
    }

    @Test func baselineMeetsTheTargets() async {
        let outcomes = await Self.run()
        Self.rightPartyContactsPerAttempt(outcomes)
        Self.promisesPerContact(outcomes)
        Self.promisesKept(outcomes)
        Self.reachedByDay90(outcomes)
        Self.liquidationCurve(outcomes)
        Self.moneyIsConserved(outcomes)
    }

    static func check(_ name: String, _ values: [Double], _ range: ClosedRange<Double>) {
        let estimate = Statistics.meanInterval(values)
        print("calibration \(name): mean \(estimate.mean) target \(range)")
        #expect(range.contains(estimate.mean), "\(name): mean \(estimate.mean) outside \(range)")
    }

    static func rightPartyContactsPerAttempt(_ outcomes: [RunOutcome]) {
        Self.check(
            "RPC per attempt",
            outcomes.map { Double($0.rightPartyContacts) / Double($0.callAttempts) },
            0.05...0.10
        )
    }

    static func promisesPerContact(_ outcomes: [RunOutcome]) {
        Self.check(
            "PTP per RPC",
            outcomes.map { Double($0.promises) / Double($0.rightPartyContacts) },
            0.30...0.35
        )
    }

    static func promisesKept(_ outcomes: [RunOutcome]) {
        Self.check(
            "PTP kept",
            outcomes.map { Double($0.promisesKept) / Double($0.promisesKept + $0.promisesBroken) },
            0.45...0.60
        )
    }

    static func reachedByDay90(_ outcomes: [RunOutcome]) {
        // Sanchez 38.5% in three months; Prodigal about 40%.
        Self.check(
            "reached by day 90",
            outcomes.map { Double($0.reachedByDay90) / Double($0.accounts) },
            0.35...0.40
        )
    }

    static func liquidationCurve(_ outcomes: [RunOutcome]) {
        func liquidation(_ day: Int) -> [Double] {
            outcomes.map { Double($0.collectedByDay[day]) / Double($0.placedCents) }
        }
        // "~3%" at day 30: read as 2-4.5% (a third of the 180-day money in the first month, TrueAccord shape).
        Self.check("liquidation d30", liquidation(30), 0.02...0.045)
        Self.check("liquidation d90", liquidation(90), 0.06...0.08)
        Self.check("liquidation d180", liquidation(180), 0.08...0.15)
    }

    static func moneyIsConserved(_ outcomes: [RunOutcome]) {
        #expect(outcomes.allSatisfy { $0.conservationViolations == 0 })
    }
}
