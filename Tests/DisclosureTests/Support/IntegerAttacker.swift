import Disclosure

/// An attacker written independently of the engine: exact integer reasoning by search.
///
/// It knows every published figure, every relation and that counts are not negative, and finds the
/// smallest and largest whole value each hidden cell can take in some table consistent with all of it,
/// by depth-first search with interval propagation. Exponential in general; fine for the small tables
/// of the tests, and it shares no code with the audit it checks.
struct IntegerAttacker {
    let relations: [[Int]]
    let known: [Int?]
    /// Stands in for "unbounded" so that the search stays finite.
    let ceiling: Int

    init(cells: [ReleaseCell], relations: [AdditiveRelation], shown: [Int?]) {
        self.relations = relations.map { [$0.total] + $0.parts }
        self.known = shown
        ceiling = cells.reduce(0) { $0 + $1.value } + 1
    }

    /// The whole values `cell` can take, or `nil` for a published cell.
    func interval(of cell: Int) -> ClosedRange<Int>? {
        guard known[cell] == nil, let domains = propagate(initialDomains()) else { return nil }
        let range = domains[cell]
        let low = range.first { feasible(fixing: cell, to: $0) }!
        let high = range.reversed().first { feasible(fixing: cell, to: $0) }!
        return low...high
    }

    private func initialDomains() -> [ClosedRange<Int>] {
        known.map { $0.map { $0...$0 } ?? 0...ceiling }
    }

    private func feasible(fixing cell: Int, to value: Int) -> Bool {
        var domains = initialDomains()
        domains[cell] = value...value
        return search(domains)
    }

    private func search(_ start: [ClosedRange<Int>]) -> Bool {
        guard let domains = propagate(start) else { return false }
        guard let open = domains.indices.filter({ domains[$0].count > 1 }).min(by: { domains[$0].count < domains[$1].count }) else {
            return true
        }
        for v in domains[open] {
            var next = domains
            next[open] = v...v
            if search(next) { return true }
        }
        return false
    }

    /// Bounds consistency over all relations; `nil` on a contradiction.
    private func propagate(_ start: [ClosedRange<Int>]) -> [ClosedRange<Int>]? {
        var d = start
        var changed = true
        while changed {
            changed = false
            for members in relations {
                for (position, cell) in members.enumerated() {
                    // Σ over others of a·x, a = +1 for the total and -1 for parts.
                    var low = 0, high = 0
                    for (p, other) in members.enumerated() where p != position {
                        if p == 0 { low += d[other].lowerBound; high += d[other].upperBound } else { low -= d[other].upperBound; high -= d[other].lowerBound }
                    }
                    let bounds = position == 0 ? (-high)...(-low) : low...high
                    let lower = max(d[cell].lowerBound, bounds.lowerBound), upper = min(d[cell].upperBound, bounds.upperBound)
                    guard lower <= upper else { return nil }
                    if lower != d[cell].lowerBound || upper != d[cell].upperBound {
                        d[cell] = lower...upper
                        changed = true
                    }
                }
            }
        }
        return d
    }
}
