import DunCampaign
import DunCore
import Testing

@testable import DunSim

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

struct ScenarioFileTests {
    static var repositoryRoot: String {
        var path = #filePath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        path.removeLast(3)
        return path.joined(separator: "/")
    }

    @Test func everyParameterNamesItsSourceOrSaysAssumption() throws {
        let path = Self.repositoryRoot + "/simulators/default.yaml"
        let text = try #require(
            FileManager.default.contents(atPath: path).flatMap { String(validating: $0, as: UTF8.self) }
        )
        var lines = 0
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop { $0 == " " }
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#"), trimmed.contains(":") else { continue }
            // The name and section headers (a key with no value) are not parameters.
            if trimmed.hasPrefix("scenario:") || trimmed.hasSuffix(":") { continue }
            lines += 1
            #expect(
                line.contains("# source:") || line.contains("# assumption"),
                "simulators/default.yaml:\(number + 1): a parameter without '# source:' or '# assumption'"
            )
        }
        #expect(lines > 80)
    }

    @Test func overridesUseTheFileSchema() throws {
        var scenario = Scenario()
        try ScenarioLoader.override(&scenario, "agency.agents_per_1000=1.5")
        try ScenarioLoader.override(&scenario, "portfolio.balance_median=250.00")
        try ScenarioLoader.override(&scenario, "costs.sms=0.02")
        #expect(scenario.agency.agentsPer1000 == 1.5)
        #expect(scenario.portfolio.balanceMedian == Money(cents: 25_000))
        #expect(scenario.costs.smsMillicents == 2_000)
        #expect(throws: DiagnosticError.self) { try ScenarioLoader.override(&scenario, "agency.seats=3") }
        #expect(throws: DiagnosticError.self) { try ScenarioLoader.override(&scenario, "behaviour.sms_read=1.5") }
    }

    @Test func decoderReportsPositionsAndWhatWasExpected() {
        func scalar(_ value: String, _ line: Int, _ column: Int) -> YAMLScalar {
            YAMLScalar(value: value, style: .plain, location: SourceLocation(line: line, column: column))
        }
        let portfolio = YAMLNode.mapping(
            YAMLMapping(
                entries: [
                    .init(key: scalar("accounts", 3, 3), value: .scalar(scalar("many", 3, 13))),
                    .init(key: scalar("colour", 4, 3), value: .scalar(scalar("blue", 4, 11))),
                ],
                location: SourceLocation(line: 3, column: 3)
            )
        )
        let root = YAMLNode.mapping(
            YAMLMapping(
                entries: [
                    .init(key: scalar("scenario", 1, 1), value: .scalar(scalar("bad", 1, 11))),
                    .init(key: scalar("portfolio", 2, 1), value: portfolio),
                ],
                location: SourceLocation(line: 1, column: 1)
            )
        )
        let diagnostics = ScenarioLoader.check(root, path: "s.yaml").map(\.description)
        #expect(diagnostics.contains("s.yaml:3:13: error: expected a whole number, found 'many'"))
        #expect(
            diagnostics.contains {
                $0.hasPrefix("s.yaml:4:3: error: unknown key 'colour' in portfolio; expected one of:")
            }
        )
    }
}

/// The agency's shifts run in an IANA zone (DST from the compiled tables), or at a fixed offset when asked.
struct AgencyZoneTests {
    @Test func agencyZoneIsAnIANAZoneOrAFixedOffset() throws {
        var scenario = Scenario()
        #expect(scenario.agency.zone == "America/New_York")
        try ScenarioLoader.override(&scenario, "agency.zone=America/Chicago")
        #expect(scenario.agency.zone == "America/Chicago")
        try ScenarioLoader.override(&scenario, "agency.utc_offset_hours=-6")
        #expect(scenario.agency.zone == nil)
        #expect(scenario.agency.utcOffsetHours == -6)
        #expect(throws: DiagnosticError.self) { try ScenarioLoader.override(&scenario, "agency.zone=Mars/Olympus") }
    }

    @Test func agentWindowsOutsideTheShiftsAreNamed() {
        let scenario = Scenario()
        let callHeavy = Strategy(campaign: SimulationTests.bundled("call-heavy"))
        #expect(callHeavy.agentStepsOutsideShifts(scenario) == ["agent-second"])
        #expect(SimulationTests.baseline.agentStepsOutsideShifts(scenario).isEmpty)
        var evening = scenario
        evening.agency.shifts = Array(
            repeating: LocalTimeRange(start: LocalTime(hour: 12), end: LocalTime(hour: 21)),
            count: 7
        )
        #expect(callHeavy.agentStepsOutsideShifts(evening).isEmpty)
    }
}
