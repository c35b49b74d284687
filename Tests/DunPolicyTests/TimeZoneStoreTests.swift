import DunCore
import Testing

@testable import DunPolicy

struct TimeZoneStoreTests {
    /// The per-span fast path of `offset(of:at:)` agrees with the transition list for every zone, around every
    /// transition and every bucket boundary.
    @Test
    func bucketSpansAgreeWithTheTransitionList() {
        let store = TimeZoneStore.shared
        var checked = 0
        var mismatches: [String] = []
        for zone in 0..<store.names.count {
            var instants: [Int64] = []
            for index in store.bounds[zone]..<store.bounds[zone + 1] { instants.append(store.times[index]) }
            for span in 0...TimeZoneStore.spanCount { instants.append(Int64(span) << TimeZoneStore.spanShift) }
            instants.append(-86_400 * 365 * 30)
            for instant in instants {
                for delta: Int64 in [-3_601, -1, 0, 1, 3_600] {
                    let at = instant + delta
                    checked += 1
                    if store.offset(of: zone, at: at) != store.generalOffset(of: zone, at: at), mismatches.count < 5 {
                        mismatches.append("\(store.names[zone]) at \(at)")
                    }
                }
            }
        }
        #expect(checked > 100_000)
        #expect(mismatches.isEmpty)
    }
}
