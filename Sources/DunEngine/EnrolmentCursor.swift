import DunCore

/// An account's campaign cursor, packed into one small value stored in a dense array indexed by account.
///
/// Instants are seconds since the epoch (`Int64.max`: none). Small fields are narrow integers so that the
/// cursor stays well inside the per-account budget; `SchedulerEngine.cursorBytes` reports its stride.
struct EnrolmentCursor: Sendable {
    /// The phase of the enrolment (`Enrolment.State`, plus `none`).
    enum Phase: UInt8 {
        case none
        case waiting
        case waitingForCapacity
        case inFlight
        case paused
        case ended
    }

    static let never = Int64.max

    // Instants are stored as seconds since 2000-01-01T00:00:00Z in 32 bits (good until 2068; `UInt32.max` is
    // "never"): four of them in 16 bytes instead of 32 keep cursor + ledger within 300 bytes per account.
    private static let epoch: Int64 = 946_684_800
    private static let none = UInt32.max

    @inline(__always)
    private static func pack(_ instant: Int64) -> UInt32 {
        instant == EnrolmentCursor.never ? Self.none : UInt32(clamping: instant - Self.epoch)
    }

    @inline(__always)
    private static func unpack(_ packed: UInt32) -> Int64 {
        packed == Self.none ? EnrolmentCursor.never : Int64(packed) + Self.epoch
    }

    private var packedStepDue = EnrolmentCursor.none
    private var packedPromiseDue = EnrolmentCursor.none
    private var packedEnrolledAt: UInt32 = 0
    private var packedInFlightAt: UInt32 = 0

    /// When the current step falls due (or is re-evaluated); `never` when nothing is pending.
    var stepDue: Int64 {
        get { Self.unpack(self.packedStepDue) }
        set { self.packedStepDue = Self.pack(newValue) }
    }

    /// When an open promise falls due; `never` when there is none.
    var promiseDue: Int64 {
        get { Self.unpack(self.packedPromiseDue) }
        set { self.packedPromiseDue = Self.pack(newValue) }
    }

    var enrolledAt: Int64 {
        get { Self.unpack(self.packedEnrolledAt) }
        set { self.packedEnrolledAt = Self.pack(newValue) }
    }

    /// The dispatch instant of the attempt in flight (to rebuild its ledger candidate when the result comes).
    var inFlightAt: Int64 {
        get { Self.unpack(self.packedInFlightAt) }
        set { self.packedInFlightAt = Self.pack(newValue) }
    }

    /// Payments received (across enrolments), in cents.
    var paidCents: Int64 = 0
    /// The open promise is kept once `paidCents` reaches this.
    var promiseTargetCents: Int64 = 0
    /// Lower goes first when a capacity pool is full and among items due at the same instant.
    var priorityKey: Int64 = 0
    /// Bumped whenever pending work changes; queue and pool entries with an older generation are stale.
    var generation: UInt32 = 0
    /// Bumped whenever the enrolment joins a capacity pool's waiters; older waiter entries are stale.
    var waitTicket: UInt32 = 0
    /// The serial of the last attempt dispatched (attempt ids are account << 32 | serial).
    var attemptSerial: UInt32 = 0
    /// The serial of the attempt in flight, 0 when none.
    var inFlightSerial: UInt32 = 0
    var totalAttempts: UInt16 = 0
    var campaign: Int16 = -1
    var step: Int16 = 0
    /// Steps entered at the current instant without any wait (guards loops without a wait).
    var hops: UInt8 = 0
    var variant: UInt8 = 0
    var attemptNumber: UInt8 = 0
    /// `StepOutcome` position + 1; 0 for none.
    var lastOutcome: UInt8 = 0
    var phase: Phase = .none
    var inFlightChannel: UInt8 = 0
    var inFlightDestination: UInt8 = 0
    /// `Flags` bits.
    var flags: UInt8 = 0

    /// Bits of `flags`.
    enum Flags {
        /// A written dispute pauses contact until verification is sent.
        static let disputePaused: UInt8 = 1
        /// The campaign's `open_promise` stop rule pauses contact while the promise is open.
        static let promisePaused: UInt8 = 2
        /// The attempt in flight no longer drives the step (the enrolment moved on or ended).
        static let detached: UInt8 = 4
        /// The current step is due but waits for the detached attempt's result.
        static let awaitingResult: UInt8 = 8
    }

    var isActive: Bool {
        @inline(__always) get { self.phase != .none && self.phase != .ended }
    }

    var snapshot: Enrolment? {
        guard self.phase != .none else { return nil }
        let state: Enrolment.State =
            switch self.phase {
            case .none, .waiting: .waiting
            case .waitingForCapacity: .waitingForCapacity
            case .inFlight: .inFlight
            case .paused: .paused
            case .ended: .ended
            }
        return Enrolment(
            campaign: Int(self.campaign),
            variant: Int(self.variant),
            step: Int(self.step),
            attemptNumber: Int(self.attemptNumber),
            enrolledAt: UTCInstant(secondsSinceEpoch: self.enrolledAt),
            lastOutcome: self.lastOutcome == 0 ? nil : StepOutcome.allCases[Int(self.lastOutcome) - 1],
            state: state,
            dueAt: self.stepDue == EnrolmentCursor.never || self.phase == .ended
                ? nil : UTCInstant(secondsSinceEpoch: Swift.min(self.stepDue, self.promiseDue)),
            totalAttempts: Int(self.totalAttempts)
        )
    }
}
