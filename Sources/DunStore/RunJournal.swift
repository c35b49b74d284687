public import DunCore

/// The live runner's write-ahead journal of engine inputs, and its one-transaction turn commit.
///
/// Contract:
/// - `commit` is one transaction: the batch's journal entries, attempt transitions, results, consumer events,
///   decisions and enrolments are all durable when it returns, or none is when it throws.
/// - Journal entries of a run have consecutive sequences starting at 1; `commit` throws when a sequence is
///   already taken (two runners on one run id), so a second runner cannot interleave its inputs.
/// - `journal(runID:)` returns a run's entries in sequence order.
public protocol RunJournal: Sendable {
    /// Commits one runner turn.
    ///
    /// - Returns: what `beginAttempt` found for each of `batch.begins`, in order.
    func commit(_ batch: RunBatch, at: UTCInstant) throws -> [AttemptBegin]

    /// Every journaled input of `runID`, in sequence order.
    func journal(runID: String) throws -> [JournalEntry]

    /// The sequence of the newest audit-log entry (0 when the log is empty): where a new run starts reading
    /// other processes' writes.
    func auditHighWater() throws -> Int64
}
