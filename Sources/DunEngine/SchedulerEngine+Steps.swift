import CDunPrefetch
import DunCore
import DunPolicy

// MARK: - The due queue and the step machine

extension SchedulerEngine {
    /// Steps entered at one instant without a wait before the engine declares a loop.
    private static let maximumHops: UInt8 = 64

    mutating func nextSequence() -> UInt64 {
        self.sequence &+= 1
        return self.sequence
    }

    /// Sets the step's due instant and queues the account's timer (cancelling any earlier one).
    mutating func schedule(_ account: Int, stepDue: Int64) {
        self.rearmAccount(account, stepDue: stepDue)
    }

    /// Cancels the account's queued timer and queues one for its earliest pending instant.
    mutating func rearmAccount(_ account: Int) {
        self.rearmAccount(account, stepDue: nil)
    }

    /// `rearmAccount`, setting the step's due instant first when `stepDue` is given, after `update` changed the
    /// cursor. The cursor is updated in one access (each write through the array checks its uniqueness and
    /// bounds), so callers that change other fields too hand them over in `update`.
    @inline(__always)
    private mutating func rearmAccount(
        _ account: Int,
        stepDue: Int64?,
        update: (inout EnrolmentCursor) -> Void = { _ in }
    ) {
        let (due, priority, generation, active) = Self.bump(
            &self.states[account].cursor,
            stepDue: stepDue,
            update: update
        )
        self.mirrorGeneration(account, generation)
        guard due != EnrolmentCursor.never, active else { return }
        self.queue.enqueue(
            DueQueue.Entry(
                instant: due,
                priority: priority,
                sequence: self.nextSequence(),
                owner: Int32(account),
                generation: generation
            )
        )
    }

    @inline(__always)
    private static func bump(
        _ cursor: inout EnrolmentCursor,
        stepDue: Int64?,
        update: (inout EnrolmentCursor) -> Void
    ) -> (due: Int64, priority: Int64, generation: UInt32, active: Bool) {
        update(&cursor)
        if let stepDue { cursor.stepDue = stepDue }
        cursor.generation &+= 1
        return (Swift.min(cursor.stepDue, cursor.promiseDue), cursor.priorityKey, cursor.generation, cursor.isActive)
    }

    /// Inlined: out of line, a call from a mutating context hands it a copy of the whole engine.
    @inline(__always)
    func isLive(_ entry: DueQueue.Entry) -> Bool {
        if entry.owner < 0 {
            return self.pools[Int(-entry.owner - 1)].timerGeneration == entry.generation
        }
        if self.mirrorsGenerations { return self.timerGenerations[Int(entry.owner)] == entry.generation }
        return self.states[Int(entry.owner)].cursor.generation == entry.generation
    }

    /// How many queue entries ahead `runDue` asks for an account's memory.
    static let prefetchDistance = 6

    /// Asks the cache for everything a decision about `account` reads first (a hint; changes nothing).
    @inline(__always)
    func prefetch(_ account: Int, bucket: Bool = true) {
        self.states.withUnsafeBufferPointer { buffer in
            // Every line: a 120-byte state often spans three cache lines, and the middle one is read too.
            let start = UnsafeRawPointer(buffer.baseAddress! + account)
            var offset = 0
            while offset < MemoryLayout<AccountState>.size {
                dun_prefetch_write(start + offset)
                offset += 64
            }
            dun_prefetch_write(start + (MemoryLayout<AccountState>.size - 1))
        }
        self.ledgers.withUnsafeBufferPointer { buffer in
            let start = UnsafeRawPointer(buffer.baseAddress! + account)
            var offset = 0
            while offset < MemoryLayout<ContactLedger>.size {
                dun_prefetch_write(start + offset)
                offset += 64
            }
            dun_prefetch_write(start + (MemoryLayout<ContactLedger>.size - 1))
        }
        self.policyAccounts.withUnsafeBufferPointer { buffer in
            let start = UnsafeRawPointer(buffer.baseAddress! + account)
            dun_prefetch(start)
            dun_prefetch(start + (MemoryLayout<PolicyAccount>.size - 1))
        }
        guard bucket else { return }
        self.debtBuckets.withUnsafeBufferPointer { buffer in
            dun_prefetch(UnsafeRawPointer(buffer.baseAddress! + account))
        }
    }

