/// One zone's offsets, read straight from the compiled store's span table: a holder that keeps one (the
/// engine's `LocalZone`, per account and per pool) converts instants without going through the store's lazily
/// initialised global (`swift_once` on every access) or the table's bounds checks.
///
/// A span covers 2^23 s (97 days) and holds the offset in force at its start and its only transition, so the
/// answer is cached until the zone's next transition: one load and one comparison. Instants outside 1970–2106
/// and spans with two transitions take the store's general path.
package struct ZoneOffsets: @unchecked Sendable, Hashable {
    /// The zone's `TimeZoneStore.spanCount` spans (immutable, and alive for the whole process).
    @usableFromInline
    let spans: UnsafePointer<TimeZoneStore.BucketSpan>
    package let zone: ZoneID

    /// `TimeZoneStore.spanShift` and `.spanCount` as literals, so inlined code reads no global for them.
    @inlinable static var spanShift: Int64 { 23 }
    @inlinable static var spanCount: Int { 512 }

    package init(_ zone: ZoneID) {
        precondition(Self.spanShift == TimeZoneStore.spanShift && Self.spanCount == TimeZoneStore.spanCount)
        self.spans = UnsafePointer(TimeZoneStore.shared.spanTable + Int(zone.index) * TimeZoneStore.spanCount)
        self.zone = zone
    }

    /// The UTC offset in force at `instant` (seconds since the epoch), in seconds.
    @inlinable @inline(__always)
    package func offset(at instant: Int64) -> Int {
        let index = instant >> Self.spanShift
        if UInt64(bitPattern: index) < UInt64(Self.spanCount) {
            if let offset = self.spans[Int(index)].offset(at: instant) { return offset }
        }
        return self.generalOffset(at: instant)
    }

    /// `offset(at:)` from the store's transition list (kept out of line, so the fast path inlines small).
    @usableFromInline @inline(never)
    func generalOffset(at instant: Int64) -> Int {
        TimeZoneStore.shared.generalOffset(of: Int(self.zone.index), at: instant)
    }

    /// `TimeZoneTable.firstInstant(atOrAfter:localAtLeast:in:)` in seconds since the epoch.
    @inlinable @inline(__always)
    package func firstInstant(from start: Int64, localAtLeast localTarget: Int64) -> Int64 {
        let index = start >> Self.spanShift
        if UInt64(bitPattern: index) < UInt64(Self.spanCount) {
            let span = self.spans[Int(index)]
            if let first = span.firstInstant(
                from: start,
                localAtLeast: localTarget,
                spanEnd: (index + 1) << Self.spanShift
            ) {
                return first
            }
        }
        return self.generalFirstInstant(from: start, localAtLeast: localTarget)
    }

    /// `firstInstant(from:localAtLeast:)` from the store's transition list (out of line).
    @usableFromInline @inline(never)
    func generalFirstInstant(from start: Int64, localAtLeast localTarget: Int64) -> Int64 {
        TimeZoneStore.shared.generalFirstInstant(from: start, localAtLeast: localTarget, zone: Int(self.zone.index))
    }

    package static func == (lhs: ZoneOffsets, rhs: ZoneOffsets) -> Bool {
        lhs.zone == rhs.zone
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(self.zone)
    }
}
