import DunDashboard
import Testing

struct TerminalWriterTests {
    @Test func redrawsOnlyChangedLines() {
        var writer = TerminalWriter()
        let first = writer.update(to: ["a", "b", "c"], width: 80, height: 3)
        #expect(first.contains("\u{1B}[2J"))
        #expect(first.contains("\u{1B}[1;1Ha") && first.contains("\u{1B}[3;1Hc"))
        let second = writer.update(to: ["a", "B", "c"], width: 80, height: 3)
        #expect(second == "\u{1B}[2;1HB\u{1B}[0m\u{1B}[K")
        #expect(writer.update(to: ["a", "B", "c"], width: 80, height: 3).isEmpty)
    }

    @Test func resizeRedrawsEverything() {
        var writer = TerminalWriter()
        _ = writer.update(to: ["a", "b"], width: 80, height: 2)
        let output = writer.update(to: ["a", "b"], width: 100, height: 2)
        #expect(output.hasPrefix("\u{1B}[2J"))
        #expect(output.contains("\u{1B}[1;1Ha") && output.contains("\u{1B}[2;1Hb"))
    }
}

struct DashboardStateTests {
    @Test func keysMoveFocusSearchAndQuit() {
        var state = DashboardState()
        for key in DashboardState.Key.decode(Array("\t/A-7\u{7F}42\r".utf8)) { state.handle(key) }
        #expect(state.focus == .capacity)
        #expect(state.shownAccount == "A-42")
        #expect(!state.searching)
        state.handle(.escape)
        #expect(state.shownAccount == nil)
        state.handle(.character("q"))
        #expect(state.quit)
    }

    @Test func arrowKeysAreIgnoredNotTyped() {
        #expect(DashboardState.Key.decode([0x1B, 0x5B, 0x41, 0x71]) == [.character("q")])
        #expect(DashboardState.Key.decode([0x1B]) == [.escape])
    }

    @Test func tabVisitsEveryPanelAndWraps() {
        var state = DashboardState()
        var seen: [DashboardPanel] = []
        for _ in DashboardPanel.allCases {
            seen.append(state.focus)
            state.handle(.tab)
        }
        #expect(seen == DashboardPanel.allCases)
        #expect(state.focus == .channels)
    }
}
