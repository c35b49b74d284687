/// The waiting line of one capacity pool: enrolments whose contact is ready, ordered by (priority key, ready
/// instant, sequence).
///
/// Entries are cancelled lazily: an entry whose owner's `waitTicket` moved on (the enrolment left the line,
/// ended or rejoined) is stale and dropped when it reaches the front.
struct PoolLine: Sendable {
    /// Waiting enrolments: `instant` holds the priority key, `priority` the ready instant.
    var waiters = DueQueue()
}
