import DunCore
import DunPolicy

// MARK: - A dispatch the gateway did not take

extension SchedulerEngine {
    /// The gateway did not take attempt `id`: close it as `.failed` in the ledger, free its seat, and make the
    /// step due again at `due` without using up one of the step's retries (the consumer was not contacted).
    mutating func receiveGatewayRetry(
        _ id: AttemptID,
        due: Int64,
        at time: Int64,
        into actions: inout [EngineAction]
    ) {
        let account = id.account.position
        guard self.states.indices.contains(account), id.serial != 0 else { return }
        var cursor = self.states[account].cursor
        guard cursor.inFlightSerial == id.serial else { return }
        let channel = Channel.allCases[Int(cursor.inFlightChannel)]
        self.ledgers[account].recordResult(
            .failed,
            of: ContactCandidate(
                channel: channel,
                destination: Int(cursor.inFlightDestination),
                debtBucket: self.debtBuckets[account],
                at: UTCInstant(secondsSinceEpoch: cursor.inFlightAt)
            )
        )
        cursor.inFlightSerial = 0
        let detached = cursor.flags & EnrolmentCursor.Flags.detached != 0
        let awaiting = cursor.flags & EnrolmentCursor.Flags.awaitingResult != 0
        cursor.flags &= ~(EnrolmentCursor.Flags.detached | EnrolmentCursor.Flags.awaitingResult)
        let wasInFlight = !detached && cursor.phase == .inFlight
        if wasInFlight {
            cursor.attemptNumber = cursor.attemptNumber > 0 ? cursor.attemptNumber - 1 : 0
            cursor.totalAttempts = cursor.totalAttempts > 0 ? cursor.totalAttempts - 1 : 0
            cursor.phase = .waiting
        }
        self.states[account].cursor = cursor
        let pool = self.poolOfChannel[channel.position]
        if pool >= 0 { self.pools[pool].release() }
        if detached {
            if awaiting && cursor.isActive { self.schedule(account, stepDue: time) }
        } else if wasInFlight {
            self.schedule(account, stepDue: Swift.max(due, time))
        }
        if pool >= 0 { self.drainPool(pool, at: time, into: &actions) }
    }
}
