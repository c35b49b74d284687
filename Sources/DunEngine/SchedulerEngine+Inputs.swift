import DunCore
import DunPolicy

// MARK: - Applying inputs

extension SchedulerEngine {
    mutating func apply(_ input: EngineInput, at now: UTCInstant, into actions: inout [EngineAction]) {
        let time = now.secondsSinceEpoch
        switch input {
        case .timerFired:
            break
        case .enrol(let account, let campaign):
            self.enrol(account.position, campaign: campaign, at: time, into: &actions)
        case .result(let id, let result):
            self.receiveResult(id, result, at: time, into: &actions)
        case .reply(let account, let channel, let destination):
            let position = account.position
            self.ledgers[position].recordEvent(
                .inbound(
                    channel,
                    destination: destination,
                    debtBucket: self.debtBuckets[position],
                    conversation: false
                ),
                at: now
            )
            guard self.states[position].cursor.isActive else { return }
            self.states[position].cursor.lastOutcome = UInt8(StepOutcome.replied.position + 1)
            if self.compiled[Int(self.states[position].cursor.campaign)].stopOnReply {
                self.end(position, reason: "stop rule: reply", rule: nil, at: time, into: &actions)
                return
            }
            self.routeEvent(position, .replied, at: time, into: &actions)
        case .payment(let account, let amount):
            self.receivePayment(account.position, cents: amount.cents, at: time, into: &actions)
        case .promise(let account, let amount, let due):
            self.receivePromise(account.position, cents: amount.cents, due: due.secondsSinceEpoch, at: time)
            self.routeEvent(account.position, .promised, at: time, into: &actions)
        case .consumerEvent(let account, let event):
            self.receiveConsumerEvent(account.position, event, at: now, into: &actions)
        case .withdraw(let account, let reason):
            self.end(account.position, reason: reason, rule: nil, at: time, into: &actions)
        case .gatewayRetry(let id, let due):
            self.receiveGatewayRetry(id, due: due.secondsSinceEpoch, at: time, into: &actions)
        }
    }

    private mutating func enrol(_ account: Int, campaign: Int, at time: Int64, into actions: inout [EngineAction]) {
        precondition(self.campaigns.indices.contains(campaign), "no campaign at index \(campaign)")
        if self.states[account].cursor.isActive {
            self.end(account, reason: "re-enrolled", rule: nil, at: time, into: &actions)
        }
        guard
            self.compiled[campaign].audienceIsEveryone
                || self.campaigns[campaign].audience.matches(self.policyAccounts[account].account)
        else {
            self.statistics.ended += 1
            actions.append(
                .end(
                    Ending(
                        account: AccountIndex(account),
                        campaign: campaign,
                        step: nil,
                        reason: "not in audience",
                        rule: nil,
                        at: UTCInstant(secondsSinceEpoch: time)
                    )
                )
            )
            return
        }
        let weights = self.compiled[campaign].weights
        let variant =
            weights.count > 1
            ? VariantAssignment.variant(
                weights: weights,
                seed: self.configuration.seed,
                idHash: self.states[account].record.idHash
            ) : 0
        let previous = self.states[account].cursor
        var cursor = EnrolmentCursor()
        // What outlives an enrolment: the attempt still out, the serials, payments, and a dispute pause.
        cursor.generation = previous.generation &+ 1
        cursor.waitTicket = previous.waitTicket &+ 1
        cursor.attemptSerial = previous.attemptSerial
        cursor.inFlightSerial = previous.inFlightSerial
        cursor.inFlightAt = previous.inFlightAt
        cursor.inFlightChannel = previous.inFlightChannel
        cursor.inFlightDestination = previous.inFlightDestination
        cursor.paidCents = previous.paidCents
        cursor.flags =
            previous.flags & EnrolmentCursor.Flags.disputePaused
            | (previous.inFlightSerial != 0 ? EnrolmentCursor.Flags.detached : 0)
        cursor.campaign = Int16(campaign)
        cursor.variant = UInt8(truncatingIfNeeded: variant)
        cursor.enrolledAt = time
        cursor.phase = .waiting
        cursor.priorityKey = self.priorityKey(
            account,
            priority: self.compiled[campaign].priority,
            paid: cursor.paidCents
        )
        self.states[account].cursor = cursor
        self.mirrorGeneration(account, cursor.generation)
        self.enterStep(account, self.compiled[campaign].entries[variant], base: time, at: time, into: &actions)
    }

