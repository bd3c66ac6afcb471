import CohortModel

/// The audit of rule 6: for every suppressed cell, what an attacker can infer from everything
/// published (this release, and earlier ones through the ledger), and whether any cell needing
/// protection is left narrower than the protection level.
///
/// The attacker knows every published figure (rounded figures are treated as exact, so protection never
/// leans on rounding), every relation, that counts are not negative, and earlier releases' figures.
/// The method, cheapest first:
/// 1. Interval propagation to a fixpoint: sound outer bounds. A protected cell narrower than the level
///    here is certainly exposed.
/// 2. The cells propagation cannot pin fall into independent connected components. Where a component's
///    relations form no cycle, propagation was exact and nothing more is needed.
/// 3. Otherwise linear programming: a small component whole (the exact interval of the linear
///    relaxation, the standard model of SDC tools). A large one first in blocks of a few clusters of
///    cells with the rest held at true values (`PartnerBlocks`: a sound inner bound, which proves
///    nearly every cell of a local authority in programs a hundredth of its size), and only the cells
///    those leave unproven whole, or in a block grown around each when the component is too large.
/// A cell is protected when the audit has seen feasible values at least the protection level apart.
/// A cell it cannot prove so is reported as a failure, which protection answers by suppressing more.
///
/// Every point a program finds stays feasible as suppression grows, so the rounds of one protection
/// share a `Memo` and solve only for the targets no earlier round has proven.
struct Audit {
    /// How large a linear program may grow: components up to `partnerBlocks` cells are solved whole at
    /// once; larger ones in partner blocks, then whole up to `wholeComponent` cells (a local authority
    /// of 130 schools with all their breakdowns), or else in blocks of `block` cells.
    struct Limits {
        var partnerBlocks = 400
        var wholeComponent = 3_000
        var block = 2_500
    }

    /// The range of shifts from the true value seen so far for each target, over every program that held
    /// it. Each point seen is feasible for the whole release, and stays feasible when more cells are
    /// suppressed (that only removes constraints), so the rounds of one protection, whose suppression
    /// only grows, share a memo and solve again only for targets not yet proven.
    struct Memo {
        /// Lowest and highest shift seen for each cell (the true value, shift 0, is always feasible).
        fileprivate var low: [Double] = []
        fileprivate var high: [Double] = []
        /// The suppression the points were found under; a memo is dropped if an audit hides less.
        fileprivate var suppressed: [Bool] = []

        fileprivate mutating func record(_ cell: Int, low: Double, high: Double) {
            self.low[cell] = min(self.low[cell], low)
            self.high[cell] = max(self.high[cell], high)
        }

        fileprivate func isProven(_ cell: Int, level: Int) -> Bool {
            BlockCertificate.width(low: low[cell], high: high[cell]) >= level
        }
    }

    /// For each suppressed cell, the interval found: proven for protected cells, propagated otherwise.
    private(set) var intervals: [FeasibleInterval?]
    /// Protected cells the audit could not prove wide enough, in increasing order.
    private(set) var failures: [Int] = []
    private(set) var statistics = AuditStatistics()

    init(release: LinkedRelease, suppressed: [Bool], protected: [Bool], level: Int, limits: Limits = Limits(),
         threads: Int = defaultThreadCount) {
        var memo = Memo()
        self.init(release: release, suppressed: suppressed, protected: protected, level: level, limits: limits, memo: &memo,
                  threads: threads)
    }