    /// Takes every live entry due at or before `time`, in queue order; returns the queue's first entry after them
    /// (live or stale), which `rearm` starts from: nothing runs in between, so it need not read the queue again.
    ///
    /// The entries of one instant come in priority order, which visits accounts at random places in memory;
    /// asking for the memory of the account a few entries ahead lets those cache misses overlap, and the next
    /// instant's first accounts are asked for when this one's are done (`prefetchNextBatch`).
    mutating func runDue(at now: UTCInstant, into actions: inout [EngineAction]) -> DueQueue.Entry? {
        let time = now.secondsSinceEpoch
        var fired = false
        while let top = self.queue.min {
            guard top.instant <= time else {
                if fired { self.prefetchNextBatch() }
                return top
            }
            fired = true
            if let ahead = self.queue.upcoming(Self.prefetchDistance), ahead.owner >= 0, ahead.instant <= time {
                self.prefetch(Int(ahead.owner))
            }
            self.queue.popMin()
            // The next entry due now is handled right after this one: its account's memory is asked for before
            // this one's work, which then hides the misses.
            if let next = self.queue.min, next.owner >= 0, next.instant <= time { self.prefetch(Int(next.owner)) }
            guard self.isLive(top) else { continue }
            if top.owner < 0 {
                let pool = Int(-top.owner - 1)
                self.pools[pool].timerAt = EnrolmentCursor.never
                self.drainPool(pool, at: time, into: &actions)
            } else {
                self.fire(Int(top.owner), at: time, into: &actions)
            }
        }
        return nil
    }

    /// Asks for the state of the first accounts due at the queue's next instant, as soon as this instant's timers
    /// are done: the inputs in between rarely touch enough memory to push those lines out, while the prefetch of
    /// the entries just ahead in `runDue` alone leaves the first ones of each instant too little time (at 100k
    /// accounts the state of a timer's account is usually cold). Only the entries of that one instant: a batch
    /// taken whole may also hold later ones, whose lines would be gone again by then. A hint: forming the batch
    /// early changes no order (`DueQueue.prepareBatch`), and no output changes.
    @inline(never)
    private mutating func prefetchNextBatch() {
        self.queue.prepareBatch()
        let start = self.queue.head
        let end = Swift.min(self.queue.batchEnd, start + Self.prefetchDistance)
        guard start < end else { return }
        self.queue.batch.withUnsafeBufferPointer { batch in
            self.states.withUnsafeBufferPointer { states in
                let instant = batch[start].instant
                for index in start..<end where batch[index].owner >= 0 && batch[index].instant == instant {
                    let state = UnsafeRawPointer(states.baseAddress! + Int(batch[index].owner))
                    dun_prefetch_write(state)
                    dun_prefetch_write(state + 64)
                    dun_prefetch_write(state + (MemoryLayout<AccountState>.size - 1))
                }
            }
        }
    }

    /// Emits `.wake(at:)` when the earliest live instant changed; `front` is the queue's first entry (`runDue`'s
    /// answer). The front is usually live and the same as before, which a few loads and comparisons tell: the
    /// loop over stale entries is out of line. Inlined into `handle`, its only caller.
    @inline(__always)
    mutating func rearm(from front: DueQueue.Entry?, into actions: inout [EngineAction]) {
        var first = front
        if let top = first, !self.isLive(top) { first = self.dropStaleFront() }
        let next = first.map { UTCInstant(secondsSinceEpoch: $0.instant) }
        if next != self.armedWake {
            self.armedWake = next
            if let next { actions.append(.wake(at: next)) }
            // The account whose timer now comes first fires after the inputs before it: its memory is asked for
            // now, so that the cache misses land meanwhile (a hint; it changes nothing).
            if let owner = first?.owner, owner >= 0 { self.prefetch(Int(owner)) }
        }
    }

    /// Pops the stale entries at the front of the queue; returns the first live one.
    @inline(never)
    private mutating func dropStaleFront() -> DueQueue.Entry? {
        var first = self.queue.min
        while let top = first, !self.isLive(top) {
            self.queue.popMin()
            first = self.queue.min
        }
        return first
    }

    /// An account's timer fell due. Inlined into `runDue`, its only caller.
    @inline(__always)
    private mutating func fire(_ account: Int, at time: Int64, into actions: inout [EngineAction]) {
        let cursor = self.states[account].cursor
        guard cursor.isActive else { return }
        if self.endIfStopDayPassed(account, at: time, into: &actions) { return }
        if cursor.promiseDue <= time, self.promiseFellDue(account, at: time, into: &actions) { return }
        // The promise's fields are the only ones `promiseFellDue` changes when it returns false.
        if cursor.stepDue <= time, cursor.phase == .waiting {
            // The due instant passed is not cleared here: whatever the step does next writes the cursor anyway
            // (a new due instant, a wait in a line, an attempt, a hold, an ending) and clears or replaces it
            // then, in the same access (each write through `states` checks its uniqueness).
            self.runStep(account, at: time, into: &actions)
        } else {
            self.rearmAccount(account)
        }
    }

