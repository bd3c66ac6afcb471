@testable import Disclosure
import Testing

@Suite struct AuditTests {
    @Test func simplexFindsTheEndsOfASimpleRange() {
        // y1 + y2 = 0 with y1 in [-3, 7] and y2 in [-7, 3]: y1 runs from -3 to 7.
        var simplex = BoundedSimplex(columns: 2, equations: [[(0, 1), (1, 1)]], lower: [-3, -7], upper: [7, 3])
        let up = simplex.maximise([(0, 1)], pivotBudget: 100)
        #expect(up && simplex.value == [7, -7])
        let down = simplex.maximise([(0, -1)], pivotBudget: 100)
        #expect(down && simplex.value == [-3, 3])
    }

    @Test func simplexReportsAnUnboundedObjective() {
        var simplex = BoundedSimplex(columns: 2, equations: [[(0, 1), (1, -1)]], lower: [-1, -1], upper: [.infinity, .infinity])
        let bounded = simplex.maximise([(0, 1)], pivotBudget: 100)
        #expect(!bounded)
    }

    /// A program made in arrays an earlier, larger program left behind finds the same points as one
    /// made afresh: the buffers carry capacity, never content.
    @Test func simplexBuffersCarryNothingFromOneProgramToTheNext() {
        let buffers = SimplexBuffers()
        // A 3 × 3 table's nine cells under its row and column sums, solved first.
        var rows: [[(column: Int, coefficient: Double)]] = (0..<3).map { r in (0..<3).map { (r * 3 + $0, 1.0) } }
        rows += (0..<3).map { c in (0..<3).map { ($0 * 3 + c, 1.0) } }
        var large = BoundedSimplex(columns: 9, equations: SparseEquations(rows), lower: Array(repeating: -4, count: 9), upper: Array(repeating: 5, count: 9),
                                   reusing: buffers)
        _ = large.maximise((0..<9).map { ($0, Double($0 % 3) - 1) }, pivotBudget: 100)
        large.recycle(into: buffers)
        let small = { (buffers: SimplexBuffers) -> [[Double]] in
            var simplex = BoundedSimplex(columns: 3, equations: [[(0, 1), (1, 1), (2, 1)], [(0, 1), (2, -1)]],
                                         lower: [-3, -7, -2], upper: [7, 3, 4], reusing: buffers)
            return [(0, 1.0), (1, 1), (2, -1), (0, -1)].map { objective in
                _ = simplex.maximise([objective], pivotBudget: 100)
                return simplex.value
            }
        }
        #expect(small(buffers) == small(SimplexBuffers()))
    }

    /// A 2 × 2 table whose four cells are all hidden under published margins: the 3 moves along the
    /// rectangle, down until it or the 4 reaches 0, up until the 8 does.
    @Test func linearProgrammingFindsTheRectangle() throws {
        let table = CrossTable(sizes: [2, 2], finest: [3, 8, 9, 4])
        let request = ProtectionRequest(cells: table.cells, relations: table.relations)
        let release = LinkedRelease(cells: table.cells, values: table.cells.map(\.value), relations: table.relations, ledger: nil)
        var suppressed = [Bool](repeating: false, count: table.cells.count)
        for cell in [[0, 0], [0, 1], [1, 0], [1, 1]] { suppressed[table.index(cell)] = true }
        let protected = suppressed.indices.map { suppressed[$0] && table.cells[$0].value < 6 }
        let audit = Audit(release: release, suppressed: suppressed, protected: protected, level: 6)
        // Truly [0, 11]; the audit explores up to the protection level either side of the true 3.
        #expect(audit.intervals[table.index([0, 0])] == FeasibleInterval(lower: 0, upper: 3 + 6))
        #expect(audit.failures.isEmpty)
        #expect(audit.statistics.linearPrograms > 0 && audit.statistics.settledByPropagation == 0)
        let attacker = IntegerAttacker(cells: request.cells, relations: request.relations,
                                       shown: suppressed.indices.map { suppressed[$0] ? nil : table.cells[$0].value })
        #expect(attacker.interval(of: table.index([0, 0])) == 0...11)
    }

    @Test func anAcyclicComponentIsSettledByPropagation() {
        let table = CrossTable(sizes: [3], finest: [2, 9, 30])
        let release = LinkedRelease(cells: table.cells, values: table.cells.map(\.value), relations: table.relations, ledger: nil)
        let suppressed = [true, true, false, false]
        let audit = Audit(release: release, suppressed: suppressed, protected: [true, false, false, false], level: 6)
        #expect(audit.statistics.settledByPropagation == 1 && audit.statistics.linearPrograms == 0)
        #expect(audit.intervals[0] == FeasibleInterval(lower: 0, upper: 11))
    }

