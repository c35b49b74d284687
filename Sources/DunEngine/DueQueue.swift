/// The engine's due queue: an implicit 4-ary min-heap of small entries ordered by (instant, priority,
/// sequence).
///
/// Entries are never removed from the middle. A caller cancels an entry by bumping the owner's generation and
/// skipping entries whose generation is stale when they reach the top (lazy cancellation), as swift-collections'
/// `Heap` would need too. A 4-ary layout halves the depth of a binary heap and keeps a node's children in one
/// cache line; `dun-bench` measures it against `Heap` on the same workload.
public struct DueQueue: Sendable {
    /// One queued item. 32 bytes, compared field by field; `sequence` is unique per queue, so the order is
    /// total and ties never fall to an unspecified heap order.
    public struct Entry: Sendable, Comparable {
        /// Seconds since the epoch at which the item falls due.
        public var instant: Int64
        /// Lower goes first among items due at the same instant.
        public var priority: Int64
        /// Insertion sequence: the final tie-break.
        public var sequence: UInt64
        /// The owner (an account index; negative values are the engine's own timers).
        public var owner: Int32
        /// The owner's generation when the entry was queued; a mismatch marks the entry cancelled.
        public var generation: UInt32

        public init(instant: Int64, priority: Int64, sequence: UInt64, owner: Int32, generation: UInt32) {
            self.instant = instant
            self.priority = priority
            self.sequence = sequence
            self.owner = owner
            self.generation = generation
        }

        @inlinable
        public static func < (lhs: Entry, rhs: Entry) -> Bool {
            if lhs.instant != rhs.instant { return lhs.instant < rhs.instant }
            if lhs.priority != rhs.priority { return lhs.priority < rhs.priority }
            return lhs.sequence < rhs.sequence
        }

        @inlinable
        public static func == (lhs: Entry, rhs: Entry) -> Bool {
            lhs.instant == rhs.instant && lhs.priority == rhs.priority && lhs.sequence == rhs.sequence
        }
    }

    @usableFromInline
    var storage: [Entry] = []

    /// Creates an empty queue.
    public init() {}

    /// The number of entries, stale ones included.
    @inlinable
    public var count: Int { self.storage.count }

    /// Whether the queue holds no entries.
    @inlinable
    public var isEmpty: Bool { self.storage.isEmpty }

    /// The smallest entry.
    /// - Complexity: O(1).
    @inlinable
    public var min: Entry? { self.storage.first }

    /// Reserves room for `capacity` entries.
    public mutating func reserveCapacity(_ capacity: Int) {
        self.storage.reserveCapacity(capacity)
    }

    /// Inserts an entry.
    /// - Complexity: O(log₄ n).
    @inlinable
    public mutating func insert(_ entry: Entry) {
        self.storage.append(entry)
        self.storage.withUnsafeMutableBufferPointer { buffer in
            var child = buffer.count - 1
            while child > 0 {
                let parent = (child - 1) >> 2
                guard entry < buffer[parent] else { break }
                buffer[child] = buffer[parent]
                child = parent
            }
            buffer[child] = entry
        }
    }

    /// Removes and returns the smallest entry.
    /// - Complexity: O(log₄ n).
    @inlinable
    @discardableResult
    public mutating func popMin() -> Entry? {
        guard let last = self.storage.popLast() else { return nil }
        if self.storage.isEmpty { return last }
        return self.storage.withUnsafeMutableBufferPointer { buffer in
            let top = buffer[0]
            let count = buffer.count
            var hole = 0
            while true {
                let first = hole << 2 + 1
                if first >= count { break }
                var best = first
                let end = Swift.min(first + 4, count)
                var child = first + 1
                while child < end {
                    if buffer[child] < buffer[best] { best = child }
                    child += 1
                }
                guard buffer[best] < last else { break }
                buffer[hole] = buffer[best]
                hole = best
            }
            buffer[hole] = last
            return top
        }
    }

    /// Removes every entry.
    public mutating func removeAll() {
        self.storage.removeAll(keepingCapacity: true)
    }

    /// Whether the heap property holds at every node (for invariant checks and tests).
    public var isValidHeap: Bool {
        for index in self.storage.indices.dropFirst() where self.storage[index] < self.storage[(index - 1) >> 2] {
            return false
        }
        return true
    }
}
