/// The engine's due queue: a priority queue of small entries ordered by (instant, priority, sequence), built
/// for time that only moves forward.
///
/// The engine's instants are whole seconds and it never schedules work before the instant it is processing,
/// and many entries fall due at the same instant (every account whose window opens at 08:00 local). So the
/// queue is a radix heap on the instant with the current instant's entries taken out as one sorted batch:
/// - entries due after the current batch's instant wait in 64 radix buckets (an append each, no comparisons),
///   bucket `b` holding the instants whose highest bit differing from the batch's instant is bit `b - 1`;
/// - when the batch runs out and the next entry is popped, the lowest non-empty bucket is split: its smallest
///   instant becomes the new batch, sorted once by (priority, sequence), the rest move to lower buckets (each
///   entry moves at most 64 times, in practice once or twice, always sequentially through memory); until then
///   each bucket's smallest entry answers `min`;
/// - an entry inserted at or before the batch's instant (same-instant work, or a key that is not monotone,
///   such as a capacity pool's waiting line) goes to a small 4-ary heap that is merged with the batch on pop.
///
/// The order is exactly the order of a binary heap on (instant, priority, sequence), for any sequence of
/// inserts and pops (the tests compare it with swift-collections' `Heap`); only the cost depends on time being
/// monotone. Entries are never removed from the middle: a caller cancels an entry by bumping the owner's
/// generation and skipping entries whose generation is stale when they reach the top (lazy cancellation).
/// `dun-bench` measures this queue against `Heap` on the same workload.
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

    /// The entries due exactly at `floor`, sorted; `batch[head...]` are still queued.
    @usableFromInline var batch: [Entry] = []
    @usableFromInline var head = 0
    /// Entries due at or before `floor` that arrived after the batch was formed: a 4-ary min-heap.
    @usableFromInline var late: [Entry] = []
    /// The instant of the current batch; every bucketed entry is due strictly later.
    @usableFromInline var floor = Int64.min
    /// Radix bucket `b` (1...64) holds the entries whose instant differs from `floor` first at bit `b - 1`
    /// (instants as order-preserving unsigned values). Index 0 is unused.
    @usableFromInline var buckets: [[Entry]] = Array(repeating: [], count: 65)
    /// The smallest entry in each bucket (meaningful only for occupied buckets).
    @usableFromInline var bucketMinimum = [Entry](
        repeating: Entry(instant: .max, priority: .max, sequence: .max, owner: 0, generation: 0),
        count: 65
    )
    /// Bit `b - 1` set when bucket `b` holds entries.
    @usableFromInline var occupied: UInt64 = 0
    /// The emptied bucket kept for reuse, so that splitting a bucket allocates nothing once warm.
    @usableFromInline var spare: [Entry] = []
    /// Buffers of the batch's radix sort (`radixSortBatch`), kept between sorts.
    @usableFromInline var sortKeys: [UInt64] = []
    @usableFromInline var sortPositions: [UInt32] = []
    @usableFromInline var sortScratch: [Entry] = []
    @usableFromInline var total = 0

    /// Creates an empty queue.
    public init() {}

    /// The number of entries, stale ones included.
    @inlinable
    public var count: Int { self.total }

    /// Whether the queue holds no entries.
    @inlinable
    public var isEmpty: Bool { self.total == 0 }

    /// The smallest entry.
    /// - Complexity: O(1).
    @inlinable
    public var min: Entry? {
        if self.head < self.batch.count {
            let first = self.batch[self.head]
            if let top = self.late.first, top < first { return top }
            return first
        }
        if let top = self.late.first { return top }
        guard self.occupied != 0 else { return nil }
        return self.bucketMinimum[self.occupied.trailingZeroBitCount + 1]
    }

    /// The entry `distance` places behind the smallest one in the current instant's batch, if the batch is that
    /// long: a hint for prefetching (entries from the late heap may still come first).
    @inlinable
    public func upcoming(_ distance: Int) -> Entry? {
        let index = self.head + distance
        return index < self.batch.count ? self.batch[index] : nil
    }

    /// Reserves room for `capacity` entries in the batch (the largest group due at one instant) and in the
    /// buffer its radix sort fills, so that a large batch does not grow them step by step (each step copies the
    /// entries into fresh memory).
    public mutating func reserveCapacity(_ capacity: Int) {
        self.batch.reserveCapacity(capacity)
        self.sortScratch.reserveCapacity(capacity)
    }

    @inlinable
    static func radixKey(_ instant: Int64) -> UInt64 {
        UInt64(bitPattern: instant) ^ (1 << 63)
    }

    /// The bucket of an instant due after `floor` (1...64).
    @inlinable
    func bucket(of instant: Int64) -> Int {
        64 - (Self.radixKey(instant) ^ Self.radixKey(self.floor)).leadingZeroBitCount
    }

    /// Inserts an entry.
    /// - Complexity: O(1) for an entry due after the current batch's instant, O(log₄ n) otherwise.
    @inlinable
    public mutating func insert(_ entry: Entry) {
        self.total += 1
        if entry.instant <= self.floor {
            self.pushLate(entry)
            return
        }
        self.bucketAppend(entry)
    }

    @inlinable
    mutating func bucketAppend(_ entry: Entry) {
        let bucket = self.bucket(of: entry.instant)
        self.buckets[bucket].append(entry)
        let bit: UInt64 = 1 << UInt64(bucket - 1)
        if self.occupied & bit == 0 || entry < self.bucketMinimum[bucket] {
            self.bucketMinimum[bucket] = entry
        }
        self.occupied |= bit
    }

    /// Removes and returns the smallest entry.
    /// - Complexity: amortized O(log₄ n) at worst; O(1) plus the batch's sort for monotone use.
    @inlinable
    @discardableResult
    public mutating func popMin() -> Entry? {
        let top: Entry
        if self.head < self.batch.count {
            let first = self.batch[self.head]
            if let lateTop = self.late.first, lateTop < first {
                top = self.popLate()
            } else {
                top = first
                self.head += 1
            }
        } else if !self.late.isEmpty {
            top = self.popLate()
        } else if self.occupied != 0 {
            self.split()
            top = self.batch[0]
            self.head = 1
        } else {
            return nil
        }
        self.total -= 1
        return top
    }

    /// Turns the smallest instant of the lowest occupied bucket into the new batch and spreads the rest of that
    /// bucket over the lower buckets. Called when the batch and the late heap are empty and an entry is popped.
    @usableFromInline
    mutating func split() {
        let bucket = self.occupied.trailingZeroBitCount + 1
        let instant = self.bucketMinimum[bucket].instant
        self.occupied &= ~(1 << UInt64(bucket - 1))
        self.floor = instant
        self.batch.removeAll(keepingCapacity: true)
        self.head = 0
        var moving = self.spare
        swap(&moving, &self.buckets[bucket])
        for entry in moving {
            if entry.instant == instant {
                self.batch.append(entry)
            } else {
                self.bucketAppend(entry)
            }
        }
        moving.removeAll(keepingCapacity: true)
        self.spare = moving
        if self.batch.count > 1 { self.sortBatch() }
    }

    /// Sorts the batch (one instant's entries) by (priority, sequence). Entries often arrive in sequence
    /// order, so an already sorted run is detected first; a large batch is radix sorted.
    @usableFromInline
    mutating func sortBatch() {
        var sorted = true
        self.batch.withUnsafeBufferPointer { buffer in
            for index in 1..<buffer.count where buffer[index] < buffer[index - 1] {
                sorted = false
                break
            }
        }
        if sorted { return }
        if self.batch.count >= Self.radixSortThreshold && self.radixSortBatch() { return }
        self.batch.sort()
    }

    /// Batches at least this long are radix sorted (below it a comparison sort is as quick).
    @usableFromInline static let radixSortThreshold = 256

    /// Sorts the batch by (priority, sequence) with a least-significant-digit radix sort on one 64-bit key per
    /// entry: the priority and the sequence, each less its smallest value in the batch, side by side. Sequences
    /// are unique, so the keys are too and the order is exactly the comparison order. Returns false (sorting
    /// nothing) when the two spans do not fit in 64 bits together. Reuses its buffers: allocates nothing once
    /// warm.
    @usableFromInline
    mutating func radixSortBatch() -> Bool {
        let count = self.batch.count
        guard count <= Int(UInt32.max) else { return false }
        var priorityLow = UInt64.max
        var priorityHigh: UInt64 = 0
        var sequenceLow = UInt64.max
        var sequenceHigh: UInt64 = 0
        self.batch.withUnsafeBufferPointer { entries in
            for entry in entries {
                let priority = Self.radixKey(entry.priority)
                priorityLow = Swift.min(priorityLow, priority)
                priorityHigh = Swift.max(priorityHigh, priority)
                sequenceLow = Swift.min(sequenceLow, entry.sequence)
                sequenceHigh = Swift.max(sequenceHigh, entry.sequence)
            }
        }
        let sequenceBits = UInt64.bitWidth - (sequenceHigh - sequenceLow).leadingZeroBitCount
        let priorityBits = UInt64.bitWidth - (priorityHigh - priorityLow).leadingZeroBitCount
        guard priorityBits + sequenceBits <= UInt64.bitWidth else { return false }
        let digitBits = 11
        let radix = 1 << digitBits
        let mask = UInt64(radix - 1)
        let passes = (priorityBits + sequenceBits + digitBits - 1) / digitBits
        // Two halves each: the keys and entry positions being read, and those being written.
        var keys: [UInt64] = []
        swap(&keys, &self.sortKeys)
        var positions: [UInt32] = []
        swap(&positions, &self.sortPositions)
        if keys.count < 2 * count {
            keys = [UInt64](repeating: 0, count: 2 * count)
            positions = [UInt32](repeating: 0, count: 2 * count)
        }
        var source = 0
        keys.withUnsafeMutableBufferPointer { keys in
            positions.withUnsafeMutableBufferPointer { positions in
                self.batch.withUnsafeBufferPointer { entries in
                    for index in 0..<count {
                        let entry = entries[index]
                        let priority = Self.radixKey(entry.priority) &- priorityLow
                        let sequence = entry.sequence &- sequenceLow
                        // With 64 sequence bits the priorities are all equal (0 bits).
                        keys[index] = sequenceBits == UInt64.bitWidth ? sequence : priority << sequenceBits | sequence
                        positions[index] = UInt32(truncatingIfNeeded: index)
                    }
                }
                withUnsafeTemporaryAllocation(of: Int.self, capacity: radix) { starts in
                    for pass in 0..<passes {
                        let shift = UInt64(pass * digitBits)
                        let target = count - source
                        starts.initialize(repeating: 0)
                        for index in source..<(source + count) { starts[Int((keys[index] >> shift) & mask)] += 1 }
                        var next = target
                        for digit in 0..<radix {
                            let size = starts[digit]
                            starts[digit] = next
                            next += size
                        }
                        for index in source..<(source + count) {
                            let key = keys[index]
                            let digit = Int((key >> shift) & mask)
                            let slot = starts[digit]
                            starts[digit] = slot + 1
                            keys[slot] = key
                            positions[slot] = positions[index]
                        }
                        source = target
                    }
                }
            }
        }
        var sorted: [Entry] = []
        swap(&sorted, &self.sortScratch)
        sorted.removeAll(keepingCapacity: true)
        sorted.reserveCapacity(count)
        self.batch.withUnsafeBufferPointer { entries in
            positions.withUnsafeBufferPointer { positions in
                for index in source..<(source + count) { sorted.append(entries[Int(positions[index])]) }
            }
        }
        swap(&sorted, &self.batch)
        self.sortScratch = sorted
        self.sortKeys = keys
        self.sortPositions = positions
        return true
    }

    @inlinable
    mutating func pushLate(_ entry: Entry) {
        self.late.append(entry)
        self.late.withUnsafeMutableBufferPointer { buffer in
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

    @inlinable
    mutating func popLate() -> Entry {
        let last = self.late.removeLast()
        if self.late.isEmpty { return last }
        return self.late.withUnsafeMutableBufferPointer { buffer in
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
        self.batch.removeAll(keepingCapacity: true)
        self.head = 0
        self.late.removeAll(keepingCapacity: true)
        for bucket in self.buckets.indices { self.buckets[bucket].removeAll(keepingCapacity: true) }
        self.occupied = 0
        self.floor = .min
        self.total = 0
    }

    /// Every queued entry, in no particular order (for invariant checks and tests).
    public var entries: [Entry] {
        var all = Array(self.batch[self.head...]) + self.late
        for bucket in 1...64 { all += self.buckets[bucket] }
        return all
    }

    /// Whether the queue's invariants hold: the batch is sorted and due at the floor instant, the late entries
    /// form a heap due at or before it, every bucketed entry is due later and sits in its radix bucket, and the
    /// count adds up (for invariant checks and tests).
    public var isValid: Bool {
        let pending = self.batch[self.head...]
        guard zip(pending, pending.dropFirst()).allSatisfy({ !($0.1 < $0.0) }),
            pending.allSatisfy({ $0.instant == self.floor }),
            self.late.allSatisfy({ $0.instant <= self.floor })
        else { return false }
        for index in self.late.indices.dropFirst() where self.late[index] < self.late[(index - 1) >> 2] {
            return false
        }
        var counted = pending.count + self.late.count
        for bucket in 1...64 {
            let entries = self.buckets[bucket]
            guard entries.isEmpty == (self.occupied & (1 << UInt64(bucket - 1)) == 0) else { return false }
            counted += entries.count
            guard entries.allSatisfy({ $0.instant > self.floor && self.bucket(of: $0.instant) == bucket }) else {
                return false
            }
            if let smallest = entries.min(), smallest != self.bucketMinimum[bucket] { return false }
        }
        return counted == self.total
    }

    /// The former name of `isValid`, from when the queue was a plain heap.
    public var isValidHeap: Bool { self.isValid }
}
