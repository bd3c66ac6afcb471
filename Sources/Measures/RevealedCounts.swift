import Disclosure

/// A count of children (or of events) that a published statistic gives away, named by what it
/// counts so that the same count shared by several statistics is one cell.
public struct RevealedCount: Sendable, Equatable {
    public var component: String
    public var value: Int
    public var isChildCount: Bool
}

extension Indicator {
    /// The population a percentage is taken of.
    var denominatorComponent: String {
        switch self {
        case .linkedPercent: Indicator.socialCareChildren.column
        case .persistentAbsencePercent, .severeAbsencePercent, .overallAbsencePercent: "pupils_with_sessions"
        case .englishMathsGrade5Percent, .attainment8Average: Indicator.ks4Pupils.column
        default: Indicator.headcount.column
        }
    }

    /// What a percentage counts: for the link rate, the headcount itself.
    var numeratorComponent: String { self == .linkedPercent ? Indicator.headcount.column : column + ".numerator" }
}

extension MeasureRow {
    /// For each indicator, the counts its statistic reveals: a count itself; a percentage's
    /// numerator, denominator and complement (rule 3: any of them small gives a child away); the
    /// children behind a ratio, an event rate or an average. Disclosure control works on these
    /// counts; a statistic is shown only when every count it reveals is.
    public func revealedCounts() -> [[RevealedCount]] {
        zip(Indicator.allCases, statistics).map { indicator, statistic in
            switch statistic {
            case .count(let n):
                [RevealedCount(component: indicator.column, value: n, isChildCount: true)]
            case .percent(let numerator, let denominator):
                [RevealedCount(component: indicator.numeratorComponent, value: numerator, isChildCount: true),
                 RevealedCount(component: indicator.denominatorComponent, value: denominator, isChildCount: true),
                 RevealedCount(component: indicator.column + ".complement", value: denominator - numerator, isChildCount: true)]
            case .ratio(_, _, let children):
                [RevealedCount(component: indicator.denominatorComponent, value: children, isChildCount: true)]
            case .eventRate(_, let childrenWithEvents, let denominator):
                [RevealedCount(component: indicator.column + ".children", value: childrenWithEvents, isChildCount: true),
                 RevealedCount(component: indicator.denominatorComponent, value: denominator, isChildCount: true)]
            case .average(_, let count):
                [RevealedCount(component: indicator.denominatorComponent, value: count, isChildCount: true)]
            case .notApplicable, .notAvailable:
                []
            }
        }
    }
}

extension LinkageQualityRow {
    /// The counts each column reveals, as for measure rows: children, linked, and the complement.
    public func revealedCounts() -> [[RevealedCount]] {
        [children, linked, linkedPercent].enumerated().map { column, statistic in
            switch statistic {
            case .count(let n):
                [RevealedCount(component: column == 0 ? "children" : "linked", value: n, isChildCount: true)]
            case .percent(let numerator, let denominator):
                [RevealedCount(component: "linked", value: numerator, isChildCount: true),
                 RevealedCount(component: "children", value: denominator, isChildCount: true),
                 RevealedCount(component: "not_linked", value: denominator - numerator, isChildCount: true)]
            default:
                []
            }
        }
    }
}
