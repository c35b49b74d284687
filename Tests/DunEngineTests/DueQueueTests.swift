import DunEngine
import HeapModule
import Testing

/// The due queue must pop in exactly the order of a heap on (instant, priority, sequence), whatever the
/// pattern of inserts: monotone time (the engine), same-instant inserts while a batch drains, and keys that go
/// backwards (a capacity pool's waiting line).
struct DueQueueTests {
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: UInt64) -> UInt64 {
            self.state &+= 0x9e37_79b9_7f4a_7c15
            var value = self.state
            value = (value ^ (value >> 30)) &* 0xbf58_476d_1ce4_e5b9
            value = (value ^ (value >> 27)) &* 0x94d0_49bb_1331_11eb
            return (value ^ (value >> 31)) % bound
        }
    }

    /// Runs random operations on both queues and compares every popped entry and the queue's invariants.
    func compare(seed: UInt64, operations: Int, monotone: Bool, spread: UInt64, priorities: UInt64) {
        var random = Generator(state: seed)
        var queue = DueQueue()
        var reference = Heap<DueQueue.Entry>()
        var sequence: UInt64 = 0
        var now: Int64 = monotone ? 1_000_000 : 0
        for operation in 0..<operations {
            if random.next(100) < 55 || reference.isEmpty {
                sequence += 1
                let instant =
                    monotone
                    ? now + Int64(random.next(spread))
                    : Int64(random.next(spread)) - Int64(spread / 2)
                let entry = DueQueue.Entry(
                    instant: instant,
                    priority: -Int64(random.next(priorities)),
                    sequence: sequence,
                    owner: Int32(operation),
                    generation: 0
                )
                queue.insert(entry)
                reference.insert(entry)
            } else {
                let expected = reference.popMin()
                #expect(queue.min == expected)
                let popped = queue.popMin()
                #expect(popped == expected)
                #expect(popped?.owner == expected?.owner)
                if let popped { now = Swift.max(now, popped.instant) }
            }
            #expect(queue.count == reference.count)
            if operation % 97 == 0 { #expect(queue.isValid) }
        }
        while let expected = reference.popMin() {
            #expect(queue.popMin()?.owner == expected.owner)
        }
        #expect(queue.isEmpty && queue.popMin() == nil && queue.min == nil)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func monotoneTimeMatchesAHeap(seed: UInt64) {
        self.compare(seed: seed, operations: 20_000, monotone: true, spread: 50_000, priorities: 1_000)
    }

    @Test func manyEntriesPerInstantMatchAHeap() {
        self.compare(seed: 7, operations: 20_000, monotone: true, spread: 4, priorities: 5)
    }

    @Test func keysThatGoBackwardsMatchAHeap() {
        self.compare(seed: 11, operations: 20_000, monotone: false, spread: 1 << 40, priorities: 3)
    }

    @Test func negativeAndExtremeInstantsKeepTheirOrder() {
        var queue = DueQueue()
        let instants: [Int64] = [5, .max, -3, 0, .min + 1, 5, -3, .max - 1]
        for (index, instant) in instants.enumerated() {
            queue.insert(
                DueQueue.Entry(
                    instant: instant,
                    priority: 0,
                    sequence: UInt64(index),
                    owner: Int32(index),
                    generation: 0
                )
            )
        }
        var popped: [Int32] = []
        while let entry = queue.popMin() { popped.append(entry.owner) }
        #expect(popped == [4, 2, 6, 3, 0, 5, 7, 1])
    }
}
