import CohortModel
import Disclosure
import Measures

/// The Explore Education Statistics tidy-data file and its metadata.
public enum TidyData {
    public static let geographyColumns = [
        "time_period", "time_identifier", "geographic_level", "country_code", "country_name", "region_code", "region_name",
        "old_la_code", "new_la_code", "la_name", "school_urn", "school_name",
    ]
    public static let filterColumns = ["social_care_group", "breakdown_topic", "breakdown"]

    public static var header: [String] { geographyColumns + filterColumns + Indicator.allCases.map(\.column) }

    /// `cohort_measures.csv`: one row per year, geography, group and breakdown category. In England's
    /// release, `localAuthorities` names the local authority of each LA's and school's row.
    public static func csv(_ tables: [PublishedTable], area: Area, localAuthorities: [Int: Area] = [:],
                           schoolNames: [Int: String]) -> [UInt8] {
        var writer = CSVWriter(header: header)
        for table in tables.sorted(by: { $0.year < $1.year }) {
            for row in table.rows {
                let school = row.urn.map { (String($0), schoolNames[$0] ?? "") } ?? ("", "")
                let geography = row.la.map { localAuthorities[$0] ?? Area(oldLACode: String($0), newLACode: "", laName: "", regionCode: "", regionName: "") }
                    ?? area
                writer.row([table.year.timePeriod, "Academic year", row.level.rawValue] + geography.eesColumns + [
                    school.0, school.1, row.group.label, row.topic.rawValue, row.category,
                ] + row.values.map(\.description))
            }
        }
        return writer.bytes
    }

    /// `cohort_measures.meta.csv`: every filter and indicator column described.
    public static func metadata() -> [UInt8] {
        var writer = CSVWriter(header: [
            "col_name", "col_type", "label", "indicator_grouping", "indicator_unit", "indicator_dp", "filter_hint", "filter_grouping_column",
        ])
        writer.row(["social_care_group", "Filter", "Social care group", "", "", "",
                    "Status at the reference date (31 March unless stated); each child once, CLA > CPP > CINP", ""])
        writer.row(["breakdown_topic", "Filter", "Breakdown topic", "", "", "", "How the group is split", ""])
        writer.row(["breakdown", "Filter", "Breakdown", "", "", "", "Category within the breakdown topic", "breakdown_topic"])
        for indicator in Indicator.allCases {
            writer.row([indicator.column, "Indicator", indicator.label, indicator.grouping, indicator.unit, String(indicator.decimals), "", ""])
        }
        return writer.bytes
    }
}
