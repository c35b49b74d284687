import DunCore
import DunEngine
import DunGateways
import DunWebhooks
import Synchronization

/// Something the driver loop must look at.
enum DriverEvent: Sendable {
    /// The timer went off: the engine's wake-up or the once-a-second heartbeat.
    case tick
    /// A gateway answered a send.
    case sent(AttemptID, GatewaySendResult)
    /// A gateway answered a lookup of an attempt in doubt; `failure` is the send failure that led to it
    /// (nil when reconciling after a restart).
    case lookedUp(AttemptID, GatewayLookupResult, failure: GatewayFailure?)
    /// A signature-checked webhook event; answer through `reply` once it is durable.
    case webhook(WebhookEvent, WebhookReply)
    /// SIGINT/SIGTERM or `LiveDriver.stop()`.
    case shutdown
}

/// The one-shot answer to a webhook handler waiting on the driver.
final class WebhookReply: Sendable {
    private let continuation: Mutex<CheckedContinuation<WebhookDisposition, any Error>?>

    init(_ continuation: CheckedContinuation<WebhookDisposition, any Error>) {
        self.continuation = Mutex(continuation)
    }

    func resume(_ result: Result<WebhookDisposition, any Error>) {
        let continuation = self.continuation.withLock { slot -> CheckedContinuation<WebhookDisposition, any Error>? in
            defer { slot = nil }
            return slot
        }
        continuation?.resume(with: result)
    }
}

/// The webhook server's sink for a live run: every event goes through the driver loop, which commits it
/// (with its engine input) before the handler returns, so a 2xx is only ever sent for a durable event.
struct DriverWebhookSink: WebhookEventSink {
    let queue: EventQueue

    func record(_ event: WebhookEvent) async throws -> WebhookDisposition {
        try await withCheckedThrowingContinuation { continuation in
            self.queue.push(.webhook(event, WebhookReply(continuation)))
        }
    }
}

/// A driver error that stops the run.
public struct LiveRunError: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
