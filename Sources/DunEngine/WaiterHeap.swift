/// A capacity pool's ready waiters as a 4-ary min-heap ordered like `DueQueue` (instant, priority, sequence), for
/// entries whose `priority` is 0 (the waiting line's entries: the key is in `instant`).
///
/// The waiting line's key is a priority (a balance), not an instant, so it does not grow with time and the due
/// queue's radix buckets, built for keys that do, would move its entries around on every split; a plain heap
/// costs a few comparisons per insert and pop. Pops come in exactly `DueQueue`'s order (the order is total).
///
/// An entry is stored packed in 24 bytes, its order in one 128-bit key (the instant with its sign bit flipped,
/// then the sequence), so a comparison is one wide unsigned compare rather than three branches.
struct WaiterHeap: Sendable {
    struct Packed: Sendable {
        var high: UInt64
        var low: UInt64
        var owner: Int32
        var generation: UInt32

        @inline(__always)
        init(_ entry: DueQueue.Entry) {
            self.high = UInt64(bitPattern: entry.instant) ^ (1 << 63)
            self.low = entry.sequence
            self.owner = entry.owner
            self.generation = entry.generation
        }

        @inline(__always)
        var entry: DueQueue.Entry {
            DueQueue.Entry(
                instant: Int64(bitPattern: self.high ^ (1 << 63)),
                priority: 0,
                sequence: self.low,
                owner: self.owner,
                generation: self.generation
            )
        }

        @inline(__always)
        var key: UInt128 { UInt128(self.high) << 64 | UInt128(self.low) }
    }

    private var storage: [Packed] = []

    /// The heap's entries in heap order (for invariant checks and tests: no particular order otherwise).
    var entries: [DueQueue.Entry] { self.storage.map(\.entry) }

    var isEmpty: Bool { self.storage.isEmpty }

    var count: Int { self.storage.count }

    /// The smallest entry, packed.
    var first: Packed? { self.storage.first }

    /// The smallest entry.
    var min: DueQueue.Entry? { self.storage.first?.entry }

    mutating func insert(_ entry: DueQueue.Entry) {
        let packed = Packed(entry)
        let key = packed.key
        self.storage.append(packed)
        self.storage.withUnsafeMutableBufferPointer { buffer in
            Self.rise(packed, key: key, from: buffer.count - 1, in: buffer)
        }
    }

    /// Puts `packed` (whose key is `key`) in the hole at `hole`, moving it up past every parent with a larger key.
    @inline(__always)
    private static func rise(
        _ packed: Packed,
        key: UInt128,
        from hole: Int,
        in buffer: UnsafeMutableBufferPointer<Packed>
    ) {
        var hole = hole
        while hole > 0 {
            let parent = (hole - 1) >> 2
            guard key < buffer[parent].key else { break }
            buffer[hole] = buffer[parent]
            hole = parent
        }
        buffer[hole] = packed
    }

    /// Removes the smallest entry (nothing when the heap is empty).
    ///
    /// The hole left at the root goes down to a leaf along the smaller children without comparing them with the
    /// last entry, which then rises from there: the last entry came from the bottom and usually belongs near
    /// it, so this saves the comparison with it at every level (Floyd's variant).
    mutating func removeMin() {
        guard let last = self.storage.popLast() else { return }
        if self.storage.isEmpty { return }
        let key = last.key
        self.storage.withUnsafeMutableBufferPointer { buffer in
            let count = buffer.count
            var hole = 0
            while true {
                let first = hole << 2 + 1
                if first >= count { break }
                var best = first
                var bestKey = buffer[first].key
                if first + 3 < count {
                    // All four children: a two-round tournament.
                    let key1 = buffer[first + 1].key
                    let key2 = buffer[first + 2].key
                    let key3 = buffer[first + 3].key
                    if key1 < bestKey {
                        best = first + 1
                        bestKey = key1
                    }
                    let (pair, pairKey) = key3 < key2 ? (first + 3, key3) : (first + 2, key2)
                    if pairKey < bestKey {
                        best = pair
                        bestKey = pairKey
                    }
                } else {
                    var child = first + 1
                    while child < count {
                        let childKey = buffer[child].key
                        if childKey < bestKey {
                            best = child
                            bestKey = childKey
                        }
                        child += 1
                    }
                }
                buffer[hole] = buffer[best]
                hole = best
            }
            Self.rise(last, key: key, from: hole, in: buffer)
        }
    }

    /// Removes and returns the smallest entry.
    @discardableResult
    mutating func popMin() -> DueQueue.Entry? {
        guard let top = self.storage.first else { return nil }
        self.removeMin()
        return top.entry
    }

    /// Moves every entry to the end of `buffer`, in no particular order, and leaves the heap empty (its storage
    /// kept for reuse).
    mutating func moveAll(to buffer: inout [Packed]) {
        buffer.append(contentsOf: self.storage)
        self.storage.removeAll(keepingCapacity: true)
    }

    /// Whether every entry is no smaller than its parent.
    var isValid: Bool {
        self.storage.indices.dropFirst().allSatisfy { !(self.storage[$0].key < self.storage[($0 - 1) >> 2].key) }
    }
}
