// Micro-benchmark of DunPolicy/Time, compiled by scripts/bench-timezone.sh into one optimised module together
// with the DunCore and DunPolicy/Time sources (so calls are as inlinable as inside DunPolicy itself).

let clock = ContinuousClock()

func measure(_ label: String, iterations: Int, _ body: (Int) -> Int) {
    var sink = 0
    // Warm up (and initialise the tables) outside the timed loop.
    sink &+= body(0)
    let start = clock.now
    for index in 0..<iterations {
        sink &+= body(index)
    }
    let elapsed = clock.now - start
    let nanos = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
    let perCall = nanos / Double(iterations)
    print("\(label): \(String(format: "%.1f", perCall)) ns/call over \(iterations) calls (sink \(sink & 1))")
}

let setupStart = clock.now
let newYork = TimeZoneTable.zone(named: "America/New_York")!
print("table load (first use): \(clock.now - setupStart), \(TimeZoneTable.allZones.count) zones, tz \(TimeZoneTable.databaseVersion)")
let losAngeles = TimeZoneTable.zone(named: "America/Los_Angeles")!
let zones = ["America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles",
    "Pacific/Honolulu", "America/Anchorage", "Europe/London"].map { TimeZoneTable.zone(named: $0)! }
// Instants spread over 2020-2030, precomputed so the loop measures only the call.
var seed: UInt64 = 42
var instants: [UTCInstant] = []
for _ in 0..<4_096 {
    seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    instants.append(UTCInstant(secondsSinceEpoch: 1_577_836_800 + Int64(seed >> 33) % 315_360_000))
}

measure("offsetSeconds", iterations: 20_000_000) { index in
    TimeZoneTable.offsetSeconds(of: zones[index & 7], at: instants[index & 4_095])
}
measure("local", iterations: 20_000_000) { index in
    TimeZoneTable.local(instants[index & 4_095], in: zones[index & 7]).secondOfDay
}
measure("instant(localDate:)", iterations: 5_000_000) { index in
    let local = TimeZoneTable.local(instants[index & 4_095], in: zones[index & 7])
    return Int(TimeZoneTable.instant(localDate: local.date, secondOfDay: 8 * 3_600, in: zones[index & 7]).secondsSinceEpoch)
}
let pair = [newYork, losAngeles]
measure("contains (2 zones)", iterations: 10_000_000) { index in
    LocalWindowSearch.contains(instants[index & 4_095], zones: pair, from: 28_800, to: 75_600) ? 1 : 0
}
measure("earliest (2 zones, 08:00-21:00)", iterations: 2_000_000) { index in
    Int(LocalWindowSearch.earliest(atOrAfter: instants[index & 4_095], zones: pair, from: 28_800, to: 75_300)!.secondsSinceEpoch)
}
let three = [zones[0], zones[4], zones[5]]
measure("earliest (3 zones, weekdays only)", iterations: 1_000_000) { index in
    Int(
        LocalWindowSearch.earliest(
            atOrAfter: instants[index & 4_095], zones: three, from: 28_800, to: 75_300,
            dayAllowed: { _, date in date.weekday.isWeekday }
        )!.secondsSinceEpoch
    )
}
measure("zones(forPhoneNumber:)", iterations: 1_000_000) { index in
    ZoneResolver.zones(forPhoneNumber: index & 1 == 0 ? "+12125550123" : "+18505550123").count
}
