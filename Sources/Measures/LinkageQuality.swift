import CohortModel
import Disclosure

/// A social care child as linkage quality sees it: who the child is (aggregately) and whether,
/// and how, the child was found on roll.
public struct LinkedChild: Sendable {
    public var group: SocialCareGroup?
    public var sex: Sex
    public var ethnicity: EthnicityGroup
    /// Age in whole years at the reference date, when the year of birth is known.
    public var age: Int?
    /// The linkage method's name, or nil when the child was not linked.
    public var method: String?
    /// Where the school the social care record names is: `School.inTheLA`, another LA's name, or nil.
    public var schoolArea: String?

    public init(group: SocialCareGroup?, sex: Sex, ethnicity: EthnicityGroup, age: Int?, method: String?, schoolArea: String? = nil) {
        self.group = group
        self.sex = sex
        self.ethnicity = ethnicity
        self.age = age
        self.method = method
        self.schoolArea = schoolArea
    }

    /// The `schoolArea` of a school in the local authority itself.
    public static let inTheLA = "In the local authority"
}

/// One row of `linkage_quality.csv`: of the children in a category, how many were linked.
public struct LinkageQualityRow: Sendable, Equatable {
    public var topic: String
    public var category: String
    public var children: Statistic
    public var linked: Statistic
    public var linkedPercent: Statistic
}

/// Link rates by method, group, sex, ethnicity and age. Low rates for some groups bias every
/// measure (their children are missing from the headcounts), so they are published too.
public func linkageQuality(_ children: [LinkedChild], methods: [String]) -> [LinkageQualityRow] {
    // Each row counts its members where they are: filtered out into arrays, 16,700 children were
    // copied, strings retained, some forty times over.
    func row(_ topic: String, _ category: String, _ isMember: (LinkedChild) -> Bool = { _ in true }) -> LinkageQualityRow {
        var members = 0, linked = 0
        for i in children.indices where isMember(children[i]) {
            members += 1
            if children[i].method != nil { linked += 1 }
        }
        return LinkageQualityRow(topic: topic, category: category, children: .count(members), linked: .count(linked),
                                 linkedPercent: .percent(numerator: linked, denominator: members))
    }
    func methodRow(_ category: String, _ method: String?) -> LinkageQualityRow {
        let count = children.indices.count { children[$0].method == method }
        return LinkageQualityRow(topic: "Linkage method", category: category, children: .notApplicable, linked: .count(count),
                                 linkedPercent: .percent(numerator: count, denominator: children.count))
    }
    var rows = [row("Total", "Total")]
    for method in methods { rows.append(methodRow(method, method)) }
    rows.append(methodRow("Not linked", nil))
    for group in SocialCareGroup.socialCare + [nil] {
        rows.append(row("Social care group", group?.label ?? "No open episode at the reference date") { $0.group == group })
    }
    for sex in Sex.allCases { rows.append(row("Sex", sex.label) { $0.sex == sex }) }
    for ethnicity in EthnicityGroup.allCases {
        rows.append(row("Ethnicity (major group)", ethnicity.label) { $0.ethnicity == ethnicity })
    }
    // Children at schools in other LAs are not on this LA's roll: the gap is published by the LA
    // of the school, from the schools that social workers record.
    let areas = Set(children.compactMap(\.schoolArea)).subtracting([LinkedChild.inTheLA]).sorted()
    if children.contains(where: { $0.schoolArea != nil }) {
        for area in [LinkedChild.inTheLA] + areas {
            rows.append(row(schoolTopic, area == LinkedChild.inTheLA ? area : "Outside: \(area)") { $0.schoolArea == area })
        }
        rows.append(row(schoolTopic, "Not recorded or not resolved") { $0.schoolArea == nil })
    }
    for (label, ages) in ageBands {
        rows.append(row("Age at the reference date", label) { child in
            switch (child.age, ages) {
            case (nil, nil): true
            case (let age?, let range?): range.contains(age)
            default: false
            }
        })
    }
    return rows
}

let schoolTopic = "School named in the social care record"

/// School ages and the ages either side; nil stands for an unknown year of birth.
let ageBands: [(String, ClosedRange<Int>?)] = [
    ("Under 5", Int.min...4), ("5 to 10", 5...10), ("11 to 15", 11...15), ("16 and over", 16...Int.max), ("Not known", nil),
]
