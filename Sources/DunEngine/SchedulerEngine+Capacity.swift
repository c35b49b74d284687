import DunCore
import DunPolicy

// MARK: - Capacity pools

extension SchedulerEngine {
    /// How far ahead `servingInstant` searches for the step's window, the calling hours and the pool's hours
    /// to be open together: a week and a day covers every weekly pattern.
    private static let jointSearchSeconds: Int64 = 8 * 86_400

    /// `PoolState.hoursOpening`, answered without a write access to the pool (a uniqueness check) and without a
    /// call when the hours are known open, or known closed until an opening (a full pool is asked about its
    /// closed hours at every join).
    @inline(__always)
    mutating func poolHoursOpening(_ pool: Int, atOrAfter instant: Int64) -> Int64 {
        if let known = self.pools[pool].knownOpening(atOrAfter: instant) { return known }
        return self.pools[pool].hoursOpening(atOrAfter: instant)
    }

    /// Whether an attempt may be dispatched by `pool` at `time`: room first, then the hours (`poolHoursOpening`).
    @inline(__always)
    mutating func poolCanDispatch(_ pool: Int, at time: Int64) -> Bool {
        self.pools[pool].hasRoom(at: time) && self.poolHoursOpening(pool, atOrAfter: time) == time
    }

    @inline(__always)
    func isWaiting(_ entry: DueQueue.Entry) -> Bool {
        self.states[Int(entry.owner)].cursor.waitTicket == entry.generation
            && self.states[Int(entry.owner)].cursor.phase == .waitingForCapacity
    }

    /// Drops the stale entries at the front of the pool's line. Usually the first waiter is current: that is
    /// found with reads alone, without a write access to the line (a uniqueness check), which only popping needs.
    @inline(__always)
    mutating func dropStaleWaiters(_ pool: Int) {
        if let top = self.lines[pool].waiters.min, !self.isWaiting(top) { self.popStaleWaiters(pool) }
    }

    @inline(never)
    private mutating func popStaleWaiters(_ pool: Int) {
        while let top = self.lines[pool].waiters.min, !self.isWaiting(top) {
            self.lines[pool].waiters.popMin()
        }
    }

    /// `dropStaleWaiters` for the parked entries.
    @inline(__always)
    private mutating func dropStaleParked(_ pool: Int) {
        if let top = self.lines[pool].parked.min, !self.isWaiting(top) { self.popStaleParked(pool) }
    }

    @inline(never)
    private mutating func popStaleParked(_ pool: Int) {
        while let top = self.lines[pool].parked.min, !self.isWaiting(top) {
            self.lines[pool].parked.popMin()
        }
    }

    /// Whether a ready contact on `pool` must wait its turn: the pool is full or closed at `time`, or someone is
    /// already waiting. Inlined into the decision, which asks it for every contact on a pool's channel. The pool
    /// is asked first: it is usually full, and then the line's front (another account's cursor, to tell a stale
    /// entry) is not read; stale entries are dropped when the line is next served instead, which serves the same
    /// waiters in the same order.
    @inline(__always)
    mutating func mustWait(forPool pool: Int, at time: Int64) -> Bool {
        guard self.poolCanDispatch(pool, at: time) else { return true }
        self.dropStaleWaiters(pool)
        return !self.lines[pool].waiters.isEmpty
    }

    /// When the account's current step can next be served by `pool`, at or after `time`: the first instant at
    /// which the pool works, the step's window is open in the debtor's zone (not on a blackout date) and the
    /// debtor's calling hours are open (the policy's time-of-day rules). `time` itself means now.
    ///
    /// The search looks `jointSearchSeconds` ahead; when nothing opens by then it answers where it stopped (the
    /// enrolment is looked at again then), and never later than the campaign's `after_days` stop (the enrolment
    /// is ended when it is looked at then). A hint only: being served still means a full decision, so a hint
    /// that is too early costs a deferral, and an exact one saves the decisions of every shift start the
    /// account could not use.
    private mutating func servingInstant(_ account: Int, pool: Int, at time: Int64, poolOpen: Bool) -> Int64 {
        let cursor = self.states[account].cursor
        let campaign = Int(cursor.campaign)
        let stepIndex = Int(cursor.step)
        let zone = self.states[account].record.zone
        // The pool serves one channel: the step's (the pool was chosen by it).
        let channel = self.pools[pool].channel
        let limit = time + Self.jointSearchSeconds
        var candidate = time
        while candidate <= limit {
            // The caller knows whether the pool works at `time`: no need to ask again then.
            let shift = poolOpen && candidate == time ? time : self.poolHoursOpening(pool, atOrAfter: candidate)
            guard shift != EnrolmentCursor.never else {
                candidate = EnrolmentCursor.never
                break
            }
            let window = self.windowOpening(
                pool: pool,
                campaign: campaign,
                step: stepIndex,
                zone: zone,
                atOrAfter: shift
            )
            if window != shift {
                candidate = window
                continue
            }
            let hours = self.callingHoursOpening(account, pool: pool, channel: channel, atOrAfter: window)
            if hours != window {
                candidate = hours
                continue
            }
            candidate = window
            break
        }
        if let days = self.compiled[campaign].stopAfterDays {
            let stop = cursor.enrolledAt + days * 86_400
            candidate = Swift.min(candidate, Swift.max(stop, time))
        }
        return candidate
    }

