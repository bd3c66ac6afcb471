import CohortModel
import Disclosure
import Measures

/// One academic year's published rows, indexed for the report's look-ups.
struct YearFigures {
    private struct Key: Hashable {
        var urn: Int?
        var group: SocialCareGroup
        var topic: BreakdownTopic
        var category: String
    }

    let year: AcademicYear
    let referenceDate: Day
    /// Schools with rows this year, by URN.
    let schools: [Int]
    /// Breakdown topics other than `Total` published at local authority level, in the tables' order.
    let topics: [BreakdownTopic]
    private let rows: [Key: PublishedRow]

    init(_ table: PublishedTable) {
        year = table.year
        referenceDate = table.referenceDate
        var rows: [Key: PublishedRow] = [:]
        for row in table.rows {
            rows[Key(urn: row.level == .school ? row.urn : nil, group: row.group, topic: row.topic, category: row.category)] = row
        }
        self.rows = rows
        schools = Set(table.rows.filter { $0.level == .school }.compactMap(\.urn)).sorted()
        let present = Set(table.rows.filter { $0.level == .localAuthority }.map(\.topic))
        topics = BreakdownTopic.allCases.filter { $0 != .total && present.contains($0) }
    }

    /// The published value of a local authority cell (or a school's, given its URN); nil when the
    /// tables have no such row.
    func value(_ indicator: Indicator, _ group: SocialCareGroup, topic: BreakdownTopic = .total, category: String = "Total",
               school urn: Int? = nil) -> PublishedValue? {
        rows[Key(urn: urn, group: group, topic: topic, category: category)]?[indicator]
    }
}
