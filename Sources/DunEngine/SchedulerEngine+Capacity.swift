import DunCore

// MARK: - Capacity pools

extension SchedulerEngine {
    private static let capacityReason = "The channel's capacity pool is full; the attempt waits its turn."

    func isWaiting(_ entry: DueQueue.Entry) -> Bool {
        let cursor = self.states[Int(entry.owner)].cursor
        return cursor.phase == .waitingForCapacity && cursor.waitTicket == entry.generation
    }

    mutating func dropStaleWaiters(_ pool: Int) {
        while let top = self.lines[pool].waiters.min, !self.isWaiting(top) {
            self.lines[pool].waiters.popMin()
        }
    }

    /// Whether a ready contact on `pool` must wait its turn: someone is already waiting, or the pool is full or
    /// closed at `time`.
    mutating func mustWait(forPool pool: Int, at time: Int64) -> Bool {
        self.dropStaleWaiters(pool)
        return !self.lines[pool].waiters.isEmpty || !self.pools[pool].canDispatch(at: time)
    }

    /// Puts a ready enrolment in the pool's waiting line (priority key, ready instant, sequence) and lets the
    /// pool serve whoever now comes first.
    mutating func joinWaiters(_ account: Int, pool: Int, at time: Int64, into actions: inout [EngineAction]) {
        var cursor = self.states[account].cursor
        cursor.waitTicket &+= 1
        cursor.phase = .waitingForCapacity
        cursor.stepDue = EnrolmentCursor.never
        self.states[account].cursor = cursor
        self.lines[pool].waiters.insert(
            DueQueue.Entry(
                instant: cursor.priorityKey,
                priority: time,
                sequence: self.nextSequence(),
                owner: Int32(account),
                generation: cursor.waitTicket
            )
        )
        if !self.pools[pool].canDispatch(at: time) {
            let until = self.pools[pool].waitsForSeat ? nil : self.pools[pool].nextOpportunity(after: time)
            self.statistics.deferred += 1
            actions.append(
                .deferred(
                    Deferral(
                        account: AccountIndex(account),
                        campaign: Int(cursor.campaign),
                        step: Int(cursor.step),
                        channel: self.pools[pool].channel,
                        rule: Deferral.capacityRule,
                        reason: Self.capacityReason,
                        at: UTCInstant(secondsSinceEpoch: time),
                        until: until.map { UTCInstant(secondsSinceEpoch: $0) }
                    )
                )
            )
        }
        self.drainPool(pool, at: time, into: &actions)
    }

    /// Serves waiters while the pool has room; otherwise arms the pool's timer for the next rate interval or
    /// shift start (a full set of seats waits for a result instead: no polling).
    mutating func drainPool(_ pool: Int, at time: Int64, into actions: inout [EngineAction]) {
        while true {
            self.dropStaleWaiters(pool)
            guard let top = self.lines[pool].waiters.min else { return }
            guard self.pools[pool].canDispatch(at: time) else { break }
            self.lines[pool].waiters.popMin()
            let account = Int(top.owner)
            self.states[account].cursor.phase = .waiting
            self.evaluateContact(account, at: time, fromPool: true, into: &actions)
        }
        guard !self.pools[pool].waitsForSeat else { return }
        let when = self.pools[pool].nextOpportunity(after: time)
        guard when != self.pools[pool].timerAt, when != EnrolmentCursor.never else { return }
        self.pools[pool].timerAt = when
        self.pools[pool].timerGeneration &+= 1
        self.queue.insert(
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
