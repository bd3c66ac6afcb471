/// Secondary suppression (rule 5): adds cells until no relation gives a suppressed cell away.
///
/// A relation is unsafe when exactly one of its cells is suppressed (it is the total minus the visible
/// parts, or the sum of the parts), or when its total is published and its suppressed parts add up to
/// fewer than `minCount` (each of them is then pinned to a range narrower than `minCount`). Suppression
/// only ever grows here, so every relation's cheapest remaining candidate is found by a pointer that
/// moves forward through the members sorted by cost.
struct SecondarySuppression {
    let release: LinkedRelease
    let minCount: Int
    let strategy: SuppressionStrategy
    private(set) var suppressed: [Bool]
    /// Cells this pass suppressed, in order.
    private(set) var added: [Int] = []
    private var suppressedCount: [Int]
    private var suppressedPartsSum: [Int]
    /// Members of each relation sorted by (is a `Total`, value, index), and the first position that
    /// may still hold a candidate.
    private let sortedStart: [Int]
    private let sorted: [Int32]
    private var cheapest: [Int]
    /// `widen`'s marks: the search that last reached each cell and each relation. A national release's
    /// searches can reach far through hidden cells, round after round; sets made them hash millions.
    private var cellSearch: [UInt32]
    private var relationSearch: [UInt32]
    private var search: UInt32 = 0

    init(release: LinkedRelease, suppressed: [Bool], minCount: Int, strategy: SuppressionStrategy) {
        self.release = release
        self.minCount = minCount
        self.strategy = strategy
        self.suppressed = suppressed
        let graph = release.graph
        suppressedCount = Array(repeating: 0, count: graph.relationCount)
        suppressedPartsSum = Array(repeating: 0, count: graph.relationCount)
        var sortedStart = [0], sorted: [Int32] = []
        // One sort key per cell, totals after other cells, so the comparisons touch one flat array.
        let key = zip(release.isTotal, release.values).map { isTotal, value in (isTotal ? 1 << 62 : 0) + value }
        for r in 0..<graph.relationCount {
            for (position, cell) in graph.members(of: r).enumerated() where suppressed[Int(cell)] {
                suppressedCount[r] += 1
                if position > 0 { suppressedPartsSum[r] += release.values[Int(cell)] }
            }
            sorted += graph.members(of: r).sorted { a, b in (key[Int(a)], a) < (key[Int(b)], b) }
            sortedStart.append(sorted.count)
        }
        self.sortedStart = sortedStart
        self.sorted = sorted
        cheapest = Array(sortedStart.dropLast())
        cellSearch = Array(repeating: 0, count: graph.cellCount)
        relationSearch = Array(repeating: 0, count: graph.relationCount)
    }

    /// A cell this release may still suppress: its own, shown so far, and not already public.
    func isCandidate(_ cell: Int) -> Bool {
        cell < release.releaseCount && !suppressed[cell] && !release.isPublic[cell]
    }

    func isUnsafe(_ relation: Int) -> Bool {
        isUnsafe(relation, count: suppressedCount[relation], partsSum: suppressedPartsSum[relation],
                 totalSuppressed: suppressed[release.graph.total(of: relation)])
    }

    private func isUnsafe(_ relation: Int, count: Int, partsSum: Int, totalSuppressed: Bool) -> Bool {
        count == 1 || (count > 1 && !totalSuppressed && partsSum < minCount)
    }

    /// Suppresses `cell` and keeps the relation counters in step.
    mutating func suppress(_ cell: Int) {
        precondition(!suppressed[cell])
        suppressed[cell] = true
        added.append(cell)
        for r in release.graph.relations(of: cell).lazy.map(Int.init) {
            suppressedCount[r] += 1
            if release.graph.total(of: r) != cell { suppressedPartsSum[r] += release.values[cell] }
        }
    }

