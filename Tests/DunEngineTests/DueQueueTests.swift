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
    /// With `prepares`, the next batch is also formed early now and then (`prepareBatch`, as the engine does after
    /// each instant's timers, to prefetch the next instant's accounts).
    func compare(
        seed: UInt64,
        operations: Int,
        monotone: Bool,
        spread: UInt64,
        priorities: UInt64,
        prepares: Bool = false
    ) {
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
            if prepares && random.next(4) == 0 {
                queue.prepareBatch()
                #expect(queue.min == reference.min)
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

    /// Forming the next batch before it is popped changes no order: dense and sparse instants, buckets split and
    /// buckets taken whole, inserts after an early batch landing before its floor (the late heap).
    @Test(arguments: [(50_000, 1_000), (4, 5), (64, 3), (3_000, 2)] as [(UInt64, UInt64)])
    func formingTheNextBatchEarlyKeepsTheOrder(spread: UInt64, priorities: UInt64) {
        self.compare(
            seed: spread &+ 11,
            operations: 20_000,
            monotone: true,
            spread: spread,
            priorities: priorities,
            prepares: true
        )
    }

    @Test func manyEntriesPerInstantMatchAHeap() {
        self.compare(seed: 7, operations: 20_000, monotone: true, spread: 4, priorities: 5)
    }

    /// Entries a few seconds to minutes apart fill low buckets with few entries, which are taken whole (sorted
    /// across instants, the floor moved to their latest instant, later inserts before it going to the late heap);
    /// denser spreads overflow the count cap and are split as usual.
    @Test(arguments: [(64, 3), (600, 1_000), (3_000, 2)] as [(UInt64, UInt64)])
    func smallBucketsTakenWholeMatchAHeap(spread: UInt64, priorities: UInt64) {
        self.compare(seed: spread, operations: 20_000, monotone: true, spread: spread, priorities: priorities)
    }

    /// Thousands of entries due at the same few instants: their batches are radix sorted (narrow priorities),
    /// or comparison sorted when priority and sequence spans do not fit one 64-bit key (priorities across the
    /// whole `Int64` range), and both must pop in heap order.
    @Test(arguments: [1 << 20, 1 << 40, UInt64.max] as [UInt64])
    func largeBatchesMatchAHeap(priorities: UInt64) {
        var random = Generator(state: priorities)
        var queue = DueQueue()
        var reference = Heap<DueQueue.Entry>()
        var sequence: UInt64 = 0
        for round in 0..<3 {
            for index in 0..<3_000 {
                sequence += 1 + random.next(3)
                let raw = random.next(priorities)
                let entry = DueQueue.Entry(
                    instant: 1_000 * Int64(round + 1) + Int64(random.next(3)),
                    priority: Int64(bitPattern: priorities == UInt64.max ? raw : raw &- priorities / 2),
                    sequence: index % 5 == 0 ? sequence : sequence + (1 << 20),
                    owner: Int32(index),
                    generation: 0
                )
                queue.insert(entry)
                reference.insert(entry)
            }
            for _ in 0..<2_000 {
                let expected = reference.popMin()
                #expect(queue.popMin() == expected)
            }
            #expect(queue.isValid)
        }
        while let expected = reference.popMin() {
            #expect(queue.popMin() == expected)
        }
        #expect(queue.isEmpty)
    }

    /// Batches queued in sequence order (the engine's usual case) are radix sorted on their priorities alone;
    /// a few entries of priority `Int64.min` (a capacity pool's timer) among them are set apart first. Ties of
    /// priority must keep sequence order, and every size and span must pop in heap order.
    @Test(arguments: [(300, 8), (3_000, 1 << 22), (5_000, 1 << 40), (700, UInt64.max), (400, 1)] as [(Int, UInt64)])
    func largeBatchesInSequenceOrderMatchAHeap(size: Int, priorities: UInt64) {
        var random = Generator(state: UInt64(size))
        var queue = DueQueue()
        var reference = Heap<DueQueue.Entry>()
        var sequence: UInt64 = 0
        for round in 0..<4 {
            for index in 0..<size {
                sequence += 1 + random.next(2)
                let raw = random.next(priorities)
                let timer = round % 2 == 1 && index % 97 == 3
                let entry = DueQueue.Entry(
                    instant: 10_000 * Int64(round + 1),
                    priority: timer ? .min : Int64(bitPattern: priorities == UInt64.max ? raw : raw &- priorities / 2),
                    sequence: sequence,
                    owner: Int32(index),
                    generation: 0
                )
                queue.insert(entry)
                reference.insert(entry)
            }
            for _ in 0..<(size / 2) {
                let expected = reference.popMin()
                #expect(queue.popMin() == expected)
            }
            #expect(queue.isValid)
        }
        while let expected = reference.popMin() {
            #expect(queue.popMin() == expected)
        }
        #expect(queue.isEmpty)
    }

    @Test func keysThatGoBackwardsMatchAHeap() {
        self.compare(seed: 11, operations: 20_000, monotone: false, spread: 1 << 40, priorities: 3)
    }

    /// Copies share their buckets until one of them changes: each copy must then pop its own entries in heap
    /// order, and `removeAll` must leave a queue that works like a new one.
    @Test func copiesAndClearedQueuesKeepTheirOwnOrder() {
        var random = Generator(state: 5)
        var queue = DueQueue()
        var reference = Heap<DueQueue.Entry>()
        var sequence: UInt64 = 0
        func entry(_ instant: Int64) -> DueQueue.Entry {
            sequence += 1
            let priority = -Int64(random.next(4))
            return DueQueue.Entry(instant: instant, priority: priority, sequence: sequence, owner: 0, generation: 0)
        }
        for _ in 0..<2_000 {
            let next = entry(1_000 + Int64(random.next(10_000)))
            queue.insert(next)
            reference.insert(next)
        }
        for _ in 0..<500 { #expect(queue.popMin() == reference.popMin()) }
        var copy = queue
        var copyReference = reference
        for round in 0..<2_000 {
            let now = queue.min?.instant ?? 0
            let next = entry(now + Int64(random.next(5_000)))
            if round % 2 == 0 {
                queue.insert(next)
                reference.insert(next)
                #expect(copy.popMin() == copyReference.popMin())
            } else {
                copy.insert(next)
                copyReference.insert(next)
                #expect(queue.popMin() == reference.popMin())
            }
        }
        #expect(queue.isValid && copy.isValid)
        let snapshot = copy
        copy.removeAll()
        #expect(copy.isEmpty && copy.min == nil && copy.isValid)
        #expect(snapshot.count == copyReference.count && snapshot.isValid)
        while let expected = reference.popMin() { #expect(queue.popMin() == expected) }
        for instant: Int64 in [30, 10, 20, 10] { copy.insert(entry(instant)) }
        #expect(copy.isValid)
        #expect([copy.popMin(), copy.popMin(), copy.popMin(), copy.popMin()].map { $0?.instant } == [10, 10, 20, 30])
        #expect(queue.isEmpty && copy.isEmpty)
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
