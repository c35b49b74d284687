/// A capacity pool's ready waiters as a 4-ary min-heap ordered like `DueQueue` (instant, priority, sequence).
///
/// The waiting line's key is a priority (a balance), not an instant, so it does not grow with time and the due
/// queue's radix buckets, built for keys that do, would move its entries around on every split; a plain heap
/// costs a few comparisons per insert and pop. Pops come in exactly `DueQueue`'s order (the order is total).
struct WaiterHeap: Sendable {
    /// The heap's entries in heap order (for invariant checks and tests: no particular order otherwise).
    private(set) var entries: [DueQueue.Entry] = []

    var isEmpty: Bool { self.entries.isEmpty }

    /// The smallest entry.
    var min: DueQueue.Entry? { self.entries.first }

    mutating func insert(_ entry: DueQueue.Entry) {
        self.entries.append(entry)
        self.entries.withUnsafeMutableBufferPointer { buffer in
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
    @discardableResult
    mutating func popMin() -> DueQueue.Entry? {
        guard let last = self.entries.popLast() else { return nil }
        if self.entries.isEmpty { return last }
        return self.entries.withUnsafeMutableBufferPointer { buffer in
            let top = buffer[0]
            let count = buffer.count
            var hole = 0
            while true {
                let first = hole << 2 + 1
                if first >= count { break }
                var best = first
                var child = first + 1
                let end = Swift.min(first + 4, count)
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

    /// Whether every entry is no smaller than its parent.
    var isValid: Bool {
        self.entries.indices.dropFirst().allSatisfy { !(self.entries[$0] < self.entries[($0 - 1) >> 2]) }
    }
}
