import DunPolicy

/// A stretch `[from, until)` in which a campaign step's window is open in a zone, on a day that is not blacked
/// out: the line serves accounts of a few zones and steps, shift after shift, and each fresh answer costs
/// zone-table look-ups. A small direct-mapped cache; a slot holds the last stretch found for its key.
struct WindowSpan: Sendable {
    static let slots = 64

    var campaign: Int32 = -1
    var step: Int32 = -1
    /// The zone as `key(of:)`: two integers compared, where comparing `LocalZone`s goes through the
    /// `Equatable` witness of the policy's `ZoneOffsets` (a call through a table per look-up).
    var zoneKey: Int64 = -1
    var from = Int64.max
    var until = Int64.min

    init() {}

    init(campaign: Int32, step: Int32, zoneKey: Int64, from: Int64, until: Int64) {
        self.campaign = campaign
        self.step = step
        self.zoneKey = zoneKey
        self.from = from
        self.until = until
    }

    /// A number equal for two zones exactly when they are equal: the IANA zone's index (`0x1_0000` for none)
    /// above the fixed offset's 32 bits.
    @inline(__always)
    static func key(of zone: LocalZone) -> Int64 {
        let index = zone.offsets.map { Int64($0.zone.index) } ?? 0x1_0000
        return index << 32 | Int64(UInt32(bitPattern: zone.fixedSeconds))
    }

    @inline(__always)
    static func slot(campaign: Int, step: Int, zoneKey: Int64) -> Int {
        (campaign &* 37 &+ step &* 11 &+ Int(truncatingIfNeeded: zoneKey >> 32) &+ Int(truncatingIfNeeded: zoneKey))
            & (Self.slots - 1)
    }

    @inline(__always)
    func covers(campaign: Int, step: Int, zoneKey: Int64, at instant: Int64) -> Bool {
        instant >= self.from && instant < self.until && self.campaign == Int32(truncatingIfNeeded: campaign)
            && self.step == Int32(truncatingIfNeeded: step) && self.zoneKey == zoneKey
    }
}
