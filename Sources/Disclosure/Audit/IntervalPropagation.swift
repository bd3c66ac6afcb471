/// The attacker's first move: interval propagation over the relations to a fixpoint.
///
/// Each relation `total - Σ parts = 0` bounds every member by the bounds of the others; a cell the
/// attacker sees is pinned to its figure and every count is at least 0. The bounds are always sound
/// outer bounds (the attacker can infer at least this much), whenever propagation stops. At a fixpoint
/// they are exact on a component whose relations form no cycle (a Berge-acyclic system, where bounds
/// consistency is global consistency), which is what lets the audit skip linear programming there.
struct IntervalPropagation {
    /// The upper bound of a cell nothing bounds from above.
    static let unbounded = Int.max

    private(set) var lower: [Int]
    private(set) var upper: [Int]
    /// False when the visit budget ran out first: the bounds are sound but perhaps not tight.
    private(set) var reachedFixpoint = true

    init(graph: RelationGraph, values: [Int], known: [Bool]) {
        lower = known.indices.map { known[$0] ? values[$0] : 0 }
        upper = known.indices.map { known[$0] ? values[$0] : Self.unbounded }
        var queue: [Int] = []
        var queued = [Bool](repeating: false, count: graph.relationCount)
        for r in 0..<graph.relationCount where graph.members(of: r).contains(where: { !known[Int($0)] }) {
            queue.append(r)
            queued[r] = true
        }
        // Cycles can shrink bounds by small steps for a long time; the budget keeps this linear.
        var budget = 40 * queue.count + 10_000
        var head = 0
        while head < queue.count {
            guard budget > 0 else {
                reachedFixpoint = false
                break
            }
            budget -= 1
            let r = queue[head]
            head += 1
            queued[r] = false
            for cell in tighten(graph.members(of: r)) {
                for next in graph.relations(of: cell).lazy.map(Int.init) where !queued[next] {
                    queued[next] = true
                    queue.append(next)
                }
            }
            if head > 1 << 20 {
                queue.removeFirst(head)
                head = 0
            }
        }
    }

    /// Tightens the members of one relation; returns the cells whose bounds moved.
    private mutating func tighten(_ members: Slice<UnsafeBufferPointer<Int32>>) -> [Int] {
        // Range of Σ a·x over all members, with a = +1 for the total and -1 for parts; infinite
        // contributions are counted rather than added.
        var low = 0, high = 0, lowInfinite = 0, highInfinite = 0
        for (position, cell) in members.enumerated() {
            let c = Int(cell)
            if position == 0 {
                low += lower[c]
                if upper[c] == Self.unbounded { highInfinite += 1 } else { high += upper[c] }
            } else {
                high -= lower[c]
                if upper[c] == Self.unbounded { lowInfinite += 1 } else { low -= upper[c] }
            }
        }
        var moved: [Int] = []
        for (position, cell) in members.enumerated() {
            let c = Int(cell)
            guard lower[c] != upper[c] else { continue }
            let isInfinite = upper[c] == Self.unbounded
            // Range of the other members' Σ a·x.
            let othersLow: Int?, othersHigh: Int?
            if position == 0 {
                othersLow = lowInfinite > 0 ? nil : low - lower[c]
                othersHigh = highInfinite - (isInfinite ? 1 : 0) > 0 ? nil : high - (isInfinite ? 0 : upper[c])
            } else {
                othersLow = lowInfinite - (isInfinite ? 1 : 0) > 0 ? nil : low + (isInfinite ? 0 : upper[c])
                othersHigh = highInfinite > 0 ? nil : high + lower[c]
            }
            // a·x = -(others): the total lies in [-othersHigh, -othersLow], a part in [othersLow, othersHigh].
            let newLower = position == 0 ? othersHigh.map { -$0 } : othersLow
            let newUpper = position == 0 ? othersLow.map { -$0 } : othersHigh
            var changed = false
            if let newLower, newLower > lower[c] {
                lower[c] = newLower
                changed = true
            }
            if let newUpper, newUpper < upper[c] {
                upper[c] = newUpper
                changed = true
            }
            if changed { moved.append(c) }
        }
        return moved
    }
}
