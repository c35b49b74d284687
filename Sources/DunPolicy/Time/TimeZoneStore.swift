/// The compiled offsets of every IANA zone, flattened into a few arrays and built once per process.
///
/// `shared` is a `static let`, so Swift initialises it exactly once, thread-safely, on first use; after that
/// everything is immutable and lookups neither lock nor allocate.
///
/// It is `@unchecked Sendable` only for `spanTable`, a copy of `spans` that is written once in `init` and never
/// again (so a `ZoneOffsets` can keep a pointer into it).
@usableFromInline
final class TimeZoneStore: @unchecked Sendable {
    @usableFromInline
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
    /// Per zone `z` and bucket `b` (instants `b << bucketShift ..< (b + 1) << bucketShift`, from 1970 to 2106):
    /// `bucketFirst[z * bucketCount + b]` is the index of the zone's first transition at or after the bucket's
    /// start. A lookup then steps over the few transitions inside one bucket instead of binary-searching the
    /// zone's whole history (the policy and the engine convert instants several times per decision).
    let bucketFirst: [Int32]
    /// Per zone `z` and span `s` (instants `s << spanShift ..< (s + 1) << spanShift`, 1970 to 2106):
    /// `spans[z * spanCount + s]` holds the offset in force at the span's start and the span's only transition
    /// with the offset after it (`at == Int64.max` when the span has none). A span with two or more
    /// transitions has `at == Int64.min`, and lookups there take the general path. Most lookups are then one
    /// load and one comparison.
    @usableFromInline
    let spans: [BucketSpan]
    /// `spans` in memory that never moves (freed with the store; `shared` lives as long as the process).
    let spanTable: UnsafeMutablePointer<BucketSpan>
    static let bucketShift: Int64 = 24
    static let bucketCount = 256
    /// Spans of 2^23 s (97 days): shorter than the shortest gap between the two yearly transitions of
    /// daylight-saving zones (about 4 months), so nearly every span holds at most one transition.
    @usableFromInline
    static let spanShift: Int64 = 23
    @usableFromInline
    static let spanCount = 512

    @usableFromInline
    struct BucketSpan: Sendable {
        @usableFromInline
        var at: Int64
        @usableFromInline
        var before: Int32
        @usableFromInline
        var after: Int32

        /// The offset in force at `instant` (which lies in this span), or nil when the span has two or more
        /// transitions and the transition list must answer.
        @inlinable @inline(__always)
        func offset(at instant: Int64) -> Int? {
            guard self.at != Int64.min else { return nil }
            return Int(instant < self.at ? self.before : self.after)
        }

        /// The smallest instant `t >= start` (`start` in this span, which ends at `spanEnd`) whose local time is
        /// at or after `localTarget`, when no transition lies between `start` and it; nil otherwise.
        @inlinable @inline(__always)
        func firstInstant(from start: Int64, localAtLeast localTarget: Int64, spanEnd: Int64) -> Int64? {
            guard self.at != Int64.min else { return nil }
            // The offset in force from `start` up to the next transition (`at`, else the span's end).
            let offset = Int64(start < self.at ? self.before : self.after)
            let limit = start < self.at ? min(self.at, spanEnd) : spanEnd
            let candidate = max(start, localTarget - offset)
            return candidate < limit ? candidate : nil
        }
    }

