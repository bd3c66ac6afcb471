import CohortModel

/// A release's cells after primary and secondary suppression and a passing audit.
struct SuppressionPattern {
    var status: [CellStatus]
    /// The audit's interval for each suppressed cell of this release.
    var intervals: [FeasibleInterval?]
    var loss: InformationLoss
    var strategy: SuppressionStrategy
    var statistics: AuditStatistics

    /// Cells hidden by the primary rules, cells that must stay protected, and the primary ones.
    typealias Start = (suppressed: [Bool], protected: [Bool], primary: [Bool])

    /// Where every strategy starts: primary cells (rule 2), cells an earlier release showed as `c`, and
    /// earlier releases' hidden cells; the cells needing protection are the small counts among them.
    static func start(release: LinkedRelease, minCount: Int) -> Start {
        let n = release.keys.count
        var suppressed = [Bool](repeating: false, count: n), protected = suppressed, primary = suppressed
        for cell in 0..<n {
            let small = release.isChildCount[cell] && release.values[cell] > 0 && release.values[cell] < minCount
            if cell < release.releaseCount {
                primary[cell] = small
                suppressed[cell] = small || (release.wasSuppressed[cell] && !release.isPublic[cell])
                protected[cell] = small
            } else {
                suppressed[cell] = !release.isPublic[cell]
                protected[cell] = suppressed[cell] && small
            }
        }
        return (suppressed, protected, primary)
    }

    /// What an audit proved, and what it took.
    struct Proofs {
        var memo = Audit.Memo()
        var statistics = AuditStatistics()
    }

    /// A strategy's suppression with rule 5 enforced everywhere, and the relations it could not make
    /// safe: where `protect` starts, worked out once when `sharedProofs` needs it too.
    struct Enforced {
        var suppression: SecondarySuppression
        var stuck: [Int]

        init(_ release: LinkedRelease, from start: Start, rules: DisclosureRules, strategy: SuppressionStrategy) {
            suppression = SecondarySuppression(release: release, suppressed: start.suppressed, minCount: rules.minCount,
                                               strategy: strategy)
            stuck = suppression.enforceEverywhere()
        }
    }

    /// Proofs every one of the `enforced` strategies can start from: an audit of the cells all of
    /// them hide once rule 5 is enforced. A point feasible with those cells hidden stays feasible with
    /// more hidden, so each strategy's own audit solves only for what these left unproven. Strategies'
    /// patterns mostly agree (the engine's and the heuristic's for 400,000 pupils: 7 of 40,431 cells
    /// apart), so this is one audit instead of one each.
    static func sharedProofs(_ release: LinkedRelease, from start: Start, rules: DisclosureRules, enforced: [Enforced],
                             threads: Int = defaultThreadCount) -> Proofs {
        var common = [Bool](repeating: true, count: start.suppressed.count)
        for strategy in enforced {
            for cell in common.indices where !strategy.suppression.suppressed[cell] { common[cell] = false }
        }
        var proofs = Proofs()
        let audit = Audit(release: release, suppressed: common, protected: start.protected, level: rules.requiredWidth,
                          memo: &proofs.memo, threads: threads)
        proofs.statistics.add(audit.statistics)
        return proofs
    }

    /// Rule 5, then the audit, adding cells around every cell the audit cannot prove until it passes.
    static func protect(_ release: LinkedRelease, from start: Start, rules: DisclosureRules, strategy: SuppressionStrategy,
                        threads: Int = defaultThreadCount) throws(DisclosureError) -> SuppressionPattern {
        try protect(release, from: start, rules: rules, enforced: Enforced(release, from: start, rules: rules, strategy: strategy),
                    threads: threads)
    }

    /// `protect` from a strategy's rule 5 already enforced, and from `proofs` when an audit of fewer
    /// hidden cells has found some.
    static func protect(_ release: LinkedRelease, from start: Start, rules: DisclosureRules, enforced: Enforced,
                        proofs: Proofs = Proofs(), threads: Int = defaultThreadCount) throws(DisclosureError) -> SuppressionPattern {
        var (suppression, stuck) = (enforced.suppression, enforced.stuck)
        var (memo, statistics) = (proofs.memo, proofs.statistics)
        // Rounds in a row each cell has failed: one cell is hidden around it each round at first, then
        // twice as many each time, so a cell whose room lies far away costs a few more rounds, not one
        // round per cell between it and that room.
        var strikes: [Int: Int] = [:]
        while true {
            statistics.rounds += 1
            let audit = Audit(release: release, suppressed: suppression.suppressed, protected: start.protected,
                              level: rules.requiredWidth, memo: &memo, threads: threads)
            statistics.add(audit.statistics)
            stuck = stuck.filter(suppression.isUnsafe)
            if audit.failures.isEmpty && stuck.isEmpty {
                let status = (0..<release.releaseCount).map { cell -> CellStatus in
                    start.primary[cell] ? .primary : suppression.suppressed[cell] ? .secondary : .published
                }
                return SuppressionPattern(
                    status: status, intervals: Array(audit.intervals.prefix(release.releaseCount)),
                    loss: loss(of: suppression.suppressed, in: release), strategy: suppression.strategy, statistics: statistics)
            }
            var widened = false
            strikes = Dictionary(uniqueKeysWithValues: audit.failures.map { ($0, (strikes[$0] ?? 0) + 1) })
            for cell in audit.failures {
                for _ in 0..<(1 << min(max(strikes[cell]! - 3, 0), 6)) {
                    // A cell still too narrow after a round of widening gets a rectangle: two cells that
                    // give it room where another ring cell, pinned by its own relations, gives none.
                    var relations = strikes[cell]! > 1 ? suppression.closeRectangle(around: cell) : []
                    if relations.isEmpty { relations = suppression.widen(around: cell) }
                    guard !relations.isEmpty else { break }
                    widened = true
                    stuck += suppression.enforce(from: relations)
                }
            }
            guard widened else { throw failure(audit: audit, stuck: stuck, release: release, level: rules.requiredWidth) }
        }
    }

    private static func failure(audit: Audit, stuck: [Int], release: LinkedRelease, level: Int) -> DisclosureError {
        if let cell = audit.failures.first {
            let key = release.keys[cell]
            // The width, not the interval: an interval would quote the hidden value to the logs.
            let width = release.isPublic[cell] ? 0 : audit.intervals[cell]?.width ?? 0
            let origin = cell < release.releaseCount ? "" : " (hidden by an earlier release)"
            return DisclosureError(.auditFailed, key: key,
                                   "Cell \(key)\(origin) would be narrowed to a range \(width) wide by what this and earlier releases publish, narrower than the protection level \(level), and no further cell can be suppressed to widen it.")
        }
        let relation = stuck[0]
        let key = release.keys[release.graph.total(of: relation)]
        return DisclosureError(.auditFailed, key: key,
                               "The relation with total \(key) would give its one suppressed cell away, and every other cell in it is already public in an earlier release.")
    }

    static func loss(of suppressed: [Bool], in release: LinkedRelease) -> InformationLoss {
        let n = release.releaseCount
        return loss(of: Array(suppressed.prefix(n)), values: Array(release.values.prefix(n)), childCounts: Array(release.isChildCount.prefix(n)))
    }

    static func loss(of suppressed: [Bool], values: [Int], childCounts: [Bool]) -> InformationLoss {
        var loss = InformationLoss()
        for i in suppressed.indices where suppressed[i] {
            loss.cellsSuppressed += 1
            if childCounts[i] { loss.childrenSuppressed += values[i] }
        }
        return loss
    }
}
