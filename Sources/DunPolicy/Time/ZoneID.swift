/// A compact handle to an IANA time zone: an index into the process-wide immutable zone table.
///
/// Indices are deterministic: they are the positions of the canonical zone names in the sorted list compiled
/// into `TimeZoneTable` (a given tz database release always gives the same index to the same zone). Link names
/// (`US/Eastern`, `Asia/Calcutta`) resolve to their canonical zone, so equal zones have equal ids.
public struct ZoneID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let index: UInt16

    init(index: UInt16) {
        self.index = index
    }

    /// The index, for compact storage (e.g. in a per-account ledger).
    public var rawValue: UInt16 {
        self.index
    }

    /// Recreates a zone from a stored `rawValue`. Only pass values read from `rawValue` in this process (or in
    /// one built from the same tz release): an index outside the table traps on use.
    public init(rawValue: UInt16) {
        self.index = rawValue
    }

    public static func < (lhs: ZoneID, rhs: ZoneID) -> Bool {
        lhs.index < rhs.index
    }

    /// The canonical IANA name, e.g. `America/New_York`.
    public var description: String {
        TimeZoneTable.name(of: self)
    }
}