    /// The open promise fell due: it closes, kept or broken; a broken one follows the step's route for it.
    /// Returns whether a route was taken (out of line: rare, and it keeps `fire` from copying the cursor whole).
    @inline(never)
    private mutating func promiseFellDue(_ account: Int, at time: Int64, into actions: inout [EngineAction]) -> Bool {
        var cursor = self.states[account].cursor
        let kept = cursor.paidCents >= cursor.promiseTargetCents
        cursor.promiseDue = EnrolmentCursor.never
        cursor.flags &= ~EnrolmentCursor.Flags.promisePaused
        if !kept { cursor.lastOutcome = UInt8(StepOutcome.brokePromise.position + 1) }
        self.states[account].cursor = cursor
        return !kept && self.routeEvent(account, .brokePromise, at: time, into: &actions)
    }

    /// Ends the enrolment when its campaign's `after_days` stop rule has passed at `time`; returns whether it did.
    /// Inlined: asked before every timer and every service from a line, and usually answered by one load.
    @inline(__always)
    mutating func endIfStopDayPassed(_ account: Int, at time: Int64, into actions: inout [EngineAction]) -> Bool {
        let cursor = self.states[account].cursor
        guard let days = self.compiled[Int(cursor.campaign)].stopAfterDays, time >= cursor.enrolledAt + days * 86_400
        else { return false }
        self.endOnStopDay(account, campaign: Int(cursor.campaign), at: time, into: &actions)
        return true
    }

    @inline(never)
    private mutating func endOnStopDay(
        _ account: Int,
        campaign: Int,
        at time: Int64,
        into actions: inout [EngineAction]
    ) {
        let reason = self.compiled[campaign].stopAfterDaysText
        self.end(account, rule: ActionReason.noRule, why: .text(reason), at: time, into: &actions)
    }

    /// Moves the enrolment to `target` (a step index or `stop`), due per the step's timing from `base`.
    mutating func enterStep(
        _ account: Int,
        _ target: Int32,
        base: Int64,
        at time: Int64,
        into actions: inout [EngineAction]
    ) {
        guard target >= 0 else {
            self.end(
                account,
                rule: ActionReason.noRule,
                why: .text(ActionTexts.completedReason),
                at: time,
                into: &actions
            )
            return
        }
        let cursor = self.states[account].cursor
        let due: Int64
        switch self.compiled[Int(cursor.campaign)].steps[Int(target)].timing {
        case .immediately:
            due = base
        case .after(let seconds):
            due = base + Swift.max(0, seconds)
        case .day(let day)
        where base >= Self.dayOpeningBound(enrolledAt: cursor.enrolledAt, day: day)
            && self.compiled[Int(cursor.campaign)].windows[Int(target)].opensOnSomeWeekday:
            // The day's window opening lies before `base` (usually a later series of the same step): no zone
            // look-ups and no window search. Exact: the opening is not `never`, as the window opens on some weekday.
            due = base
        case .day(let day):
            let zone = self.states[account].record.zone
            let dayStart = zone.instant(day: zone.local(cursor.enrolledAt).day + Int64(day), second: 0)
            due = Swift.max(
                base,
                self.compiled[Int(cursor.campaign)].windows[Int(target)].nextOpening(
                    atOrAfter: dayStart,
                    zone: zone,
                    blackout: nil
                )
            )
        }
        let hop = due <= time
        if hop && cursor.hops &+ 1 > Self.maximumHops {
            _ = Self.moveTo(&self.states[account].cursor, step: target, hop: hop)
            self.end(account, reason: "loop without a wait", rule: nil, at: time, into: &actions)
            return
        }
        // The move and the new due instant in one access to the account's state.
        self.rearmAccount(account, stepDue: due) { _ = Self.moveTo(&$0, step: target, hop: hop) }
    }

    /// An instant no earlier than the window's first opening at or after the start of local day `day` after the
    /// enrolment's (`.day` timing), in any zone and for a window that opens on some weekday: the enrolment's local
    /// day started at or before the enrolment, local day `day` starts `day` local days later (days of 23 to 25
    /// hours, or a day skipped at a date-line change), and the window opens within its first seven days. Five
    /// days of margin beyond that (`DayTimingTests` checks every zone's transitions); `Int64.max` for a day too
    /// far to add safely. No division: a `.day` step entered before the bound pays for this test too.
    @inline(__always)
    static func dayOpeningBound(enrolledAt: Int64, day: Int) -> Int64 {
        guard day > -36_500 && day < 36_500 else { return Int64.max }
        return enrolledAt + (Int64(day) + 12) * 86_400
    }

