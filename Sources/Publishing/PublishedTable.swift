import CohortModel
import Disclosure
import Measures

/// The local authority a release is about, with its codes as EES needs them.
public struct Area: Sendable, Equatable, Codable {
    public var oldLACode: String
    public var newLACode: String
    public var laName: String
    public var regionCode: String
    public var regionName: String

    public init(oldLACode: String, newLACode: String, laName: String, regionCode: String, regionName: String) {
        self.oldLACode = oldLACode
        self.newLACode = newLACode
        self.laName = laName
        self.regionCode = regionCode
        self.regionName = regionName
    }
}

/// A row after disclosure control: symbols and rounded figures only.
public struct PublishedRow: Sendable, Equatable {
    public var level: GeographicLevel
    public var urn: Int?
    public var group: SocialCareGroup
    public var topic: BreakdownTopic
    public var category: String
    /// One value per `Indicator.allCases`.
    public var values: [PublishedValue]

    public subscript(indicator: Indicator) -> PublishedValue {
        values[Indicator.allCases.firstIndex(of: indicator)!]
    }
}

/// One academic year's published rows.
public struct PublishedTable: Sendable {
    public var year: AcademicYear
    public var referenceDate: Day
    public var rows: [PublishedRow]

    public init(year: AcademicYear, referenceDate: Day, rows: [PublishedRow]) {
        self.year = year
        self.referenceDate = referenceDate
        self.rows = rows
    }
}

extension PublishedTable {
    /// The table after primary suppression and rounding of every statistic.
    public init(_ table: MeasureTable, rules: DisclosureRules) {
        self.init(year: table.year, referenceDate: table.referenceDate, rows: table.rows.map { row in
            PublishedRow(level: row.level, urn: row.urn, group: row.group, topic: row.topic, category: row.category,
                         values: row.statistics.map(rules.publish))
        })
    }
}
