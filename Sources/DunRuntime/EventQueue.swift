import Synchronization

/// A multi-producer, single-consumer queue of driver events: producers (webhook handlers, send tasks, the
/// timer, signal handlers) push; the driver loop takes everything pending at once, or waits for the next.
final class EventQueue: Sendable {
    private struct State {
        var pending: [DriverEvent] = []
        var waiter: CheckedContinuation<[DriverEvent], Never>?
    }

    private let state = Mutex(State())

    func push(_ event: DriverEvent) {
        let resumed = self.state.withLock { state -> (CheckedContinuation<[DriverEvent], Never>, [DriverEvent])? in
            state.pending.append(event)
            guard let waiter = state.waiter else { return nil }
            state.waiter = nil
            let events = state.pending
            state.pending = []
            return (waiter, events)
        }
        if let (waiter, events) = resumed {
            waiter.resume(returning: events)
        }
    }

    /// Every pending event, waiting for one when there is none.
    func next() async -> [DriverEvent] {
        await withCheckedContinuation { (continuation: CheckedContinuation<[DriverEvent], Never>) in
            let ready = self.state.withLock { state -> [DriverEvent]? in
                if state.pending.isEmpty {
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
}
