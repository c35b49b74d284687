import DunCore

/// The step graph of a campaign: which step can follow which, with fall-through resolved.
///
/// A contact step leads to each route's target and to its `next` (the following step when left out); a
/// branch leads to each rule's target and to `otherwise`; an end step leads nowhere. `stop` is no node.
struct StepGraph {
    /// Successor step indices per step, in the order written, without duplicates.
    let successors: [[Int]]
    /// Entry step indices: the first step, then each variant's entry, without duplicates.
    let entries: [Int]

    init(_ campaign: Campaign) {
        var index: [String: Int] = [:]
        for (position, step) in campaign.steps.enumerated() where index[step.id] == nil {
            index[step.id] = position
        }
        func resolve(_ target: StepTarget?) -> Int? {
            guard case .step(let id) = target else { return nil }
            return index[id]
        }
        var successors: [[Int]] = []
        for (position, step) in campaign.steps.enumerated() {
            var targets: [Int] = []
            switch step.action {
            case .contact:
                targets = step.routes.compactMap { resolve($0.target) }
                if let next = step.next {
                    if let target = resolve(next) { targets.append(target) }
                } else if position + 1 < campaign.steps.count {
                    targets.append(position + 1)
                }
            case .branch(let rules, let otherwise):
                targets = rules.compactMap { resolve($0.target) }
                if let target = resolve(otherwise) { targets.append(target) }
            case .end:
                targets = []
            }
            var unique: [Int] = []
            for target in targets where !unique.contains(target) { unique.append(target) }
            successors.append(unique)
        }
        self.successors = successors
        var entries: [Int] = campaign.steps.isEmpty ? [] : [0]
        for variant in campaign.variants {
            let entry = variant.entry.flatMap { index[$0] } ?? (variant.entry == nil ? 0 : nil)
            if let entry, !entries.contains(entry), entry < campaign.steps.count { entries.append(entry) }
        }
        self.entries = entries
    }

    /// Every step reachable from the entries.
    func reachable() -> [Bool] {
        var seen = [Bool](repeating: false, count: self.successors.count)
        var stack = self.entries
        while let node = stack.popLast() {
            guard !seen[node] else { continue }
            seen[node] = true
            stack.append(contentsOf: self.successors[node].reversed())
        }
        return seen
    }

    /// Cycles that pass only through steps for which `isOpen` holds, one per strongly connected group,
    /// each as a path of step indices starting at the group's first step (file order) and returning to it.
    ///
    /// - Complexity: O(steps + edges) (Tarjan's algorithm, iterative, then one search per group).
    func cycles(through isOpen: (Int) -> Bool) -> [[Int]] {
        let count = self.successors.count
        let open = (0..<count).map(isOpen)
        let component = self.components(open: open)
        var groups: [Int: [Int]] = [:]
        for node in 0..<count where open[node] {
            groups[component[node], default: []].append(node)
        }
        var cycles: [[Int]] = []
        // Groups in file order of their first step, so the output never depends on hash order.
        for members in groups.values.sorted(by: { $0[0] < $1[0] }) {
            let start = members[0]
            let isCycle = members.count > 1 || self.successors[start].contains(start)
            guard isCycle else { continue }
            if let path = self.shortestCycle(from: start, component: component) { cycles.append(path) }
        }
        return cycles
    }

    /// The strongly connected component of each open node (closed nodes get -1).
    func components(open: [Bool]) -> [Int] {
        let count = self.successors.count
        var index = [Int](repeating: -1, count: count)
        var low = [Int](repeating: 0, count: count)
        var onStack = [Bool](repeating: false, count: count)
        var component = [Int](repeating: -1, count: count)
        var stack: [Int] = []
        var counter = 0
        var components = 0
        for root in 0..<count where open[root] && index[root] < 0 {
            // Each frame: the node and the position of the next successor to look at.
            var frames: [(node: Int, next: Int)] = [(root, 0)]
            index[root] = counter
            low[root] = counter
            counter += 1
            stack.append(root)
            onStack[root] = true
            while let frame = frames.last {
                let node = frame.node
                let successors = self.successors[node]
                if frame.next < successors.count {
                    frames[frames.count - 1].next += 1
                    let successor = successors[frame.next]
                    guard open[successor] else { continue }
                    if index[successor] < 0 {
                        index[successor] = counter
                        low[successor] = counter
                        counter += 1
                        stack.append(successor)
                        onStack[successor] = true
                        frames.append((successor, 0))
                    } else if onStack[successor] {
                        low[node] = min(low[node], index[successor])
                    }
                    continue
                }
                frames.removeLast()
                if let parent = frames.last?.node {
                    low[parent] = min(low[parent], low[node])
                }
                if low[node] == index[node] {
                    while let member = stack.popLast() {
                        onStack[member] = false
                        component[member] = components
                        if member == node { break }
                    }
                    components += 1
                }
            }
        }
        return component
    }

    /// The shortest path start → … → start through nodes of `start`'s component, or nil.
    ///
    /// - Complexity: O(steps + edges): one breadth-first search from `start`'s successors.
    func shortestCycle(from start: Int, component: [Int]) -> [Int]? {
        let group = component[start]
        if self.successors[start].contains(start) { return [start, start] }
        var previous = [Int](repeating: -1, count: self.successors.count)
        var queue: [Int] = []
        for successor in self.successors[start] where component[successor] == group && previous[successor] < 0 {
            previous[successor] = start
            queue.append(successor)
        }
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for successor in self.successors[node] where component[successor] == group {
                if successor == start {
                    var backwards = [node]
                    var cursor = node
                    while previous[cursor] != start {
                        cursor = previous[cursor]
                        backwards.append(cursor)
                    }
                    return [start] + Array(backwards.reversed()) + [start]
                }
                guard previous[successor] < 0 else { continue }
                previous[successor] = node
                queue.append(successor)
            }
        }
        return nil
    }
}
