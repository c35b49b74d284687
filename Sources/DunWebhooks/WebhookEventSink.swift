import Synchronization

/// Where the webhook server hands gateway events: the runner implements it with the store.
///
/// Contract:
/// - ``record(_:)`` returns only once the event is durable (a crash after the HTTP 200 must not lose it).
///   A thrown error makes the server answer 500, so the gateway retries the callback later.
/// - Events can arrive twice (gateways retry callbacks); the sink de-duplicates by
///   ``WebhookEvent/deduplicationKey`` and says so in the disposition.
/// - For an inbound opt-out the sink suppresses the number *before* returning, so no send after the 200
///   can reach it; it allows the confirmation reply only for a fresh revocation (one confirmation, TCPA-CONF).
public protocol WebhookEventSink: Sendable {
    /// Records an event and says whether the server may send the keyword reply for it.
    ///
    /// - Parameter event: a signature-checked event.
    /// - Returns: the disposition (duplicate or not; reply allowed or not).
    /// - Throws: when the event could not be recorded; the server answers 500.
    func record(_ event: WebhookEvent) async throws -> WebhookDisposition
}

/// What the sink did with an event.
public struct WebhookDisposition: Sendable, Hashable {
    /// Whether an event with the same key was recorded before (nothing new was done).
    public var isDuplicate: Bool
    /// Whether the server may answer the inbound text with its keyword reply.
    public var mayReply: Bool

    /// Creates a disposition.
    public init(isDuplicate: Bool, mayReply: Bool) {
        self.isDuplicate = isDuplicate
        self.mayReply = mayReply
    }
}

/// A ``WebhookEventSink`` in memory, for tests and the sandbox: events in arrival order, the suppressed
/// numbers and the numbers that opted back in.
public final class InMemoryWebhookEventSink: WebhookEventSink {
    private struct State {
        var events: [WebhookEvent] = []
        var seenKeys: Set<String> = []
        var suppressed: Set<String> = []
        var optedIn: [String] = []
    }

    private let state = Mutex(State())

    /// Creates an empty sink.
    public init() {}

    /// Every recorded event, duplicates excluded, in arrival order.
    public var events: [WebhookEvent] { self.state.withLock { $0.events } }

    /// The suppressed numbers, sorted.
    public var suppressedNumbers: [String] { self.state.withLock { $0.suppressed.sorted() } }

    /// Numbers that sent START or UNSTOP, in arrival order (new consent).
    public var optedInNumbers: [String] { self.state.withLock { $0.optedIn } }

    public func record(_ event: WebhookEvent) async throws -> WebhookDisposition {
        self.state.withLock { state in
            guard state.seenKeys.insert(event.deduplicationKey).inserted else {
                return WebhookDisposition(isDuplicate: true, mayReply: false)
            }
            state.events.append(event)
            guard case .inboundMessage(let inbound) = event else {
                return WebhookDisposition(isDuplicate: false, mayReply: false)
            }
            switch inbound.command {
            case .optOut:
                let fresh = state.suppressed.insert(inbound.from).inserted
                return WebhookDisposition(isDuplicate: false, mayReply: fresh)
            case .help:
                return WebhookDisposition(isDuplicate: false, mayReply: true)
            case .optIn:
                state.suppressed.remove(inbound.from)
                state.optedIn.append(inbound.from)
                return WebhookDisposition(isDuplicate: false, mayReply: false)
            case .other:
                return WebhookDisposition(isDuplicate: false, mayReply: false)
            }
        }
    }
}
