import CohortModel
import Disclosure
import Measures

/// Columns that set children with a social worker beside pupils with none, one pair per measure,
/// under a two-row header (`scope="colgroup"` above `scope="col"`), as the breakdown and school
/// tables show them.
struct ComparisonColumns {
    /// The measures a Virtual School Head looks at first.
    static let keyMeasures: [Indicator] = [.persistentAbsencePercent, .suspensionRate, .senSupportPercent, .attainment8Average]
    static let pair: [SocialCareGroup] = [.anySocialWorker, .noSocialWorker]

    let measures: [Indicator]

    /// `<colgroup>`s and the header's two rows, after `leading` single columns (spanning both rows).
    func header(leading: [String]) -> HTML {
        let leadingGroups: [HTML] = leading.map { _ in "<colgroup></colgroup>" }
        let measureGroups: [HTML] = measures.map { _ in "<colgroup span=\"2\"></colgroup>" }
        let leadingCells: [HTML] = leading.enumerated().map { i, title in
            "<th scope=\"col\" rowspan=\"2\"\(i > 0 ? " class=\"num\"" : "" as HTML)>\(title)</th>"
        }
        let measureCells: [HTML] = measures.map { "<th scope=\"colgroup\" colspan=\"2\">\($0.columnTitle)</th>" }
        let pairCells: [HTML] = measures.flatMap { _ in Self.pair.map { "<th scope=\"col\" class=\"num\">\($0.label)</th>" as HTML } }
        return """
            \(leadingGroups)\(measureGroups)<thead><tr>\(leadingCells)\(measureCells)</tr><tr>\(pairCells)</tr></thead>
            """
    }

    /// One row's cells, given how to look a value up.
    func cells(_ value: (Indicator, SocialCareGroup) -> PublishedValue?) -> HTML {
        let cells: [HTML] = measures.flatMap { indicator in
            Self.pair.map { "<td class=\"num\">\(value(indicator, $0).orNotAvailable.html)</td>" as HTML }
        }
        return "\(cells)"
    }
}

extension Indicator {
    /// A short column heading.
    var columnTitle: String {
        switch self {
        case .headcount: "Pupils"
        case .persistentAbsencePercent: "Persistent absence (%)"
        case .suspensionRate: "Suspensions per 100 pupils"
        case .senSupportPercent: "SEN support (%)"
        case .attainment8Average: "Average Attainment 8 score"
        default: label
        }
    }
}
