import Synchronization

/// A multi-producer, single-consumer queue of driver events: producers (webhook handlers, send tasks, the
/// timer, signal handlers) push; the driver loop takes everything pending at once, or waits for the next.
///
/// When the driver loop ends it closes the queue: whatever is still pending, and whatever arrives later,
/// is never handled, so a webhook among them is answered with an error at once (the gateway calls again,
/// and a restarted run handles it). Without that a webhook handler would wait for an answer forever and
/// the webhook server could never finish shutting down.
final class EventQueue: Sendable {
    private struct State {
        var pending: [DriverEvent] = []
        var waiter: CheckedContinuation<[DriverEvent], Never>?
        var closed = false
    }

    private let state = Mutex(State())

    func push(_ event: DriverEvent) {
        let resumed = self.state.withLock {
            state -> (waiter: CheckedContinuation<[DriverEvent], Never>?, events: [DriverEvent], refused: Bool) in
            if state.closed { return (nil, [], true) }
            state.pending.append(event)
            guard let waiter = state.waiter else { return (nil, [], false) }
            state.waiter = nil
            let events = state.pending
            state.pending = []
            return (waiter, events, false)
        }
        if resumed.refused {
            Self.refuse([event])
        } else if let waiter = resumed.waiter {
            waiter.resume(returning: resumed.events)
        }
    }

    /// Every pending event, waiting for one when there is none. Must not be called after `close()`.
    func next() async -> [DriverEvent] {
        await withCheckedContinuation { (continuation: CheckedContinuation<[DriverEvent], Never>) in
            let ready = self.state.withLock { state -> [DriverEvent]? in
                if state.pending.isEmpty && !state.closed {
                    state.waiter = continuation
                    return nil
                }
                let events = state.pending
                state.pending = []
                return events
            }
            if let ready {
                continuation.resume(returning: ready)
            }
        }
    }

    /// Ends the queue: pending and later webhooks are refused at once, other events are dropped (a send
    /// answered now stays `dispatching` in the store and is reconciled with the gateway at the next start).
    /// Idempotent.
    func close() {
        let pending = self.state.withLock { state -> [DriverEvent] in
            state.closed = true
            defer { state.pending = [] }
            return state.pending
        }
        Self.refuse(pending)
    }

    private static func refuse(_ events: [DriverEvent]) {
        for event in events {
            if case .webhook(_, let reply) = event {
                reply.resume(.failure(LiveRunError("the run is stopping; try again later")))
            }
        }
    }
}
