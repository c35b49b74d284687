import DunCore
import DunPolicy
import Testing

@testable import DunEngine

struct DayTimingTests {
    /// A small SplitMix64, so that the cases are the same on every run.
    private struct Cases {
        var state: UInt64

        mutating func next() -> UInt64 {
            self.state &+= 0x9E37_79B9_7F4A_7C15
            var z = self.state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        /// A window open on some weekdays at random hours (closed on about a third of them).
        mutating func window() -> CompiledWindow {
            var window = CompiledWindow.always
            for lane in 0..<7 {
                let first = Int32(self.next() % 86_400)
                let second = Int32(self.next() % 86_401)
                let closed = self.next() % 3 == 0
                window.open[lane] = closed ? 0 : Swift.min(first, second)
                window.close[lane] = closed ? 0 : Swift.max(first, second)
            }
            return window
        }
    }

    /// `enterStep` takes `base` as a `.day(N)` step's due instant, without a window search, once `base` reaches
    /// `SchedulerEngine.dayOpeningBound` and the window opens on some weekday: the search's answer (the window's
    /// first opening from the start of local day N) must then never lie after the bound. Every zone of the
    /// table, random enrolment instants, and enrolments in the days before each zone's transitions (DST, and
    /// days skipped or repeated at a date line change).
    @Test func theDayOpeningBoundIsNeverBeforeTheWindowsOpening() {
        var cases = Cases(state: 42)
        var checked = 0
        var late: [String] = []
        let zones = TimeZoneTable.allZones.map { LocalZone(zone: $0, fixedOffset: 0) } + [LocalZone.utc]
        for zone in zones {
            var instants: [Int64] = (0..<12).map { _ in
                // 1990 to 2060.
                631_152_000 + Int64(cases.next() % (70 * 365 * 86_400))
            }
            if let id = zone.zone {
                let transitions = TimeZoneTable.transitions(
                    of: id,
                    from: UTCInstant(secondsSinceEpoch: 946_684_800),
                    to: UTCInstant(secondsSinceEpoch: 1_893_456_000)
                )
                for transition in transitions.prefix(6) {
                    instants.append(transition.secondsSinceEpoch - Int64(cases.next() % (12 * 86_400)))
                }
            }
            for enrolledAt in instants {
                let window = cases.window()
                guard window.opensOnSomeWeekday else { continue }
                let day = Int(cases.next() % 10)
                let bound = SchedulerEngine.dayOpeningBound(enrolledAt: enrolledAt, day: day)
                let dayStart = zone.instant(day: zone.local(enrolledAt).day + Int64(day), second: 0)
                let opening = window.nextOpening(atOrAfter: dayStart, zone: zone, blackout: nil)
                checked += 1
                if opening > bound { late.append("\(zone.name) enrolled \(enrolledAt) day \(day): \(opening)") }
            }
        }
        #expect(checked > 4_000)
        #expect(late.isEmpty, "\(late.prefix(5))")
    }

    @Test func aWindowClosedEveryDayNeverOpens() {
        var window = CompiledWindow.always
        window.open = .zero
        window.close = .zero
        #expect(!window.opensOnSomeWeekday)
        #expect(window.nextOpening(atOrAfter: 1_700_000_000, zone: .utc, blackout: nil) == EnrolmentCursor.never)
        #expect(CompiledWindow.always.opensOnSomeWeekday)
    }
}
