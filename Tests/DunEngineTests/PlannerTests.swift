import DunCampaign
import DunCore
import DunEngine
import DunTesting
import Testing

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The plan of a bundled-style campaign for the sample account, as a golden file.
struct PlannerTests {
    /// A digital-first cadence built in code (the YAML files land with the campaign reader).
    static let digitalFirst: Campaign = {
        let daytime = SendWindow(
            weekdays: LocalTimeRange(start: LocalTime(hour: 9), end: LocalTime(hour: 20)),
            saturday: LocalTimeRange(start: LocalTime(hour: 10), end: LocalTime(hour: 14)),
            sunday: nil
        )
        return Campaign(
            name: "digital-first",
            window: daytime,
            blackout: Blackout(holidays: [.usFederal]),
            stopRules: [.reply, .openPromise],
            steps: [
                Step(id: "intro-sms", action: .contact(.sms, template: "intro"), timing: .day(0)),
                Step(id: "intro-email", action: .contact(.email, template: "intro-email"), timing: .day(1)),
                Step(
                    id: "reminder-call",
                    action: .contact(.call, template: "reminder-voice"),
                    timing: .day(3),
                    retry: RetryPolicy(count: 2, spacingSeconds: 4 * 3_600),
                    completeOn: [.answered, .conversation]
                ),
                Step(
                    id: "check",
                    action: .branch(
                        [BranchRule(conditions: [.lastOutcome(.noResponse)], target: .step("agent"))],
                        otherwise: .stop
                    ),
                    timing: .day(7)
                ),
                Step(
                    id: "agent",
                    action: .contact(.agentCall, template: "agent-script"),
                    retry: RetryPolicy(count: 1, spacingSeconds: 86_400)
                ),
                Step(id: "final-sms", action: .contact(.sms, template: "final"), timing: .after(seconds: 2 * 86_400)),
                Step(id: "done", action: .end(reason: "cadence finished")),
            ]
        )
    }()

    @Test func planOfTheDigitalFirstCadenceForTheSampleAccount() {
        let start = Fixtures.instant("2026-03-02T12:00:00Z")
        let plan = Planner().plan(Self.digitalFirst, account: SampleAccount.account, start: start, days: 30)
        assertSnapshot(plan.rendered(), named: "plan-digital-first.txt")
    }

    @Test func planOfTheBundledHybridCampaignFile() throws {
        let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = root.appending(path: "campaigns/hybrid.yaml").path
        let campaign = try CampaignLoader.campaign(file: path)
        let start = Fixtures.instant("2026-03-02T12:00:00Z")
        let plan = Planner().plan(campaign, account: SampleAccount.account, start: start, days: 45)
        assertSnapshot(plan.rendered(), named: "plan-hybrid.txt")
    }

    @Test func theSameInputsRenderTheSameBytes() {
        let start = Fixtures.instant("2026-03-02T12:00:00Z")
        let first = Planner().plan(Self.digitalFirst, account: SampleAccount.account, start: start, days: 30)
        let second = Planner().plan(Self.digitalFirst, account: SampleAccount.account, start: start, days: 30)
        #expect(first.rendered() == second.rendered())
    }
}
