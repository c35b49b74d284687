import DunPolicy

/// A stretch `[from, until)` in which a campaign step's window is open in a zone, on a day that is not blacked
/// out: the line serves accounts of a few zones and steps, shift after shift, and each fresh answer costs
/// zone-table look-ups. A small direct-mapped cache; a slot holds the last stretch found for its key.
struct WindowSpan: Sendable {
    static let slots = 64

    var campaign: Int32 = -1
    var step: Int32 = -1
    var zone = LocalZone.utc
    var from = Int64.max
    var until = Int64.min

    @inline(__always)
    static func slot(campaign: Int, step: Int, zone: LocalZone) -> Int {
        let zoneKey = Int(zone.zone?.index ?? 0xFFFF) &+ Int(truncatingIfNeeded: zone.fixedOffset)
        return (campaign &* 37 &+ step &* 11 &+ zoneKey) & (Self.slots - 1)
    }

    @inline(__always)
    func covers(campaign: Int, step: Int, zone: LocalZone, at instant: Int64) -> Bool {
        instant >= self.from && instant < self.until && self.campaign == Int32(truncatingIfNeeded: campaign)
            && self.step == Int32(truncatingIfNeeded: step) && self.zone == zone
    }
}