    /// Whether `servingInstant` answers `time` for a pool that works at `time` because the pool's spans know the
    /// step's window and the account's calling hours open then: the usual case for a waiter served, answered
    /// inline with reads alone (the search, its stop-day clamp, which cannot move `time`, and the span updates
    /// stay out of line).
    @inline(__always)
    private func knownServable(_ account: Int, pool: Int, at time: Int64) -> Bool {
        let campaign = Int(self.states[account].cursor.campaign)
        let step = Int(self.states[account].cursor.step)
        let zoneKey = WindowSpan.key(of: self.states[account].record.zone)
        let slot = WindowSpan.slot(campaign: campaign, step: step, zoneKey: zoneKey)
        guard self.lines[pool].windowSpans[slot].covers(campaign: campaign, step: step, zoneKey: zoneKey, at: time)
        else { return false }
        guard let shape = self.hoursShape(of: account) else { return false }
        return self.lines[pool].hoursSpans[HoursSpan.slot(shape)].opening(shape, atOrAfter: time) == time
    }

    /// The step's window's next opening at or after `instant` in `zone` (`CompiledWindow.nextOpening`), answered
    /// from the pool's window spans when one covers `instant`; an opening at `instant` itself is remembered up to
    /// the window's local closing second, when the zone's offset does not change before then (so the same local
    /// day, not blacked out, runs straight through the span).
    mutating func windowOpening(
        pool: Int,
        campaign: Int,
        step: Int,
        zone: LocalZone,
        atOrAfter instant: Int64
    ) -> Int64 {
        let zoneKey = WindowSpan.key(of: zone)
        let slot = WindowSpan.slot(campaign: campaign, step: step, zoneKey: zoneKey)
        if self.lines[pool].windowSpans[slot].covers(campaign: campaign, step: step, zoneKey: zoneKey, at: instant) {
            return instant
        }
        let blackout = self.compiled[campaign].hasBlackout ? self.compiled[campaign].blackout : nil
        let window = self.compiled[campaign].windows[step]
        let opening = window.nextOpening(atOrAfter: instant, zone: zone, blackout: blackout)
        guard opening == instant, let until = window.openUntil(from: instant, zone: zone) else { return opening }
        self.lines[pool].windowSpans[slot] = WindowSpan(
            campaign: Int32(truncatingIfNeeded: campaign),
            step: Int32(truncatingIfNeeded: step),
            zoneKey: zoneKey,
            from: instant,
            until: until
        )
        return opening
    }

    /// The policy's calling hours for `account` at or after `instant` (`instant` itself when they never open:
    /// the contact is judged then), answered from the pool's hours spans when one covers `instant` for the
    /// account's shape. Inlined: asked for every waiter served, and almost always answered by a span.
    @inline(__always)
    private mutating func callingHoursOpening(
        _ account: Int,
        pool: Int,
        channel: Channel,
        atOrAfter instant: Int64
    ) -> Int64 {
        let shape = self.hoursShape(of: account)
        if let shape,
            let opening = self.lines[pool].hoursSpans[HoursSpan.slot(shape)].opening(shape, atOrAfter: instant)
        {
            return opening
        }
        return self.lookUpCallingHours(account, pool: pool, channel: channel, shape: shape, atOrAfter: instant)
    }

    /// The account's calling-hours shape (`ContactPolicy.hoursShape(of:)`), with the account lent in place through
    /// the array's buffer: `hoursShape(of:)` takes it `inout` only to borrow it and never changes it, so a write
    /// access to the array (a uniqueness check per waiter served) is not needed, and a copy of the account would
    /// retain and release its storage.
    @inline(__always)
    private func hoursShape(of account: Int) -> ContactPolicy.HoursShape? {
        self.policyAccounts.withUnsafeBufferPointer { accounts in
            precondition(accounts.indices.contains(account), "no account at \(account)")
            return ContactPolicy.hoursShape(
                of: &UnsafeMutablePointer(mutating: accounts.baseAddress! + account).pointee
            )
        }
    }

