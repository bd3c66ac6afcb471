import Disclosure

/// A count of children (or of events) that a published statistic gives away, named by what it
/// counts so that the same count shared by several statistics is one cell.
public struct RevealedCount: Sendable, Equatable {
    public var component: String
    public var value: Int
    public var isChildCount: Bool
}

/// The names of the counts each indicator's statistic reveals, made once: every row of a release
/// names them again, and a name made per row was a string allocated per cell.
private struct Components {
    var column: String
    /// What a percentage counts: for the link rate, the headcount itself.
    var numerator: String
    /// The population a percentage is taken of.
    var denominator: String
    var complement: String
    var children: String

    /// One per `Indicator.allCases`, in that order.
    static let all = Indicator.allCases.map { indicator in
        let column = indicator.column
        let denominator = switch indicator {
        case .linkedPercent: Indicator.socialCareChildren.column
        case .persistentAbsencePercent, .severeAbsencePercent, .overallAbsencePercent: "pupils_with_sessions"
        case .englishMathsGrade5Percent, .attainment8Average: Indicator.ks4Pupils.column
        default: Indicator.headcount.column
        }
        return Components(column: column, numerator: indicator == .linkedPercent ? Indicator.headcount.column : column + ".numerator",
                          denominator: denominator, complement: column + ".complement", children: column + ".children")
    }
}

/// The counts a row's statistics reveal, statistic after statistic: those of statistic `i` are
/// `counts[starts[i] ..< starts[i + 1]]`. Two arrays per row, not one per statistic: a release's
/// 40,000 rows would otherwise allocate 800,000 small arrays.
public struct RevealedCounts: Sendable, Equatable {
    public var counts: [RevealedCount] = []
    public var starts: [Int] = [0]

    /// A count of the statistic being added; `close` ends it.
    mutating func append(_ next: RevealedCount) { counts.append(next) }

    /// Ends the statistic whose counts were appended since the last.
    mutating func close() { starts.append(counts.count) }
}

extension MeasureRow {
    /// For each indicator, the counts its statistic reveals: a count itself; a percentage's
    /// numerator, denominator and complement (rule 3: any of them small gives a child away); the
    /// children behind a ratio, an event rate or an average. Disclosure control works on these
    /// counts; a statistic is shown only when every count it reveals is.
    public func revealedCounts() -> RevealedCounts {
        var revealed = RevealedCounts()
        revealed.counts.reserveCapacity(2 * statistics.count)
        revealed.starts.reserveCapacity(statistics.count + 1)
        for (names, statistic) in zip(Components.all, statistics) {
            switch statistic {
            case .count(let n):
                revealed.append(RevealedCount(component: names.column, value: n, isChildCount: true))
            case .percent(let numerator, let denominator):
                revealed.append(RevealedCount(component: names.numerator, value: numerator, isChildCount: true))
                revealed.append(RevealedCount(component: names.denominator, value: denominator, isChildCount: true))
                revealed.append(RevealedCount(component: names.complement, value: denominator - numerator, isChildCount: true))
            case .ratio(_, _, let children):
                revealed.append(RevealedCount(component: names.denominator, value: children, isChildCount: true))
            case .eventRate(_, let childrenWithEvents, let denominator):
                revealed.append(RevealedCount(component: names.children, value: childrenWithEvents, isChildCount: true))
                revealed.append(RevealedCount(component: names.denominator, value: denominator, isChildCount: true))
            case .average(_, let count):
                revealed.append(RevealedCount(component: names.denominator, value: count, isChildCount: true))
            case .notApplicable, .notAvailable:
                break
            }
            revealed.close()
        }
        return revealed
    }
}

extension LinkageQualityRow {
    /// The counts each column reveals, as for measure rows: children, linked, and the complement.
    public func revealedCounts() -> RevealedCounts {
        var revealed = RevealedCounts()
        for (column, statistic) in [children, linked, linkedPercent].enumerated() {
            switch statistic {
            case .count(let n):
                revealed.append(RevealedCount(component: column == 0 ? "children" : "linked", value: n, isChildCount: true))
            case .percent(let numerator, let denominator):
                revealed.append(RevealedCount(component: "linked", value: numerator, isChildCount: true))
                revealed.append(RevealedCount(component: "children", value: denominator, isChildCount: true))
                revealed.append(RevealedCount(component: "not_linked", value: denominator - numerator, isChildCount: true))
            default:
                break
            }
            revealed.close()
        }
        return revealed
    }
}
