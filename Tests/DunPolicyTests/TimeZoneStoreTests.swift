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
            for instant in Self.instants(of: zone, in: store, everySpans: 1) + [-86_400 * 365 * 30] {
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

    /// The span fast path of `firstInstant(from:localAtLeast:)` agrees with the walk over the transition list,
    /// around every transition and span boundary, for targets just before, at and after DST gaps and folds.
    @Test
    func firstInstantFastPathAgreesWithTheTransitionWalk() {
        let store = TimeZoneStore.shared
        var checked = 0
        var mismatches: [String] = []
        for zone in 0..<store.names.count {
            for instant in Self.instants(of: zone, in: store, everySpans: 7) {
                for delta: Int64 in [-2 * 86_400, -7_200, -1, 0, 1] {
                    let start = instant + delta
                    for ahead: Int64 in [-3_600, 0, 3_599, 3_600, 43_200, 2 * 86_400 + 1] {
                        let target = start + ahead + 14 * 3_600
                        checked += 1
                        let fast = store.firstInstant(from: start, localAtLeast: target, zone: zone)
                        let general = store.generalFirstInstant(from: start, localAtLeast: target, zone: zone)
                        if fast != general, mismatches.count < 5 {
                            mismatches.append("\(store.names[zone]) from \(start) target \(target)")
                        }
                    }
                }
            }
        }
        #expect(checked > 100_000)
        #expect(mismatches.isEmpty)
    }

    /// The zone's transition instants, then every `everySpans`-th span boundary of the store.
    static func instants(of zone: Int, in store: TimeZoneStore, everySpans: Int) -> [Int64] {
        var instants = (store.bounds[zone]..<store.bounds[zone + 1]).map { store.times[$0] }
        for span in stride(from: 0, through: TimeZoneStore.spanCount, by: everySpans) {
            instants.append(Int64(span) << TimeZoneStore.spanShift)
        }
        return instants
    }
}
