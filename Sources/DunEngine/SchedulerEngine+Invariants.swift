#if DUN_INTERNAL_CHECKS
// Compiled only with -Xswiftc -DDUN_INTERNAL_CHECKS (CI runs the tests once that way); O(accounts) per input.
extension SchedulerEngine {
    func checkInvariants() {
        precondition(self.queue.isValidHeap, "due queue lost the heap property")
        let earliest = self.queue.storage.filter(self.isLive).map(\.instant).min()
        precondition(
            earliest.map { UTCInstant(secondsSinceEpoch: $0) } == self.armedWake,
            "armed wake-up \(String(describing: self.armedWake)) is not the earliest pending instant"
        )
        for (index, cursor) in self.states.lazy.map(\.cursor).enumerated() {
            switch cursor.phase {
            case .inFlight:
                precondition(cursor.inFlightSerial != 0, "account \(index) in flight without an attempt")
                precondition(cursor.stepDue == EnrolmentCursor.never, "account \(index) both pending and in flight")
            case .waiting:
                let due = Swift.min(cursor.stepDue, cursor.promiseDue)
                if due != EnrolmentCursor.never, cursor.flags & EnrolmentCursor.Flags.awaitingResult == 0 {
                    precondition(
                        self.queue.storage.contains { $0.owner == Int32(index) && $0.generation == cursor.generation },
                        "account \(index) waits for \(due) with no live queue entry"
                    )
                }
            case .waitingForCapacity:
                let pool = self.poolOfChannel[
                    self.compiled[Int(cursor.campaign)].steps[Int(cursor.step)].channel.position
                ]
                precondition(pool >= 0, "account \(index) waits for a pool that does not exist")
                precondition(
                    self.pools[pool].waiters.storage.contains {
                        $0.owner == Int32(index) && $0.generation == cursor.waitTicket
                    },
                    "account \(index) waits for capacity but is not in the pool's line"
                )
            case .none, .paused, .ended:
                break
            }
        }
        for pool in self.pools {
            precondition(pool.busy <= pool.seats, "a pool has more attempts in flight than seats")
            precondition(pool.waiters.isValidHeap, "a pool's waiting line lost the heap property")
        }
    }
}
#endif
