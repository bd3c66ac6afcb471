/// The release's counts with discrete Laplace noise (rule 10), made non-negative and consistent.
///
/// Only the finest cells (those that are the total of nothing) get noise; every other cell is then the
/// sum of its parts, so totals agree with their breakdowns by construction and cost no extra budget
/// (post-processing). Where one total is broken down several ways that do not share finest cells
/// (`Total` by sex and, separately, by ethnicity), the first breakdown sets the total and the finest
/// cells of the others are raked to it: a deterministic largest-remainder share of the difference, never
/// below zero. The budget is split evenly over the tables that have finest cells (sequential
/// composition); a table made only of sums of other tables' cells spends nothing. Suppression and the
/// audit then run on the noisy figures, which is post-processing too and keeps the guarantee.
struct NoisyRelease {
    /// Noisy counts, in request order.
    private(set) var values: [Int]
    /// ε spent on each table's noise.
    private(set) var epsilon: [String: Double] = [:]

    /// Resolution of ε: the budget is rounded down to a multiple of 2⁻²⁰ so that the sampler works with
    /// integers; rounding down only adds noise.
    private static let resolution: UInt64 = 1 << 20

    init(cells: [ReleaseCell], relations: [AdditiveRelation], epsilon budget: Double,
         settings: PrivacySettings) throws(DisclosureError) {
        guard budget > 0, budget.isFinite else {
            throw DisclosureError(.invalidRequest, "The privacy budget must be a positive number, e.g. --privacy-budget 1.")
        }
        let structure = try NoiseStructure(cellCount: cells.count, relations: relations)
        let noisedTables = Set(structure.leaves.map { cells[$0].table }).sorted()
        let perTable = budget / Double(noisedTables.count)
        let steps = UInt64((perTable * Double(Self.resolution)).rounded(.down))
        guard steps > 0 else {
            throw DisclosureError(.invalidRequest, "A privacy budget of \(budget) split over \(noisedTables.count) tables is too small to use.")
        }
        var samplers: [String: DiscreteLaplace] = [:]
        for table in noisedTables {
            guard let bound = settings.contributionBounds[table], bound > 0 else {
                throw DisclosureError(.invalidRequest, "Table \(table) has no contribution bound: say how much one child can add to its finest cells.")
            }
            try Self.check(bound: bound, table: table, cells: cells, relations: relations, structure: structure)
            samplers[table] = DiscreteLaplace(t: UInt64(bound) * Self.resolution, s: steps)
            epsilon[table] = Double(steps) / Double(Self.resolution)
        }
        for cell in cells where epsilon[cell.table] == nil { epsilon[cell.table] = 0 }
        var random = NoiseSource(seed: settings.seed)
        values = cells.map(\.value)
        for leaf in structure.leaves {
            values[leaf] = max(0, values[leaf] + (try samplers[cells[leaf].table]!.sample(&random)))
        }
        try structure.reconcile(&values, keys: cells.map(\.key))
    }

    /// A necessary condition on a stated bound: one child in the table's top cells (those no total of
    /// the same table contains) can reach at most `bound` finest cells, so the finest cells cannot hold
    /// more than `bound` times the top cells.
    private static func check(bound: Int, table: String, cells: [ReleaseCell], relations: [AdditiveRelation],
                              structure: NoiseStructure) throws(DisclosureError) {
        let inTable = cells.indices.filter { cells[$0].table == table }
        let leafSum = inTable.filter { structure.isLeaf[$0] }.reduce(0) { $0 + cells[$1].value }
        var contained = Set<Int>()
        for relation in relations where cells[relation.total].table == table { contained.formUnion(relation.parts) }
        let roots = inTable.filter { !contained.contains($0) }
        let rootSum = roots.reduce(0) { $0 + cells[$1].value }
        if !roots.isEmpty && leafSum > bound * rootSum {
            throw DisclosureError(.invalidRequest, "Table \(table)'s finest cells count children more than \(bound) times each; raise its contribution bound.")
        }
    }
}