    /// On up to `threads` threads, with the same result on any number.
    init(release: LinkedRelease, suppressed: [Bool], protected: [Bool], level: Int, limits: Limits = Limits(),
         memo: inout Memo, threads: Int = defaultThreadCount) {
        let graph = release.graph
        let values = release.values
        let known = suppressed.indices.map { !suppressed[$0] || release.isPublic[$0] }
        let bounds = IntervalPropagation(graph: graph, values: values, known: known)
        let (lower, upper) = (bounds.lower, bounds.upper)
        intervals = suppressed.indices.map { cell in
            suppressed[cell] ? FeasibleInterval(lower: lower[cell], upper: upper[cell] == IntervalPropagation.unbounded ? nil : upper[cell]) : nil
        }
        let free = known.indices.map { !known[$0] && lower[$0] < upper[$0] }
        var failed = Set<Int>()
        for cell in suppressed.indices where protected[cell] && (known[cell] || intervals[cell]!.width.map { $0 < level } ?? false) {
            failed.insert(cell)
        }
        if memo.suppressed.count != suppressed.count || memo.suppressed.indices.contains(where: { memo.suppressed[$0] && !suppressed[$0] }) {
            memo = Memo(low: Array(repeating: 0, count: suppressed.count), high: Array(repeating: 0, count: suppressed.count))
        }
        memo.suppressed = suppressed
        let components = Components(graph: graph, free: free)
        var programs: [(block: [Int], targets: [Int])] = []
        var large: [(cells: [Int], targets: [Int])] = []
        var solved: [Int] = []
        for c in components.cells.indices {
            let cells = components.cells[c]
            let targets = cells.filter { protected[$0] && !failed.contains($0) }
            statistics.components += 1
            statistics.largestComponent = max(statistics.largestComponent, cells.count)
            guard !targets.isEmpty else { continue }
            if bounds.reachedFixpoint && components.isAcyclic(c, graph: graph, free: free) {
                statistics.settledByPropagation += 1
                continue
            }
            solved += targets
            let open = targets.filter { !memo.isProven($0, level: level) }
            if open.isEmpty {
                continue
            } else if cells.count <= limits.partnerBlocks {
                programs.append((cells, open))
            } else {
                large.append((cells, open))
            }
        }
        // Large components climb a ladder, each rung only for the targets the rungs below left unproven:
        // partner blocks of a few clusters, then of many, then the whole component where it fits, or
        // else a block grown around each target.
        var clusters: CellGroups?
        for rung in 0...PartnerBlocks.rungs.count {
            let open = large.map { component in component.targets.filter { !memo.isProven($0, level: level) } }
            if rung < PartnerBlocks.rungs.count {
                let targets = open.flatMap(\.self)
                if !targets.isEmpty {
                    clusters = clusters ?? PartnerBlocks.clusters(graph: graph, free: free)
                    let (partners, depth) = PartnerBlocks.rungs[rung]
                    programs += PartnerBlocks(targets: targets, partners: partners, depth: depth, limit: PartnerBlocks.deepLimit,
                                              clusters: clusters!, graph: graph, values: values, threads: threads).blocks
                }
            } else {
                for (component, targets) in zip(large, open) where !targets.isEmpty {
                    if component.cells.count <= limits.wholeComponent {
                        programs.append((component.cells, targets))
                    } else {
                        var marks = Neighbourhood.Marks(graph: graph)
                        for cell in targets {
                            programs.append((Neighbourhood.grow(from: cell, limit: limits.block, graph: graph, values: values,
                                                                free: free, marks: &marks).sorted(), [cell]))
                        }
                    }
                }
            }
            let tasks = programs
            programs = []
            // One program per chunk (programs differ wildly in size, so fine-grained work balances best),
            // each worker's programs made in its own buffers.
            let proofs = parallelMap(tasks.count, chunks: tasks.count, threads: threads, state: SimplexBuffers.init) { buffers, i in
                BlockCertificate(block: tasks[i].block, targets: tasks[i].targets, graph: graph, values: values,
                                 lower: lower, upper: upper, level: level, buffers: buffers)
            }
            for (task, proof) in zip(tasks, proofs) {
                statistics.linearPrograms += proof.programs
                statistics.pivots += proof.pivots
                for (t, cell) in task.targets.enumerated() { memo.record(cell, low: proof.low[t], high: proof.high[t]) }
            }
        }
        for cell in solved {
            let low = Int((memo.low[cell] - 1e-6).rounded(.up)), high = Int((memo.high[cell] + 1e-6).rounded(.down))
            intervals[cell] = FeasibleInterval(lower: values[cell] + low, upper: values[cell] + high)
            if high - low < level { failed.insert(cell) }
        }
        failures = failed.sorted()
    }
}