    /// Makes every relation safe, starting from `relations` and following the cells it adds.
    /// Returns the relations left unsafe because no cell of theirs can be suppressed.
    mutating func enforce(from relations: some Sequence<Int>) -> [Int] {
        var queue = Array(relations)
        var queued = [Bool](repeating: false, count: release.graph.relationCount)
        for r in queue { queued[r] = true }
        var stuck: [Int] = []
        var head = 0
        while head < queue.count {
            let r = queue[head]
            head += 1
            queued[r] = false
            guard isUnsafe(r) else { continue }
            guard let cell = choose(in: r) else {
                stuck.append(r)
                continue
            }
            suppress(cell)
            for next in release.graph.relations(of: cell).lazy.map(Int.init) where !queued[next] {
                queued[next] = true
                queue.append(next)
            }
            if !queued[r] {
                queued[r] = true
                queue.append(r)
            }
        }
        return stuck.filter(isUnsafe)
    }

    /// Makes every relation containing a suppressed cell safe.
    mutating func enforceEverywhere() -> [Int] {
        enforce(from: (0..<release.graph.relationCount).filter { suppressedCount[$0] > 0 })
    }

    /// The cell to add to the unsafe `relation`, by the strategy, or `nil` when none can be.
    mutating func choose(in relation: Int) -> Int? {
        let graph = release.graph
        let total = graph.total(of: relation)
        let needsSum = !suppressed[total] && suppressedPartsSum[relation] < minCount
        // To reach `minCount` only a part with children in it, or the total itself, helps.
        func helps(_ cell: Int) -> Bool { !needsSum || cell == total || release.values[cell] > 0 }
        var best: Int?, bestCost = Int.max
        let sortedMembers = sorted[sortedStart[relation] ..< sortedStart[relation + 1]]
        // Totals only when the other cells cannot make the relation safe.
        let avoidTotals = canBeFixedWithoutTotals(relation, needsSum: needsSum)
        for member in sortedMembers.lazy.map(Int.init) where isCandidate(member) && helps(member) {
            if avoidTotals && release.isTotal[member] { continue }
            switch strategy {
            case .nextSmallest:
                return member
            case .minimumLoss:
                let cost = release.values[member] + lookahead(member, fixing: relation)
                if cost < bestCost { best = member; bestCost = cost }
            }
        }
        return best
    }

    private func canBeFixedWithoutTotals(_ relation: Int, needsSum: Bool) -> Bool {
        let graph = release.graph
        var sum = suppressedPartsSum[relation]
        for (position, cell) in graph.members(of: relation).lazy.map(Int.init).enumerated()
        where isCandidate(cell) && !release.isTotal[cell] {
            if !needsSum { return true }
            if position == 0 { return true }
            sum += release.values[cell]
            if sum >= minCount { return true }
        }
        return false
    }

    /// What suppressing `cell` is likely to cost in the cell's other relations: the cheapest fix of each
    /// relation it would make unsafe, less that of each it would make safe.
    private mutating func lookahead(_ cell: Int, fixing relation: Int) -> Int {
        var cost = 0
        for r in release.graph.relations(of: cell).lazy.map(Int.init) where r != relation {
            let isPart = release.graph.total(of: r) != cell
            let before = isUnsafe(r)
            let after = isUnsafe(r, count: suppressedCount[r] + 1,
                                 partsSum: suppressedPartsSum[r] + (isPart ? release.values[cell] : 0),
                                 totalSuppressed: suppressed[release.graph.total(of: r)] || !isPart)
            guard before != after else { continue }
            let fix = cheapestValue(in: r, excluding: cell)
            cost += after ? fix : -fix
        }
        return cost
    }

    /// The value of the cheapest candidate of `relation` other than `cell`, or a large cost when there
    /// is none (the relation could then only be fixed by something more drastic).
    private mutating func cheapestValue(in relation: Int, excluding cell: Int) -> Int {
        let end = sortedStart[relation + 1]
        var p = cheapest[relation]
        while p < end && !isCandidate(Int(sorted[p])) { p += 1 }
        cheapest[relation] = p
        while p < end && (!isCandidate(Int(sorted[p])) || Int(sorted[p]) == cell) { p += 1 }
        return p < end ? release.values[Int(sorted[p])] : 100 * minCount
    }