    /// `callingHoursOpening` when no span answers: asks the policy, and remembers the answer for the account's
    /// shape when it has one.
    @inline(never)
    private mutating func lookUpCallingHours(
        _ account: Int,
        pool: Int,
        channel: Channel,
        shape: ContactPolicy.HoursShape?,
        atOrAfter instant: Int64
    ) -> Int64 {
        guard let shape else {
            return Self.callingHoursOpening(
                atOrAfter: instant,
                channel: channel,
                policy: self.configuration.policy,
                account: &self.policyAccounts[account],
                ledger: &self.ledgers[account]
            ) ?? instant
        }
        guard
            let stretch = Self.callingHoursStretch(
                atOrAfter: instant,
                channel: channel,
                policy: self.configuration.policy,
                account: &self.policyAccounts[account],
                ledger: &self.ledgers[account]
            )
        else { return instant }
        self.lines[pool].hoursSpans[HoursSpan.slot(shape)] = HoursSpan(
            shape: shape,
            from: instant,
            until: stretch.until,
            opening: stretch.opening
        )
        return stretch.opening
    }

    @inline(__always)
    private static func callingHoursStretch(
        atOrAfter instant: Int64,
        channel: Channel,
        policy: ContactPolicy,
        account: inout PolicyAccount,
        ledger: inout ContactLedger
    ) -> (opening: Int64, until: Int64)? {
        policy.callingHoursStretch(atOrAfter: instant, channel: channel, account: account, ledger: ledger)
    }

    /// The policy's calling hours, with the account and ledger borrowed in place (see `judge`).
    @inline(__always)
    private static func callingHoursOpening(
        atOrAfter instant: Int64,
        channel: Channel,
        policy: ContactPolicy,
        account: inout PolicyAccount,
        ledger: inout ContactLedger
    ) -> Int64? {
        policy.callingHoursOpening(atOrAfter: instant, channel: channel, account: account, ledger: ledger)
    }

    /// Puts a ready enrolment in the pool's waiting line and lets the pool serve whoever now comes first.
    ///
    /// The policy has not judged the contact yet: it does when the enrolment is served (being in line is not a
    /// contact). An enrolment whose own hours are closed now is parked until they next open together with the
    /// pool's. A CAPACITY deferral is recorded when the pool is full or closed: once per wait, however many
    /// shifts the wait lasts.
    mutating func joinWaiters(_ account: Int, pool: Int, at time: Int64, into actions: inout [EngineAction]) {
        let cursor = Self.enterLine(&self.states[account].cursor)
        // The step's window was just found open; when the pool works now (only its seats or rate are taken),
        // the enrolment waits in the line and its hours are checked when it comes first.
        let poolOpen = self.poolHoursOpening(pool, atOrAfter: time) == time
        let opening = poolOpen ? time : self.servingInstant(account, pool: pool, at: time, poolOpen: false)
        let sequence = self.nextSequence()
        if opening == time {
            self.lines[pool].waiters.insert(
                DueQueue.Entry(
                    instant: cursor.priorityKey,
                    priority: 0,
                    sequence: sequence,
                    owner: Int32(account),
                    generation: cursor.waitTicket
                )
            )
        } else {
            self.lines[pool].park(
                DueQueue.Entry(
                    instant: opening,
                    priority: cursor.priorityKey,
                    sequence: sequence,
                    owner: Int32(account),
                    generation: cursor.waitTicket
                )
            )
        }
        if !poolOpen || !self.pools[pool].hasRoom(at: time) {
            var until: Int64? = opening
            if opening == time {
                until = self.pools[pool].waitsForSeat ? nil : self.pools[pool].nextOpportunity(after: time)
            } else if opening == EnrolmentCursor.never {
                until = nil
            }
            self.statistics.deferred += 1
            actions.append(
                .deferred(
                    Deferral(
                        account: AccountIndex(account),
                        campaign: Int(cursor.campaign),
                        step: Int(cursor.step),
                        channel: self.pools[pool].channel,
                        rule: ActionTexts.capacityRule,
                        why: .text(ActionTexts.capacityReason),
                        at: UTCInstant(secondsSinceEpoch: time),
                        until: until ?? Deferral.noUntil
                    )
                )
            )
        }
        // With every seat taken nothing can be served and no timer is needed: the next result drains the pool.
        guard !self.pools[pool].waitsForSeat else { return }
        self.drainPool(pool, at: time, into: &actions)
    }

