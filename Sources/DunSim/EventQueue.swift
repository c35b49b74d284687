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
    /// Per lane: its key (the delay, or any key the caller keeps in order), its elements from `heads[lane]` on,
    /// and a copy of its first element in `fronts` (valid when the lane is not empty), so finding the least
    /// head reads one small contiguous array.
    private var keys: [Int64] = []
    private var items: [[Element]] = []
    private var heads: [Int] = []
    private var fronts: [Element] = []
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
        if lane >= self.keys.count || self.keys[lane] != key {
            if let found = self.keys.firstIndex(of: key) {
                lane = found
            } else {
                lane = self.keys.count
                self.keys.append(key)
                self.items.append([])
                self.heads.append(0)
                self.fronts.append(element)
            }
            self.lastLane = lane
        }
        let count = self.items[lane].count
        if count == self.heads[lane] {
            self.items[lane].append(element)
            self.fronts[lane] = element
        } else if element < self.items[lane][count - 1] {
            self.overflow.insert(element)
            lane = -1
        } else {
            self.items[lane].append(element)
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
            self.advance(self.minLane)
        }
        var best = -1
        var bestElement = self.overflow.min
        for lane in self.fronts.indices where self.heads[lane] < self.items[lane].count {
            if bestElement.map({ self.fronts[lane] < $0 }) ?? true {
                best = lane
                bestElement = self.fronts[lane]
            }
        }
        self.min = bestElement
        self.minLane = best
        return least
    }

    /// Drops the first element of `lane` (its storage is reused once the lane empties with at least
    /// `reuseAfter` spent elements, or compacted when most of it is behind the head).
    private mutating func advance(_ lane: Int) {
        let head = self.heads[lane] + 1
        let count = self.items[lane].count
        if head == count {
            // An empty lane (head == count) takes its next element at the end; clearing the storage every time
            // a lane empties (most results find their lane empty) costs more than the few spent slots.
            if head >= Self.reuseAfter {
                self.items[lane].removeAll(keepingCapacity: true)
                self.heads[lane] = 0
            } else {
                self.heads[lane] = head
            }
            return
        }
        if head >= 4_096 && head * 2 >= count {
            self.items[lane].removeFirst(head)
            self.heads[lane] = 0
        } else {
            self.heads[lane] = head
        }
        self.fronts[lane] = self.items[lane][self.heads[lane]]
    }
}
