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
    /// The rate interval of the last dispatch as instants `[intervalStart, intervalEnd)` (empty before the first):
    /// whether an instant falls in it is two comparisons, where its interval number costs a division.
    var intervalStart = Int64.max
    var intervalEnd = Int64.min
    var usedInInterval = 0
    let hours: CompiledWindow?
    let zone: LocalZone
    /// The instant of the pool's own timer entry in the due queue, `never` when none is armed.
    var timerAt = EnrolmentCursor.never
    var timerGeneration: UInt32 = 0
    /// A stretch `[openFrom, openUntil)` in which the working hours are known to be open, and one
    /// `[closedFrom, closedUntil)` in which they are known to stay closed until `closedUntil`: the engine asks
    /// about the same shift again and again, and each fresh answer costs zone-table look-ups.
    private var openFrom = Int64.max
    private var openUntil = Int64.min
    private var closedFrom = Int64.max
    private var closedUntil = Int64.min

    init(_ pool: CapacityPool) {
        self.channel = pool.channel
        self.seats = pool.seats ?? .max
        self.rateAttempts = pool.rate?.attempts ?? .max
        self.rateInterval = Swift.max(1, pool.rate?.intervalSeconds ?? 1)
        self.hours = pool.workingHours.map(CompiledWindow.init)
        self.zone = LocalZone(zone: pool.zone, fixedOffset: Int64(pool.utcOffsetSeconds))
    }

    @inline(__always)
    private func tokenAvailable(at instant: Int64) -> Bool {
        self.usedInInterval < self.rateAttempts || instant < self.intervalStart || instant >= self.intervalEnd
    }

    /// Whether a seat and a rate token are free at `instant` (working hours aside).
    @inline(__always)
    func hasRoom(at instant: Int64) -> Bool {
        self.busy < self.seats && self.tokenAvailable(at: instant)
    }

    /// Whether the working hours are known to be open at `instant` (around the clock, or inside the open stretch
    /// last found), without a look-up. Read-only, so the engine asks it without a write access to its pools
    /// (each of which checks the array's uniqueness).
    @inline(__always)
    func knownOpen(at instant: Int64) -> Bool {
        self.hours == nil || (instant >= self.openFrom && instant < self.openUntil)
    }

    /// `hoursOpening(atOrAfter:)` when the open or the closed stretch last found answers it (or the pool works
    /// around the clock), else nil: read-only, like `knownOpen`.
    @inline(__always)
    func knownOpening(atOrAfter instant: Int64) -> Int64? {
        if self.knownOpen(at: instant) { return instant }
        if instant >= self.closedFrom && instant < self.closedUntil { return self.closedUntil }
        return nil
    }

    /// The first instant at or after `instant` at which the working hours are open (`instant` when the pool
    /// works around the clock; `EnrolmentCursor.never` when the hours never open).
    mutating func hoursOpening(atOrAfter instant: Int64) -> Int64 {
        guard let hours = self.hours else { return instant }
        if instant >= self.openFrom && instant < self.openUntil { return instant }
        if instant >= self.closedFrom && instant < self.closedUntil { return self.closedUntil }
        let opening = hours.nextOpening(atOrAfter: instant, zone: self.zone, blackout: nil)
        guard opening != EnrolmentCursor.never else { return opening }
        if opening > instant {
            // No instant of [instant, opening) is open, so each of them has the same next opening.
            self.closedFrom = instant
            self.closedUntil = opening
        }
        // The shift that starts at (or contains) `opening` lasts until its local closing second.
        if let until = hours.openUntil(from: opening, zone: self.zone) {
            self.openFrom = opening
            self.openUntil = until
        }
        return opening
    }

    /// Whether only a released seat (an attempt's result) can unblock the pool.
    var waitsForSeat: Bool { self.busy >= self.seats }

    /// The first instant at or after `instant` at which the rate and working hours allow a dispatch (seats
    /// aside).
    mutating func nextOpportunity(after instant: Int64) -> Int64 {
        var candidate = instant
        for _ in 0..<8 {
            var moved = false
            let opening = self.hoursOpening(atOrAfter: candidate)
            if opening != candidate {
                candidate = opening
                moved = true
            }
            if !self.tokenAvailable(at: candidate) {
                // No token left means `candidate` lies in the interval of the last dispatch: the next one starts
                // at its end.
                candidate = self.intervalEnd
                moved = true
            }
            if !moved { return candidate }
        }
        return candidate
    }

    /// Takes a seat and a token for a dispatch at `instant`.
    mutating func take(at instant: Int64) {
        if instant < self.intervalStart || instant >= self.intervalEnd {
            let start = instant.floorDiv(self.rateInterval) * self.rateInterval
            let (end, overflow) = start.addingReportingOverflow(self.rateInterval)
            self.intervalStart = start
            self.intervalEnd = overflow ? Int64.max : end
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