    /// Marks the cursor as waiting in a line with a new ticket, in place (one access to the account's state);
    /// returns what the line's entry and the deferral need from it.
    @inline(__always)
    private static func enterLine(
        _ cursor: inout EnrolmentCursor
    ) -> (waitTicket: UInt32, priorityKey: Int64, campaign: Int16, step: Int16) {
        cursor.waitTicket &+= 1
        cursor.phase = .waitingForCapacity
        cursor.stepDue = EnrolmentCursor.never
        return (cursor.waitTicket, cursor.priorityKey, cursor.campaign, cursor.step)
    }

    /// Moves the parked enrolments whose hours have opened back into the line, in their old places. Inlined:
    /// asked at every drain, and almost always answered by one comparison (nothing parked falls due yet).
    @inline(__always)
    private mutating func unpark(_ pool: Int, at time: Int64) {
        if time >= self.lines[pool].parkedFrom { self.unparkDue(pool, at: time) }
    }

    @inline(never)
    private mutating func unparkDue(_ pool: Int, at time: Int64) {
        defer { self.lines[pool].parkedFrom = self.lines[pool].parked.min?.instant ?? Int64.max }
        while let top = self.lines[pool].parked.min, top.instant <= time {
            self.lines[pool].parked.popMin()
            // Moved without reading the enrolment's cursor (hours open for many parked enrolments at once, each
            // cursor a cache miss): one that has left the wait meanwhile is stale in the line as it was parked, and
            // dropped when it reaches the front, as the line's own stale entries are. Same live order.
            self.lines[pool].waiters.insert(
                DueQueue.Entry(
                    instant: top.priority,
                    priority: 0,
                    sequence: top.sequence,
                    owner: top.owner,
                    generation: top.generation
                )
            )
        }
    }

    /// Serves waiters while the pool has room, parking those whose own hours are closed; then arms the pool's
    /// timer for the next rate interval or shift start, or the next parked opening (a full set of seats waits
    /// for a result instead: no polling).
    mutating func drainPool(_ pool: Int, at time: Int64, into actions: inout [EngineAction]) {
        self.unpark(pool, at: time)
        // Room first: after a result frees one seat, the second pass stops here without looking at the line.
        while self.poolCanDispatch(pool, at: time) {
            self.dropStaleWaiters(pool)
            guard let top = self.lines[pool].waiters.min else { break }
            self.lines[pool].waiters.removeMin()
            // The next in line is served right after this one when this one takes no seat (parked, deferred by the
            // policy, ended): its memory is asked for before this one's work, which then hides the misses.
            if let next = self.lines[pool].waiters.min { self.prefetch(Int(next.owner)) }
            let account = Int(top.owner)
            // The stop rule may have passed while the enrolment waited in line (no timer of its own runs then).
            if self.endIfStopDayPassed(account, at: time, into: &actions) { continue }
            let opening =
                self.knownServable(account, pool: pool, at: time)
                ? time : self.servingInstant(account, pool: pool, at: time, poolOpen: true)
            if opening != time {
                self.lines[pool].park(
                    DueQueue.Entry(
                        instant: opening,
                        priority: top.instant,
                        sequence: top.sequence,
                        owner: top.owner,
                        generation: top.generation
                    )
                )
                continue
            }
            // The enrolment leaves the line's phase in the decision's own write to its cursor (an attempt, a hold,
            // a deferral or an ending): one write access to `states` fewer per service.
            self.evaluateContact(account, at: time, fromPool: true, into: &actions)
        }
        // Whoever now comes first is usually served at the next result, an event or more from now: its memory is
        // asked for here so that the cache misses land before then (a hint; it changes nothing).
        if let next = self.lines[pool].waiters.min { self.prefetch(Int(next.owner)) }
        guard !self.pools[pool].waitsForSeat else { return }
        self.dropStaleParked(pool)
        var when = self.lines[pool].parked.min?.instant ?? EnrolmentCursor.never
        if !self.lines[pool].waiters.isEmpty {
            when = Swift.min(when, self.pools[pool].nextOpportunity(after: time))
        }
        guard when != self.pools[pool].timerAt, when != EnrolmentCursor.never else { return }
        self.pools[pool].timerAt = when
        self.pools[pool].timerGeneration &+= 1
        self.queue.enqueue(
            DueQueue.Entry(
                instant: when,
                priority: .min,
                sequence: self.nextSequence(),
                owner: -Int32(pool) - 1,
                generation: self.pools[pool].timerGeneration
            )
        )
    }
}
