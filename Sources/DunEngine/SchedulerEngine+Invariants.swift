#if DUN_INTERNAL_CHECKS
import DunCore

// Compiled only with -Xswiftc -DDUN_INTERNAL_CHECKS; O(accounts + queue) per input, so for tests only (dun-bench
// refuses to run with it).
extension SchedulerEngine {
    func checkInvariants() {
        precondition(self.queue.isValid, "due queue lost its invariants")
        let live = self.queue.entries.filter(self.isLive)
        let earliest = live.map(\.instant).min()
        precondition(
            earliest.map { UTCInstant(secondsSinceEpoch: $0) } == self.armedWake,
            "armed wake-up \(String(describing: self.armedWake)) is not the earliest pending instant"
        )
        var queued = [Bool](repeating: false, count: self.states.count)
        for entry in live where entry.owner >= 0 { queued[Int(entry.owner)] = true }
        var waiting = [Bool](repeating: false, count: self.states.count)
        for pool in self.pools {
            precondition(pool.busy <= pool.seats, "a pool has more attempts in flight than seats")
        }
        for line in self.lines {
            precondition(line.waiters.isValid, "a pool's waiting line lost its invariants")
            precondition(line.parked.isValid, "a pool's parked waiters lost their invariants")
            for entry in line.waiters.entries + line.parked.entries where self.isWaiting(entry) {
                waiting[Int(entry.owner)] = true
            }
        }
        for index in self.states.indices {
            let cursor = self.states[index].cursor
            if self.mirrorsGenerations {
                precondition(
                    self.timerGenerations[index] == cursor.generation,
                    "an account's timer generation is stale"
                )
            }
            switch cursor.phase {
            case .inFlight:
                precondition(cursor.inFlightSerial != 0, "account \(index) in flight without an attempt")
                precondition(cursor.stepDue == EnrolmentCursor.never, "account \(index) both pending and in flight")
            case .waiting:
                let due = Swift.min(cursor.stepDue, cursor.promiseDue)
                if due != EnrolmentCursor.never, cursor.flags & EnrolmentCursor.Flags.awaitingResult == 0 {
                    precondition(queued[index], "account \(index) waits for \(due) with no live queue entry")
                }
            case .waitingForCapacity:
                precondition(waiting[index], "account \(index) waits for capacity but is not in a pool's line")
            case .none, .paused, .ended:
                precondition(!waiting[index], "account \(index) is in a pool's line but does not wait")
            }
        }
    }
}
#endif
