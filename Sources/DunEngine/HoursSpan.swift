import DunPolicy

/// What the policy's calling hours were found to be for accounts of one shape (`ContactPolicy.HoursShape`): for
/// every instant `t` in `[from, until)` the first instant at or after `t` the time-of-day rules allow is
/// `max(t, opening)`. A capacity pool asks about the same few shapes for thousands of waiters a shift, and each
/// fresh answer costs zone-table look-ups. A small direct-mapped cache; a slot holds the last answer for its key.
struct HoursSpan: Sendable {
    static let slots = 64

    var shape = ContactPolicy.HoursShape(zones: 0, flags: 0)
    var from = Int64.max
    var until = Int64.min
    var opening: Int64 = 0

    @inline(__always)
    static func slot(_ shape: ContactPolicy.HoursShape) -> Int {
        let mixed = (shape.zones ^ UInt64(shape.flags)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed >> 58) & (Self.slots - 1)
    }

    /// The first instant at or after `instant` the calling hours allow, when this span knows it.
    @inline(__always)
    func opening(_ shape: ContactPolicy.HoursShape, atOrAfter instant: Int64) -> Int64? {
        // Field by field: `==` of a type from another module goes through its witness table.
        guard
            instant >= self.from && instant < self.until && self.shape.zones == shape.zones
                && self.shape.flags == shape.flags
        else { return nil }
        return Swift.max(instant, self.opening)
    }
}
