import DunCore

/// The counters and compiled configuration of one capacity pool: seats in use, the current rate interval, the
/// working hours and the pool's timer.
///
/// Plain values only (no references): the engine reads and updates a pool in place many times per decision,
/// and a field with a reference would make every read of `pools[i]` a copy with retains. The waiting line,
/// which owns arrays, lives beside it (`PoolLine`).
struct PoolState: Sendable {
    let channel: Channel
    let seats: Int
    var busy = 0
    let rateAttempts: Int
    let rateInterval: Int64
    var currentInterval = Int64.min
    var usedInInterval = 0
    let hours: CompiledWindow?
    let zone: LocalZone
    /// The instant of the pool's own timer entry in the due queue, `never` when none is armed.
    var timerAt = EnrolmentCursor.never
    var timerGeneration: UInt32 = 0

    init(_ pool: CapacityPool) {
        self.channel = pool.channel
        self.seats = pool.seats ?? .max
        self.rateAttempts = pool.rate?.attempts ?? .max
        self.rateInterval = Swift.max(1, pool.rate?.intervalSeconds ?? 1)
        self.hours = pool.workingHours.map(CompiledWindow.init)
        self.zone = LocalZone(zone: pool.zone, fixedOffset: Int64(pool.utcOffsetSeconds))
    }

    @inline(__always)
    private func interval(of instant: Int64) -> Int64 {
        instant.floorDiv(self.rateInterval)
    }

    @inline(__always)
    private func tokenAvailable(at instant: Int64) -> Bool {
        self.interval(of: instant) != self.currentInterval || self.usedInInterval < self.rateAttempts
    }

    @inline(__always)
    private func inHours(_ instant: Int64) -> Bool {
        guard let hours = self.hours else { return true }
        return hours.nextOpening(atOrAfter: instant, zone: self.zone, blackout: nil) == instant
    }

    /// Whether an attempt may be dispatched at `instant`.
    func canDispatch(at instant: Int64) -> Bool {
        self.busy < self.seats && self.tokenAvailable(at: instant) && self.inHours(instant)
    }

    /// Whether only a released seat (an attempt's result) can unblock the pool.
    var waitsForSeat: Bool { self.busy >= self.seats }

    /// The first instant at or after `instant` at which the rate and working hours allow a dispatch (seats
    /// aside).
    func nextOpportunity(after instant: Int64) -> Int64 {
        var candidate = instant
        for _ in 0..<8 {
            var moved = false
            if let hours = self.hours {
                let opening = hours.nextOpening(atOrAfter: candidate, zone: self.zone, blackout: nil)
                if opening != candidate {
                    candidate = opening
                    moved = true
                }
            }
            if !self.tokenAvailable(at: candidate) {
                candidate = (self.interval(of: candidate) + 1) * self.rateInterval
                moved = true
            }
            if !moved { return candidate }
        }
        return candidate
    }

    /// Takes a seat and a token for a dispatch at `instant`.
    mutating func take(at instant: Int64) {
        let interval = self.interval(of: instant)
        if interval != self.currentInterval {
            self.currentInterval = interval
            self.usedInInterval = 0
        }
        self.usedInInterval += 1
        self.busy += 1
    }

    /// Frees the seat of an attempt whose result arrived.
    mutating func release() {
        self.busy = Swift.max(0, self.busy - 1)
    }
}
