/// A block of suppressed cells around a seed, grown for one linear program.
///
/// The audit fixes every cell outside the block at its true value. That gives the attacker more
/// knowledge than they have, so an interval the program proves wide is at least as wide in truth (the
/// block's feasible set lies inside the real one): a sound certificate. Cells are added first through
/// small relations (a school's own breakdowns, which move together) and then one at a time through large
/// ones (the other schools of an LA), largest value first, because a hidden cell's room to move up comes
/// from the values of cells that can move down against it.
struct Neighbourhood {
    /// Relations up to this size pull in all their cells before any larger relation is followed.
    static let smallRelation = 8

    /// Marks of the current growth, re-used across calls so that a national release's thousands of
    /// blocks do not each clear a release-sized array.
    struct Marks {
        private var cell: [Int]
        private var relation: [Int]
        private var generation = 0

        init(graph: RelationGraph) {
            cell = Array(repeating: 0, count: graph.cellCount)
            relation = Array(repeating: 0, count: graph.relationCount)
        }

        mutating func next() { generation += 1 }

        /// True the first time `c` is marked in this generation.
        mutating func markCell(_ c: Int) -> Bool {
            defer { cell[c] = generation }
            return cell[c] != generation
        }

        mutating func markRelation(_ r: Int) -> Bool {
            defer { relation[r] = generation }
            return relation[r] != generation
        }
    }

    static func grow(from seed: Int, limit: Int, graph: RelationGraph, values: [Int], free: [Bool],
                     excluded: [Bool]? = nil, marks: inout Marks) -> [Int] {
        marks.next()
        var block: [Int] = []
        _ = marks.markCell(seed)
        var small: [Int] = [seed], smallHead = 0
        var large = MaxHeap()
        while block.count < limit {
            let cell: Int
            if smallHead < small.count {
                cell = small[smallHead]
                smallHead += 1
            } else if let next = large.pop() {
                cell = next
            } else {
                break
            }
            block.append(cell)
            for r in graph.relations(of: cell).lazy.map(Int.init) where marks.markRelation(r) {
                let isSmall = graph.size(of: r) <= smallRelation
                for m in graph.members(of: r).lazy.map(Int.init) where free[m] && !(excluded?[m] ?? false) && marks.markCell(m) {
                    if isSmall { small.append(m) } else { large.push(m, priority: values[m]) }
                }
            }
        }
        return block
    }
}

/// A binary max-heap of cells by priority, ties to the lower cell, so growth is deterministic.
private struct MaxHeap {
    private var items: [(priority: Int, cell: Int)] = []

    private static func before(_ a: (priority: Int, cell: Int), _ b: (priority: Int, cell: Int)) -> Bool {
        a.priority > b.priority || (a.priority == b.priority && a.cell < b.cell)
    }

    mutating func push(_ cell: Int, priority: Int) {
        items.append((priority, cell))
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard Self.before(items[i], items[parent]) else { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> Int? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var best = i
                if l < items.count && Self.before(items[l], items[best]) { best = l }
                if r < items.count && Self.before(items[r], items[best]) { best = r }
                guard best != i else { break }
                items.swapAt(i, best)
                i = best
            }
        }
        return top.cell
    }
}
