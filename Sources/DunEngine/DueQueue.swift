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
///   entry moves at most 64 times, in the simulator about four times, always sequentially through memory);
///   until then each bucket's smallest entry answers `min`;
/// - a low bucket with few entries (`wholeBucketLimit`, `wholeBucketCount`) is not split but taken whole: all
///   its entries, sorted by (instant, priority, sequence), become the batch and the batch's instant becomes the
///   latest of them. Sorting a few entries costs less than moving them down the last few buckets one instant
///   at a time;
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

    /// The entries due at `floor` (or, for a bucket taken whole, at or before it), sorted; `batch[head..<batchEnd]`
    /// are still queued. The array's own count
    /// is only a high-water mark (the slots past `batchEnd` are stale), so that forming a batch writes through
    /// one buffer instead of clearing and appending.
    @usableFromInline var batch: [Entry] = []
    @usableFromInline var head = 0
    @usableFromInline var batchEnd = 0
    /// Entries due at or before `floor` that arrived after the batch was formed: a 4-ary min-heap.
    @usableFromInline var late: [Entry] = []
    /// The instant of the current batch (its latest); every bucketed entry is due strictly later.
    @usableFromInline var floor = Int64.min
    /// The radix buckets, copied before a mutation unless this queue holds the only reference.
    @usableFromInline var storage = Storage()
    /// Bit `b - 1` set when bucket `b` holds entries.
    @usableFromInline var occupied: UInt64 = 0
    /// Buffers of the batch's radix sort (`radixSortBatch`), kept between sorts.
    @usableFromInline var sortKeys: [UInt64] = []
    @usableFromInline var sortPositions: [UInt32] = []
    @usableFromInline var sortScratch: [Entry] = []
    @usableFromInline var sortCounts: [Int] = []
    @usableFromInline var total = 0

    /// An empty bucket's minimum: no entry is smaller, and an entry equal to it still replaces it.
    @usableFromInline static let unset = Entry(instant: .max, priority: .max, sequence: .max, owner: 0, generation: 0)

    /// One radix bucket: its entries (`start[0..<count]`, unordered) in memory of its own, and the smallest of
    /// them (`unset` when empty).
    @usableFromInline
    struct Bucket {
        @usableFromInline var start: UnsafeMutablePointer<Entry>?
        @usableFromInline var count = 0
        @usableFromInline var capacity = 0
        @usableFromInline var minimum = DueQueue.unset

        @usableFromInline
        init() {}
    }

    /// The 65 buckets (index 0 unused) in one allocation, reached through a pointer that never changes, so that
    /// an append checks uniqueness once per operation (not once for the outer and once for the inner array, as
    /// `[[Entry]]` does) and a split moves entries through plain pointers. Only `DueQueue` mutates it, and only
    /// after `makeStorageUnique()`, so queues keep value semantics and may be sent between tasks.
    @usableFromInline
    final class Storage: @unchecked Sendable {
        @usableFromInline let buckets: UnsafeMutablePointer<Bucket>

        @usableFromInline
        init() {
            self.buckets = .allocate(capacity: 65)
            self.buckets.initialize(repeating: Bucket(), count: 65)
        }

        deinit {
            for index in 0..<65 { self.buckets[index].start?.deallocate() }
            self.buckets.deinitialize(count: 65)
            self.buckets.deallocate()
        }

        /// A copy with buffers of its own.
        @usableFromInline
        func copy() -> Storage {
            let copy = Storage()
            for index in 0..<65 {
                let bucket = self.buckets[index]
                guard bucket.count > 0, let start = bucket.start else { continue }
                let entries = UnsafeMutablePointer<Entry>.allocate(capacity: bucket.count)
                entries.initialize(from: start, count: bucket.count)
                copy.buckets[index] = bucket
                copy.buckets[index].start = entries
                copy.buckets[index].capacity = bucket.count
            }
            return copy
        }

        /// Bucket `index`'s entries.
        func entries(_ index: Int) -> UnsafeBufferPointer<Entry> {
            UnsafeBufferPointer(start: self.buckets[index].start, count: self.buckets[index].count)
        }
    }

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
        // Always inlined: out of line, each caller copied the whole queue value (96 bytes) to pass it, which
        // cost more than the few loads here.
        @inline(__always) get {
            if self.head < self.batchEnd {
                let first = self.batch[self.head]
                if let top = self.late.first, top < first { return top }
                return first
            }
            if let top = self.late.first { return top }
            guard self.occupied != 0 else { return nil }
            return self.storage.buckets[self.occupied.trailingZeroBitCount + 1].minimum
        }
    }

    /// The entry `distance` places behind the smallest one in the current instant's batch, if the batch is that
    /// long: a hint for prefetching (entries from the late heap may still come first).
    @inlinable
    public func upcoming(_ distance: Int) -> Entry? {
        let index = self.head + distance
        return index < self.batchEnd ? self.batch[index] : nil
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
        self.total &+= 1
        if entry.instant <= self.floor {
            self.pushLate(entry)
            return
        }
        self.makeStorageUnique()
        let bucket = self.bucket(of: entry.instant)
        Self.append(entry, to: self.storage.buckets + bucket)
        self.occupied |= 1 << UInt64(bucket - 1)
    }

    @inlinable
    mutating func makeStorageUnique() {
        if !isKnownUniquelyReferenced(&self.storage) { self.storage = self.storage.copy() }
    }

    /// Inserts an entry, like `insert`, always inlined with the bucket append: for the engine's own calls
    /// (several per decision). Other modules call `insert`, whose inlining is left to the compiler: forced into
    /// dun-bench's queue loop, it pushed swift-collections' `Heap.insert` (the loop's reference) out of line.
    @inline(__always)
    mutating func enqueue(_ entry: Entry) {
        self.total &+= 1
        if entry.instant <= self.floor {
            self.pushLate(entry)
            return
        }
        self.makeStorageUnique()
        let bucket = self.bucket(of: entry.instant)
        Self.appendInline(entry, to: self.storage.buckets + bucket)
        self.occupied |= 1 << UInt64(bucket - 1)
    }

    /// Appends an entry to a bucket of storage this queue holds alone. Its inlining into `insert` is left to the
    /// compiler (see `enqueue`).
    @inlinable
    static func append(_ entry: Entry, to bucket: UnsafeMutablePointer<Bucket>) {
        Self.appendInline(entry, to: bucket)
    }

    /// `append`'s work, always inlined where it is called (`append` itself and `enqueue`).
    @usableFromInline
    @inline(__always)
    static func appendInline(_ entry: Entry, to bucket: UnsafeMutablePointer<Bucket>) {
        let count = bucket.pointee.count
        if count == bucket.pointee.capacity { Self.grow(bucket) }
        bucket.pointee.start.unsafelyUnwrapped[count] = entry
        bucket.pointee.count = count &+ 1
        if entry.instant <= bucket.pointee.minimum.instant && !(bucket.pointee.minimum < entry) {
            bucket.pointee.minimum = entry
        }
    }

    /// Doubles a full bucket's buffer (at least 16 entries).
    @usableFromInline
    @inline(never)
    static func grow(_ bucket: UnsafeMutablePointer<Bucket>) {
        let count = bucket.pointee.count
        let capacity = Swift.max(16, 2 * bucket.pointee.capacity)
        let entries = UnsafeMutablePointer<Entry>.allocate(capacity: capacity)
        if let start = bucket.pointee.start {
            entries.moveInitialize(from: start, count: count)
            start.deallocate()
        }
        bucket.pointee.start = entries
        bucket.pointee.capacity = capacity
    }

    /// Removes and returns the smallest entry.
    /// - Complexity: amortized O(log₄ n) at worst; O(1) plus the batch's sort for monotone use.
    @inlinable
    @inline(__always)
    @discardableResult
    public mutating func popMin() -> Entry? {
        let top: Entry
        if self.head < self.batchEnd {
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

    /// Forms the next batch now when the current one is used up, as the next pop would, so that `upcoming` can
    /// name the next instant's entries before they are popped (the engine prefetches their accounts' memory).
    /// Changes no order: an entry inserted afterwards at or before the new batch's instant goes to the late heap,
    /// as one inserted during a batch does.
    @inlinable
    public mutating func prepareBatch() {
        if self.head >= self.batchEnd && self.late.isEmpty && self.occupied != 0 { self.split() }
    }

    /// Turns the smallest instant of the lowest occupied bucket into the new batch and spreads the rest of that
    /// bucket over the lower buckets, or takes a small low bucket whole. Called when the batch and the late heap
    /// are empty and an entry is popped.
    @usableFromInline
    mutating func split() {
        self.makeStorageUnique()
        let bucket = self.occupied.trailingZeroBitCount + 1
        let source = self.storage.buckets + bucket
        let instant = source.pointee.minimum.instant
        let count = source.pointee.count
        let entries = source.pointee.start.unsafelyUnwrapped
        source.pointee.count = 0
        source.pointee.minimum = Self.unset
        if bucket <= Self.wholeBucketLimit && count <= Self.wholeBucketCount {
            // The latest instant is in this bucket too, so as the floor it leaves every higher bucket's entries
            // where they are (they differ from it first at the same bit as from the old floor).
            self.occupied &= ~(1 << UInt64(bucket - 1))
            var latest = instant
            for index in 0..<count { latest = Swift.max(latest, entries[index].instant) }
            self.floor = latest
            self.takeBatch(entries, count: count)
            return
        }
        self.floor = instant
        // Every other entry of the bucket shares the new floor's bits from `bucket - 1` up, so it lands in a lower
        // bucket and this buffer is neither written nor moved by the appends; the batch's entries are gathered
        // at its front meanwhile.
        let floorKey = Self.radixKey(instant)
        let buckets = self.storage.buckets
        var kept = 0
        var entry = entries
        let end = entries + count
        while entry < end {
            let due = entry.pointee.instant
            if due == instant {
                UnsafeMutableRawPointer(entries + kept).copyMemory(from: entry, byteCount: MemoryLayout<Entry>.size)
                kept &+= 1
            } else {
                let target = buckets + (64 &- (Self.radixKey(due) ^ floorKey).leadingZeroBitCount)
                let slot = target.pointee.count
                if slot == target.pointee.capacity { Self.grow(target) }
                UnsafeMutableRawPointer(target.pointee.start.unsafelyUnwrapped + slot)
                    .copyMemory(from: entry, byteCount: MemoryLayout<Entry>.size)
                target.pointee.count = slot &+ 1
                // The instant, already at hand, settles the usual case (a later entry) without reading the rest.
                if due <= target.pointee.minimum.instant && !(target.pointee.minimum < entry.pointee) {
                    target.pointee.minimum = entry.pointee
                }
            }
            entry += 1
        }
        // Every bucket below this one was empty (it was the lowest occupied), so the ones the entries went to are
        // those below it that now hold any: found once here instead of marked at every move.
        var occupied = self.occupied & ~(1 << UInt64(bucket - 1))
        for lower in 1..<bucket where buckets[lower].count > 0 { occupied |= 1 &<< UInt64(lower &- 1) }
        self.occupied = occupied
        self.takeBatch(entries, count: kept)
    }

    /// Makes `entries[0..<count]` the batch, sorted (the batch array grows to its high-water mark only).
    @usableFromInline
    mutating func takeBatch(_ entries: UnsafeMutablePointer<Entry>, count: Int) {
        if self.batch.count < count {
            self.batch.append(contentsOf: repeatElement(Self.unset, count: count - self.batch.count))
        }
        self.batch.withUnsafeMutableBufferPointer { batch in
            batch.baseAddress.unsafelyUnwrapped.update(from: entries, count: count)
        }
        self.head = 0
        self.batchEnd = count
        if count > 1 { self.sortBatch() }
    }

    /// Sorts the batch (one instant's entries, or a few instants' from a bucket taken whole) by (instant,
    /// priority, sequence). Entries often arrive in sequence order, so an already sorted run is detected first;
    /// a large batch is radix sorted.
    @usableFromInline
    mutating func sortBatch() {
        let count = self.batchEnd
        var sorted = true
        var sequenceSorted = false
        self.batch.withUnsafeBufferPointer { buffer in
            if count < Self.radixSortThreshold {
                for index in 1..<count where buffer[index] < buffer[index - 1] {
                    sorted = false
                    break
                }
                return
            }
            // Only the radix sort needs to know whether the batch is in sequence order.
            sequenceSorted = true
            for index in 1..<count {
                if buffer[index] < buffer[index - 1] { sorted = false }
                if buffer[index].sequence < buffer[index - 1].sequence { sequenceSorted = false }
                if !sorted && !sequenceSorted { break }
            }
        }
        if sorted { return }
        if count >= Self.radixSortThreshold && self.radixSortBatch(sequenceSorted: sequenceSorted) { return }
        self.batch.withUnsafeMutableBufferPointer { buffer in
            var prefix = UnsafeMutableBufferPointer(rebasing: buffer[..<count])
            prefix.sort()
        }
    }

    /// A bucket is taken whole when its instants span at most 2^(limit - 1) seconds and it holds at most
    /// `wholeBucketCount` entries (fewer than `radixSortThreshold`, so the radix sort only ever sees one instant).
    /// callgrind, dun-sim-bench single 10000 and 100000: about 1 % fewer instructions at both sizes; without the
    /// count cap the sorts grow with the accounts' density and cost more than they save at 100000.
    @usableFromInline static let wholeBucketLimit = 11
    @usableFromInline static let wholeBucketCount = 32

    /// Batches at least this long are radix sorted (below it a comparison sort is as quick).
    @usableFromInline static let radixSortThreshold = 256

    /// Sorts the batch by (priority, sequence) with a least-significant-digit radix sort on one 64-bit key per
    /// entry. A batch already in sequence order (the usual case: entries join the buckets in the order they are
    /// queued) is sorted on its priorities alone, less the smallest, since the sort is stable; otherwise the key
    /// is the priority and the sequence, each less its smallest value in the batch, side by side (sequences are
    /// unique, so the keys are too and the order is exactly the comparison order). Returns false (sorting
    /// nothing) when the two spans do not fit in 64 bits together. Reuses its buffers: allocates nothing once
    /// warm.
    ///
    /// The digits are as wide as the batch makes worth it (a pass costs a counter per digit value and a move
    /// per entry), and one read of the keys counts the digits of every pass.
    @usableFromInline
    mutating func radixSortBatch(sequenceSorted: Bool) -> Bool {
        let count = self.batchEnd
        guard count <= Int(UInt32.max) else { return false }
        var (priorityLow, priorityHigh) = self.priorityRange(from: 0)
        var sequenceLow = UInt64.max
        var sequenceHigh: UInt64 = 0
        var sequenceBits = 0
        // `batch[..<first]` is in its place already.
        var first = 0
        var priorityBits = UInt64.bitWidth - (priorityHigh - priorityLow).leadingZeroBitCount
        if sequenceSorted {
            if priorityBits > Self.widePriorityBits {
                // A capacity pool's timer (priority `Int64.min`) among the accounts' entries: the entries of the
                // lowest priority come first, in their order, and the rest is sorted on its own, narrower span.
                first = self.moveFirst(priority: priorityLow)
                (priorityLow, priorityHigh) = self.priorityRange(from: first)
                priorityBits = UInt64.bitWidth - (priorityHigh &- priorityLow).leadingZeroBitCount
            }
        } else {
            self.batch.withUnsafeBufferPointer { entries in
                for entry in entries[..<count] {
                    sequenceLow = Swift.min(sequenceLow, entry.sequence)
                    sequenceHigh = Swift.max(sequenceHigh, entry.sequence)
                }
            }
            sequenceBits = UInt64.bitWidth - (sequenceHigh - sequenceLow).leadingZeroBitCount
            guard priorityBits + sequenceBits <= UInt64.bitWidth else { return false }
        }
        let sorting = count - first
        let keyBits = priorityBits + sequenceBits
        // Digits of up to log2(entries) bits (at least 6, at most 11), as few passes as those allow.
        let widest = Swift.min(11, Swift.max(6, Int.bitWidth - sorting.leadingZeroBitCount - 1))
        let passes = (keyBits + widest - 1) / widest
        let digitBits = passes == 0 ? 0 : (keyBits + passes - 1) / passes
        let radix = 1 << digitBits
        let mask = UInt64(radix - 1)
        // Two halves each: the keys and entry positions being read, and those being written.
        var keys: [UInt64] = []
        swap(&keys, &self.sortKeys)
        var positions: [UInt32] = []
        swap(&positions, &self.sortPositions)
        var counts: [Int] = []
        swap(&counts, &self.sortCounts)
        if keys.count < 2 * sorting {
            keys = [UInt64](repeating: 0, count: 2 * sorting)
            positions = [UInt32](repeating: 0, count: 2 * sorting)
        }
        if counts.count < passes * radix { counts = [Int](repeating: 0, count: passes * radix) }
        var source = 0
        keys.withUnsafeMutableBufferPointer { keys in
            positions.withUnsafeMutableBufferPointer { positions in
                self.batch.withUnsafeBufferPointer { entries in
                    for index in 0..<sorting {
                        let entry = entries[first + index]
                        let priority = Self.radixKey(entry.priority) &- priorityLow
                        let sequence = entry.sequence &- sequenceLow
                        // With 64 sequence bits the priorities are all equal (0 bits); in sequence order the
                        // sequence is not part of the key (0 bits).
                        keys[index] =
                            sequenceBits == UInt64.bitWidth
                            ? sequence : sequenceBits == 0 ? priority : priority << sequenceBits | sequence
                        positions[index] = UInt32(truncatingIfNeeded: first + index)
                    }
                }
                // No passes when every priority left is the same: the batch is in order already.
                guard passes > 0 else { return }
                counts.withUnsafeMutableBufferPointer { counts in
                    let starts = counts.baseAddress.unsafelyUnwrapped
                    starts.update(repeating: 0, count: passes * radix)
                    for index in 0..<sorting {
                        var key = keys[index]
                        for pass in 0..<passes {
                            starts[pass &* radix &+ Int(key & mask)] &+= 1
                            key >>= UInt64(digitBits)
                        }
                    }
                    for pass in 0..<passes {
                        let shift = UInt64(pass * digitBits)
                        let target = sorting - source
                        let digits = starts + pass * radix
                        var next = target
                        for digit in 0..<radix {
                            let size = digits[digit]
                            digits[digit] = next
                            next &+= size
                        }
                        for index in source..<(source + sorting) {
                            let key = keys[index]
                            let digit = Int((key >> shift) & mask)
                            let slot = digits[digit]
                            digits[digit] = slot &+ 1
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
        if sorted.count < count { sorted.append(contentsOf: repeatElement(Self.unset, count: count - sorted.count)) }
        self.batch.withUnsafeBufferPointer { entries in
            positions.withUnsafeBufferPointer { positions in
                sorted.withUnsafeMutableBufferPointer { sorted in
                    for index in 0..<first { sorted[index] = entries[index] }
                    for index in 0..<sorting { sorted[first + index] = entries[Int(positions[source + index])] }
                }
            }
        }
        swap(&sorted, &self.batch)
        self.sortScratch = sorted
        self.sortKeys = keys
        self.sortPositions = positions
        self.sortCounts = counts
        return true
    }

    /// In a batch in sequence order whose priorities span more bits than this, the entries of the lowest
    /// priority are set apart before the radix sort (`moveFirst`).
    @usableFromInline static let widePriorityBits = 40

    /// The smallest and largest priority (as `radixKey`s) in `batch[start..<batchEnd]`.
    @usableFromInline
    func priorityRange(from start: Int) -> (low: UInt64, high: UInt64) {
        var low = UInt64.max
        var high: UInt64 = 0
        self.batch.withUnsafeBufferPointer { entries in
            for entry in entries[start..<self.batchEnd] {
                let priority = Self.radixKey(entry.priority)
                low = Swift.min(low, priority)
                high = Swift.max(high, priority)
            }
        }
        return (low, high)
    }

    /// Moves the batch's entries of priority `priority` (a `radixKey`) to its front and the others behind them,
    /// each group in its order; returns how many are in front.
    @usableFromInline
    mutating func moveFirst(priority: UInt64) -> Int {
        let count = self.batchEnd
        var others: [Entry] = []
        swap(&others, &self.sortScratch)
        if others.count < count { others.append(contentsOf: repeatElement(Self.unset, count: count - others.count)) }
        var front = 0
        self.batch.withUnsafeMutableBufferPointer { entries in
            others.withUnsafeMutableBufferPointer { others in
                var rest = 0
                for index in 0..<count {
                    let entry = entries[index]
                    if Self.radixKey(entry.priority) == priority {
                        entries[front] = entry
                        front &+= 1
                    } else {
                        others[rest] = entry
                        rest &+= 1
                    }
                }
                (entries.baseAddress.unsafelyUnwrapped + front).update(
                    from: others.baseAddress.unsafelyUnwrapped,
                    count: rest
                )
            }
        }
        self.sortScratch = others
        return front
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
        self.makeStorageUnique()
        for bucket in 0..<65 {
            self.storage.buckets[bucket].count = 0
            self.storage.buckets[bucket].minimum = Self.unset
        }
        self.head = 0
        self.batchEnd = 0
        self.late.removeAll(keepingCapacity: true)
        self.occupied = 0
        self.floor = .min
        self.total = 0
    }

    /// Every queued entry, in no particular order (for invariant checks and tests).
    public var entries: [Entry] {
        var all = Array(self.batch[self.head..<self.batchEnd]) + self.late
        for bucket in 1...64 { all += self.storage.entries(bucket) }
        return all
    }

    /// Whether the queue's invariants hold: the batch is sorted and due at or before the floor instant, the late
    /// entries form a heap due at or before it, every bucketed entry is due later and sits in its radix bucket,
    /// each bucket's minimum is its smallest entry (`unset` when empty), and the count adds up (for invariant
    /// checks and tests).
    public var isValid: Bool {
        guard 0 <= self.head, self.head <= self.batchEnd, self.batchEnd <= self.batch.count else { return false }
        let pending = self.batch[self.head..<self.batchEnd]
        guard zip(pending, pending.dropFirst()).allSatisfy({ !($0.1 < $0.0) }),
            pending.allSatisfy({ $0.instant <= self.floor }),
            self.late.allSatisfy({ $0.instant <= self.floor })
        else { return false }
        for index in self.late.indices.dropFirst() where self.late[index] < self.late[(index - 1) >> 2] {
            return false
        }
        var counted = pending.count + self.late.count
        for bucket in 0...64 {
            let header = self.storage.buckets[bucket]
            let entries = self.storage.entries(bucket)
            guard header.count >= 0, header.count <= header.capacity, header.capacity == 0 || header.start != nil,
                bucket > 0 || entries.isEmpty,
                entries.isEmpty == (bucket == 0 || self.occupied & (1 << UInt64(bucket - 1)) == 0)
            else { return false }
            counted += entries.count
            guard entries.allSatisfy({ $0.instant > self.floor && self.bucket(of: $0.instant) == bucket }) else {
                return false
            }
            let smallest = entries.min() ?? Self.unset
            guard smallest == header.minimum, smallest.owner == header.minimum.owner,
                smallest.generation == header.minimum.generation
            else { return false }
        }
        return counted == self.total
    }

    /// The former name of `isValid`, from when the queue was a plain heap.
    public var isValidHeap: Bool { self.isValid }
}