    /// Puts the cursor on step `target`, waiting, in place (one access to the account's state, not a copy out and
    /// back); returns the steps entered at this instant without a wait, this one included when `hop`.
    @inline(__always)
    private static func moveTo(_ cursor: inout EnrolmentCursor, step target: Int32, hop: Bool) -> UInt8 {
        cursor.hops = hop ? cursor.hops &+ 1 : 0
        cursor.step = Int16(target)
        cursor.attemptNumber = 0
        cursor.phase = .waiting
        return cursor.hops
    }

    /// Follows the current step's route for an outcome that arrived as an event (reply, promise, payment,
    /// broken promise). Returns whether a route was taken.
    @discardableResult
    mutating func routeEvent(
        _ account: Int,
        _ outcome: StepOutcome,
        at time: Int64,
        into actions: inout [EngineAction]
    ) -> Bool {
        let cursor = self.states[account].cursor
        guard cursor.isActive else { return false }
        let target = self.compiled[Int(cursor.campaign)].routes[
            Int(cursor.step) * CompiledCampaign.outcomeCount + outcome.position
        ]
        guard target != CompiledCampaign.noRoute else { return false }
        if cursor.phase == .inFlight { self.states[account].cursor.flags |= EnrolmentCursor.Flags.detached }
        self.enterStep(account, target, base: time, at: time, into: &actions)
        return true
    }

    /// Inlined into `fire`, its only caller: a call per timer for a switch.
    @inline(__always)
    private mutating func runStep(_ account: Int, at time: Int64, into actions: inout [EngineAction]) {
        let cursor = self.states[account].cursor
        let campaign = Int(cursor.campaign)
        let stepIndex = Int(cursor.step)
        switch self.compiled[campaign].steps[stepIndex].kind {
        case .end:
            self.end(
                account,
                rule: ActionReason.noRule,
                why: .text(self.compiled[campaign].endReasonTexts[stepIndex]),
                at: time,
                into: &actions
            )
        case .branch:
            let target = self.branchTarget(account, campaign: campaign, step: stepIndex, at: time)
            self.enterStep(account, target, base: time, at: time, into: &actions)
        case .contact:
            self.evaluateContact(account, at: time, fromPool: false, into: &actions)
        }
    }

    /// The target of the first rule of branch step `step` whose conditions all hold, else its `otherwise`.
    /// Walks the rules and conditions by index in place: iterating them copied each rule and condition (a block
    /// copy and retains for the strings a condition may hold). It and `holds` are `mutating` though they change
    /// nothing: called from a mutating context, a non-mutating method out of line was handed a copy of the whole
    /// engine (344 bytes) per condition.
    private mutating func branchTarget(_ account: Int, campaign: Int, step: Int, at time: Int64) -> Int32 {
        let rules = self.compiled[campaign].rules[step]
        for rule in rules.indices {
            var matches = true
            for condition in rules[rule].conditions.indices
            where !self.holds(rules[rule].conditions[condition], account: account, at: time) {
                matches = false
                break
            }
            if matches { return rules[rule].target }
        }
        return self.compiled[campaign].steps[step].otherwise
    }

    @inline(__always)
    private mutating func holds(_ condition: borrowing Condition, account: Int, at time: Int64) -> Bool {
        let cursor = self.states[account].cursor
        let record = self.states[account].record
        // Computed only by the conditions that read them (a division per branch step otherwise).
        var balance: Int64 { record.balanceCents - cursor.paidCents }
        var daysPastDue: Int64 { Int64(record.daysPastDue) + (time - cursor.enrolledAt).floorDiv(86_400) }
        switch condition {
        case .balanceAtLeast(let amount): return balance >= amount.cents
        case .balanceBelow(let amount): return balance < amount.cents
        case .daysPastDueAtLeast(let days): return daysPastDue >= Int64(days)
        case .daysPastDueBelow(let days): return daysPastDue < Int64(days)
        case .hasChannel(let channel): return record.channelMask & (1 << UInt8(channel.position)) != 0
        case .lacksChannel(let channel): return record.channelMask & (1 << UInt8(channel.position)) == 0
        case .segment(let segment): return self.policyAccounts[account].account.segments.contains(segment)
        case .language(let language): return self.policyAccounts[account].account.language == language
        case .state(let state): return self.policyAccounts[account].account.address.state == state
        case .lastOutcome(let outcome): return cursor.lastOutcome == UInt8(outcome.position + 1)
        }
    }

