public import DunCore

/// A source of wall-clock time for live components (gateway-sim, runner, webhook server).
///
/// Contract: `now()` never goes backwards within one process run more than the system clock does;
/// `sleep` returns no earlier than asked (later is allowed) and throws `CancellationError` when the
/// task is cancelled. Implementations: ``SystemUTCClock`` (the wall clock); tests may supply a manual clock.
public protocol UTCClock: Sendable {
    /// The current instant, in whole seconds.
    func now() -> UTCInstant
    /// Milliseconds since the Unix epoch, for sub-second stamps in logs and latency measurements.
    func nowMilliseconds() -> Int64
    /// Suspends until `deadline`.
    func sleep(until deadline: UTCInstant) async throws
    /// Suspends for at least `milliseconds`.
    func sleep(milliseconds: Int64) async throws
}
