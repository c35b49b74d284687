package import DunCore

extension ContactPolicy {
    /// What the time-of-day rules of an account without inconvenient-time designations depend on: its candidate
    /// zones (up to four, in order) and whether the UK hours apply. Accounts with the same shape have the same
    /// calling hours, so an answer for one holds for all of them.
    package struct HoursShape: Sendable, Equatable {
        package var zones: UInt64
        package var flags: UInt8

        package init(zones: UInt64, flags: UInt8) {
            self.zones = zones
            self.flags = flags
        }
    }

    /// The account's calling-hours shape; nil when the hours depend on more than the shape (inconvenient-time
    /// designations, which the one-reply exception and consumer events change) or it has more than four zones.
    /// `account` is `inout` only so that the engine can lend an array element in place; it is not changed.
    package static func hoursShape(of account: inout PolicyAccount) -> HoursShape? {
        guard !account.hasDesignations, account.zoneCount <= 4 else { return nil }
        let uk: UInt8 = account.has(.unitedKingdom) ? 8 : 0
        return HoursShape(zones: account.zonePack, flags: UInt8(account.zoneCount) | uk)
    }

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

    /// `callingHoursOpening` with how long its answer holds: for every instant `t` in `[start, until)` the
    /// answer is `max(t, opening)` (no instant of `[start, opening)` is open, each release of the search being
    /// exact, and `[opening, until)` is open in every candidate zone). `until` is `start` (nothing known beyond
    /// `start`) for an account with designations, and `opening` when the open stretch cannot be bounded (a
    /// zone's offset changes within it). Nil when `callingHoursOpening` is nil.
    package func callingHoursStretch(
        atOrAfter start: Int64,
        channel: Channel,
        account: PolicyAccount,
        ledger: ContactLedger
    ) -> (opening: Int64, until: Int64)? {
        guard
            let opening = self.callingHoursOpening(atOrAfter: start, channel: channel, account: account, ledger: ledger)
        else { return nil }
        guard !account.hasDesignations else { return (opening, start) }
        return (opening, self.callingHoursClose(openAt: opening, channel: channel, account: account) ?? opening)
    }

    /// The first instant after `opening` (an instant the time-of-day rules allow) at which some candidate zone's
    /// local time passes the last permitted second; nil when a zone's UTC offset changes before then.
    private func callingHoursClose(openAt opening: Int64, channel: Channel, account: PolicyAccount) -> Int64? {
        // The same bounds as `checkTime`: 08:00:01 ... 20:55:00 for calls (20:59:59 for messages), narrowed by
        // the UK hours.
        var hi = channel.isVoiceCall ? Self.dayEndCalls : Self.dayEndMessages
        if account.has(.unitedKingdom) {
            hi = min(hi, self.ukHours.to.minuteOfDay * 60 - (channel.isVoiceCall ? 300 : 1))
        }
        var until = Int64.max
        for zoneIndex in 0..<account.zoneCount {
            let zone = account.zone(zoneIndex)
            let offset = Int64(TimeZoneTable.offsetSeconds(of: zone, at: UTCInstant(secondsSinceEpoch: opening)))
            let local = opening + offset
            let close = local.epochDay * 86_400 + Int64(hi) + 1
            guard close > local else { return nil }
            let closeUTC = close - offset
            let later = Int64(TimeZoneTable.offsetSeconds(of: zone, at: UTCInstant(secondsSinceEpoch: closeUTC - 1)))
            guard later == offset else { return nil }
            until = min(until, closeUTC)
        }
        return until == Int64.max ? nil : until
    }
}
