import CohortModel

/// One count that a release will publish, as the disclosure engine sees it: a number and what it counts.
///
/// The engine knows nothing about measures. The integrator expresses every published statistic
/// through count cells (a percentage reveals its numerator, its denominator and their difference) and
/// shows a statistic as `c` when any cell it reveals is suppressed.
public struct ReleaseCell: Sendable, Equatable, Codable {
    /// An identity that is stable across releases, e.g. `202425|Local authority|Any social worker|Sex|Female|headcount`.
    /// The ledger links releases through it, so it must name the population, not a position in a table.
    public var key: String
    /// The table the cell is published in, for the per-table summary of the manifest.
    public var table: String
    /// The true, unrounded count.
    public var value: Int
    /// A count of distinct children: primary-suppressed at 1 to `minCount - 1` (rule 2). Other sums
    /// (suspension events, sessions) are never primary-suppressed but still take part in relations.
    public var isChildCount: Bool
    /// A `Total` row or column: chosen for secondary suppression only when nothing else will do.
    public var isTotal: Bool

    public init(key: String, table: String, value: Int, isChildCount: Bool = true, isTotal: Bool = false) {
        self.key = key
        self.table = table
        self.value = value
        self.isChildCount = isChildCount
        self.isTotal = isTotal
    }
}

/// `cells[total] = Σ cells[parts]`: breakdown categories to `Total`, schools to their LA, groups to
/// `Any social worker`, and any other sum that holds across the tables of a release.
public struct AdditiveRelation: Sendable, Equatable, Hashable, Codable {
    /// Index of the total cell in the request's `cells`.
    public var total: Int
    /// Indices of the parts; each child (or event) of the total is in exactly one part.
    public var parts: [Int]

    public init(total: Int, parts: [Int]) {
        self.total = total
        self.parts = parts
    }
}

/// Which cells to add when a relation would otherwise give a suppressed cell away (rule 5).
public enum SuppressionStrategy: String, Sendable, Codable, CaseIterable {
    /// The fewest children and cells we can find: a cost-aware choice that looks one relation ahead,
    /// compared with `nextSmallest` on the same release, keeping whichever loses less.
    case minimumLoss
    /// The usual hand method and this engine's baseline: always the next smallest cell of the relation.
    case nextSmallest
}

/// Everything a release will publish, with the rules to apply and what earlier releases published.
public struct ProtectionRequest: Sendable {
    public var cells: [ReleaseCell]
    public var relations: [AdditiveRelation]
    public var rules: DisclosureRules
    /// What earlier releases published (`--ledger`); `nil` for a first release.
    public var ledger: Ledger?
    /// This release's identity in the ledger, e.g. `2025-03 children in need`.
    public var releaseID: String
    public var strategy: SuppressionStrategy
    /// Settings of the noise of rule 10, used when `rules.privacyBudget` is set.
    public var privacy: PrivacySettings
    /// At most how many threads protection and its audit use (the result does not depend on it).
    public var threads: Int

    public init(cells: [ReleaseCell], relations: [AdditiveRelation], rules: DisclosureRules = DisclosureRules(),
                ledger: Ledger? = nil, releaseID: String = "release", strategy: SuppressionStrategy = .minimumLoss,
                privacy: PrivacySettings = PrivacySettings(), threads: Int = defaultThreadCount) {
        self.threads = threads
        self.cells = cells
        self.relations = relations
        self.rules = rules
        self.ledger = ledger
        self.releaseID = releaseID
        self.strategy = strategy
        self.privacy = privacy
    }
}
