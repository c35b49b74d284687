import DunReport
import Testing

struct RenderingTests {
    static func sample() -> ComparisonReport {
        func estimate(_ mean: Double) -> Estimate {
            Estimate(mean: mean, ci95: Interval(lower: mean - 0.01, upper: mean + 0.01), sampleSize: 1_000)
        }
        func strategy(_ name: String, baseline: Bool, shift: Double) -> StrategyReport {
            StrategyReport(
                name: name,
                isBaseline: baseline,
                payingShare: estimate(0.3 + shift),
                liquidation30: estimate(0.03 + shift),
                liquidation90: estimate(0.07 + shift),
                liquidation180: estimate(0.09 + shift),
                placedCents: 100_000_00,
                collectedCents: 9_000_00,
                messageCostCents: 1_00,
                agentWageCents: 0,
                commissionCents: 2_250_00,
                netRecoveredCents: 6_749_00,
                attemptsPerAccount: 25.5,
                messagesPerAccount: 0,
                rightPartyContactsPerAccount: 2.2,
                rightPartyContactsPerAttempt: 0.087,
                promisesPerContact: 0.32,
                promisesKeptShare: 0.51,
                reachedByDay90: 0.33,
                optOuts: 0,
                complaints: 1,
                disputes: 12,
                deferredByRule: [RuleCount(rule: "RF-14-A", count: 3)],
                liquidation180VersusBaseline: baseline ? nil : estimate(shift),
                verdict: baseline ? nil : Verdict(difference: estimate(shift), units: 1_000),
                curve: [0, 0.01 + shift, 0.03 + shift, 0.05 + shift]
            )
        }
        return ComparisonReport(
            scenario: "test \"quoted\"",
            seed: 42,
            replications: 2,
            accounts: 1_000,
            days: 3,
            strategies: [
                strategy("agency", baseline: true, shift: 0), strategy("hybrid, v2", baseline: false, shift: 0.02),
            ]
        )
    }

    @Test func jsonHasTheStableKeysInOrder() {
        let json = Self.sample().json()
        let keys = ["\"scenario\"", "\"seed\"", "\"replications\"", "\"accounts\"", "\"days\"", "\"strategies\""]
        var rest = Substring(json)
        for key in keys {
            let range = rest.firstRange(of: key)
            #expect(range != nil, "missing \(key)")
            if let range { rest = rest[range.upperBound...] }
        }
        #expect(json.contains("\"scenario\": \"test \\\"quoted\\\"\""))
        #expect(json.contains("\"paying_share\": {\"mean\": 0.300000, \"ci95\": [0.290000, 0.310000], \"n\": 1000}"))
        #expect(json.contains("\"vs_baseline\": null"))
        #expect(json.contains("\"vs_baseline\": {\"liquidation_d180_diff\": {\"mean\": 0.020000"))
        #expect(json.contains("\"deferred_by_rule\": {\"RF-14-A\": 3.000000}"))
        #expect(json == Self.sample().json())
    }

    @Test func csvQuotesFieldsWithCommas() {
        let csv = Self.sample().csv()
        #expect(csv.hasPrefix("strategy,is_baseline,day,liquidation\nagency,true,0,0.000000\n"))
        #expect(csv.contains("\"hybrid, v2\",false,3,0.070000\n"))
    }

    @Test func tableNamesTheBaselineAndTheVerdict() {
        let table = Self.sample().table()
        #expect(table.contains("agency*"))
        #expect(table.contains("hybrid, v2: +2.00 pp [+1.00, +3.00] - better than the baseline"))
        #expect(table.split(separator: "\n").allSatisfy { $0.count <= 120 })
    }

    @Test func chartsRenderEverySeries() {
        let chart = Self.sample().liquidationChart
        let text = chart.text(width: 20, height: 6)
        #expect(text.contains("* agency"))
        #expect(text.contains("o hybrid, v2"))
        #expect(text.split(separator: "\n").count == 1 + 6 + 3)
        let svg = chart.svg()
        #expect(svg.hasPrefix("<svg "))
        #expect(svg.split(separator: "<polyline", omittingEmptySubsequences: false).count == 3)
        #expect(svg.contains("hybrid, v2"))
    }
}
