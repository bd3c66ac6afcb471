import CohortModel
import Disclosure
import Measures

/// `linkage_quality.csv`: link rates by method, group, sex, ethnicity and age, suppressed like
/// every other count of children.
public enum LinkageQualityFile {
    public static let header = TidyData.geographyColumns.filter { !$0.hasPrefix("school_") }
        + ["breakdown_topic", "breakdown", "social_care_children", "linked_children", "linked_percent"]

    public static func csv(_ rows: [LinkageQualityRow], year: AcademicYear, area: Area, rules: DisclosureRules) -> [UInt8] {
        var writer = CSVWriter(header: header)
        for row in rows {
            writer.row([year.timePeriod, "Academic year", GeographicLevel.localAuthority.rawValue, "E92000001", "England",
                        area.regionCode, area.regionName, area.oldLACode, area.newLACode, area.laName, row.topic, row.category]
                       + [row.children, row.linked, row.linkedPercent].map { rules.publish($0).description })
        }
        return writer.bytes
    }
}
