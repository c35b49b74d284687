import HeapModule
import Testing

@testable import DunSim

struct EventQueueTests {
    /// An event as the driver makes them: an instant and a tie-breaking sequence number.
    struct Item: Comparable {
        var at: Int64
        var sequence: Int

        static func < (lhs: Item, rhs: Item) -> Bool { (lhs.at, lhs.sequence) < (rhs.at, rhs.sequence) }
    }

    @Test(arguments: [1, 2, 3, 4, 5])
    func popsWhatAHeapPops(seed: UInt64) {
        // Mostly the driver's pattern (now + one of a few delays, time moving forward), with a share of
        // arbitrary keys and instants that land out of order in their lane and must go to the overflow heap.
        var random = SplitMix64(seed: seed)
        var queue = EventQueue<Item>()
        var heap = Heap<Item>()
        var now: Int64 = 0
        var sequence = 0
        var popped = 0
        for _ in 0..<20_000 {
            if random.uniform() < 0.55 {
                let delays: [Int64] = [1, 45, 190, 86_400]
                var delay = delays[Int(random.next() % 4)]
                var key = delay
                if random.uniform() < 0.05 {
                    delay = Int64(random.next() % 500)
                    key = Int64(random.next() % 3)
                }
                let item = Item(at: now + delay, sequence: sequence)
                sequence += 1
                queue.insert(item, key: key)
                heap.insert(item)
            } else {
                #expect(queue.min == heap.min)
                let expected = heap.popMin()
                #expect(queue.popMin() == expected)
                if let expected { now = max(now, expected.at) }
                popped += 1
            }
            #expect(queue.isEmpty == heap.isEmpty)
        }
        while let expected = heap.popMin() {
            #expect(queue.popMin() == expected)
        }
        #expect(queue.isEmpty && queue.popMin() == nil && popped > 5_000)
    }

    /// More keys than the queue has lanes: the elements of the keys beyond them go to the heap, in order.
    @Test func popsWhatAHeapPopsWithManyKeys() {
        var random = SplitMix64(seed: 7)
        var queue = EventQueue<Item>()
        var heap = Heap<Item>()
        var now: Int64 = 0
        var sequence = 0
        for _ in 0..<20_000 {
            if random.uniform() < 0.55 {
                let key = Int64(random.next() % 100)
                let item = Item(at: now + key * 7, sequence: sequence)
                sequence += 1
                queue.insert(item, key: key)
                heap.insert(item)
            } else {
                #expect(queue.min == heap.min)
                let expected = heap.popMin()
                #expect(queue.popMin() == expected)
                if let expected { now = max(now, expected.at) }
            }
        }
        while let expected = heap.popMin() {
            #expect(queue.popMin() == expected)
        }
        #expect(queue.isEmpty)
    }
}
