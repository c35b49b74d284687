import DunCore
import Testing

@testable import DunPolicy

struct ZoneOffsetsTests {
    /// A zone's own span pointer answers as the store does, for every zone, around every transition and span
    /// boundary, and outside 1970–2106 (the general path).
    @Test
    func zoneOffsetsAgreeWithTheStore() {
        let store = TimeZoneStore.shared
        var checked = 0
        var mismatches: [String] = []
        for zone in 0..<store.names.count {
            let offsets = ZoneOffsets(ZoneID(index: UInt16(zone)))
            let instants =
                TimeZoneStoreTests.instants(of: zone, in: store, everySpans: 5) + [-86_400 * 365 * 30, 5_000_000_000]
            for instant in instants {
                for delta: Int64 in [-3_601, -1, 0, 1, 3_600] {
                    let at = instant + delta
                    checked += 1
                    let local = at + 86_400
                    if offsets.offset(at: at) != store.offset(of: zone, at: at)
                        || offsets.firstInstant(from: at, localAtLeast: local)
                            != store.firstInstant(from: at, localAtLeast: local, zone: zone),
                        mismatches.count < 5
                    {
                        mismatches.append("\(store.names[zone]) at \(at)")
                    }
                }
            }
        }
        #expect(checked > 50_000)
        #expect(mismatches.isEmpty)
    }
}
