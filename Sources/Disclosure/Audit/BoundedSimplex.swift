/// A sparse, bounded-variable primal simplex for the audit's linear programs.
///
/// The programs have the form: optimise `c·y` subject to `A y = 0` and `lower ≤ y ≤ upper`, where `y` is
/// the shift of each suppressed cell from its true value. The true values are feasible, so `y = 0` is a
/// feasible start and no phase one is needed: the constructor brings the equations to a basis by
/// Gauss–Jordan elimination (dropping redundant ones) and every later step keeps the point feasible.
/// Nonbasic variables may sit anywhere within their bounds, not only at one of them, which is what
/// lets the search start from the true values, an interior point.
///
/// The tableau is stored densely by rows, with, for each column, the rows that may hold it: a relation
/// has a handful of hidden cells and elimination in short-rows-first, least-shared-column order keeps
/// the tableau nearly that sparse, so a pivot visits only the rows holding the entering column and only
/// the pivot row's nonzeros, never a whole (cache-unfriendly) column of a row-major array. That is what
/// lets a whole local authority's thousands of cells be one program.
///
/// Every point the search visits is feasible, so stopping early (the pivot budget) is always safe for
/// the audit, which only ever uses the points it has seen. Degenerate stalls switch to Bland's rule,
/// which cannot cycle.
struct BoundedSimplex {
    private let columns: Int
    private var rows = 0
    /// `rows × columns`, row-major: row `i` reads `y[basis[i]] + Σ tableau[i][k]·y[k] = 0` over nonbasic `k`
    /// (the basic column holds 1).
    private var tableau: [Double] = []
    /// Rows that may hold a nonzero in each column; may repeat a row, so walks skip repeats by stamp.
    private var columnRows: [[Int32]]
    private var stamp: [Int]
    private var generation = 0
    private var basis: [Int] = []
    private var basicRow: [Int]
    private(set) var value: [Double]
    private var lower: [Double]
    private var upper: [Double]
    /// Reduced costs of the current objective.
    private var reduced: [Double]
    private(set) var pivots = 0

    private static let epsilon = 1e-9

    /// `equations[i]` lists (column, coefficient) pairs of `Σ a·y = 0`; `lower ≤ 0 ≤ upper` for every column.
    init(columns: Int, equations: [[(column: Int, coefficient: Double)]], lower: [Double], upper: [Double]) {
        self.columns = columns
        self.lower = lower
        self.upper = upper
        value = Array(repeating: 0, count: columns)
        basicRow = Array(repeating: -1, count: columns)
        reduced = Array(repeating: 0, count: columns)
        columnRows = Array(repeating: [], count: columns)
        var degree = [Int](repeating: 0, count: columns)
        for equation in equations { for term in equation { degree[term.column] += 1 } }
        // Short equations first, each pivoting on its least shared column: the elimination then stays
        // as sparse as the relations are (a Markowitz-style order).
        let sorted = equations.sorted { $0.count < $1.count }
        rows = sorted.count
        stamp = Array(repeating: 0, count: rows)
        tableau = Array(repeating: 0, count: rows * columns)
        for (i, equation) in sorted.enumerated() {
            for term in equation {
                tableau[i * columns + term.column] += term.coefficient
                columnRows[term.column].append(Int32(i))
            }
            basis.append(-1)
        }
        var kept: [Int] = []
        for i in 0..<rows {
            var best = -1, bestKey = (Int.max, 0.0)
            for k in 0..<columns where basicRow[k] < 0 {
                let magnitude = abs(tableau[i * columns + k])
                guard magnitude > 1e-6 else { continue }
                let key = (magnitude >= 0.5 ? degree[k] : Int.max - 1, -magnitude)
                if key < bestKey { best = k; bestKey = key }
            }
            if best >= 0 {
                pivot(row: i, column: best)
                kept.append(i)
            }
        }
        // Redundant equations reduced to nothing; drop them and renumber.
        guard kept.count < rows else { return }
        var compact: [Double] = []
        compact.reserveCapacity(kept.count * columns)
        for i in kept { compact += tableau[i * columns ..< (i + 1) * columns] }
        tableau = compact
        basis = kept.map { basis[$0] }
        rows = kept.count
        stamp = Array(repeating: 0, count: rows)
        columnRows = Array(repeating: [], count: columns)
        for i in 0..<rows {
            for k in 0..<columns where tableau[i * columns + k] != 0 && basicRow[k] < 0 { columnRows[k].append(Int32(i)) }
        }
        for (i, k) in basis.enumerated() { basicRow[k] = i }
    }

