import CohortModel
import Disclosure
import Measures

/// The area a release is about, with its codes as EES needs them: a local authority, or England.
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

    /// England's release, of every local authority.
    public static let england = Area(oldLACode: "", newLACode: "", laName: "England", regionCode: "", regionName: "")

    /// The level of the area's own rows.
    public var level: GeographicLevel { self == .england ? .national : .localAuthority }

    /// EES's country, region and local authority columns: the last five empty for England.
    var eesColumns: [String] {
        ["E92000001", "England"] + (self == .england ? Array(repeating: "", count: 5) : [regionCode, regionName, oldLACode, newLACode, laName])
    }
}

/// A row after disclosure control: symbols and rounded figures only.
public struct PublishedRow: Sendable, Equatable {
    public var level: GeographicLevel
    public var urn: Int?
    /// In England's release, the local authority of a local authority's row and of a school's.
    public var la: Int? = nil
    public var group: SocialCareGroup
    public var topic: BreakdownTopic
    public var category: String
    /// One value per `Indicator.allCases`.
    public var values: [PublishedValue]

    public subscript(indicator: Indicator) -> PublishedValue {
        values[Indicator.allCases.firstIndex(of: indicator)!]
    }

    /// A row about the release's whole area (see `MeasureRow.isWholeArea`).
    public var isWholeArea: Bool { urn == nil && la == nil }
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
            PublishedRow(level: row.level, urn: row.urn, la: row.la, group: row.group, topic: row.topic, category: row.category,
                         values: row.statistics.map(rules.publish))
        })
    }
}
