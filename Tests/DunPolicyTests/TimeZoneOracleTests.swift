import DunCore
import DunPolicy
import Foundation
import Testing

/// Cross-checks the compiled tables against Foundation's `TimeZone` (ICU's copy of the tz database, an
/// independent build of the same rules).
struct TimeZoneOracleTests {
    @Test func offsetsAgreeWithFoundation() throws {
        var random = SplitMix64(seed: 2_026)
        var mismatches: [String] = []
        var checked = 0
        for zone in TimeZoneTable.allZones {
            let name = TimeZoneTable.name(of: zone)
            guard let foundation = TimeZone(identifier: name) else { continue }
            for _ in 0..<60 {
                // 2000-01-01 ... 2036-01-01
                let seconds = 946_684_800 + Int64(random.next() % 1_136_073_600)
                let ours = TimeZoneTable.offsetSeconds(of: zone, at: UTCInstant(secondsSinceEpoch: seconds))
                let theirs = foundation.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
                checked += 1
                if ours != theirs {
                    mismatches.append("\(name) at \(UTCInstant(secondsSinceEpoch: seconds)): \(ours) vs \(theirs)")
                }
            }
        }
        #expect(checked > 10_000)
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches: \(mismatches.prefix(20))")
    }
}
