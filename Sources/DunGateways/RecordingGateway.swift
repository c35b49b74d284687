public import DunCore
import Synchronization

/// An in-memory ``Gateway`` for tests and dry runs: records every attempt and accepts it, idempotently.
///
/// A repeated idempotency key returns the original receipt and records nothing new, as a gateway that
/// honours keys does. A `script` can make chosen sends fail; a failed send records nothing.
/// Copies share one store (like swift-log's `InMemoryLogHandler`), so a test keeps a copy to read ``entries``.
public struct RecordingGateway: Gateway {
    /// Decides the result of send number `sendIndex` (0-based, counting every call) of `attempt`;
    /// `nil` accepts it.
    public typealias Script = @Sendable (_ attempt: GatewayAttempt, _ sendIndex: Int) -> GatewaySendResult?

    private final class Store: Sendable {
        struct State {
            var entries: [GatewayAttempt] = []
            var receipts: [String: GatewayReceipt] = [:]
            var sendCount = 0
        }
        let state = Mutex(State())
    }

    private let store = Store()
    private let script: Script?
    public let channels: Set<Channel>

    /// Creates a gateway for `channels` (all by default), with an optional failure script.
    public init(channels: Set<Channel> = Set(Channel.allCases), script: Script? = nil) {
        self.channels = channels
        self.script = script
    }

    /// Every accepted attempt, in acceptance order, each once.
    public var entries: [GatewayAttempt] {
        self.store.state.withLock { $0.entries }
    }

    /// How many times ``send(_:)`` was called, repeats and failures included.
    public var sendCount: Int {
        self.store.state.withLock { $0.sendCount }
    }

    public func send(_ attempt: GatewayAttempt) async -> GatewaySendResult {
        let index = self.store.state.withLock { state -> Int in
            defer { state.sendCount += 1 }
            return state.sendCount
        }
        guard self.channels.contains(attempt.channel) else {
            return .permanent(GatewayFailure(message: "channel \(attempt.channel.rawValue) not supported"))
        }
        if let scripted = self.script?(attempt, index) {
            return scripted
        }
        let receipt = self.store.state.withLock { state -> GatewayReceipt in
            if let original = state.receipts[attempt.idempotencyKey] {
                return original
            }
            let receipt = GatewayReceipt(gatewayMessageID: "REC\(state.entries.count + 1)", status: "queued")
            state.receipts[attempt.idempotencyKey] = receipt
            state.entries.append(attempt)
            return receipt
        }
        return .accepted(receipt)
    }

    public func lookup(idempotencyKey: String, channel: Channel) async -> GatewayLookupResult {
        self.store.state.withLock { state in
            state.receipts[idempotencyKey].map { .found($0) } ?? .notFound
        }
    }
}
