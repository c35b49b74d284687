import DunCampaign
import DunCore
import Testing

/// The campaigns shipped in campaigns/ validate cleanly and decode to the model the engine expects.
struct BundledCampaignTests {
    static let campaigns = FixtureSupport.yamlFiles(in: FixtureSupport.campaignsDirectory)

    @Test func atLeastFourCampaignsShip() {
        let names = Self.campaigns.map { $0.split(separator: "/").last.map(String.init) ?? "" }
        for required in ["digital-first.yaml", "call-heavy.yaml", "hybrid.yaml", "agency-baseline.yaml"] {
            #expect(names.contains(required))
        }
    }

    @Test(arguments: Self.campaigns)
    func campaignValidatesWithoutErrorsOrWarnings(path: String) {
        let result = CampaignLoader.load(file: path)
        let problems = result.diagnostics.filter { $0.severity != .note }
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
        #expect(result.campaign != nil)
    }

    @Test func hybridDecodesToTheExpectedModel() throws {
        let path = FixtureSupport.campaignsDirectory + "/hybrid.yaml"
        let campaign = try CampaignLoader.campaign(file: path)
        #expect(campaign.name == "Hybrid (digital first, agents from day 7)")
        #expect(campaign.owner == "strategy-team")
        #expect(campaign.audience.balanceMin == Money(cents: 10_000))
        #expect(campaign.audience.daysPastDueMin == 30)
        #expect(campaign.audience.daysPastDueMax == 120)
        #expect(campaign.audience.languages == ["en", "es"])
        #expect(campaign.audience.excludedSegments == ["hardship", "litigation"])
        #expect(campaign.audience.requiredChannels == [.sms, .email])
        #expect(campaign.window.weekdays == LocalTimeRange(start: LocalTime(hour: 9), end: LocalTime(hour: 20)))
        #expect(campaign.window.saturday == LocalTimeRange(start: LocalTime(hour: 10), end: LocalTime(hour: 14)))
        #expect(campaign.window.sunday == nil)
        #expect(
            campaign.blackout.dates == [
                CivilDate(year: 2026, month: 11, day: 27), CivilDate(year: 2026, month: 12, day: 24),
            ]
        )
        #expect(campaign.blackout.holidays == [.usFederal])
        #expect(campaign.limits.callsPerDay == 2)
        #expect(campaign.limits.callsPer7Days == 5)
        #expect(campaign.limits.contactsPer7Days == 8)
        #expect(campaign.limits.minimumGapSeconds == 7_200)
        #expect(campaign.priority == .highestBalance)
        #expect(!campaign.legalActionIntended)
        #expect(campaign.stopRules == [.paidInFull, .openPromise, .afterDays(75), .balanceBelow(Money(cents: 2_000))])
        #expect(
            campaign.variants == [
                Variant(name: "champion", weight: 70),
                Variant(name: "challenger", weight: 30, entry: "intro-email-first"),
            ]
        )

        let first = try #require(campaign.steps.first)
        #expect(first.id == "intro-sms")
        #expect(first.action == .contact(.sms, template: "intro_sms"))
        #expect(first.timing == .day(0))
        #expect(first.completeOn == [.delivered, .permanentFailure])
        #expect(
            first.routes == [
                OutcomeRoute(outcome: .promised, target: .step("confirm")),
                OutcomeRoute(outcome: .wrongNumber, target: .step("intro-email")),
            ]
        )
        #expect(first.next == .step("intro-email"))

        let band = try #require(campaign.steps.first { $0.id == "band" })
        #expect(band.timing == .day(7))
        guard case .branch(let rules, let otherwise) = band.action else {
            Issue.record("band is not a branch")
            return
        }
        #expect(otherwise == .step("plan-sms"))
        #expect(rules.count == 5)
        #expect(
            rules[2]
                == BranchRule(
                    conditions: [.balanceAtLeast(Money(cents: 250_000)), .hasChannel(.agentCall)],
                    target: .step("agent-call")
                )
        )

        let agent = try #require(campaign.steps.first { $0.id == "agent-call" })
        #expect(agent.action == .contact(.agentCall, template: "hybrid_script"))
        #expect(agent.retry == RetryPolicy(count: 4, spacingSeconds: 86_400))
        #expect(agent.completeOn == [.conversation, .permanentFailure])
        #expect(agent.window?.weekdays == LocalTimeRange(start: LocalTime(hour: 17), end: LocalTime(hour: 20)))
        #expect(agent.window?.sunday == nil)

        let retryCheck = try #require(campaign.steps.first { $0.id == "agent-retry-check" })
        #expect(retryCheck.timing == .after(seconds: 5 * 86_400))

        let settlement = try #require(campaign.steps.first { $0.id == "settlement-email" })
        #expect(settlement.next == .stop)

        let intro = try #require(campaign.template(id: "intro_email", language: "es"))
        #expect(intro.channel == .email)
        #expect(intro.subject == "Su cuenta de {creditor}")
        #expect(intro.body.hasPrefix("Hola {first_name} {last_name}:\n"))
        #expect(campaign.templates.filter { $0.id == "intro_sms" }.map(\.language) == ["en", "es"])
    }

    @Test func digitalFirstBranchFallsThroughAndEndsWithStops() throws {
        let campaign = try CampaignLoader.campaign(file: FixtureSupport.campaignsDirectory + "/digital-first.yaml")
        let finalEmail = try #require(campaign.steps.first { $0.id == "final-email" })
        #expect(finalEmail.timing == .after(seconds: 2 * 86_400))
        #expect(finalEmail.next == .stop)
        let welcome = try #require(campaign.steps.first { $0.id == "welcome-email" })
        // A scalar window applies to every day class.
        let morning = LocalTimeRange(start: LocalTime(hour: 8), end: LocalTime(hour: 12))
        #expect(welcome.window == SendWindow(weekdays: morning, saturday: morning, sunday: morning))
    }
}