    /// Blocks hold the rest of a component at its true values, so every point they find is feasible:
    /// whatever they prove lies within the exact interval of the linear relaxation, which one program
    /// over all the free cells, searched to the end (a level no interval can reach), finds.
    @Test func blocksGiveInnerBoundsOfTheExactIntervals() throws {
        let finest = (0..<48).map { ($0 * 7919) % 13 }
        let table = CrossTable(sizes: [12, 2, 2], finest: finest)
        let request = ProtectionRequest(cells: table.cells, relations: table.relations)
        let result = try request.protect()
        let release = LinkedRelease(cells: table.cells, values: table.cells.map(\.value), relations: table.relations, ledger: nil)
        let suppressed = result.cells.map { $0.status != .published }
        let protected = result.cells.map { $0.status == .primary }
        let blocks = Audit(release: release, suppressed: suppressed, protected: protected, level: 6,
                           limits: Audit.Limits(partnerBlocks: 10, wholeComponent: 10, block: 24))
        #expect(blocks.statistics.linearPrograms > 0)
        let bounds = IntervalPropagation(graph: release.graph, values: release.values, known: suppressed.map { !$0 })
        let free = suppressed.indices.filter { suppressed[$0] && bounds.lower[$0] < bounds.upper[$0] }
        var checked = 0
        for cell in protected.indices where protected[cell] && free.contains(cell) {
            let exact = BlockCertificate(block: free, targets: [cell], graph: release.graph, values: release.values,
                                         lower: bounds.lower, upper: bounds.upper, level: 1_000)
            let inner = blocks.intervals[cell]!
            #expect(inner.lower >= release.values[cell] + Int((exact.low[0] - 1e-6).rounded(.up)))
            #expect(inner.upper! <= release.values[cell] + Int((exact.high[0] + 1e-6).rounded(.down)))
            checked += 1
        }
        #expect(checked > 10)
    }

    /// Schools hiding the same positions meet the same large relations, and their partners are found by
    /// one search along those relations: each block still holds its owner, partners other than itself
    /// and no cell twice, and every target is proved by exactly one block, on any number of threads.
    @Test func partnerBlocksHoldEveryTargetOnceAndNoCellTwice() throws {
        // 30 schools × 3 groups × 2 sexes, small counts in the same positions at many schools.
        let finest = (0..<180).map { [2, 40, 3, 25, 11, 1][$0 % 6] + ($0 / 6) % 4 }
        let table = CrossTable(sizes: [30, 3, 2], finest: finest)
        let result = try ProtectionRequest(cells: table.cells, relations: table.relations).protect()
        let release = LinkedRelease(cells: table.cells, values: table.cells.map(\.value), relations: table.relations, ledger: nil)
        let suppressed = result.cells.map { $0.status != .published }
        let bounds = IntervalPropagation(graph: release.graph, values: release.values, known: suppressed.map { !$0 })
        let free = suppressed.indices.map { suppressed[$0] && bounds.lower[$0] < bounds.upper[$0] }
        let clusters = PartnerBlocks.clusters(graph: release.graph, free: free)
        let targets = result.cells.indices.filter { result.cells[$0].status == .primary && free[$0] }
        #expect(targets.count > 20)
        for partners in [1, 3] {
            let blocks = PartnerBlocks(targets: targets, partners: partners, clusters: clusters, graph: release.graph,
                                       values: release.values, threads: 2).blocks
            #expect(blocks.flatMap(\.targets).sorted() == targets)
            for block in blocks {
                #expect(Set(block.block).count == block.block.count)
                #expect(block.targets.allSatisfy(block.block.contains))
                // The owner and at least one partner.
                #expect(Set(block.block.map { clusters.group[$0] }).count > 1)
            }
            let oneThread = PartnerBlocks(targets: targets, partners: partners, clusters: clusters, graph: release.graph,
                                          values: release.values, threads: 1).blocks
            #expect(oneThread.map(\.block) == blocks.map(\.block) && oneThread.map(\.targets) == blocks.map(\.targets))
        }
    }