    /// A deferral on one of the engine's own rules (`rule` and `reason` are `ActionTexts` ids).
    private mutating func emitDeferral(
        _ account: Int,
        rule: UInt32,
        reason: UInt32,
        until: Int64?,
        at time: Int64,
        into actions: inout [EngineAction]
    ) {
        self.emitDeferral(
            account,
            rule: rule,
            why: .text(reason),
            until: until ?? Deferral.noUntil,
            at: time,
            into: &actions
        )
    }

    private mutating func emitDeferral(
        _ account: Int,
        rule: UInt32,
        why: ActionReason,
        until: Int64,
        at time: Int64,
        into actions: inout [EngineAction]
    ) {
        let cursor = self.states[account].cursor
        let step = self.compiled[Int(cursor.campaign)].steps[Int(cursor.step)]
        self.statistics.deferred += 1
        actions.append(
            .deferred(
                Deferral(
                    account: AccountIndex(account),
                    campaign: Int(cursor.campaign),
                    step: Int(cursor.step),
                    channel: step.channel,
                    rule: rule,
                    why: why,
                    at: UTCInstant(secondsSinceEpoch: time),
                    until: until
                )
            )
        )
    }

    /// The policy's decision for one destination. The account and ledger are passed through `inout`
    /// (exclusive access to the array elements), so the policy borrows them in place: copying would retain
    /// every field they hold.
    @inline(__always)
    private mutating func judge(
        _ account: Int,
        channel: Channel,
        destination: Int,
        key: UInt32,
        at instant: UTCInstant,
        limits: CampaignLimits
    ) -> PolicyDecision {
        let candidate = ContactCandidate(
            channel: channel,
            destination: destination,
            debtBucket: self.debtBuckets[account],
            at: instant
        )
        // Lent in place through the arrays' buffers: the policy takes the account and ledger `inout` only to borrow
        // them by reference and never changes them, so write accesses to the two arrays (a uniqueness check each)
        // are not needed.
        return self.policyAccounts.withUnsafeBufferPointer { accounts in
            self.ledgers.withUnsafeBufferPointer { ledgers in
                precondition(accounts.indices.contains(account) && ledgers.indices.contains(account))
                return Self.judge(
                    candidate,
                    key: key,
                    policy: self.configuration.policy,
                    account: &UnsafeMutablePointer(mutating: accounts.baseAddress! + account).pointee,
                    ledger: &UnsafeMutablePointer(mutating: ledgers.baseAddress! + account).pointee,
                    limits: limits
                )
            }
        }
    }

    @inline(__always)
    private static func judge(
        _ candidate: ContactCandidate,
        key: UInt32,
        policy: ContactPolicy,
        account: inout PolicyAccount,
        ledger: inout ContactLedger,
        limits: CampaignLimits
    ) -> PolicyDecision {
        policy.evaluate(candidate, key: key, account: &account, ledger: &ledger, limits: limits)
    }

    /// The policy blocked the contact on every destination and `block` is the one to report: defer to its next
    /// permitted instant (re-timed to the campaign's window), or end on it when it is terminal.
    private mutating func settleBlocked(
        _ account: Int,
        block: consuming PolicyBlock,
        at time: Int64,
        into actions: inout [EngineAction]
    ) {
        let nextAllowed = block.nextAllowed
        let reason = block.takeReason()
        let bucket = PackedText(inline: self.debtBuckets[account]) ?? self.debtBucketTexts[account]
        let why = ActionReason(reason, debtBucket: bucket)
        let rule: UInt32
        if case .policy = why { rule = ActionReason.factsRule } else { rule = ActionTexts.shared.id(reason.rule) }
        guard let next = nextAllowed else {
            self.end(account, rule: rule, why: why, at: time, into: &actions)
            return
        }
        let campaign = Int(self.states[account].cursor.campaign)
        let blackout = self.compiled[campaign].hasBlackout ? self.compiled[campaign].blackout : nil
        let until = self.compiled[campaign].windows[Int(self.states[account].cursor.step)].nextOpening(
            atOrAfter: Swift.max(next.secondsSinceEpoch, time + 1),
            zone: self.states[account].record.zone,
            blackout: blackout
        )
        self.emitDeferral(account, rule: rule, why: why, until: until, at: time, into: &actions)
        // Served from a line, the enrolment is still in the line's phase (see `drainPool`).
        self.states[account].cursor.phase = .waiting
        self.schedule(account, stepDue: until)
    }

