import Dispatch
import Synchronization

/// A bounded single-producer, single-consumer hand-off between two threads (the import's parser and writer).
///
/// `send` blocks while `capacity` items wait; `close` (by the consumer, when it stops early) makes every later
/// `send` return false so the producer ends instead of blocking forever.
final class BatchChannel<Item: Sendable>: Sendable {
    private struct State: Sendable {
        var items: [Item] = []
        var closed = false
    }

    private let state = Mutex(State())
    private let available = DispatchSemaphore(value: 0)
    private let space: DispatchSemaphore

    init(capacity: Int) {
        self.space = DispatchSemaphore(value: capacity)
    }

    /// Waits for room, then enqueues; false when the channel is closed.
    func send(_ item: Item) -> Bool {
        self.space.wait()
        let accepted = self.state.withLock { state -> Bool in
            guard !state.closed else { return false }
            state.items.append(item)
            return true
        }
        if accepted {
            self.available.signal()
        } else {
            self.space.signal()
        }
        return accepted
    }

    /// Waits for and removes the oldest item.
    func receive() -> Item {
        self.available.wait()
        let item = self.state.withLock { $0.items.removeFirst() }
        self.space.signal()
        return item
    }

    /// Stops the producer: a blocked or later `send` returns false.
    func close() {
        self.state.withLock { $0.closed = true }
        self.space.signal()
    }
}
