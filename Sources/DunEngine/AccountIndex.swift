/// The engine's dense index of an account: the position at which `SchedulerEngine.addAccount(_:)` stored it.
///
/// Per-account state lives in arrays indexed by this value, so it is an `Int32` (four bytes in every queue
/// entry) rather than the operator's string id.
public struct AccountIndex: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The position in the engine's account arrays, `0..<accountCount`.
    public var rawValue: Int32

    /// Creates an index from its raw position.
    public init(_ rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// Creates an index from an `Int` position (traps when it does not fit in 32 bits).
    public init(_ position: Int) {
        self.rawValue = Int32(position)
    }

    /// The position as an `Int`, for array subscripts.
    public var position: Int { Int(self.rawValue) }

    public static func < (lhs: AccountIndex, rhs: AccountIndex) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `#N`.
    public var description: String { "#\(self.rawValue)" }
}

/// Identifies one dispatched attempt; the driver hands it back with the attempt's result.
///
/// The high 32 bits are the account index and the low 32 bits the account's attempt serial (1, 2, …), so
/// the id is unique within one engine, stable across runs with the same inputs, and maps back to the account
/// without a lookup.
public struct AttemptID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: UInt64

    /// Creates an id from its raw value.
    public init(rawValue: UInt64) {
        self.rawValue = rawValue
    }

    /// Creates the id of an account's `serial`-th attempt.
    public init(account: AccountIndex, serial: UInt32) {
        self.rawValue = UInt64(UInt32(bitPattern: account.rawValue)) << 32 | UInt64(serial)
    }

    /// The account the attempt was made for.
    public var account: AccountIndex {
        AccountIndex(Int32(bitPattern: UInt32(truncatingIfNeeded: self.rawValue >> 32)))
    }

    /// The account's attempt serial, starting at 1.
    public var serial: UInt32 { UInt32(truncatingIfNeeded: self.rawValue) }

    public static func < (lhs: AttemptID, rhs: AttemptID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `A<account>.<serial>`.
    public var description: String { "A\(self.account.rawValue).\(self.serial)" }
}
