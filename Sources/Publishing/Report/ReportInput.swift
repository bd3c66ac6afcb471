import Disclosure
import Measures

/// Everything the report is made from, and nothing more: published tables, public names and
/// codes, and facts about the release. No unrounded statistic can be stored here, so the report
/// can never show more than the published files.
public struct ReportInput: Sendable {
    /// Every academic year of the release (the order does not matter).
    public var tables: [PublishedTable]
    public var area: Area
    /// Names from the public school register, by URN.
    public var schoolNames: [Int: String]
    /// In England's release, each local authority with rows, by old LA code.
    public var localAuthorities: [Int: Area]
    /// The rows of `linkage_quality.csv`, after disclosure control.
    public var linkageQuality: [PublishedLinkageQualityRow]
    public var provenance: ReportProvenance

    public init(tables: [PublishedTable], area: Area, localAuthorities: [Int: Area] = [:], schoolNames: [Int: String],
                linkageQuality: [PublishedLinkageQualityRow], provenance: ReportProvenance) {
        self.tables = tables
        self.area = area
        self.localAuthorities = localAuthorities
        self.schoolNames = schoolNames
        self.linkageQuality = linkageQuality
        self.provenance = provenance
    }

    /// The input of a release, with the provenance taken from its manifest.
    public init(tables: [PublishedTable], area: Area, localAuthorities: [Int: Area] = [:], schoolNames: [Int: String],
                linkageQuality: [PublishedLinkageQualityRow], rules: DisclosureRules, manifest: Manifest) {
        self.init(tables: tables, area: area, localAuthorities: localAuthorities, schoolNames: schoolNames, linkageQuality: linkageQuality,
                  provenance: ReportProvenance(keyID: manifest.keyID, tool: manifest.tool, version: manifest.version, rules: rules))
    }
}
