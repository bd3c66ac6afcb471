/// An unrounded statistic with what disclosure control needs to judge it: how many distinct
/// children stand behind it (rule 1: the protected unit is the child, never the row).
public enum Statistic: Sendable, Equatable {
    /// A number of distinct children.
    case count(Int)
    /// Children with a property, out of children: numerator / denominator × 100.
    case percent(numerator: Int, denominator: Int)
    /// A ratio of sums (sessions missed / sessions possible × 100) over `children` children.
    case ratio(numerator: Double, denominator: Double, children: Int)
    /// Events per 100 children (suspensions): `events` over `denominator` children, of whom
    /// `childrenWithEvents` had at least one.
    case eventRate(events: Int, childrenWithEvents: Int, denominator: Int)
    /// A mean over `count` children.
    case average(sum: Double, count: Int)
    /// The statistic does not apply to this row (`z`).
    case notApplicable
    /// The data to compute it is not available (`x`).
    case notAvailable

    /// The unrounded value, where there is one.
    public var value: Double? {
        switch self {
        case .count(let n): Double(n)
        case .percent(let n, let d): d > 0 ? Double(n) / Double(d) * 100 : nil
        case .ratio(let n, let d, _): d > 0 ? n / d * 100 : nil
        case .eventRate(let events, _, let d): d > 0 ? Double(events) / Double(d) * 100 : nil
        case .average(let sum, let count): count > 0 ? sum / Double(count) : nil
        case .notApplicable, .notAvailable: nil
        }
    }
}

/// The DfE's symbols for values that are not shown (DISCLOSURE.md rule 8).
public enum Symbol: String, Sendable, CaseIterable {
    /// Confidential: suppressed to protect children.
    case confidential = "c"
    /// Not available.
    case notAvailable = "x"
    /// Not applicable.
    case notApplicable = "z"
    /// A non-zero value that rounds to zero.
    case low
    /// Low reliability.
    case lowReliability = "u"

    public var meaning: String {
        switch self {
        case .confidential: "confidential: suppressed to protect children's identities"
        case .notAvailable: "not available"
        case .notApplicable: "not applicable"
        case .low: "a positive value that rounds to zero"
        case .lowReliability: "low reliability"
        }
    }
}

/// What a cell shows after disclosure control.
public enum PublishedValue: Sendable, Equatable, CustomStringConvertible {
    case number(String)
    case symbol(Symbol)

    public var description: String {
        switch self {
        case .number(let text): text
        case .symbol(let symbol): symbol.rawValue
        }
    }
}
