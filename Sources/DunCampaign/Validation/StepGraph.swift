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
    func cycles(through isOpen: (Int) -> Bool) -> [[Int]] {
        let count = self.successors.count
        let open = (0..<count).map(isOpen)
        var reported = [Bool](repeating: false, count: count)
        var cycles: [[Int]] = []
        for start in 0..<count where open[start] && !reported[start] {
            guard let path = self.shortestCycle(from: start, open: open) else { continue }
            // Everything on a mutual loop with `start` belongs to its group; report the group once.
            for node in 0..<count where open[node] && !reported[node] {
                if node == start
                    || (self.path(from: start, to: node, open: open) != nil
                        && self.path(from: node, to: start, open: open) != nil)
                {
                    reported[node] = true
                }
            }
            cycles.append(path)
        }
        return cycles
    }

    /// The shortest path start → … → start through open nodes, or nil.
    func shortestCycle(from start: Int, open: [Bool]) -> [Int]? {
        var best: [Int]?
        for successor in self.successors[start] where open[successor] {
            if successor == start { return [start, start] }
            guard let back = self.path(from: successor, to: start, open: open) else { continue }
            let cycle = [start] + back
            if best == nil || cycle.count < best!.count { best = cycle }
        }
        return best
    }

    /// The shortest path from `source` to `target` through open nodes (breadth first), both included.
    func path(from source: Int, to target: Int, open: [Bool]) -> [Int]? {
        if source == target { return [source] }
        var previous = [Int?](repeating: nil, count: self.successors.count)
        var visited = [Bool](repeating: false, count: self.successors.count)
        visited[source] = true
        var queue = [source]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for successor in self.successors[node] where open[successor] && !visited[successor] {
                visited[successor] = true
                previous[successor] = node
                if successor == target {
                    var path = [target]
                    var cursor = node
                    while cursor != source {
                        path.append(cursor)
                        cursor = previous[cursor]!
                    }
                    path.append(source)
                    return path.reversed()
                }
                queue.append(successor)
            }
        }
        return nil
    }
}
