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
/// 3. Otherwise linear programming: a whole component when it fits (the exact interval of the linear
///    relaxation, the standard model of SDC tools), or blocks of it with the rest held at true values
///    when it does not (a sound inner bound, but one that may fail to prove a safe cell, so a cell a
///    block leaves unproven gets one more program on a block grown around it).
/// A cell is protected when the audit has seen feasible values at least the protection level apart.
/// A cell it cannot prove so is reported as a failure, which protection answers by suppressing more.
///
/// A component's programs depend on nothing but its cells (the relations, values and published
/// neighbours around them are fixed), so the rounds of one protection share a `Memo` and solve again
/// only the components that suppression changed: the same answers, found once.
struct Audit {
    /// How large a linear program may grow: components up to `wholeComponent` cells are solved whole
    /// (a local authority of 130 schools with all their breakdowns fits), larger ones in blocks of
    /// `block`. The tableau is dense in memory (about 8 × rows × cells bytes), which sets the limits.
    struct Limits {
        var wholeComponent = 3_000
        var block = 2_500
    }

    /// What the linear programs proved for each component solved so far, by its cells.
    struct Memo {
        fileprivate var proofs: [[Int]: [(cell: Int, interval: FeasibleInterval, failed: Bool)]] = [:]
    }

    /// For each suppressed cell, the interval found: proven for protected cells, propagated otherwise.
    private(set) var intervals: [FeasibleInterval?]
    /// Protected cells the audit could not prove wide enough, in increasing order.
    private(set) var failures: [Int] = []
    private(set) var statistics = AuditStatistics()

    init(release: LinkedRelease, suppressed: [Bool], protected: [Bool], level: Int, limits: Limits = Limits()) {
        var memo = Memo()
        self.init(release: release, suppressed: suppressed, protected: protected, level: level, limits: limits, memo: &memo)
    }

    init(release: LinkedRelease, suppressed: [Bool], protected: [Bool], level: Int, limits: Limits = Limits(),
         memo: inout Memo) {
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
        let components = Components(graph: graph, free: free)
        var taken = [Bool](repeating: false, count: graph.cellCount)
        var tasks: [(block: [Int], targets: [Int])] = []
        var solving: [(cells: [Int], targets: [Int])] = []
        var partial = Set<Int>()
        var marks = Neighbourhood.Marks(graph: graph)
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
            if let proofs = memo.proofs[cells] {
                for proof in proofs {
                    intervals[proof.cell] = proof.interval
                    if proof.failed { failed.insert(proof.cell) }
                }
                continue
            }
            solving.append((cells, targets))
            if cells.count <= limits.wholeComponent {
                tasks.append((cells, targets))
            } else {
                for seed in targets where !taken[seed] {
                    let block = Neighbourhood.grow(from: seed, limit: limits.block, graph: graph, values: values,
                                                   free: free, excluded: taken, marks: &marks)
                    for cell in block { taken[cell] = true }
                    let blockTargets = block.filter { protected[$0] && !failed.contains($0) }
                    tasks.append((block, blockTargets))
                    partial.formUnion(blockTargets)
                }
            }
        }
        // A cell near a block's edge is held by cells fixed outside it; one more program on a block
        // grown around it gives it the room it has in truth, where it is not proven already.
        for round in 0..<2 {
            let programs = tasks
            let proofs = parallelMap(programs.count) { i in
                BlockCertificate(block: programs[i].block, targets: programs[i].targets, graph: graph, values: values,
                                 lower: lower, upper: upper, level: level)
            }
            var retry: [(block: [Int], targets: [Int])] = []
            for (task, proof) in zip(programs, proofs) {
                statistics.linearPrograms += proof.programs
                statistics.pivots += proof.pivots
                for (t, cell) in task.targets.enumerated() {
                    let low = Int((proof.low[t] - 1e-6).rounded(.up)), high = Int((proof.high[t] + 1e-6).rounded(.down))
                    intervals[cell] = FeasibleInterval(lower: values[cell] + low, upper: values[cell] + high)
                    guard high - low < level else { continue }
                    if round == 0 && partial.contains(cell) {
                        let block = Neighbourhood.grow(from: cell, limit: limits.block, graph: graph, values: values, free: free,
                                                       marks: &marks)
                        retry.append((block, [cell]))
                    } else {
                        failed.insert(cell)
                    }
                }
            }
            tasks = retry
        }
        for component in solving {
            memo.proofs[component.cells] = component.targets.map { ($0, intervals[$0]!, failed.contains($0)) }
        }
        failures = failed.sorted()
    }
}