    init(compiled: String) {
        // Parsed as bytes in one pass (the text is ASCII): no per-line or per-field arrays, so building the
        // store costs a few instructions per byte of its ~300 kB.
        var names: [String] = []
        var bounds: [Int] = [0]
        var times: [Int64] = []
        var offsets: [Int32] = []
        var initialOffsets: [Int32] = []
        var links: [(alias: String, target: String)] = []
        var countries: [(code: String, zones: String)] = []
        var table: [Int32] = []
        var compiled = compiled
        compiled.withUTF8 { bytes in
            var fields: [Range<Int>] = []
            var lineStart = 0
            while lineStart < bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count && bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                defer { lineStart = lineEnd + 1 }
                // Fields split at every space (empty fields kept), as `split(omittingEmptySubsequences: false)`.
                fields.removeAll(keepingCapacity: true)
                var fieldStart = lineStart
                for index in lineStart..<lineEnd where bytes[index] == UInt8(ascii: " ") {
                    fields.append(fieldStart..<index)
                    fieldStart = index + 1
                }
                fields.append(fieldStart..<lineEnd)
                guard fields.count >= 3, fields[0].count == 1 else { continue }
                func text(_ field: Int) -> String {
                    String(decoding: UnsafeBufferPointer(rebasing: bytes[fields[field]]), as: UTF8.self)
                }
                switch bytes[fields[0].lowerBound] {
                case UInt8(ascii: "Z") where fields.count >= 4:
                    // Z name initialIndex offsets [transitions]
                    names.append(text(1))
                    table.removeAll(keepingCapacity: true)
                    Self.forEachItem(bytes, fields[3]) { item in
                        table.append(Int32(Self.integer(bytes, item, radix: 10)))
                    }
                    initialOffsets.append(table[Int(Self.integer(bytes, fields[2], radix: 10))])
                    if fields.count > 4 {
                        var previous: Int64 = 0
                        Self.forEachItem(bytes, fields[4]) { token in
                            guard let dot = token.first(where: { bytes[$0] == UInt8(ascii: ".") }) else { return }
                            var delta = token.lowerBound..<dot
                            var scale: Int64 = 60
                            if !delta.isEmpty && bytes[delta.lowerBound] == UInt8(ascii: "~") {
                                delta = delta.dropFirst()
                                scale = 1
                            }
                            previous += Self.integer(bytes, delta, radix: 36) * scale
                            times.append(previous)
                            offsets.append(table[Int(Self.integer(bytes, (dot + 1)..<token.upperBound, radix: 10))])
                        }
                    }
                    bounds.append(times.count)
                case UInt8(ascii: "L"):
                    links.append((text(1), text(2)))
                case UInt8(ascii: "C"):
                    countries.append((text(1), text(2)))
                default:
                    continue
                }
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
        var bucketFirst: [Int32] = []
        bucketFirst.reserveCapacity(sortedNames.count * Self.bucketCount)
        var spans: [BucketSpan] = []
        spans.reserveCapacity(sortedNames.count * Self.spanCount)
        sortedTimes.withUnsafeBufferPointer { times in
            for zone in sortedNames.indices {
                let first = sortedBounds[zone]
                let end = sortedBounds[zone + 1]
                guard first < end else {
                    // A zone without transitions: one offset everywhere.
                    let offset = sortedInitial[zone]
                    bucketFirst.append(contentsOf: repeatElement(Int32(first), count: Self.bucketCount))
                    spans.append(
                        contentsOf: repeatElement(
                            BucketSpan(at: Int64.max, before: offset, after: offset),
                            count: Self.spanCount
                        )
                    )
                    continue
                }
                var index = first
                for bucket in 0..<Self.bucketCount {
                    let start = Int64(bucket) << Self.bucketShift
                    while index < end && times[index] < start { index += 1 }
                    bucketFirst.append(Int32(index))
                }
                // The zone's first transition at or after the span's start, and one past its last transition at
                // or before the span's start (both only move forward).
                var inSpan = first
                var passed = first
                for span in 0..<Self.spanCount {
                    let start = Int64(span) << Self.spanShift
                    let next = start + (Int64(1) << Self.spanShift)
                    while inSpan < end && times[inSpan] < start { inSpan += 1 }
                    var last = inSpan
                    while last < end && times[last] < next { last += 1 }
                    while passed < end && times[passed] <= start { passed += 1 }
                    let before = passed == first ? sortedInitial[zone] : sortedOffsets[passed - 1]
                    switch last - inSpan {
                    case 0: spans.append(BucketSpan(at: Int64.max, before: before, after: before))
                    case 1: spans.append(BucketSpan(at: times[inSpan], before: before, after: sortedOffsets[inSpan]))
                    default: spans.append(BucketSpan(at: Int64.min, before: before, after: before))
                    }
                }
            }
        }
        self.bucketFirst = bucketFirst
        self.spans = spans
        self.spanTable = UnsafeMutablePointer.allocate(capacity: spans.count)
        self.spanTable.initialize(from: spans, count: spans.count)
    }

    deinit {
        self.spanTable.deallocate()
    }

    /// A non-negative integer in `radix` (digits 0-9, then lower-case letters; other bytes are skipped); an
    /// optional leading `-`.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, radix: Int64) -> Int64 {
        var value: Int64 = 0
        var negative = false
        for index in range {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "-"): negative = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value * radix + Int64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = value * radix + Int64(byte - UInt8(ascii: "a")) + 10
            default: continue
            }
        }
        return negative ? -value : value
    }

    /// Calls `body` with each non-empty comma-separated item of `range`.
    static func forEachItem(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ body: (Range<Int>) -> Void) {
        var start = range.lowerBound
        for index in range where bytes[index] == UInt8(ascii: ",") {
            if index > start { body(start..<index) }
            start = index + 1
        }
        if range.upperBound > start { body(start..<range.upperBound) }
    }

    /// The index of the first transition of `zone` that is after `instant` (the zone's end bound when none is).
    @inline(__always)
    func firstTransition(of zone: Int, after instant: Int64) -> Int {
        let bucket = instant >> Self.bucketShift
        if bucket >= 0 && bucket < Self.bucketCount {
            let end = self.bounds[zone + 1]
            return self.times.withUnsafeBufferPointer { times in
                var index = Int(self.bucketFirst[zone &* Self.bucketCount &+ Int(bucket)])
                while index < end && times[index] <= instant { index &+= 1 }
                return index
            }
        }
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
    @inlinable
    func offset(of zone: Int, at instant: Int64) -> Int {
        let index = instant >> Self.spanShift
        if index >= 0 && index < Self.spanCount {
            if let offset = self.spans[zone &* Self.spanCount &+ Int(index)].offset(at: instant) { return offset }
        }
        return self.generalOffset(of: zone, at: instant)
    }

    /// The offset in force at `instant` in `zone`, from the transition list (any instant, any bucket).
    @usableFromInline
    func generalOffset(of zone: Int, at instant: Int64) -> Int {
        let next = self.firstTransition(of: zone, after: instant)
        return next == self.bounds[zone] ? Int(self.initialOffsets[zone]) : Int(self.offsets[next - 1])
    }

    /// The smallest instant `t >= start` whose local time (`t + offset(t)`) is at or after `localTarget`
    /// (local seconds since the epoch). Walks the zone's offset pieces from `start`; each piece is linear.
    @inlinable
    func firstInstant(from start: Int64, localAtLeast localTarget: Int64, zone: Int) -> Int64 {
        // Usually no transition lies between `start` and the answer: the span table then answers directly.
        let index = start >> Self.spanShift
        if index >= 0 && index < Self.spanCount {
            let span = self.spans[zone &* Self.spanCount &+ Int(index)]
            if let first = span.firstInstant(
                from: start,
                localAtLeast: localTarget,
                spanEnd: (index + 1) << Self.spanShift
            ) {
                return first
            }
        }
        return self.generalFirstInstant(from: start, localAtLeast: localTarget, zone: zone)
    }

    /// `firstInstant(from:localAtLeast:zone:)` from the transition list alone (any instant).
    @usableFromInline
    func generalFirstInstant(from start: Int64, localAtLeast localTarget: Int64, zone: Int) -> Int64 {
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