    /// A block's equations, found from its cells' side, are each relation it touches in increasing
    /// order, over the block's members in the relation's order, with +1 for a total and -1 for a part.
    @Test func aBlocksEquationsAreItsRelationsRestrictedToIt() {
        let table = CrossTable(sizes: [4, 3, 2], finest: (0..<24).map { $0 % 7 })
        let graph = LinkedRelease(cells: table.cells, values: table.cells.map(\.value), relations: table.relations, ledger: nil).graph
        for block in [Array(0..<graph.cellCount), Array(stride(from: 1, to: graph.cellCount, by: 3)), [5]] {
            let expected = (0..<graph.relationCount).compactMap { r -> [Int: Double]? in
                let terms = graph.members(of: r).enumerated().compactMap { position, member in
                    block.firstIndex(of: Int(member)).map { ($0, Double(RelationGraph.coefficient(at: position))) }
                }
                return terms.isEmpty ? nil : Dictionary(uniqueKeysWithValues: terms)
            }
            let equations = BlockCertificate.equations(of: block, graph: graph)
            #expect(equations.map { Dictionary(uniqueKeysWithValues: $0.map { ($0.column, $0.coefficient) }) } == expected)
            for (equation, r) in zip(equations, (0..<graph.relationCount).filter { r in graph.members(of: r).contains { block.contains(Int($0)) } }) {
                #expect(equation.map(\.column) == graph.members(of: r).compactMap { block.firstIndex(of: Int($0)) })
            }
        }
    }

    /// Rounds of one protection share proofs: an audit of the same pattern with the memo of an earlier
    /// one solves no program and finds exactly what a fresh audit finds. Points seen under more
    /// suppression need not be feasible under less, so an audit hiding fewer cells starts afresh.
    @Test func aMemoReusesTheProofsOfEarlierRounds() throws {
        let finest = (0..<48).map { ($0 * 7919) % 13 }
        let table = CrossTable(sizes: [12, 2, 2], finest: finest)
        let result = try ProtectionRequest(cells: table.cells, relations: table.relations).protect()
        let release = LinkedRelease(cells: table.cells, values: table.cells.map(\.value), relations: table.relations, ledger: nil)
        let suppressed = result.cells.map { $0.status != .published }
        let protected = result.cells.map { $0.status == .primary }
        var memo = Audit.Memo()
        let first = Audit(release: release, suppressed: suppressed, protected: protected, level: 6, memo: &memo)
        let again = Audit(release: release, suppressed: suppressed, protected: protected, level: 6, memo: &memo)
        #expect(first.statistics.linearPrograms > 0 && again.statistics.linearPrograms == 0)
        #expect(again.intervals == first.intervals && again.failures == first.failures)
        var fewer = suppressed
        fewer[suppressed.indices.first { suppressed[$0] && !protected[$0] }!] = false
        let afresh = Audit(release: release, suppressed: fewer, protected: protected, level: 6, memo: &memo)
        let fresh = Audit(release: release, suppressed: fewer, protected: protected, level: 6)
        #expect(afresh.intervals == fresh.intervals && afresh.failures == fresh.failures)
        #expect(afresh.statistics.linearPrograms == fresh.statistics.linearPrograms)
    }

    /// The engine and the heuristic start from one audit of the cells both hide: each pattern still
    /// passes an audit from scratch, and each strategy's own audits solve less than they would alone
    /// (2 programs instead of 4 or 5 here, after 8 shared).
    @Test func strategiesShareTheProofsOfTheCellsBothHide() throws {
        let table = CrossTable(sizes: [20, 3, 2], finest: (0..<120).map { ($0 * 7919) % 17 })
        let release = LinkedRelease(cells: table.cells, values: table.cells.map(\.value), relations: table.relations, ledger: nil)
        let rules = DisclosureRules()
        let start = SuppressionPattern.start(release: release, minCount: rules.minCount)
        let strategies = [SuppressionStrategy.minimumLoss, .nextSmallest]
        let enforced = strategies.map { SuppressionPattern.Enforced(release, from: start, rules: rules, strategy: $0) }
        let shared = SuppressionPattern.sharedProofs(release, from: start, rules: rules, enforced: enforced)
        #expect(shared.statistics.linearPrograms > 0)
        for (strategy, enforced) in zip(strategies, enforced) {
            let alone = try SuppressionPattern.protect(release, from: start, rules: rules, strategy: strategy)
            let sharing = try SuppressionPattern.protect(release, from: start, rules: rules, enforced: enforced, proofs: shared)
            let fresh = Audit(release: release, suppressed: sharing.status.map { $0 != .published }, protected: start.protected,
                              level: rules.requiredWidth)
            #expect(fresh.failures.isEmpty, "\(strategy)")
            // The shared audit's programs are counted in each strategy's statistics (the manifest's).
            let own = sharing.statistics.linearPrograms - shared.statistics.linearPrograms
            #expect(own >= 0 && own < alone.statistics.linearPrograms,
                    "\(strategy): \(own) programs after sharing, \(alone.statistics.linearPrograms) alone")
        }
    }
}
