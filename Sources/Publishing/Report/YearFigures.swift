import CohortModel
import Disclosure
import Measures

/// A place below the release's area with rows of its own: a school in a local authority's release,
/// a local authority (old code) or a school in England's.
enum Place: Hashable {
    case localAuthority(Int)
    case school(Int)

    init?(of row: PublishedRow) {
        guard let place = row.urn.map(Place.school) ?? row.la.map(Place.localAuthority) else { return nil }
        self = place
    }
}

/// One academic year's published rows, indexed for the report's look-ups.
struct YearFigures {
    private struct Key: Hashable {
        var place: Place?
        var group: SocialCareGroup
        var topic: BreakdownTopic
        var category: String
    }

    let year: AcademicYear
    let referenceDate: Day
    /// The places the report lists one by one: local authorities in England's release, else schools.
    let places: [Place]
    /// Breakdown topics other than `Total` published for the whole area, in the tables' order.
    let topics: [BreakdownTopic]
    private let rows: [Key: PublishedRow]

    init(_ table: PublishedTable) {
        year = table.year
        referenceDate = table.referenceDate
        var rows: [Key: PublishedRow] = [:]
        rows.reserveCapacity(table.rows.count)
        for row in table.rows {
            rows[Key(place: Place(of: row), group: row.group, topic: row.topic, category: row.category)] = row
        }
        self.rows = rows
        let localAuthorities = Set(table.rows.filter { $0.urn == nil }.compactMap(\.la)).sorted().map(Place.localAuthority)
        places = localAuthorities.isEmpty ? Set(table.rows.compactMap(\.urn)).sorted().map(Place.school) : localAuthorities
        let present = Set(table.rows.filter(\.isWholeArea).map(\.topic))
        topics = BreakdownTopic.allCases.filter { $0 != .total && present.contains($0) }
    }

    /// The published value of a cell of the whole area (or of a place); nil when the tables have no
    /// such row.
    func value(_ indicator: Indicator, _ group: SocialCareGroup, topic: BreakdownTopic = .total, category: String = "Total",
               at place: Place? = nil) -> PublishedValue? {
        rows[Key(place: place, group: group, topic: topic, category: category)]?[indicator]
    }
}
