/// A sparse, bounded-variable primal simplex for the audit's linear programs.
///
/// The programs have the form: optimise `c·y` subject to `A y = 0` and `lower ≤ y ≤ upper`, where `y` is
/// the shift of each suppressed cell from its true value. The true values are feasible, so `y = 0` is a
/// feasible start and no phase one is needed: the constructor brings the equations to a basis by
/// Gauss–Jordan elimination (dropping redundant ones) and every later step keeps the point feasible.
/// Nonbasic variables may sit anywhere within their bounds, not only at one of them, which is what
/// lets the search start from the true values, an interior point.
///
/// The tableau is stored as sparse rows, with, for each column, the rows that may hold it: a relation
/// has a handful of hidden cells and elimination in short-rows-first, least-shared-column order keeps
/// the tableau nearly that sparse. A pivot visits only the rows holding the entering column, and
/// updates each by one pass over its own entries and the pivot row's, contiguous in memory: a whole
/// local authority's thousands of cells are one program whose tableau is a few hundred kilobytes, not
/// tens of megabytes.
///
/// Every point the search visits is feasible, so stopping early (the pivot budget) is always safe for
/// the audit, which only ever uses the points it has seen. Degenerate stalls switch to Bland's rule,
/// which cannot cycle.
struct BoundedSimplex {
    fileprivate struct Entry {
        var column: Int32
        var value: Double
    }

    private let columns: Int
    /// Row `i` reads `y[basis[i]] + Σ value·y[column] = 0` over its other entries (the basic column holds 1).
    private var rows: [[Entry]] = []
    /// Rows that may hold a nonzero in each column; may repeat a row, so walks skip repeats by stamp.
    private var columnRows: [[Int32]]
    private var stamp: [Int] = []
    private var generation = 0
    /// Scratch for merging one row into another: where each column sits in the row being updated, or -1.
    private var slot: [Int32]
    private var basis: [Int] = []
    /// Row arrays not in use, kept for a later program (`SimplexBuffers`).
    private var spareRows: [[Entry]]
    /// The rows holding the entering column, refilled for each pivot.
    private var holding: [(row: Int, coefficient: Double)]
    private var basicRow: [Int]
    private(set) var value: [Double]
    private var lower: [Double]
    private var upper: [Double]
    /// Reduced costs of the current objective.
    private var reduced: [Double]
    private(set) var pivots = 0

    private static let epsilon = 1e-9

    /// `equations[i]` lists (column, coefficient) pairs of `Σ a·y = 0`; `lower ≤ 0 ≤ upper` for every column.
    /// The program's rows and columns are made in `buffers`' arrays, which `recycle` gives back.
    init(columns: Int, equations: SparseEquations, lower: [Double], upper: [Double],
         reusing buffers: SimplexBuffers = SimplexBuffers()) {
        self.columns = columns
        self.lower = lower
        self.upper = upper
        value = Array(repeating: 0, count: columns)
        basicRow = Array(repeating: -1, count: columns)
        reduced = Array(repeating: 0, count: columns)
        (columnRows, spareRows, holding) = (buffers.columnRows, buffers.rows, buffers.holding)
        (buffers.columnRows, buffers.rows, buffers.holding) = ([], [], [])
        // At least `columns` column lists, each empty: only the first `columns` are used.
        for k in columnRows.indices.prefix(columns) { columnRows[k].removeAll(keepingCapacity: true) }
        if columnRows.count < columns { columnRows += repeatElement([], count: columns - columnRows.count) }
        slot = Array(repeating: -1, count: columns)
        var degree = [Int](repeating: 0, count: columns)
        for equation in equations { for term in equation { degree[term.column] += 1 } }
        // Short equations first, each pivoting on its least shared column: the elimination then stays
        // as sparse as the relations are (a Markowitz-style order).
        for e in equations.indices.sorted(by: { equations[$0].count < equations[$1].count }) {
            let equation = equations[e]
            var row = spareRows.popLast() ?? []
            row.removeAll(keepingCapacity: true)
            row.reserveCapacity(equation.count)
            for term in equation {
                let s = slot[term.column]
                if s >= 0 {
                    row[Int(s)].value += term.coefficient
                } else {
                    slot[term.column] = Int32(row.count)
                    row.append(Entry(column: Int32(term.column), value: term.coefficient))
                }
                columnRows[term.column].append(Int32(rows.count))
            }
            for entry in row { slot[Int(entry.column)] = -1 }
            row.removeAll { $0.value == 0 }
            rows.append(row)
            basis.append(-1)
        }
        stamp = Array(repeating: 0, count: rows.count)
        var kept: [Int] = []
        for i in rows.indices {
            var best = -1, bestKey = (Int.max, 0.0, Int.max)
            for entry in rows[i] where basicRow[Int(entry.column)] < 0 {
                let k = Int(entry.column), magnitude = abs(entry.value)
                guard magnitude > 1e-6 else { continue }
                let key = (magnitude >= 0.5 ? degree[k] : Int.max - 1, -magnitude, k)
                if key < bestKey { best = k; bestKey = key }
            }
            if best >= 0 {
                var holding = takeHolding(of: best)
                pivot(row: i, column: best, holding: holding)
                giveBack(&holding)
                kept.append(i)
            }
        }
        // Redundant equations reduced to nothing; drop them and renumber.
        guard kept.count < rows.count else { return }
        rows = kept.map { rows[$0] }
        basis = kept.map { basis[$0] }
        stamp = Array(repeating: 0, count: rows.count)
        for k in 0..<columns { columnRows[k].removeAll(keepingCapacity: true) }
        for (i, row) in rows.enumerated() {
            for entry in row where entry.value != 0 && basicRow[Int(entry.column)] < 0 { columnRows[Int(entry.column)].append(Int32(i)) }
        }
        for (i, k) in basis.enumerated() { basicRow[k] = i }
    }

