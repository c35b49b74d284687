public import DunCore

/// One engine input of a live run, as journaled: written durably before any effect of it is released, and
/// replayed in `sequence` order after a restart so the deterministic engine reaches the same state.
public struct JournalEntry: Hashable, Sendable {
    /// The run the input belongs to.
    public var runID: String
    /// 1, 2, 3, … within the run, without gaps.
    public var sequence: Int64
    /// The engine instant the input was handled at.
    public var at: UTCInstant
    /// The input kind (`account`, `enrol`, `timer`, `result`, …), owned by the runner's codec.
    public var kind: String
    /// The input's fields, owned by the runner's codec.
    public var payload: String

    /// Creates an entry.
    public init(runID: String, sequence: Int64, at: UTCInstant, kind: String, payload: String) {
        self.runID = runID
        self.sequence = sequence
        self.at = at
        self.kind = kind
        self.payload = payload
    }
}
