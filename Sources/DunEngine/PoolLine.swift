/// The waiting line of one capacity pool.
///
/// - `waiters`: enrolments whose contact is ready, served in (priority key, sequence) order (a `WaitingLine`);
///   the sequence is taken when the enrolment joins the line and grows with time, so it orders equal keys by
///   ready instant.
///   `instant` holds the priority key (`priority` is unused, 0).
/// - `parked`: enrolments in line whose own hours (the step's window, the debtor's calling hours, the pool's
///   working hours) are closed, ordered by the instant they next all open (`instant`), with the priority key in
///   `priority` and the original sequence kept. At that instant they return to `waiters` in their old place,
///   without a decision; the policy judges them when they are served.
/// - `windowSpans`: stretches in which a step's window is known to be open in a zone (see `WindowSpan`).
/// - `hoursSpans`: what the policy's calling hours were found to be per account shape (see `HoursSpan`).
///
/// Entries are cancelled lazily: an entry whose owner's `waitTicket` moved on (the enrolment left the line,
/// ended or rejoined) is stale and dropped when it reaches the front.
struct PoolLine: Sendable {
    var waiters = WaitingLine()
    var parked = DueQueue()
    var windowSpans = [WindowSpan](repeating: WindowSpan(), count: WindowSpan.slots)
    var hoursSpans = [HoursSpan](repeating: HoursSpan(), count: HoursSpan.slots)
    /// No parked entry falls due before this instant (a lower bound: stale entries may keep it early), so that
    /// a drain at an earlier instant skips the parked queue.
    var parkedFrom = Int64.max

    /// Parks `entry` (see `parked`).
    mutating func park(_ entry: DueQueue.Entry) {
        self.parkedFrom = Swift.min(self.parkedFrom, entry.instant)
        self.parked.enqueue(entry)
    }
}
