/// The compiled offsets of every IANA zone, flattened into a few arrays and built once per process.
///
/// `shared` is a `static let`, so Swift initialises it exactly once, thread-safely, on first use; after that
/// everything is immutable and lookups neither lock nor allocate.
final class TimeZoneStore: Sendable {
    static let shared = TimeZoneStore(compiled: TimeZoneTable.compiledData)

    /// Canonical zone names, sorted; the position is the `ZoneID` index.
    let names: [String]
    /// Canonical and link names to zone index.
    let indexByName: [String: UInt16]
    /// Per zone `z`, its transitions are `times[bounds[z] ..< bounds[z + 1]]`.
    let bounds: [Int]
    /// Transition instants, seconds since the epoch (ascending within a zone).
    let times: [Int64]
    /// `offsets[k]` is the UTC offset in force from `times[k]` until the zone's next transition.
    let offsets: [Int32]
    /// The offset in force before a zone's first transition (and on 1970-01-01).
    let initialOffsets: [Int32]
    /// ISO 3166 country code to its zones (IANA zone.tab order).
    let zonesByCountry: [String: [UInt16]]

    init(compiled: String) {
        // Parsed as bytes: the text is ASCII, and Character-based splitting of ~300 kB is needlessly slow.
        let bytes = Array(compiled.utf8)
        var names: [String] = []
        var bounds: [Int] = [0]
        var times: [Int64] = []
        var offsets: [Int32] = []
        var initialOffsets: [Int32] = []
        var links: [(alias: String, target: String)] = []
        var countries: [(code: String, zones: String)] = []
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            let fields = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
            guard fields.count >= 3, fields[0].count == 1 else { continue }
            switch fields[0].first {
            case UInt8(ascii: "Z") where fields.count >= 4:
                // Z name initialIndex offsets [transitions]
                names.append(String(decoding: fields[1], as: UTF8.self))
                let table = fields[3].split(separator: UInt8(ascii: ",")).map { Int32(Self.integer($0, radix: 10)) }
                initialOffsets.append(table[Int(Self.integer(fields[2], radix: 10))])
                if fields.count > 4 {
                    var previous: Int64 = 0
                    for token in fields[4].split(separator: UInt8(ascii: ",")) {
                        guard let dot = token.firstIndex(of: UInt8(ascii: ".")) else { continue }
                        var delta = token[token.startIndex..<dot]
                        var scale: Int64 = 60
                        if delta.first == UInt8(ascii: "~") {
                            delta = delta.dropFirst()
                            scale = 1
                        }
                        previous += Self.integer(delta, radix: 36) * scale
                        times.append(previous)
                        offsets.append(table[Int(Self.integer(token[(dot + 1)...], radix: 10))])
                    }
                }
                bounds.append(times.count)
            case UInt8(ascii: "L"):
                links.append((String(decoding: fields[1], as: UTF8.self), String(decoding: fields[2], as: UTF8.self)))
            case UInt8(ascii: "C"):
                countries.append(
                    (String(decoding: fields[1], as: UTF8.self), String(decoding: fields[2], as: UTF8.self))
                )
            default:
                continue
            }
        }
        // The generator writes zones sorted; sort again so ids never depend on the data file's order.
        let order = names.indices.sorted { names[$0] < names[$1] }
        var sortedNames: [String] = []
        var sortedBounds: [Int] = [0]
        var sortedTimes: [Int64] = []
        var sortedOffsets: [Int32] = []
        var sortedInitial: [Int32] = []
        for zone in order {
            sortedNames.append(names[zone])
            sortedTimes.append(contentsOf: times[bounds[zone]..<bounds[zone + 1]])
            sortedOffsets.append(contentsOf: offsets[bounds[zone]..<bounds[zone + 1]])
            sortedInitial.append(initialOffsets[zone])
            sortedBounds.append(sortedTimes.count)
        }
        var indexByName: [String: UInt16] = [:]
        for (index, name) in sortedNames.enumerated() {
            indexByName[name] = UInt16(index)
        }
        for link in links {
            if let target = indexByName[link.target] {
                indexByName[link.alias] = target
            }
        }
        var zonesByCountry: [String: [UInt16]] = [:]
        for country in countries {
            zonesByCountry[country.code] = country.zones.split(separator: ",").compactMap {
                indexByName[String($0)]
            }
        }
        self.names = sortedNames
        self.indexByName = indexByName
        self.bounds = sortedBounds
        self.times = sortedTimes
        self.offsets = sortedOffsets
        self.initialOffsets = sortedInitial
        self.zonesByCountry = zonesByCountry
    }

    /// A non-negative integer in `radix` (digits 0-9, then lower-case letters); an optional leading `-`.
    static func integer(_ digits: ArraySlice<UInt8>, radix: Int64) -> Int64 {
        var value: Int64 = 0
        var negative = false
        for byte in digits {
            switch byte {
            case UInt8(ascii: "-"): negative = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value * radix + Int64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = value * radix + Int64(byte - UInt8(ascii: "a")) + 10
            default: continue
            }
        }
        return negative ? -value : value
    }

    /// The index of the first transition of `zone` that is after `instant` (the zone's end bound when none is).
    @inline(__always)
    func firstTransition(of zone: Int, after instant: Int64) -> Int {
        var low = self.bounds[zone]
        var high = self.bounds[zone + 1]
        self.times.withUnsafeBufferPointer { times in
            while low < high {
                let middle = (low + high) &>> 1
                if times[middle] <= instant {
                    low = middle &+ 1
                } else {
                    high = middle
                }
            }
        }
        return low
    }

    /// The offset in force at `instant` in `zone`.
    @inline(__always)
    func offset(of zone: Int, at instant: Int64) -> Int {
        let next = self.firstTransition(of: zone, after: instant)
        return next == self.bounds[zone] ? Int(self.initialOffsets[zone]) : Int(self.offsets[next - 1])
    }

    /// The smallest instant `t >= start` whose local time (`t + offset(t)`) is at or after `localTarget`
    /// (local seconds since the epoch). Walks the zone's offset pieces from `start`; each piece is linear.
    func firstInstant(from start: Int64, localAtLeast localTarget: Int64, zone: Int) -> Int64 {
        var next = self.firstTransition(of: zone, after: start)
        let end = self.bounds[zone + 1]
        var pieceStart = start
        var offset = next == self.bounds[zone] ? Int64(self.initialOffsets[zone]) : Int64(self.offsets[next - 1])
        while true {
            let candidate = max(pieceStart, localTarget - offset)
            if next == end || candidate < self.times[next] {
                return candidate
            }
            pieceStart = self.times[next]
            offset = Int64(self.offsets[next])
            next += 1
        }
    }
}
