/// How a cell comes out of disclosure control.
public enum CellStatus: String, Sendable, Codable, CaseIterable {
    /// Shown, perhaps rounded or noisy.
    case published
    /// Suppressed because it counts 1 to `minCount - 1` children (rule 2).
    case primary
    /// Suppressed to protect other cells (rule 5, the audit of rule 6, or an earlier release's `c`).
    case secondary
}

/// The values an attacker cannot tell apart for a suppressed cell, from everything published.
public struct FeasibleInterval: Sendable, Equatable, Codable {
    public var lower: Int
    /// `nil` when nothing published bounds the cell from above.
    public var upper: Int?

    public init(lower: Int, upper: Int?) {
        self.lower = lower
        self.upper = upper
    }

    /// `upper - lower`, or `nil` when unbounded.
    public var width: Int? { upper.map { $0 - lower } }
}

/// One cell after protection, in the order of the request.
public struct ProtectedCell: Sendable, Equatable {
    public var status: CellStatus
    /// The figure to publish (rounded, or noisy in the privacy mode); `nil` when suppressed.
    public var published: Int?
    /// For suppressed cells, what the audit found an attacker can infer. For a primary cell this is the
    /// range the audit proved the attacker cannot narrow, explored up to the protection level on each
    /// side of the true value; for a secondary cell it is the range interval propagation infers.
    public var interval: FeasibleInterval?

    /// What the cell shows: its figure, or `c`.
    public var shown: PublishedValue {
        published.map { .number(String($0)) } ?? .symbol(.confidential)
    }
}

/// What suppression costs: the DfE reports both.
public struct InformationLoss: Sendable, Equatable, Codable {
    public var cellsSuppressed: Int
    /// The sum of the suppressed child counts.
    public var childrenSuppressed: Int

    public init(cellsSuppressed: Int = 0, childrenSuppressed: Int = 0) {
        self.cellsSuppressed = cellsSuppressed
        self.childrenSuppressed = childrenSuppressed
    }

    /// No more cells and no more children than `other`.
    public func isNoWorse(than other: InformationLoss) -> Bool {
        cellsSuppressed <= other.cellsSuppressed && childrenSuppressed <= other.childrenSuppressed
    }
}

/// The narrowest interval the audit left for a primary cell of a table.
public struct NarrowestInterval: Sendable, Equatable, Codable {
    public var key: String
    public var interval: FeasibleInterval
}

/// One table's line in the manifest.
public struct TableSummary: Sendable, Equatable, Codable {
    public var table: String
    public var cells: Int
    public var primary: Int
    public var secondary: Int
    public var loss: InformationLoss
    public var narrowest: NarrowestInterval?
    /// The share of the privacy budget this table's noise spent; `nil` without noise, `0` when every
    /// figure of the table is a sum of other tables' noisy figures.
    public var epsilon: Double?
}

/// A protected release: statuses, figures, the audit's findings, and the ledger to keep beside it.
public struct ProtectionResult: Sendable {
    public var cells: [ProtectedCell]
    public var tables: [TableSummary]
    public var loss: InformationLoss
    /// The strategy whose suppression pattern was kept.
    public var strategy: SuppressionStrategy
    /// Counters of the audit, for the manifest and the benchmark.
    public var audit: AuditStatistics
    let ledgerEntry: LedgerEntry

    /// The ledger with this release appended: write it back over `--ledger`.
    public var ledger: Ledger { ledgerEntry.ledger }
}

/// What the ledger needs of a release, made into its entry only when the ledger is asked for: most
/// runs keep none, and the entry copies every cell's key (124,000 at 400,000 pupils).
struct LedgerEntry: Sendable {
    let earlier: Ledger?
    let id: String
    let roundCountsTo: Int?
    let cells: [ReleaseCell]
    /// What each cell shows, as published: nil for `c`.
    let shown: [Int?]
    let relations: [AdditiveRelation]

    var ledger: Ledger {
        var ledger = earlier ?? Ledger()
        ledger.releases.append(LedgerRelease(
            id: id, roundCountsTo: roundCountsTo,
            cells: zip(cells, shown).map { LedgerCell(key: $0.key, shown: $1, isChildCount: $0.isChildCount) },
            relations: relations.map { [$0.total] + $0.parts }))
        return ledger
    }
}