    /// Suppresses the cells that close a rectangle around `cell`, whose interval the audit found too
    /// narrow: a hidden, non-zero `h` in one of its relations, a non-zero `y` in another, and a `z` in a
    /// relation with `y` and one with `h`. Then `cell` and `z` can rise while `h` and `y` fall (and the
    /// other way round), all sums kept: in a two-way table (an LA's groups, England's LAs) this is the
    /// room a small cell needs, where hiding cell after cell along one relation adds none when each new
    /// cell is pinned by its own row. The cheapest such pair of new cells, by the children they hide.
    /// Returns the relations to make safe again, empty if there is no rectangle to close.
    mutating func closeRectangle(around cell: Int) -> [Int] {
        let graph = release.graph
        func usable(_ member: Int) -> Bool { suppressed[member] || isCandidate(member) }
        func cost(_ member: Int) -> Int { suppressed[member] ? 0 : release.values[member] }
        var best: (cost: Int, y: Int, z: Int)?
        for r1 in graph.relations(of: cell).lazy.map(Int.init) {
            for h in graph.members(of: r1).lazy.map(Int.init) where h != cell && suppressed[h] && release.values[h] > 0 {
                let hRelations = graph.relations(of: h).lazy.map(Int.init).filter { $0 != r1 }
                for r2 in graph.relations(of: cell).lazy.map(Int.init) where r2 != r1 {
                    for y in graph.members(of: r2).lazy.map(Int.init) where y != cell && release.values[y] > 0 && usable(y) {
                        for r3 in graph.relations(of: y).lazy.map(Int.init) where r3 != r2 {
                            for z in graph.members(of: r3).lazy.map(Int.init) where z != y && z != h && usable(z) {
                                let price = cost(y) + cost(z)
                                guard price > 0, price < best?.cost ?? .max,
                                      graph.relations(of: z).contains(where: { hRelations.contains(Int($0)) }) else { continue }
                                best = (price, y, z)
                            }
                        }
                    }
                }
            }
        }
        guard let best else { return [] }
        var relations: [Int] = []
        for member in [best.y, best.z] where !suppressed[member] {
            suppress(member)
            relations += graph.relations(of: member).map(Int.init)
        }
        return relations
    }

    /// Suppresses one more cell near `cell`, whose interval the audit found too narrow: the smallest
    /// non-zero candidate of its relations, totals last; when every non-zero cell of those relations is
    /// hidden already, the relations one hidden cell further out, and so on, since a cell can be pinned
    /// by equations that reach far. A hidden zero can only move up, so it lends no room to move against: one is added only
    /// when no ring has anything else (hiding zero after zero would cost a round each and gain nothing).
    /// Returns the relations to make safe again, empty if nothing could be added.
    mutating func widen(around cell: Int) -> [Int] {
        let graph = release.graph
        search += 1
        cellSearch[cell] = search
        var ring = [cell]
        var nearestZero: (isTotal: Int, cell: Int)?
        while !ring.isEmpty {
            var best: (isTotal: Int, value: Int, cell: Int)?
            var zero: (isTotal: Int, cell: Int)?
            var next: [Int] = []
            for hidden in ring {
                for r in graph.relations(of: hidden).lazy.map(Int.init) where relationSearch[r] != search {
                    relationSearch[r] = search
                    for member in graph.members(of: r).lazy.map(Int.init) {
                        if isCandidate(member) {
                            if release.values[member] == 0 {
                                let key = (release.isTotal[member] ? 1 : 0, member)
                                if zero.map({ key < $0 }) ?? true { zero = key }
                            } else {
                                let key = (release.isTotal[member] ? 1 : 0, release.values[member], member)
                                if best.map({ key < $0 }) ?? true { best = key }
                            }
                        } else if suppressed[member] && cellSearch[member] != search {
                            cellSearch[member] = search
                            next.append(member)
                        }
                    }
                }
            }
            if let best {
                suppress(best.cell)
                return graph.relations(of: best.cell).map(Int.init)
            }
            nearestZero = nearestZero ?? zero
            ring = next
        }
        if let nearestZero {
            suppress(nearestZero.cell)
            return graph.relations(of: nearestZero.cell).map(Int.init)
        }
        return []
    }
}
