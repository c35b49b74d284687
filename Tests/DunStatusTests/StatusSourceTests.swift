import DunCore
import DunDashboard
import DunStatus
import DunStore
import DunTesting
import Testing

/// The snapshot source against a real SQLite store populated through the Store API: its numbers are checked
/// against the store's own records, and frames rendered from it are golden files at several sizes.
struct StatusSourceTests {
    @Test func numbersAgreeWithTheStore() throws {
        let fixture = try StatusFixture()
        defer { fixture.cleanUp() }
        let snapshot = try StatusSource(store: fixture.store).snapshot()
        let attempts = try fixture.store.attempts(accountID: nil)
        let dayStart = UTCInstant(date: StatusFixture.clock.utcDate)

        #expect(snapshot.clock == StatusFixture.clock)
        #expect(snapshot.startedAt == StatusFixture.start)
        #expect(snapshot.campaigns.map(\.campaign) == ["hybrid"])
        #expect(snapshot.campaigns[0].arms.map(\.name) == ["champion", "challenger"])
        #expect(snapshot.campaigns[0].arms.map(\.weight) == [80, 20])

        for activity in snapshot.channels {
            let mine = attempts.filter { $0.attempt.channel == activity.channel }
            let today = mine.filter { $0.createdAt >= dayStart && $0.createdAt <= StatusFixture.clock }
            #expect(activity.sentToday == today.filter { $0.state == .sent || $0.state == .result }.count)
            #expect(activity.failed == today.filter { $0.state == .failed || $0.result == .failed }.count)
            #expect(
                activity.delivered
                    == today.filter { [.delivered, .conversation].contains($0.result) }.count
            )
            #expect(activity.dueNow == mine.filter { $0.state == .dispatching || $0.state == .inDoubt }.count)
        }
        let sms = try #require(snapshot.channels.first { $0.channel == .sms })
        #expect(sms.sentToday == 32)
        #expect(sms.delivered == 28)
        #expect(sms.failed == 4)
        #expect(sms.dueNow == 4)
        #expect(sms.deferred == 3)
        #expect(sms.queued == 2)
        #expect(sms.topRules.first == .init(rule: "RF-14-A", count: 2))
        let calls = try #require(snapshot.channels.first { $0.channel == .agentCall })
        #expect(calls.deferred == 6)
        #expect(calls.queued == 6)

        // Compliance: every recorded decision, by rule.
        #expect(snapshot.compliance.map(\.count).reduce(0, +) == 9)
        #expect(snapshot.compliance.first == .init(rule: "RF-6-TIME", count: 6))

        // Outcomes per arm against the store's totals.
        let totals = try fixture.store.totals()
        #expect(snapshot.arms.map(\.collected.cents).reduce(0, +) == totals.paidAmount.cents)
        #expect(snapshot.arms.map(\.payments).reduce(0, +) == totals.payments)
        #expect(snapshot.arms.map(\.accounts).reduce(0, +) == totals.accounts)
        let champion = try #require(snapshot.arms.first { $0.arm == "champion" })
        #expect(champion.accounts == 32)
        #expect(champion.payingAccounts == 6)
        #expect(champion.promises == 3)
        #expect(champion.payingShareInterval != nil)
        let challenger = try #require(snapshot.arms.first { $0.arm == "challenger" })
        #expect(challenger.accounts == 8)
        #expect(challenger.payingAccounts == 1)
        #expect(challenger.payingShareInterval == nil)  // "too few"

        // Gateway health: requests are today's attempts; errors the failed and in-doubt ones.
        let smsGateway = try #require(snapshot.gateways.first { $0.gateway == "sms" })
        #expect(smsGateway.requests == 40)
        #expect(smsGateway.errors == 8)
        #expect(smsGateway.lastError != nil)

        // Capacity: the recorded pools, with seats busy = calls awaiting their result.
        #expect(snapshot.capacity.map(\.pool) == ["sms rate", "agent_call seats"])
        #expect(snapshot.capacity[0].capacity == 600)
        #expect(snapshot.capacity[1].used == 2)
        #expect(snapshot.capacity[1].capacity == 4)
    }

    @Test func eventsAndTimelinesAreRedacted() throws {
        let fixture = try StatusFixture()
        defer { fixture.cleanUp() }
        let snapshot = try StatusSource(store: fixture.store).snapshot(account: "A13")
        let texts = snapshot.events.map(\.detail) + (snapshot.account?.entries.map(\.detail) ?? [])
        #expect(!texts.isEmpty)
        for text in texts {
            #expect(!text.contains("+14155551013"), "unmasked phone in '\(text)'")
            #expect(!text.contains("pat13@example.com"), "unmasked email in '\(text)'")
        }
        let timeline = try #require(snapshot.account)
        #expect(timeline.accountID == "A13")
        #expect(timeline.entries.contains { $0.kind == "deferral" && $0.detail.contains("RF-6-TIME") })
        #expect(timeline.entries.contains { $0.detail.contains("before 08:00") })
    }

    @Test func unknownAccountSaysSo() throws {
        let fixture = try StatusFixture()
        defer { fixture.cleanUp() }
        let snapshot = try StatusSource(store: fixture.store).snapshot(account: "nobody")
        #expect(snapshot.account == .init(query: "nobody", accountID: nil, entries: []))
    }

    @Test(arguments: [(80, 24), (100, 30), (132, 40)])
    func goldenFrameFromStore(width: Int, height: Int) throws {
        let fixture = try StatusFixture()
        defer { fixture.cleanUp() }
        let snapshot = try StatusSource(store: fixture.store).snapshot()
        let frame = DashboardView(width: width, height: height, color: false).render(snapshot)
        #expect(frame.count == height)
        #expect(frame.allSatisfy { $0.count <= width })
        try assertGolden(frame, named: "store-\(width)x\(height)")
    }

    @Test func goldenTimelineFromStore() throws {
        let fixture = try StatusFixture()
        defer { fixture.cleanUp() }
        let snapshot = try StatusSource(store: fixture.store).snapshot(account: "A13")
        let frame = DashboardView(width: 100, height: 30, color: false).render(snapshot)
        try assertGolden(frame, named: "store-account-A13-100x30")
    }

    @Test func readsWhileAnotherConnectionWrites() throws {
        let fixture = try StatusFixture()
        defer { fixture.cleanUp() }
        let reader = try SQLiteStore(path: fixture.path, readOnly: true)
        let before = try StatusSource(store: reader).snapshot()
        let at = StatusFixture.clock
        let attempt = StatusFixture.planned(40, channel: .email, ordinal: 0, at: at)
        _ = try fixture.store.beginAttempt(attempt, at: at)
        let after = try StatusSource(store: reader).snapshot()
        let emailBefore = before.channels.first { $0.channel == .email }?.dueNow ?? 0
        let emailAfter = after.channels.first { $0.channel == .email }?.dueNow ?? 0
        #expect(emailAfter == emailBefore + 1)
    }
}
