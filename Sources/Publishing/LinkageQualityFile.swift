import CohortModel
import Disclosure
import Measures

/// `linkage_quality.csv`: link rates by method, group, sex, ethnicity and age, suppressed like
/// every other count of children.
public enum LinkageQualityFile {
    public static let header = TidyData.geographyColumns.filter { !$0.hasPrefix("school_") }
        + ["breakdown_topic", "breakdown", "social_care_children", "linked_children", "linked_percent"]

    public static func csv(_ rows: [PublishedLinkageQualityRow], year: AcademicYear, area: Area) -> [UInt8] {
        var writer = CSVWriter(header: header)
        for row in rows {
            writer.row([year.timePeriod, "Academic year", area.level.rawValue] + area.eesColumns + [row.topic, row.category]
                       + [row.children, row.linked, row.linkedPercent].map(\.description))
        }
        return writer.bytes
    }
}

/// One row of `linkage_quality.csv` as published: symbols and rounded figures only.
public struct PublishedLinkageQualityRow: Sendable, Equatable {
    public var topic: String
    public var category: String
    public var children: PublishedValue
    public var linked: PublishedValue
    public var linkedPercent: PublishedValue

    public init(topic: String, category: String, children: PublishedValue, linked: PublishedValue, linkedPercent: PublishedValue) {
        self.topic = topic
        self.category = category
        self.children = children
        self.linked = linked
        self.linkedPercent = linkedPercent
    }

    public init(_ row: LinkageQualityRow, rules: DisclosureRules) {
        topic = row.topic
        category = row.category
        children = rules.publish(row.children)
        linked = rules.publish(row.linked)
        linkedPercent = rules.publish(row.linkedPercent)
    }
}

/// How the release was made, for the report's last section: the key's identifier (never the
/// key), the tool, and the disclosure rules in force.
public struct ReportProvenance: Sendable, Equatable {
    public var keyID: String
    public var tool: String
    public var version: String
    public var rules: DisclosureRules

    public init(keyID: String, tool: String, version: String, rules: DisclosureRules) {
        self.keyID = keyID
        self.tool = tool
        self.version = version
        self.rules = rules
    }
}

