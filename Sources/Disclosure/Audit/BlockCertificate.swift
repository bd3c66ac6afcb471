/// Proves, by linear programming over one block, how far each target cell can move.
///
/// The attacker's feasible set, restricted to the block (everything else held at its true value), is
/// searched for points where each target is as high and as low as possible. Every point the simplex
/// visits is feasible, so the range of values seen is a range the attacker cannot rule out: an inner
/// bound on their interval, and the exact interval when the block is a whole component and the search
/// finishes. Each target is capped at its protection level either side of its true
/// value: that keeps every program bounded and lets a search stop as soon as the answer is known, and
/// a cap only shrinks the feasible set, so the proof stays sound.
struct BlockCertificate {
    /// Programs shared by all unproven targets before each is tried on its own.
    static let sharedRounds = 4

    /// Lowest and highest shift from the true value seen for each target, in the order given.
    private(set) var low: [Double]
    private(set) var high: [Double]
    private(set) var programs = 0
    private(set) var pivots = 0

    /// `block` lists cells in increasing order; `targets` are some of them. The program is made in
    /// `buffers`' arrays, and hands them back.
    init(block: [Int], targets: [Int], graph: RelationGraph, values: [Int], lower: [Int], upper: [Int],
         level: Int, buffers: SimplexBuffers = SimplexBuffers()) {
        let equations = Self.equations(of: block, graph: graph)
        let cap = Double(level)
        let columns = targets.map { block.index(ofSorted: $0)! }
        var isTarget = [Bool](repeating: false, count: block.count)
        for k in columns { isTarget[k] = true }
        let lowerBounds = block.indices.map { k in
            max(Double(lower[block[k]] - values[block[k]]), isTarget[k] ? -cap : -.infinity)
        }
        let upperBounds = block.indices.map { k in
            let cell = block[k]
            let bound = upper[cell] == IntervalPropagation.unbounded ? Double.infinity : Double(upper[cell] - values[cell])
            return isTarget[k] ? min(bound, cap) : bound
        }
        var simplex = BoundedSimplex(columns: block.count, equations: equations, lower: lowerBounds, upper: upperBounds,
                                     reusing: buffers)
        low = Array(repeating: 0, count: targets.count)
        high = Array(repeating: 0, count: targets.count)
        let budget = 20 * (equations.count + block.count) + 200
        func observe() {
            for (t, k) in columns.enumerated() {
                low[t] = min(low[t], simplex.value[k])
                high[t] = max(high[t], simplex.value[k])
            }
        }
        func isProven(_ t: Int) -> Bool { Self.width(low: low[t], high: high[t]) >= level }
        func run(_ objective: [(column: Int, weight: Double)]) {
            _ = simplex.maximise(objective, pivotBudget: budget)
            programs += 1
            observe()
        }
        // Targets competing for the same room (two schools' hidden cells in one LA total) cannot all go
        // up at once, so after all up and all down, each round sends every unproven target the way it
        // still has room to go, alternating those that could go either way: one program proves many.
        if targets.count > 1 {
            run(columns.map { ($0, 1) })
            run(columns.map { ($0, -1) })
            for round in 0..<Self.sharedRounds {
                let open = targets.indices.filter { !isProven($0) }
                guard open.count > 1 else { break }
                run(open.map { t in
                    let k = columns[t]
                    let canRise = high[t] < upperBounds[k] - 1e-9, canFall = low[t] > lowerBounds[k] + 1e-9
                    let up = canRise && (!canFall || (t + round) % 2 == 0)
                    return (k, up ? 1 : -1)
                })
            }
        }
        for (t, k) in columns.enumerated() where !isProven(t) {
            run([(k, 1)])
            if !isProven(t) { run([(k, -1)]) }
        }
        pivots = simplex.pivots
        simplex.recycle(into: buffers)
    }

    /// The relations the block's cells are in, in increasing order, each over the block's columns in
    /// the order of the relation's members. Found from the block's side: a large relation (an LA's
    /// schools) is never read whole for the few of its members in a block.
    static func equations(of block: [Int], graph: RelationGraph) -> SparseEquations {
        var terms: [(relation: Int32, position: Int32, column: Int32)] = []
        terms.reserveCapacity(block.reduce(0) { $0 + graph.relations(of: $1).count })
        for (column, cell) in block.enumerated() {
            for (relation, position) in graph.memberships(of: cell) { terms.append((relation, position, Int32(column))) }
        }
        terms.sort { ($0.relation, $0.position) < ($1.relation, $1.position) }
        var equations = SparseEquations(reservingTerms: terms.count)
        var current: Int32 = -1
        for term in terms {
            equations.append((Int(term.column), Double(RelationGraph.coefficient(at: Int(term.position)))), startingEquation: term.relation != current)
            current = term.relation
        }
        return equations
    }

    /// The integer width of a range of shifts seen: its ends rounded inwards, allowing for float noise.
    static func width(low: Double, high: Double) -> Int {
        Int((high + 1e-6).rounded(.down)) - Int((low - 1e-6).rounded(.up))
    }
}