    func priorityKey(_ account: Int, priority: Priority, paid: Int64) -> Int64 {
        let record = self.states[account].record
        switch priority {
        case .highestBalance: return -(record.balanceCents - paid)
        case .lowestBalance: return record.balanceCents - paid
        case .oldestDebt: return -Int64(record.daysPastDue)
        case .newestDebt: return Int64(record.daysPastDue)
        case .firstDue: return 0
        }
    }

    private mutating func receiveResult(
        _ id: AttemptID,
        _ result: AttemptResult,
        at time: Int64,
        into actions: inout [EngineAction]
    ) {
        let account = id.account.position
        guard self.states.indices.contains(account), id.serial != 0 else { return }
        let cursor = self.states[account].cursor
        guard cursor.inFlightSerial == id.serial else { return }
        let channel = Channel(position: Int(cursor.inFlightChannel))
        // The ledger finds the attempt by its key, channel, destination and instant: the bucket's name is not
        // read, so the account's bucket string (another cache line) is not touched here.
        self.ledgers[account].recordResult(
            result,
            of: ContactCandidate(
                channel: channel,
                destination: Int(cursor.inFlightDestination),
                debtBucket: "",
                at: UTCInstant(secondsSinceEpoch: cursor.inFlightAt)
            ),
            key: self.states[account].record.debtKey
        )
        let detached = cursor.flags & EnrolmentCursor.Flags.detached != 0
        let awaiting = cursor.flags & EnrolmentCursor.Flags.awaitingResult != 0
        let pool = self.poolOfChannel[channel.position]
        if pool >= 0 { self.pools[pool].release() }
        if !detached && cursor.phase == .inFlight {
            // `advance` lands the attempt in its own write to the cursor.
            self.advance(account, after: result, at: time, into: &actions)
        } else {
            Self.landAttempt(&self.states[account].cursor)
            if detached && awaiting && cursor.isActive { self.schedule(account, stepDue: time) }
        }
        if pool >= 0 { self.drainPool(pool, at: time, into: &actions) }
    }

    /// Clears the attempt in flight from the cursor, in place (one access to the account's state, not a copy out
    /// and back), and records the step's outcome when one is given.
    @inline(__always)
    static func landAttempt(_ cursor: inout EnrolmentCursor, outcome: UInt8? = nil) {
        cursor.inFlightSerial = 0
        cursor.flags &= ~(EnrolmentCursor.Flags.detached | EnrolmentCursor.Flags.awaitingResult)
        if let outcome { cursor.lastOutcome = outcome }
    }

