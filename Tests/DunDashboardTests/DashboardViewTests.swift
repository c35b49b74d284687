import DunCore
import DunDashboard
import DunTesting
import Testing

struct DashboardViewTests {
    @Test(arguments: [(80, 24), (100, 30), (132, 40), (200, 50)])
    func rendersLiveRunAtSize(width: Int, height: Int) throws {
        let frame = DashboardView(width: width, height: height, color: false).render(SampleSnapshot.live)
        #expect(frame.count == height)
        #expect(frame.allSatisfy { $0.count <= width })
        try assertGolden(frame, named: "live-\(width)x\(height)")
    }

    @Test func rendersAccountTimelineAnsweringWhyNotCalled() throws {
        let frame = DashboardView(width: 100, height: 24, color: false).render(SampleSnapshot.searched)
        let text = frame.joined(separator: " ").split(separator: " ").joined(separator: " ")
        #expect(text.contains("RF-6-TIME — 07:10 in America/Los_Angeles is before 08:00"))
        try assertGolden(frame, named: "account-100x24")
    }

    @Test func saysWhenNoAccountMatches() {
        var snapshot = SampleSnapshot.live
        snapshot.account = DashboardSnapshot.AccountTimeline(query: "nobody", accountID: nil, entries: [])
        let frame = DashboardView(width: 80, height: 24, color: false).render(snapshot)
        #expect(frame.contains("  No account matches 'nobody'."))
    }

    @Test func marksTheFocusedPanel() {
        var state = DashboardState()
        state.handle(.tab)
        state.handle(.tab)
        let frame = DashboardView(width: 80, height: 24, color: false).render(SampleSnapshot.live, state: state)
        #expect(frame.contains { $0.hasPrefix("▶ Outcomes") })
        #expect(frame.contains { $0.hasPrefix("─ Channels") })
    }

    @Test func colorOnlyAddsEscapesNeverWidth() {
        let plain = DashboardView(width: 80, height: 24, color: false).render(SampleSnapshot.live)
        let colored = DashboardView(width: 80, height: 24, color: true).render(SampleSnapshot.live)
        #expect(colored.contains { $0.contains("\u{1B}[") })
        #expect(!plain.contains { $0.contains("\u{1B}") })
        let stripped = colored.map(Self.stripEscapes)
        #expect(stripped == plain)
    }

    @Test func emptyRunSaysNothingYet() {
        let snapshot = DashboardSnapshot(
            mode: .simulated(speed: 3600),
            campaigns: [],
            clock: SampleSnapshot.start,
            startedAt: SampleSnapshot.start
        )
        let frame = DashboardView(width: 80, height: 24, color: false).render(snapshot)
        #expect(frame[0].contains("simulated ×3600"))
        #expect(frame.contains("  (nothing yet)"))
    }

    static func stripEscapes(_ line: String) -> String {
        var result = ""
        var inEscape = false
        for character in line {
            if character == "\u{1B}" {
                inEscape = true
                continue
            }
            if inEscape {
                if character.isLetter { inEscape = false }
                continue
            }
            result.append(character)
        }
        return result
    }
}