    /// The pauses and the wait for a detached attempt, which hold a contact before any other check: returns
    /// whether one did (kept out of `evaluateContact`, where these rare paths would cost every decision
    /// registers and stack).
    @inline(never)
    private mutating func holdContact(_ account: Int, at time: Int64, into actions: inout [EngineAction]) -> Bool {
        // Read here, not handed over: passing the cursor would make every decision copy it whole.
        let cursor = self.states[account].cursor
        // A hold settles the step here, so it clears the due instant that fired (see `fire`) and leaves the line's
        // phase (see `drainPool`).
        if cursor.flags & EnrolmentCursor.Flags.disputePaused != 0 {
            Self.hold(&self.states[account].cursor, phase: .paused)
            self.emitDeferral(
                account,
                rule: ActionTexts.disputePauseRule,
                reason: ActionTexts.disputeReason,
                until: nil,
                at: time,
                into: &actions
            )
            return true
        }
        if cursor.flags & EnrolmentCursor.Flags.promisePaused != 0, cursor.promiseDue != EnrolmentCursor.never {
            self.emitDeferral(
                account,
                rule: ActionTexts.promisePauseRule,
                reason: ActionTexts.promiseReason,
                until: cursor.promiseDue,
                at: time,
                into: &actions
            )
            self.states[account].cursor.phase = .waiting
            self.schedule(account, stepDue: cursor.promiseDue)
            return true
        }
        if cursor.inFlightSerial != 0 {
            // A detached attempt is still out: the step waits for its result (see `receiveResult`).
            Self.hold(&self.states[account].cursor, phase: .waiting)
            self.states[account].cursor.flags |= EnrolmentCursor.Flags.awaitingResult
            return true
        }
        return false
    }

    /// Puts the cursor in `phase` with no due instant, in place.
    private static func hold(_ cursor: inout EnrolmentCursor, phase: EnrolmentCursor.Phase) {
        cursor.phase = phase
        cursor.stepDue = EnrolmentCursor.never
    }

    /// The campaign's `after_attempts` stop rule ends the enrolment (out of line: it builds a sentence).
    @inline(never)
    private mutating func endAfterAttempts(
        _ account: Int,
        maximum: Int,
        at time: Int64,
        into actions: inout [EngineAction]
    ) {
        self.end(account, reason: "stop rule: after \(maximum) attempts", rule: nil, at: time, into: &actions)
    }

    /// One scheduling decision: window and blackout, then the policy per destination, then capacity.
    mutating func evaluateContact(_ account: Int, at time: Int64, fromPool: Bool, into actions: inout [EngineAction]) {
        self.statistics.decisions += 1
        let cursor = self.states[account].cursor
        if cursor.flags & (EnrolmentCursor.Flags.disputePaused | EnrolmentCursor.Flags.promisePaused) != 0
            || cursor.inFlightSerial != 0,
            self.holdContact(account, at: time, into: &actions)
        {
            return
        }
        let campaign = Int(cursor.campaign)
        let stepIndex = Int(cursor.step)
        if let maximum = self.compiled[campaign].stopAfterAttempts, Int(cursor.totalAttempts) >= maximum {
            self.endAfterAttempts(account, maximum: maximum, at: time, into: &actions)
            return
        }
        // The step's channel alone: a whole step read here is a block copy per decision.
        let channel = self.compiled[campaign].steps[stepIndex].channel
        let zone = self.states[account].record.zone
        let pool = self.poolOfChannel[channel.position]
        // Served from a pool's line: `drainPool` has just found the window open at `time` (`servingInstant`).
        // A pool's window spans answer for the steps it serves, as `nextOpening` would.
        let opening =
            fromPool
            ? time
            : pool >= 0
                ? self.windowOpening(
                    pool: pool,
                    campaign: campaign,
                    step: stepIndex,
                    zone: zone,
                    atOrAfter: time
                )
                : self.compiled[campaign].windows[stepIndex].nextOpening(
                    atOrAfter: time,
                    zone: zone,
                    blackout: self.compiled[campaign].hasBlackout ? self.compiled[campaign].blackout : nil
                )
        if opening != time {
            let blackout = self.compiled[campaign].hasBlackout ? self.compiled[campaign].blackout : nil
            let blackedOut = blackout?.contains(day: zone.local(time).day) ?? false
            self.emitDeferral(
                account,
                rule: blackedOut ? ActionTexts.campaignBlackoutRule : ActionTexts.campaignWindowRule,
                reason: blackedOut ? ActionTexts.campaignBlackoutReason : ActionTexts.campaignWindowReason,
                until: opening,
                at: time,
                into: &actions
            )
            self.schedule(account, stepDue: opening)
            return
        }
        // A full or closed pool: wait in its line first; the policy judges the contact when it is served.
        if pool >= 0, !fromPool, self.mustWait(forPool: pool, at: time) {
            self.joinWaiters(account, pool: pool, at: time, into: &actions)
            return
        }
        let destinations = self.states[account].record.destinationCount(for: channel)
        let chosen: Int
        if destinations == 1 {
            // The common case: the one destination's decision is the answer, so no block is set aside (keeping
            // one in an optional costs a copy and a generic destroy per decision).
            self.statistics.policyEvaluations += 1
            let decision = self.judge(
                account,
                channel: channel,
                destination: 0,
                key: self.states[account].record.debtKey,
                at: UTCInstant(secondsSinceEpoch: time),
                limits: self.compiled[campaign].limits
            )
            switch decision {
            case .allowed:
                chosen = 0
            case .blocked(let block):
                self.settleBlocked(account, block: block, at: time, into: &actions)
                return
            }
        } else {
            chosen = self.chooseDestination(account, of: destinations, channel: channel, at: time, into: &actions)
            guard chosen >= 0 else { return }
        }
        self.dispatch(account, channel: channel, destination: chosen, pool: pool, at: time, into: &actions)
    }