    /// Hands this program's arrays to the next program made with `buffers`.
    consuming func recycle(into buffers: SimplexBuffers) {
        spareRows += rows
        (buffers.columnRows, buffers.rows, buffers.holding) = (columnRows, spareRows, holding)
    }

    /// The distinct rows holding a nonzero in column `k`, with that coefficient, in the scratch array
    /// (taken out of `self`, so that a pivot can read it while it changes the tableau; `giveBack` it).
    private mutating func takeHolding(of k: Int) -> [(row: Int, coefficient: Double)] {
        var result = holding
        holding = []
        result.removeAll(keepingCapacity: true)
        entries(of: k, into: &result)
        return result
    }

    private mutating func giveBack(_ scratch: inout [(row: Int, coefficient: Double)]) {
        swap(&holding, &scratch)
    }

    /// The distinct rows holding a nonzero in column `k`, with that coefficient; forgets rows that no
    /// longer hold it.
    private mutating func entries(of k: Int, into result: inout [(row: Int, coefficient: Double)]) {
        generation += 1
        let generation = self.generation
        stamp.withUnsafeMutableBufferPointer { stamp in
            for row in columnRows[k] where stamp[Int(row)] != generation {
                stamp[Int(row)] = generation
                if let entry = rows[Int(row)].first(where: { $0.column == k }), entry.value != 0 {
                    result.append((Int(row), entry.value))
                }
            }
        }
        columnRows[k].removeAll(keepingCapacity: true)
        for entry in result { columnRows[k].append(Int32(entry.row)) }
    }

    /// Maximises `Σ weight·y[column]` from the current point, within `pivotBudget` pivots.
    /// Returns false when the objective is unbounded above (the point then stays where it was).
    mutating func maximise(_ objective: [(column: Int, weight: Double)], pivotBudget: Int) -> Bool {
        // The objective's costs are written into `reduced` itself (no array allocated per program): no
        // row holds another row's basic column, so each basic column's cost is untouched until its own
        // row is reached.
        for k in reduced.indices { reduced[k] = 0 }
        for term in objective { reduced[term.column] += term.weight }
        for (i, row) in rows.enumerated() where reduced[basis[i]] != 0 {
            let weight = reduced[basis[i]]
            for entry in row { reduced[Int(entry.column)] -= weight * entry.value }
        }
        for k in basis { reduced[k] = 0 }
        var stalls = 0
        for _ in 0..<pivotBudget {
            guard let entering = chooseEntering(bland: stalls > 20) else { return true }
            let direction: Double = reduced[entering] > 0 ? 1 : -1
            var holding = takeHolding(of: entering)
            defer { giveBack(&holding) }
            guard let (step, leaving) = ratioTest(entering, direction: direction, holding: holding, bland: stalls > 20) else { return false }
            move(entering, by: direction * step, holding: holding)
            if let leaving {
                let leaver = basis[leaving.row]
                // Snap onto the bound it reached, so rounding never leaves it a hair outside.
                value[leaver] = leaving.coefficient * direction < 0 ? upper[leaver] : lower[leaver]
                pivot(row: leaving.row, column: entering, holding: holding)
            }
            stalls = step < Self.epsilon ? stalls + 1 : 0
        }
        return true
    }

