import ServiceLifecycle
import Synchronization

/// Stops a running ``WebhookServer`` gracefully: it stops accepting connections, answers the requests it is
/// handling and closes its connections, then `run` returns.
///
/// Cancelling the serving task instead can trap inside SwiftNIO ("Deinited NIOAsyncWriter without calling
/// finish()") when a connection was accepted but not yet served, which a burst of gateway callbacks at shutdown
/// makes likely (apple/swift-nio#3481: the maintainers' advice is a graceful shutdown).
///
/// ```swift
/// let shutdown = WebhookShutdown()
/// let serving = Task { try await server.run(shutdown: shutdown) }
/// await shutdown.trigger()
/// try await serving.value
/// ```
public final class WebhookShutdown: Sendable {
    private let state = Mutex<State>(State())

    private struct State {
        var group: ServiceGroup?
        var triggered = false
    }

    /// A shutdown not yet triggered.
    public init() {}

    /// Asks the server to stop gracefully and returns at once; a server that has not started yet stops as soon
    /// as it starts. Calling it again does nothing more.
    public func trigger() async {
        let group = self.state.withLock { state -> ServiceGroup? in
            state.triggered = true
            return state.group
        }
        await group?.triggerGracefulShutdown()
    }

    /// Whether `trigger()` was called.
    public var isTriggered: Bool { self.state.withLock { $0.triggered } }

    /// Attaches the server's service group: a shutdown already triggered is passed on to it.
    func attach(_ group: ServiceGroup) async {
        let triggered = self.state.withLock { state -> Bool in
            state.group = group
            return state.triggered
        }
        if triggered { await group.triggerGracefulShutdown() }
    }
}
