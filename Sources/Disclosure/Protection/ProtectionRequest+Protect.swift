import CohortModel

extension ProtectionRequest {
    /// Applies rules 2 and 5–8 (and 10 when a privacy budget is set) to the whole release at once and
    /// audits the result; throws rather than return a release the audit cannot pass.
    ///
    /// With `.minimumLoss` the engine also works out the `.nextSmallest` pattern on the same release and
    /// keeps its own only when it loses no more cells and no more children, so it is never worse than
    /// the usual heuristic.
    public func protect() throws(DisclosureError) -> ProtectionResult {
        try validate()
        // Keys are checked for repeats (124,000 strings hashed for 400,000 pupils' release) on one core
        // while the release is protected on the other; a repeat is still the error reported.
        let (repeated, protection) = concurrently(threads: threads, repeatedKey) { Result { () throws(DisclosureError) in try protectValidated() } }
        if let repeated { throw repeated }
        return try protection.get()
    }

    private func protectValidated() throws(DisclosureError) -> ProtectionResult {
        let noise = try rules.privacyBudget.map { budget throws(DisclosureError) in
            try NoisyRelease(cells: cells, relations: relations, epsilon: budget, settings: privacy)
        }
        let release = LinkedRelease(cells: cells, values: noise?.values ?? cells.map(\.value), relations: relations, ledger: ledger)
        let start = SuppressionPattern.start(release: release, minCount: rules.minCount)
        guard strategy == .minimumLoss else {
            return result(release: release, pattern: try SuppressionPattern.protect(release, from: start, rules: rules, strategy: strategy,
                                                                                     threads: threads),
                          noise: noise)
        }
        let (ours, baseline) = try protectAlongsideBaseline(release, from: start)
        // If the baseline cannot be made to pass, ours stands.
        let chosen = baseline.flatMap { ours.loss.isNoWorse(than: $0.loss) ? nil : $0 } ?? ours
        return result(release: release, pattern: chosen, noise: noise)
    }

    /// Releases up to this many cells are protected by the engine and the baseline heuristic side by
    /// side: each is mostly short serial rounds (400,000 pupils' release, 124,000 cells: 3.8–4.6 s
    /// side by side, 4.7–5.9 s in turn). Larger ones take turns, since each audit already uses every
    /// core and two compete for memory (the national release, 1.09 M cells: 65 s side by side, 47 s
    /// in turn).
    static let sideBySideLimit = 200_000

    /// The engine's pattern, and the `.nextSmallest` baseline's when it might lose less (nil when it
    /// cannot pass its audit).
    private func protectAlongsideBaseline(_ release: LinkedRelease, from start: SuppressionPattern.Start)
        throws(DisclosureError) -> (ours: SuppressionPattern, baseline: SuppressionPattern?) {
        let (rules, threads) = (self.rules, self.threads)
        if release.releaseCount <= Self.sideBySideLimit {
            let strategies: [SuppressionStrategy] = [.minimumLoss, .nextSmallest]
            let enforced = parallelMap(strategies.count, threads: threads) { SuppressionPattern.Enforced(release, from: start, rules: rules, strategy: strategies[$0]) }
            let shared = SuppressionPattern.sharedProofs(release, from: start, rules: rules, enforced: enforced, threads: threads)
            let both = parallelMap(2, threads: threads) { i in
                Result { () throws(DisclosureError) in
                    try SuppressionPattern.protect(release, from: start, rules: rules, enforced: enforced[i], proofs: shared, threads: threads)
                }
            }
            return (try both[0].get(), try? both[1].get())
        }
        let ours = try SuppressionPattern.protect(release, from: start, rules: rules, strategy: .minimumLoss, threads: threads)
        // The baseline's audit can only add to its loss, so it is needed only when ours is not already
        // better than the baseline before its audit.
        let baseline = SuppressionPattern.Enforced(release, from: start, rules: rules, strategy: .nextSmallest)
        guard !ours.loss.isNoWorse(than: SuppressionPattern.loss(of: baseline.suppression.suppressed, in: release)) else { return (ours, nil) }
        return (ours, try? SuppressionPattern.protect(release, from: start, rules: rules, enforced: baseline, threads: threads))
    }

    private func result(release: LinkedRelease, pattern: SuppressionPattern, noise: NoisyRelease?) -> ProtectionResult {
        let protectedCells = cells.indices.map { i in
            ProtectedCell(status: pattern.status[i],
                          published: pattern.status[i] == .published ? rules.roundCount(release.values[i]) : nil,
                          interval: pattern.intervals[i])
        }
        // By index, not by copying each cell (and retaining its strings) out of the array; a run of
        // cells of one table (as releases list them) is looked up once, not once per cell.
        var byTable: [String: [Int]] = [:]
        var start = 0
        while start < cells.count {
            var end = start + 1
            while end < cells.count && cells[end].table == cells[start].table { end += 1 }
            byTable[cells[start].table, default: []].append(contentsOf: start..<end)
            start = end
        }
        let tables = byTable.keys.sorted().map { table in
            let members = byTable[table]!
            let narrowest = members
                .filter { pattern.status[$0] == .primary }
                .compactMap { i in pattern.intervals[i].map { (i, $0) } }
                .min { ($0.1.width ?? .max, $0.0) < ($1.1.width ?? .max, $1.0) }
            return TableSummary(
                table: table, cells: members.count,
                primary: members.count { pattern.status[$0] == .primary },
                secondary: members.count { pattern.status[$0] == .secondary },
                loss: SuppressionPattern.loss(of: members.map { pattern.status[$0] != .published }, values: members.map { release.values[$0] },
                                              childCounts: members.map { release.isChildCount[$0] }),
                narrowest: narrowest.map { NarrowestInterval(key: cells[$0.0].key, interval: $0.1) },
                epsilon: noise.map { $0.epsilon[table] ?? 0 })
        }
        return ProtectionResult(cells: protectedCells, tables: tables, loss: pattern.loss, strategy: pattern.strategy,
                                audit: pattern.statistics,
                                ledgerEntry: LedgerEntry(earlier: ledger, id: releaseID, roundCountsTo: rules.roundCountsTo, cells: cells,
                                                         shown: protectedCells.map(\.published), relations: relations))
    }
}
