package import DunCore

extension ContactPolicy {
    /// The first instant at or after `start` at which the time-of-day rules alone allow a contact on `channel`
    /// (RF-6-TIME in every candidate zone, the UK and CN hours, the consumer's inconvenient times with the
    /// one-reply exception); nil when they never do (no zone is known) or not within the search horizon.
    ///
    /// Only the time of day: other rules may still block the contact then, so this is a lower bound on the next
    /// permitted instant, never a permission. The engine uses it to keep a capacity pool's waiting line from
    /// serving an account whose calling hours are closed; `evaluate` still judges every contact.
    package func callingHoursOpening(
        atOrAfter start: Int64,
        channel: Channel,
        account: PolicyAccount,
        ledger: ContactLedger
    ) -> Int64? {
        let replyAt = ledger.replyAt[ContactLedger.medium(channel)]
        var current = start
        for _ in 0..<64 {
            var scan = Scan()
            let replyAllowed = Self.replyAllowed(replyAt, at: current)
            self.checkTime(at: current, channel: channel, account, replyAllowed: replyAllowed, into: &scan)
            guard scan.blocked else { return current }
            guard scan.maxRelease != Hit.terminal, scan.maxRelease - start <= Self.horizonSeconds else { return nil }
            current = Swift.max(scan.maxRelease, current + 1)
        }
        return nil
    }
}
