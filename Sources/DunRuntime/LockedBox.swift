import Synchronization

/// A value behind a lock, shareable between tasks.
final class LockedBox<Value: Sendable>: Sendable {
    private let value: Mutex<Value>

    init(_ value: Value) {
        self.value = Mutex(value)
    }

    func get() -> Value { self.value.withLock { $0 } }

    func set(_ newValue: Value) { self.value.withLock { $0 = newValue } }
}

extension LockedBox {
    /// The value, leaving nil behind (a one-shot).
    func take<Wrapped>() -> Wrapped? where Value == Wrapped? {
        self.value.withLock { slot in
            defer { slot = nil }
            return slot
        }
    }
}