    /// The first of the account's `destinations` (none or more than one) the policy allows, or -1 when it blocks
    /// them all and the contact was settled: deferred to the earliest next permitted instant, else ended on the
    /// terminal rule, else ended for want of a destination.
    @inline(never)
    private mutating func chooseDestination(
        _ account: Int,
        of destinations: Int,
        channel: Channel,
        at time: Int64,
        into actions: inout [EngineAction]
    ) -> Int {
        let campaign = Int(self.states[account].cursor.campaign)
        let instant = UTCInstant(secondsSinceEpoch: time)
        let limits = self.compiled[campaign].limits
        let debtKey = self.states[account].record.debtKey
        var terminal: PolicyBlock?
        var earliest: PolicyBlock?
        for destination in 0..<destinations {
            self.statistics.policyEvaluations += 1
            let decision = self.judge(
                account,
                channel: channel,
                destination: destination,
                key: debtKey,
                at: instant,
                limits: limits
            )
            switch decision {
            case .allowed:
                return destination
            case .blocked(let block):
                if let next = block.nextAllowed {
                    if earliest.map({ next < $0.nextAllowed! }) ?? true { earliest = block }
                } else if terminal == nil {
                    terminal = block
                }
            }
        }
        if let block = earliest ?? terminal {
            self.settleBlocked(account, block: block, at: time, into: &actions)
        } else {
            self.end(
                account,
                reason: "no destination for \(channel.rawValue)",
                rule: nil,
                at: time,
                into: &actions
            )
        }
        return -1
    }

    /// Marks the attempt in flight on the cursor, in place (one access to the account's state); returns what the
    /// `Attempt` needs from it.
    @inline(__always)
    private static func startAttempt(
        _ cursor: inout EnrolmentCursor,
        channel: Channel,
        destination: Int,
        at time: Int64
    ) -> (serial: UInt32, campaign: Int16, variant: UInt8, step: Int16, attemptNumber: UInt8) {
        cursor.attemptSerial &+= 1
        cursor.attemptNumber &+= 1
        cursor.totalAttempts &+= 1
        cursor.inFlightSerial = cursor.attemptSerial
        cursor.inFlightAt = time
        cursor.inFlightChannel = UInt8(channel.position)
        cursor.inFlightDestination = UInt8(truncatingIfNeeded: destination)
        cursor.phase = .inFlight
        cursor.hops = 0
        cursor.stepDue = EnrolmentCursor.never
        return (cursor.attemptSerial, cursor.campaign, cursor.variant, cursor.step, cursor.attemptNumber)
    }

    private mutating func dispatch(
        _ account: Int,
        channel: Channel,
        destination: Int,
        pool: Int,
        at time: Int64,
        into actions: inout [EngineAction]
    ) {
        let started = Self.startAttempt(
            &self.states[account].cursor,
            channel: channel,
            destination: destination,
            at: time
        )
        // The debt bucket's text is packed first: read and used with no call in between, it is not retained.
        let bucketText = PackedText(inline: self.debtBuckets[account]) ?? self.debtBucketTexts[account]
        let instant = UTCInstant(secondsSinceEpoch: time)
        self.ledgers[account].recordAttempt(
            channel: channel,
            destination: destination,
            at: instant,
            key: self.states[account].record.debtKey
        )
        if pool >= 0 { self.pools[pool].take(at: time) }
        self.statistics.dispatched += 1
        actions.append(
            .dispatch(
                Attempt(
                    id: AttemptID(account: AccountIndex(account), serial: started.serial),
                    account: AccountIndex(account),
                    campaign: Int(started.campaign),
                    variant: Int(started.variant),
                    step: Int(started.step),
                    attemptNumber: Int(started.attemptNumber),
                    channel: channel,
                    destination: destination,
                    templateText: self.compiled[Int(started.campaign)].templateTexts[Int(started.step)],
                    debtBucketText: bucketText,
                    at: instant
                )
            )
        )
    }

