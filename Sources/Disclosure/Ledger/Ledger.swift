/// What earlier releases published, kept beside the outputs (`--ledger FILE`) so that a new release
/// cannot be differenced against them.
///
/// It holds aggregates only: each published cell's key and the figure it showed (or `c`), and the
/// additive relations of that release by key. Nothing in it is more than was published, so it may sit
/// beside the outputs; it never holds a suppressed value, a child's identifier or a row.
///
/// How protection uses it (see `LedgerLink`):
/// - A key shown as `c` before stays suppressed now ("sticky" suppression). Showing it now would hand
///   out what was hidden: exactly when the data are unchanged, nearly so after a small revision.
/// - A key shown as a figure before, whose current value still gives that figure, is the same population
///   as far as anyone can tell: the audit treats it as known even if this release suppresses it, and
///   suppressing it is never chosen, because it would hide nothing.
/// - A key whose value has changed is a revised population; its old figure is not a constraint on the
///   new one, and sticky suppression already covers what it hid.
/// - The earlier releases' relations join the audit wherever they still hold, so a breakdown that was
///   published last time and dropped this time still counts as something the attacker knows.
public struct Ledger: Sendable, Equatable, Codable {
    /// The file format this code writes and reads.
    public static let currentVersion = 1

    public var version: Int
    public var releases: [LedgerRelease]

    public init(releases: [LedgerRelease] = []) {
        self.version = Self.currentVersion
        self.releases = releases
    }
}

/// One earlier release as published.
public struct LedgerRelease: Sendable, Equatable, Codable {
    public var id: String
    /// The rounding base of the release's counts, if it rounded them.
    public var roundCountsTo: Int?
    public var cells: [LedgerCell]
    /// The release's relations as positions in `cells`, the total first.
    public var relations: [[Int]]

    public init(id: String, roundCountsTo: Int?, cells: [LedgerCell], relations: [[Int]]) {
        self.id = id
        self.roundCountsTo = roundCountsTo
        self.cells = cells
        self.relations = relations
    }
}

/// One published cell: its key and the figure shown, or `nil` for `c`.
public struct LedgerCell: Sendable, Equatable, Codable {
    public var key: String
    public var shown: Int?
    public var isChildCount: Bool

    public init(key: String, shown: Int?, isChildCount: Bool) {
        self.key = key
        self.shown = shown
        self.isChildCount = isChildCount
    }
}