    private mutating func receivePayment(
        _ account: Int,
        cents: Int64,
        at time: Int64,
        into actions: inout [EngineAction]
    ) {
        self.states[account].cursor.paidCents += cents
        let cursor = self.states[account].cursor
        guard cursor.isActive else { return }
        let campaign = Int(cursor.campaign)
        let remaining = self.states[account].record.balanceCents - cursor.paidCents
        if remaining <= 0 {
            self.states[account].cursor.lastOutcome = UInt8(StepOutcome.paidInFull.position + 1)
            self.end(account, reason: "paid in full", rule: nil, at: time, into: &actions)
            return
        }
        if self.compiled[campaign].stopOnAnyPayment {
            self.end(account, reason: "stop rule: any payment", rule: nil, at: time, into: &actions)
            return
        }
        if let floor = self.compiled[campaign].stopBelowCents, remaining < floor {
            self.end(account, reason: "stop rule: balance below", rule: nil, at: time, into: &actions)
            return
        }
        self.states[account].cursor.lastOutcome = UInt8(StepOutcome.paidPartial.position + 1)
        self.states[account].cursor.priorityKey = self.priorityKey(
            account,
            priority: self.compiled[Int(cursor.campaign)].priority,
            paid: cursor.paidCents
        )
        if cursor.promiseDue != EnrolmentCursor.never,
            cursor.paidCents >= cursor.promiseTargetCents
        {
            // Promise kept: the pause lifts and the promise timer goes.
            self.states[account].cursor.promiseDue = EnrolmentCursor.never
            self.states[account].cursor.flags &= ~EnrolmentCursor.Flags.promisePaused
            self.rearmAccount(account)
        }
        self.routeEvent(account, .paidPartial, at: time, into: &actions)
    }

    private mutating func receivePromise(_ account: Int, cents: Int64, due: Int64, at time: Int64) {
        guard self.states[account].cursor.isActive else { return }
        var cursor = self.states[account].cursor
        cursor.promiseDue = Swift.max(due, time)
        cursor.promiseTargetCents = cursor.paidCents + cents
        cursor.lastOutcome = UInt8(StepOutcome.promised.position + 1)
        if self.compiled[Int(cursor.campaign)].pauseOnOpenPromise {
            cursor.flags |= EnrolmentCursor.Flags.promisePaused
        }
        self.states[account].cursor = cursor
        self.rearmAccount(account)
    }

    private static let ceaseReason = "the consumer asked the collector to cease communication"
    private static let attorneyReason = "the consumer is represented by an attorney"

    private mutating func resumeAfterVerification(_ account: Int, at time: Int64) {
        self.states[account].cursor.flags &= ~EnrolmentCursor.Flags.disputePaused
        if self.states[account].cursor.phase == .paused {
            self.states[account].cursor.phase = .waiting
            self.schedule(account, stepDue: time)
        }
    }

    private mutating func receiveConsumerEvent(
        _ account: Int,
        _ event: ConsumerEvent,
        at now: UTCInstant,
        into actions: inout [EngineAction]
    ) {
        self.ledgers[account].recordEvent(event, at: now)
        let time = now.secondsSinceEpoch
        let bucket = self.debtBuckets[account]
        switch event {
        case .cease:
            self.end(account, reason: Self.ceaseReason, rule: "RF-6-CEASE", at: time, into: &actions)
        case .ceaseDebt(let debt) where debt == bucket:
            self.end(account, reason: Self.ceaseReason, rule: "RF-6-CEASE", at: time, into: &actions)
        case .attorney:
            self.end(account, reason: Self.attorneyReason, rule: "RF-6-ATTY", at: time, into: &actions)
        case .attorneyDebt(let debt) where debt == bucket:
            self.end(account, reason: Self.attorneyReason, rule: "RF-6-ATTY", at: time, into: &actions)
        case .bankruptcy:
            self.end(
                account,
                reason: "the consumer filed for bankruptcy",
                rule: "HOUSE-BANKRUPTCY",
                at: time,
                into: &actions
            )
        case .deceased:
            self.end(account, reason: "the consumer is deceased", rule: "HOUSE-DECEASED", at: time, into: &actions)
        case .dispute:
            self.states[account].cursor.flags |= EnrolmentCursor.Flags.disputePaused
        case .disputeDebt(let debt) where debt == bucket:
            self.states[account].cursor.flags |= EnrolmentCursor.Flags.disputePaused
        case .verificationSent:
            self.resumeAfterVerification(account, at: time)
        case .verificationSentDebt(let debt) where debt == bucket:
            self.resumeAfterVerification(account, at: time)
        default:
            // Opt-outs, wrong numbers, consents, inbound contacts: the ledger has them and the policy applies
            // them on the next evaluation.
            break
        }
    }
}