    /// After the result of the attempt in flight (not detached): land the attempt, then retry while retries
    /// remain and the result does not complete the step, else conclude.
    mutating func advance(
        _ account: Int,
        after result: AttemptResult,
        at time: Int64,
        into actions: inout [EngineAction]
    ) {
        let cursor = self.states[account].cursor
        let step = self.compiled[Int(cursor.campaign)].steps[Int(cursor.step)]
        let bits: UInt8
        let outcome: StepOutcome
        switch result {
        case .delivered:
            bits = 1 << Completion.delivered.position
            outcome = .delivered
        case .answered, .voicemail, .limitedContentMessage:
            bits = 1 << Completion.answered.position
            outcome = .answered
        case .conversation:
            bits = 1 << Completion.conversation.position | 1 << Completion.answered.position
            outcome = .conversation
        case .failed, .notInService:
            bits = 1 << Completion.permanentFailure.position
            outcome = .bounced
        case .wrongNumber:
            bits = 1 << Completion.permanentFailure.position
            outcome = .wrongNumber
        case .busy, .noAnswer:
            bits = 0
            outcome = .noResponse
        }
        if bits & step.completeMask == 0, Int(cursor.attemptNumber) <= step.retryCount {
            // Landing the attempt, the phase and the retry's due instant in one access to the account's state.
            self.rearmAccount(account, stepDue: time + step.retrySpacing) { cursor in
                Self.landAttempt(&cursor)
                cursor.phase = .waiting
            }
            return
        }
        let retriedOut = bits & step.completeMask == 0 && outcome != .bounced && outcome != .wrongNumber
        let final: StepOutcome = retriedOut ? .noResponse : outcome
        Self.landAttempt(&self.states[account].cursor, outcome: UInt8(final.position + 1))
        let route = self.compiled[Int(cursor.campaign)].routes[
            Int(cursor.step) * CompiledCampaign.outcomeCount + final.position
        ]
        self.enterStep(
            account,
            route != CompiledCampaign.noRoute ? route : step.next,
            base: time,
            at: time,
            into: &actions
        )
    }

    /// Ends the enrolment (no effect when it is not active). An attempt still in flight is detached: its result
    /// is still recorded in the ledger and frees its seat.
    mutating func end(_ account: Int, reason: String, rule: String?, at time: Int64, into actions: inout [EngineAction])
    {
        self.end(
            account,
            rule: rule.map { ActionTexts.shared.id($0) } ?? ActionReason.noRule,
            why: .text(ActionTexts.shared.id(reason)),
            at: time,
            into: &actions
        )
    }

    /// `end(_:reason:rule:at:into:)` with the rule as an `ActionTexts` id (or `ActionReason.factsRule`,
    /// `.noRule`) and the reason as plain values.
    mutating func end(
        _ account: Int,
        rule: UInt32,
        why: ActionReason,
        at time: Int64,
        into actions: inout [EngineAction]
    ) {
        var cursor = self.states[account].cursor
        guard cursor.isActive else { return }
        if cursor.phase == .inFlight { cursor.flags |= EnrolmentCursor.Flags.detached }
        cursor.flags &= ~(EnrolmentCursor.Flags.awaitingResult | EnrolmentCursor.Flags.promisePaused)
        cursor.phase = .ended
        cursor.generation &+= 1
        cursor.stepDue = EnrolmentCursor.never
        cursor.promiseDue = EnrolmentCursor.never
        self.states[account].cursor = cursor
        self.mirrorGeneration(account, cursor.generation)
        self.statistics.ended += 1
        actions.append(
            .end(
                Ending(
                    account: AccountIndex(account),
                    campaign: Int(cursor.campaign),
                    step: Int(cursor.step),
                    rule: rule,
                    why: why,
                    at: UTCInstant(secondsSinceEpoch: time)
                )
            )
        )
    }
}

extension CompiledWindow {
    /// Whether the window opens on at least one weekday (else `nextOpening` without blackout dates is `never`).
    @inline(__always)
    var opensOnSomeWeekday: Bool {
        any(self.open .< self.close)
    }
}
