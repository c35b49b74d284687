import DunCore

/// The mutable state of one capacity pool: seats in use, the current rate interval, and the waiters.
struct PoolState: Sendable {
    var pool: CapacityPool
    var seats: Int
    var busy = 0
    var rateAttempts: Int
    var rateInterval: Int64
    var currentInterval = Int64.min
    var usedInInterval = 0
    var hours: CompiledWindow?
    var zone: LocalZone
    /// Waiting enrolments, ordered by (priority key, ready instant, sequence).
    var waiters = DueQueue()
    /// The instant of the pool's own timer entry in the due queue, `never` when none is armed.
    var timerAt = EnrolmentCursor.never
    var timerGeneration: UInt32 = 0

    init(_ pool: CapacityPool) {
        self.pool = pool
        self.seats = pool.seats ?? .max
        self.rateAttempts = pool.rate?.attempts ?? .max
        self.rateInterval = Swift.max(1, pool.rate?.intervalSeconds ?? 1)
        self.hours = pool.workingHours.map(CompiledWindow.init)
        self.zone = LocalZone(zone: pool.zone, fixedOffset: Int64(pool.utcOffsetSeconds))
    }

    private func interval(of instant: Int64) -> Int64 {
        instant.floorDiv(self.rateInterval)
    }

    private func tokenAvailable(at instant: Int64) -> Bool {
        self.interval(of: instant) != self.currentInterval || self.usedInInterval < self.rateAttempts
    }

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

    /// The first instant after `instant` at which the rate and working hours allow a dispatch (seats aside).
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
