public import DunCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The clock of live runs: the only place in dun that reads the wall clock or sleeps.
///
/// Everything else takes a ``UTCClock`` (or an instant) as an argument, so tests and the simulator can
/// drive time themselves.
public struct SystemUTCClock: UTCClock {
    public init() {}

    /// The current wall-clock instant, truncated to the whole second.
    public func now() -> UTCInstant {
        UTCInstant(secondsSinceEpoch: self.nowMilliseconds() / 1000)
    }

    /// Milliseconds since the Unix epoch on the wall clock.
    public func nowMilliseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }

    /// Suspends until the wall clock reaches `deadline`; returns at once when it has passed.
    ///
    /// - Throws: `CancellationError` when the task is cancelled while sleeping.
    public func sleep(until deadline: UTCInstant) async throws {
        let remaining = deadline.secondsSinceEpoch * 1000 - self.nowMilliseconds()
        if remaining > 0 {
            try await self.sleep(milliseconds: remaining)
        }
    }

    /// Suspends for `milliseconds` (at least); returns at once for zero or less.
    ///
    /// - Throws: `CancellationError` when the task is cancelled while sleeping.
    public func sleep(milliseconds: Int64) async throws {
        guard milliseconds > 0 else { return }
        try await Task.sleep(for: .milliseconds(milliseconds))
    }
}
