import HeapModule

/// A priority queue for the simulator's virtual-time events that exploits how they are made: every event is
/// queued at the current virtual time plus a delay from a small set (an attempt's handle time given its
/// result, the dispute pause, the next daily tick), and virtual time never goes back. Events queued with the
/// same delay therefore arrive in order, so each delay gets a first-in-first-out lane, and the minimum is the
/// least of the lanes' heads: a few comparisons instead of a heap's sift over every event in flight.
///
/// An event that would arrive out of order in its lane goes to an ordinary heap instead, so the queue pops
/// exactly what a heap would (the least element first) whatever the caller does.
struct EventQueue<Element: Comparable> {
    /// A lane: its key (the delay, or any key the caller keeps in order), its elements (`items[head..<end]`;
    /// `end` is `items.count`, kept beside `head` for the scan) and a copy of its first element (valid when the
    /// lane is not empty). The lanes lie side by side, so finding the least head reads one small contiguous
    /// array, and a lane is changed in one access (each access through the array checks its uniqueness).
    private struct Lane {
        var key: Int64
        var head: Int
        var end: Int
        var front: Element
        var items: [Element]

        /// Appends `element` (in order: not before the lane's last element).
        @inline(__always)
        mutating func append(_ element: Element) {
            if self.head == self.end { self.front = element }
            self.items.append(element)
            self.end += 1
        }

        /// Drops the first element (the storage is reused once the lane empties with at least `reuseAfter` spent
        /// elements, or compacted when most of it is behind the head).
        @inline(__always)
        mutating func advance() {
            let head = self.head + 1
            if head == self.end {
                // An empty lane (head == end) takes its next element at the end; clearing the storage every
                // time a lane empties (most results find their lane empty) costs more than the few spent slots.
                if head >= EventQueue.reuseAfter {
                    self.items.removeAll(keepingCapacity: true)
                    self.head = 0
                    self.end = 0
                } else {
                    self.head = head
                }
                return
            }
            if head >= 4_096 && head * 2 >= self.end {
                self.items.removeFirst(head)
                self.head = 0
                self.end = self.items.count
            } else {
                self.head = head
            }
            self.front = self.items[self.head]
        }
    }

    private var lanes: [Lane] = []
    private var overflow = Heap<Element>()
    private var lastLane = 0
    /// How many spent elements an empty lane keeps before its storage is cleared.
    private static var reuseAfter: Int { 64 }

    var isEmpty: Bool { self.min == nil }

    /// The least element, if any (kept up to date by `insert` and `popMin`).
    private(set) var min: Element?
    /// Where `min` is: a lane index, or -1 for the overflow heap.
    private var minLane = -1

    /// Queues `element` in the lane for `key`.
    mutating func insert(_ element: Element, key: Int64) {
        var lane = self.lastLane
        if lane >= self.lanes.count || self.lanes[lane].key != key {
            if let found = self.lanes.firstIndex(where: { $0.key == key }) {
                lane = found
            } else {
                lane = self.lanes.count
                self.lanes.append(Lane(key: key, head: 0, end: 0, front: element, items: []))
            }
            self.lastLane = lane
        }
        let end = self.lanes[lane].end
        if end > self.lanes[lane].head && element < self.lanes[lane].items[end - 1] {
            self.overflow.insert(element)
            lane = -1
        } else {
            self.lanes[lane].append(element)
        }
        if self.min.map({ element < $0 }) ?? true {
            self.min = element
            self.minLane = lane
        }
    }

    /// Removes and returns the least element.
    mutating func popMin() -> Element? {
        guard let least = self.min else { return nil }
        if self.minLane < 0 {
            _ = self.overflow.popMin()
        } else {
            self.lanes[self.minLane].advance()
        }
        var best = -1
        var bestElement = self.overflow.min
        for lane in self.lanes.indices where self.lanes[lane].head < self.lanes[lane].end {
            if bestElement.map({ self.lanes[lane].front < $0 }) ?? true {
                best = lane
                bestElement = self.lanes[lane].front
            }
        }
        self.min = bestElement
        self.minLane = best
        return least
    }
}
