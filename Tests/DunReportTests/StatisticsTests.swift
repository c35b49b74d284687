import DunReport
import Testing

struct StatisticsTests {
    @Test func wilsonMatchesPublishedValues() throws {
        // Newcombe (1998), Table I: 81/263 gives 0.2553 to 0.3662.
        let estimate = Statistics.wilson(successes: 81, trials: 263)
        let interval = try #require(estimate.ci95)
        #expect(abs(interval.lower - 0.2553) < 5e-4)
        #expect(abs(interval.upper - 0.3662) < 5e-4)
        #expect(abs(estimate.mean - 81.0 / 263.0) < 1e-12)
    }

    @Test func wilsonStaysInsideTheUnitIntervalAtTheEdges() throws {
        let none = try #require(Statistics.wilson(successes: 0, trials: 10).ci95)
        #expect(none.lower == 0)
        #expect(abs(none.upper - 0.2775) < 5e-4)
        let all = try #require(Statistics.wilson(successes: 10, trials: 10).ci95)
        #expect(all.upper == 1)
        #expect(Statistics.wilson(successes: 0, trials: 0).ci95 == nil)
    }

    @Test func tQuantilesMatchTables() {
        #expect(abs(Statistics.t975(degreesOfFreedom: 1) - 12.706) < 1e-3)
        #expect(abs(Statistics.t975(degreesOfFreedom: 19) - 2.093) < 1e-3)
        #expect(abs(Statistics.t975(degreesOfFreedom: 60) - 2.000) < 1e-3)
        #expect(abs(Statistics.t975(degreesOfFreedom: 120) - 1.980) < 1e-3)
    }

    @Test func meanIntervalIsTBased() throws {
        // Mean 3, sample sd √2.5, n 5: half-width 2.776 · √(2.5/5) = 1.9632.
        let estimate = Statistics.meanInterval([1, 2, 3, 4, 5])
        let interval = try #require(estimate.ci95)
        #expect(estimate.mean == 3)
        #expect(abs(interval.upper - 3 - 1.9632) < 1e-3)
        #expect(Statistics.meanInterval([4]).ci95 == nil)
    }

    @Test func pairedDifferenceUsesTheDifferences() throws {
        let treatment = [10.0, 12, 11, 13, 12]
        let control = [9.0, 11, 10, 12, 11]
        let estimate = Statistics.pairedDifference(treatment: treatment, control: control)
        let interval = try #require(estimate.ci95)
        // Every pair differs by exactly 1: no spread, so the interval collapses on 1.
        #expect(estimate.mean == 1)
        #expect(interval.lower == 1 && interval.upper == 1)
    }

    @Test func ratioIntervalAgreesWithTheDeltaMethod() throws {
        var sums = RatioSums()
        let pairs: [(Double, Double)] = [(1, 10), (0, 10), (5, 10), (0, 20), (10, 20), (2, 10)]
        for (y, x) in pairs { sums.add(numerator: y, denominator: x) }
        let estimate = Statistics.ratioInterval(sums)
        let ratio = 18.0 / 80.0
        #expect(abs(estimate.mean - ratio) < 1e-12)
        let residuals = pairs.map { $0.0 - ratio * $0.1 }
        let variance = residuals.reduce(0) { $0 + $1 * $1 } / 5
        let half = Statistics.z975 * (variance / 6).squareRoot() / (80.0 / 6)
        let interval = try #require(estimate.ci95)
        #expect(abs(interval.upper - ratio - half) < 1e-12)
    }

    @Test func bootstrapIsSeededAndBracketsTheMean() throws {
        let differences = (0..<200).map { Double($0 % 7) - 2.5 }
        let first = Bootstrap.meanInterval(differences, seed: 7)
        let second = Bootstrap.meanInterval(differences, seed: 7)
        #expect(first == second)
        let interval = try #require(first.ci95)
        #expect(interval.contains(first.mean))
    }

    @Test(arguments: [
        (Interval(lower: 0.01, upper: 0.02), Verdict.better),
        (Interval(lower: -0.02, upper: -0.01), Verdict.worse),
        (Interval(lower: -0.01, upper: 0.02), Verdict.notSignificant),
    ])
    func verdictReadsTheInterval(interval: Interval, expected: Verdict) {
        let estimate = Estimate(mean: (interval.lower + interval.upper) / 2, ci95: interval, sampleSize: 1_000)
        #expect(Verdict(difference: estimate, units: 1_000) == expected)
        #expect(Verdict(difference: estimate, units: 10) == .tooSmall)
    }

    @Test func fixedFormattingIsLocaleFree() {
        #expect(Fixed.format(0.123456789, 6) == "0.123457")
        #expect(Fixed.format(-0.5, 0) == "-1")
        #expect(Fixed.format(2, 2) == "2.00")
        #expect(Fixed.format(-0.001, 2) == "0.00")
        #expect(Fixed.percent(0.0912) == "9.1%")
        #expect(Fixed.dollars(cents: 123_456_789) == "$1,234,568")
    }
}