    /// The distinct rows that may hold column `k`.
    private mutating func rowsHolding(_ k: Int) -> [Int] {
        generation += 1
        var result: [Int] = []
        for row in columnRows[k] where stamp[Int(row)] != generation {
            stamp[Int(row)] = generation
            result.append(Int(row))
        }
        columnRows[k] = result.map(Int32.init)
        return result
    }

    /// Maximises `Σ weight·y[column]` from the current point, within `pivotBudget` pivots.
    /// Returns false when the objective is unbounded above (the point then stays where it was).
    mutating func maximise(_ objective: [(column: Int, weight: Double)], pivotBudget: Int) -> Bool {
        var cost = [Double](repeating: 0, count: columns)
        for term in objective { cost[term.column] += term.weight }
        reduced = cost
        for i in 0..<rows where cost[basis[i]] != 0 {
            let weight = cost[basis[i]]
            for k in 0..<columns where tableau[i * columns + k] != 0 { reduced[k] -= weight * tableau[i * columns + k] }
        }
        for k in basis { reduced[k] = 0 }
        var stalls = 0
        for _ in 0..<pivotBudget {
            guard let entering = chooseEntering(bland: stalls > 20) else { return true }
            let direction: Double = reduced[entering] > 0 ? 1 : -1
            let holding = rowsHolding(entering)
            guard let (step, leaving) = ratioTest(entering, direction: direction, rows: holding, bland: stalls > 20) else { return false }
            move(entering, by: direction * step, rows: holding)
            if let leaving {
                let leaver = basis[leaving]
                // Snap onto the bound it reached, so rounding never leaves it a hair outside.
                value[leaver] = tableau[leaving * columns + entering] * direction < 0 ? upper[leaver] : lower[leaver]
                pivot(row: leaving, column: entering)
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
    private func ratioTest(_ entering: Int, direction: Double, rows holding: [Int], bland: Bool) -> (Double, Int?)? {
        var step = direction > 0 ? upper[entering] - value[entering] : value[entering] - lower[entering]
        var leaving: Int?
        for i in holding {
            let t = tableau[i * columns + entering]
            guard abs(t) > Self.epsilon else { continue }
            let b = basis[i]
            let rate = -t * direction
            let room = rate > 0 ? (upper[b] - value[b]) / rate : (value[b] - lower[b]) / -rate
            if room < step - Self.epsilon || (bland && abs(room - step) <= Self.epsilon && leaving.map { b < basis[$0] } ?? false) {
                step = max(room, 0)
                leaving = i
            }
        }
        return step.isFinite ? (step, leaving) : nil
    }

    private mutating func move(_ entering: Int, by delta: Double, rows holding: [Int]) {
        guard delta != 0 else { return }
        value[entering] += delta
        for i in holding {
            let t = tableau[i * columns + entering]
            if t != 0 { value[basis[i]] -= t * delta }
        }
    }

    /// Gauss–Jordan step on the pivot row's nonzeros only.
    private mutating func pivot(row r: Int, column k: Int) {
        pivots += 1
        let n = columns
        let holding = rowsHolding(k)
        var nonzero: [Int] = []
        var filled: [(row: Int, column: Int)] = []
        tableau.withUnsafeMutableBufferPointer { t in
            let base = r * n
            let p = t[base + k]
            for j in 0..<n where t[base + j] != 0 {
                t[base + j] /= p
                nonzero.append(j)
            }
            for i in holding where i != r {
                let row = i * n
                let factor = t[row + k]
                guard factor != 0 else { continue }
                for j in nonzero {
                    let before = t[row + j]
                    let x = before - factor * t[base + j]
                    t[row + j] = abs(x) < 1e-12 ? 0 : x
                    if before == 0 && x != 0 { filled.append((i, j)) }
                }
            }
        }
        for entry in filled { columnRows[entry.column].append(Int32(entry.row)) }
        let factor = reduced[k]
        if factor != 0 {
            for j in nonzero { reduced[j] -= factor * tableau[r * n + j] }
        }
        if basis[r] >= 0 {
            basicRow[basis[r]] = -1
            columnRows[basis[r]].append(Int32(r))
        }
        basis[r] = k
        basicRow[k] = r
    }
}