    private func chooseEntering(bland: Bool) -> Int? {
        var best: Int?, bestScore = Self.epsilon
        for k in 0..<columns where basicRow[k] < 0 {
            let d = reduced[k]
            guard (d > Self.epsilon && value[k] < upper[k] - Self.epsilon)
                || (d < -Self.epsilon && value[k] > lower[k] + Self.epsilon) else { continue }
            if bland { return k }
            if abs(d) > bestScore { best = k; bestScore = abs(d) }
        }
        return best
    }

    /// The longest step of `entering` in `direction` that keeps every variable within its bounds, and
    /// the row whose basic variable blocks it (`nil`: the entering variable reaches its own bound).
    private func ratioTest(_ entering: Int, direction: Double, holding: [(row: Int, coefficient: Double)],
                           bland: Bool) -> (Double, (row: Int, coefficient: Double)?)? {
        var step = direction > 0 ? upper[entering] - value[entering] : value[entering] - lower[entering]
        var leaving: (row: Int, coefficient: Double)?
        for entry in holding {
            let t = entry.coefficient
            guard abs(t) > Self.epsilon else { continue }
            let b = basis[entry.row]
            let rate = -t * direction
            let room = rate > 0 ? (upper[b] - value[b]) / rate : (value[b] - lower[b]) / -rate
            if room < step - Self.epsilon || (bland && abs(room - step) <= Self.epsilon && leaving.map { b < basis[$0.row] } ?? false) {
                step = max(room, 0)
                leaving = entry
            }
        }
        return step.isFinite ? (step, leaving) : nil
    }

    private mutating func move(_ entering: Int, by delta: Double, holding: [(row: Int, coefficient: Double)]) {
        guard delta != 0 else { return }
        value[entering] += delta
        for entry in holding { value[basis[entry.row]] -= entry.coefficient * delta }
    }

    /// Gauss–Jordan step: row `r` is scaled so column `k` holds 1, and `k` is eliminated from every
    /// other row in `holding` (the rows holding `k`, with their coefficients), each by one merge.
    private mutating func pivot(row r: Int, column k: Int, holding: [(row: Int, coefficient: Double)]) {
        pivots += 1
        let p = rows[r].first { $0.column == k }!.value
        rows[r].withUnsafeMutableBufferPointer { row in
            for j in row.indices { row[j].value /= p }
        }
        let pivotRow = rows[r]
        // The scratch slots are taken out of `self` for the merges, so that writing them is not a
        // copy-on-write check on the simplex each time.
        var slot = self.slot
        self.slot = []
        for (i, factor) in holding where i != r {
            var row = rows[i]
            rows[i] = []
            row.reserveCapacity(row.count + pivotRow.count)
            slot.withUnsafeMutableBufferPointer { slot in
                row.withUnsafeBufferPointer { row in
                    for (position, entry) in row.enumerated() { slot[Int(entry.column)] = Int32(position) }
                }
                for entry in pivotRow {
                    let j = Int(entry.column), s = Int(slot[j])
                    if s >= 0 {
                        row[s].value -= factor * entry.value
                    } else {
                        row.append(Entry(column: entry.column, value: -factor * entry.value))
                        columnRows[j].append(Int32(i))
                    }
                }
                let kept = row.withUnsafeMutableBufferPointer { row -> Int in
                    var kept = 0
                    for position in row.indices {
                        let entry = row[position]
                        slot[Int(entry.column)] = -1
                        guard Int(entry.column) != k && abs(entry.value) >= 1e-12 else { continue }
                        row[kept] = entry
                        kept += 1
                    }
                    return kept
                }
                row.removeLast(row.count - kept)
            }
            rows[i] = row
        }
        self.slot = slot
        let factor = reduced[k]
        if factor != 0 {
            for entry in pivotRow { reduced[Int(entry.column)] -= factor * entry.value }
        }
        if basis[r] >= 0 {
            basicRow[basis[r]] = -1
            columnRows[basis[r]].append(Int32(r))
        }
        basis[r] = k
        basicRow[k] = r
    }
}

/// Arrays one worker's programs hand on to each other: a program's rows and its columns' row lists
/// are hundreds of small arrays, and allocating and freeing them for each of an audit's 13,000
/// programs (400,000 pupils) was half the time spent solving them. One program uses it at a time.
final class SimplexBuffers {
    fileprivate var rows: [[BoundedSimplex.Entry]] = []
    fileprivate var columnRows: [[Int32]] = []
    fileprivate var holding: [(row: Int, coefficient: Double)] = []
}
