import DunGateways
import Testing

struct RetryPolicyTests {
    private let policy = RetryPolicy(maxAttempts: 5, baseDelayMilliseconds: 1_000, maxDelayMilliseconds: 8_000)

    @Test func acceptedAndPermanentStop() {
        let receipt = GatewayReceipt(gatewayMessageID: "SM1", status: "queued")
        #expect(
            self.policy.decision(after: .accepted(receipt), attemptNumber: 1, jitterSeed: 1)
                == .stop(.accepted(receipt))
        )
        let failure = GatewayFailure(statusCode: 400, message: "bad number")
        #expect(
            self.policy.decision(after: .permanent(failure), attemptNumber: 1, jitterSeed: 1) == .stop(.failed(failure))
        )
    }

    @Test func backoffDoublesWithinJitterBoundsAndIsSeeded() {
        for attempt in 1...4 {
            let nominal = min(8_000, 1_000 << Int64(attempt - 1))
            for seed in UInt64(0)..<200 {
                let delay = self.policy.backoffMilliseconds(attemptNumber: attempt, jitterSeed: seed)
                #expect(delay >= nominal / 2 && delay <= nominal)
                #expect(delay == self.policy.backoffMilliseconds(attemptNumber: attempt, jitterSeed: seed))
            }
        }
        let spread = Set((UInt64(0)..<50).map { self.policy.backoffMilliseconds(attemptNumber: 3, jitterSeed: $0) })
        #expect(spread.count > 10)
    }

    @Test func serverErrorRetriesUntilAttemptsRunOut() {
        let failure = GatewayFailure(statusCode: 503, message: "unavailable", inDoubt: true)
        guard
            case .retry(_, let reuse) = self.policy.decision(
                after: .retryable(failure),
                attemptNumber: 4,
                jitterSeed: 9
            )
        else {
            Issue.record("expected a retry")
            return
        }
        #expect(reuse)
        #expect(
            self.policy.decision(after: .retryable(failure), attemptNumber: 5, jitterSeed: 9) == .stop(.failed(failure))
        )
    }

    @Test func tooManyRequestsHonoursRetryAfter() {
        let failure = GatewayFailure(statusCode: 429, message: "slow down", retryAfterSeconds: 30)
        #expect(
            self.policy.decision(after: .retryable(failure), attemptNumber: 1, jitterSeed: 3)
                == .retry(delayMilliseconds: 30_000, reuseIdempotencyKey: false)
        )
        let tooLong = GatewayFailure(statusCode: 429, message: "slow down", retryAfterSeconds: 7_200)
        #expect(
            self.policy.decision(after: .retryable(tooLong), attemptNumber: 1, jitterSeed: 3) == .stop(.failed(tooLong))
        )
    }

    @Test(arguments: [(500, true), (503, true), (429, true), (408, true), (400, false), (401, false), (404, false)])
    func classifiesHTTPStatus(status: Int, retryable: Bool) {
        #expect(RetryPolicy.isRetryable(httpStatus: status) == retryable)
    }
}
