/// A capacity pool's ready waiters, served in `DueQueue`'s order (instant, priority, sequence) for entries
/// whose `priority` is 0 (the key is in `instant`): a small heap of recent arrivals over a sorted run.
///
/// In a capacity-bound pool the line is long (tens of thousands of waiters at 100,000 accounts) and most of it
/// is cold: enrolments of low priority that wait for weeks, while those served rejoin soon after with keys near
/// the front. A single heap of the whole line walks from its root to a leaf on every pop, through memory that
/// is mostly out of cache. Here arrivals go to a small heap (`recent`), and the rest of the line is an array
/// sorted from the largest key to the smallest (`settled`), so the front of the line is its end. A pop takes
/// the smaller of the heap's root and the array's last entry; an arrival ahead of the array's last entry is
/// appended to the array instead of the heap. When the heap outgrows its share of the line its
/// entries are sorted and merged into the array from the back: only the settled entries with keys below the
/// arrivals' largest move, and the cold part (the array's start) is not touched.
///
/// Pops come in exactly the order of a single heap: the order is total (the sequence is unique).
struct WaitingLine: Sendable {
    typealias Packed = WaiterHeap.Packed

    /// The heap is merged into the array once it holds more than this many entries or this share of the line.
    /// A sixteenth: callgrind, dun-sim-bench single 10000, with the block moves of `settle`, fewer instructions
    /// than an eighth, a quarter or a thirty-second (a smaller heap is shallower, its merges come more often).
    static let recentMinimum = 64
    static let recentShareShift = 4
    /// An arrival that belongs among the array's last this many entries is inserted there (see `insert`).
    /// callgrind, dun-sim-bench single 10000: 8, 16, 32, 64 -> 2,300.8, 2,298.7, 2,301.0, 2,310.8 M instructions.
    static let nearFront = 16

    private var recent = WaiterHeap()
    /// Sorted by key, largest first: the line's front is the last entry.
    private var settled: [Packed] = []
    /// The arrivals being merged, sorted (kept between merges so that a merge allocates nothing).
    private var arrivals: [Packed] = []
    /// Whether the line's front is the heap's root (else the array's last entry, or the line is empty): kept
    /// after every change, because the front is read several times per change.
    private var frontIsRecent = false
    /// The line's front (`min`), kept with `frontIsRecent`: the engine reads it several times per change, and
    /// a read is then one copy instead of a choice between two arrays and an unpacking.
    private var front: DueQueue.Entry?
    /// The front's key (valid when `front` is not nil), so that an arrival is compared with it without unpacking.
    private var frontKey: UInt128 = 0

    var isEmpty: Bool { self.recent.isEmpty && self.settled.isEmpty }

    /// Every entry, in no particular order (for invariant checks and tests).
    var entries: [DueQueue.Entry] { self.recent.entries + self.settled.map(\.entry) }

    /// The smallest entry.
    var min: DueQueue.Entry? { self.front }

    mutating func insert(_ entry: DueQueue.Entry) {
        let packed = Packed(entry)
        // An arrival ahead of the array's front (often: an account just served rejoins with the key that put it
        // first) extends the sorted array at its end, and its pop is a `removeLast` instead of a walk down the
        // heap. callgrind, dun-sim-bench single 10000: WaiterHeap.removeMin 63 M -> 44 M instructions.
        // The front changes only if the arrival goes ahead of it (a merge leaves it in place, now in the array).
        let key = packed.key
        let ahead = self.front == nil || key < self.frontKey
        if self.settled.last.map({ key < $0.key }) ?? true {
            self.settled.append(packed)
            if ahead { self.setFront(packed, key: key, isRecent: false) }
            return
        }
        // An arrival among the array's last few entries (near the front: often an account served a moment ago,
        // rejoining) is put in its place there: a short move in memory that is in cache, and its pop is then a
        // `removeLast` instead of a heap's insert and walk down. The front is unchanged: the arrival is behind
        // the array's last entry.
        let settledCount = self.settled.count
        let reach = Swift.min(settledCount, Self.nearFront)
        if key < self.settled[settledCount &- reach].key {
            // The array is sorted largest key first: the entries with smaller keys move up one place (a walk that
            // stops at the entry checked above at the latest).
            self.settled.append(packed)
            self.settled.withUnsafeMutableBufferPointer { settled in
                let base = settled.baseAddress.unsafelyUnwrapped
                var hole = settledCount
                while base[hole &- 1].key < key {
                    base[hole] = base[hole &- 1]
                    hole &-= 1
                }
                base[hole] = packed
            }
            return
        }
        self.recent.insert(entry)
        if self.recent.count > Swift.max(Self.recentMinimum, self.settled.count >> Self.recentShareShift) {
            self.settle()
            self.findFront()
        } else if ahead {
            self.setFront(packed, key: key, isRecent: true)
        }
    }

    /// Removes the smallest entry (nothing when the line is empty).
    mutating func removeMin() {
        if self.frontIsRecent {
            self.recent.removeMin()
        } else if !self.settled.isEmpty {
            self.settled.removeLast()
        }
        self.findFront()
    }

    /// Makes `packed` (whose key is `key`, at hand in every caller) the kept front.
    @inline(__always)
    private mutating func setFront(_ packed: Packed, key: UInt128, isRecent: Bool) {
        self.frontIsRecent = isRecent
        self.front = packed.entry
        self.frontKey = key
    }

    private mutating func findFront() {
        if let top = self.recent.first, self.settled.last.map({ top.key < $0.key }) ?? true {
            self.setFront(top, key: top.key, isRecent: true)
        } else if let last = self.settled.last {
            self.setFront(last, key: last.key, isRecent: false)
        } else {
            self.frontIsRecent = false
            self.front = nil
        }
    }

    /// Removes and returns the smallest entry.
    @discardableResult
    mutating func popMin() -> DueQueue.Entry? {
        guard let top = self.min else { return nil }
        self.removeMin()
        return top
    }

    /// Whether the heap is a heap and the array is sorted, largest key first.
    var isValid: Bool {
        self.recent.isValid && zip(self.settled, self.settled.dropFirst()).allSatisfy { $1.key < $0.key }
    }

    /// Merges the heap's entries into the sorted array.
    private mutating func settle() {
        self.arrivals.removeAll(keepingCapacity: true)
        self.recent.moveAll(to: &self.arrivals)
        self.arrivals.sort { $0.key < $1.key }
        let count = self.arrivals.count
        let oldCount = self.settled.count
        // Room at the end; the merge fills it from the back, smallest key last.
        self.settled.append(contentsOf: self.arrivals)
        self.settled.withUnsafeMutableBufferPointer { settled in
            self.arrivals.withUnsafeBufferPointer { arrivals in
                // `write` stays above `read` by the arrivals not yet placed, so nothing unread is overwritten;
                // once they are all placed, the settled entries still unread are already in place. The settled
                // entries that go behind an arrival are found by their keys alone and moved as one block (most
                // of the run moves: arrivals far behind the front come in every merge).
                let base = settled.baseAddress.unsafelyUnwrapped
                var read = oldCount - 1
                var write = oldCount + count - 1
                for next in 0..<count {
                    let key = arrivals[next].key
                    var start = read
                    while start >= 0 && base[start].key < key { start -= 1 }
                    let block = read - start
                    if block > 0 {
                        (base + (write - block + 1)).update(from: base + (start + 1), count: block)
                        write -= block
                        read = start
                    }
                    base[write] = arrivals[next]
                    write -= 1
                }
            }
        }
    }
}
