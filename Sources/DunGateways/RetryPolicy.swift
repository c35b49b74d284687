/// When to try a failed send again: exponential backoff with seeded jitter; 429 honours `Retry-After`;
/// no retry on other 4xx.
///
/// A pure value: the runner asks ``decision(after:attemptNumber:jitterSeed:)`` after each send and turns a
/// `.retry` into a *new attempt*, due at the returned delay, that the contact policy judges like any other.
/// The jitter is a function of `jitterSeed` and the attempt number, so a run is reproducible.
///
/// ```swift
/// let policy = RetryPolicy()
/// switch policy.decision(after: result, attemptNumber: 1, jitterSeed: 42) {
/// case .retry(let delay, _): scheduleRetry(afterMilliseconds: delay)
/// case .stop(let outcome): record(outcome)
/// }
/// ```
public struct RetryPolicy: Sendable, Hashable, Codable {
    /// Sends in all, the first one included; no retry after the last.
    public var maxAttempts: Int
    /// The backoff before the second attempt, in milliseconds; it doubles for each later one.
    public var baseDelayMilliseconds: Int64
    /// The cap on the backoff (before jitter).
    public var maxDelayMilliseconds: Int64
    /// The longest `Retry-After` honoured; a longer ask stops retrying (the gateway is throttling hard).
    public var maxRetryAfterSeconds: Int

    /// Creates a policy. Defaults: 6 attempts, 1 s doubling to at most 5 min, `Retry-After` up to 1 h.
    /// These are assumptions (common client defaults), not measured gateway behaviour.
    public init(
        maxAttempts: Int = 6,
        baseDelayMilliseconds: Int64 = 1_000,
        maxDelayMilliseconds: Int64 = 300_000,
        maxRetryAfterSeconds: Int = 3_600
    ) {
        self.maxAttempts = maxAttempts
        self.baseDelayMilliseconds = baseDelayMilliseconds
        self.maxDelayMilliseconds = maxDelayMilliseconds
        self.maxRetryAfterSeconds = maxRetryAfterSeconds
    }

    /// What to do after a send.
    public enum Decision: Sendable, Hashable {
        /// Try again after `delayMilliseconds`. `reuseIdempotencyKey` is true when the failed send is in doubt:
        /// the retry must carry the same key (or the runner must reconcile with `lookup` first). This is
        /// sticky for the runner: once any send of a series was in doubt, every later retry keeps that key
        /// even if its own failure (a 429, say) was not in doubt; the fault test shows duplicates otherwise.
        case retry(delayMilliseconds: Int64, reuseIdempotencyKey: Bool)
        /// Stop: the send was accepted, failed for good, or ran out of attempts.
        case stop(Outcome)
    }

    /// Why a series of sends stopped.
    public enum Outcome: Sendable, Hashable {
        /// The gateway accepted the send.
        case accepted(GatewayReceipt)
        /// A permanent failure, or a retryable one with no attempts left or an over-long `Retry-After`.
        case failed(GatewayFailure)
    }

    /// The decision after send number `attemptNumber` (1 for the first) returned `result`.
    ///
    /// - Parameters:
    ///   - result: what the gateway said.
    ///   - attemptNumber: 1-based number of the send that produced `result`.
    ///   - jitterSeed: a per-attempt-series seed (derive it from the run seed and the attempt id).
    /// - Returns: `.retry` with the delay, or `.stop` with the final outcome.
    public func decision(after result: GatewaySendResult, attemptNumber: Int, jitterSeed: UInt64) -> Decision {
        switch result {
        case .accepted(let receipt):
            return .stop(.accepted(receipt))
        case .permanent(let failure):
            return .stop(.failed(failure))
        case .retryable(let failure):
            guard attemptNumber < self.maxAttempts else { return .stop(.failed(failure)) }
            var delay = self.backoffMilliseconds(attemptNumber: attemptNumber, jitterSeed: jitterSeed)
            if let retryAfter = failure.retryAfterSeconds {
                guard retryAfter <= self.maxRetryAfterSeconds else { return .stop(.failed(failure)) }
                delay = max(delay, Int64(retryAfter) * 1_000)
            }
            return .retry(delayMilliseconds: delay, reuseIdempotencyKey: failure.inDoubt)
        }
    }

    /// The jittered backoff after send number `attemptNumber`: half the exponential delay plus a seeded
    /// uniform share of the other half ("equal jitter"), so retries spread out but never come sooner
    /// than half the nominal delay.
    public func backoffMilliseconds(attemptNumber: Int, jitterSeed: UInt64) -> Int64 {
        let exponent = min(max(attemptNumber - 1, 0), 40)
        let scaled = self.baseDelayMilliseconds.multipliedReportingOverflow(by: Int64(1) << Int64(exponent))
        let nominal = scaled.overflow ? self.maxDelayMilliseconds : min(self.maxDelayMilliseconds, scaled.partialValue)
        let half = nominal / 2
        guard half > 0 else { return nominal }
        let random = Self.mix(jitterSeed &+ UInt64(attemptNumber) &* 0x9E37_79B9_7F4A_7C15)
        return half + Int64(random % UInt64(half + 1))
    }

    /// Whether an HTTP status is worth retrying: 5xx, 429 and 408.
    public static func isRetryable(httpStatus: Int) -> Bool {
        httpStatus >= 500 || httpStatus == 429 || httpStatus == 408
    }

    // SplitMix64's finaliser: a well-mixed 64-bit value from a seed.
    private static func mix(_ seed: UInt64) -> UInt64 {
        var z = seed &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
