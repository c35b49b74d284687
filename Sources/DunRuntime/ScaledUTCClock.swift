public import DunCore

/// A wall clock that runs `factor` times faster from a fixed origin: virtual time is
/// `start + (wall − originMilliseconds) × factor`. For tests and demos of campaigns with long waits: the
/// same arguments in every process give the same virtual time, so a restarted runner continues where the
/// killed one was.
public struct ScaledUTCClock: UTCClock {
    private let base: any UTCClock
    private let startMilliseconds: Int64
    private let originMilliseconds: Int64
    private let factor: Int64

    /// Creates a clock that reads `start` at wall time `originMilliseconds` and runs `factor` times faster.
    public init(base: any UTCClock, start: UTCInstant, originMilliseconds: Int64, factor: Int) {
        self.base = base
        self.startMilliseconds = start.secondsSinceEpoch * 1000
        self.originMilliseconds = originMilliseconds
        self.factor = Int64(Swift.max(1, factor))
    }

    public func now() -> UTCInstant {
        UTCInstant(secondsSinceEpoch: self.nowMilliseconds() / 1000)
    }

    public func nowMilliseconds() -> Int64 {
        self.startMilliseconds + (self.base.nowMilliseconds() - self.originMilliseconds) * self.factor
    }

    public func sleep(until deadline: UTCInstant) async throws {
        let remaining = deadline.secondsSinceEpoch * 1000 - self.nowMilliseconds()
        try await self.sleep(milliseconds: remaining)
    }

    public func sleep(milliseconds: Int64) async throws {
        guard milliseconds > 0 else { return }
        // Rounded up: waking early would read a virtual second before the deadline.
        try await self.base.sleep(milliseconds: (milliseconds + self.factor - 1) / self.factor)
    }
}
