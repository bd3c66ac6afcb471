import CohortModel
import Disclosure
import Extracts
import Measures
@testable import Publishing

/// A small made-up local authority put through the real measures and disclosure rules, with
/// every breakdown and school-level rows: the tables the pipeline publishes once those are
/// switched on. Deterministic, so failures reproduce.
enum SyntheticRelease {
    static let area = Area(oldLACode: "210", newLACode: "E09000028", laName: "Southwark", regionCode: "E12000007", regionName: "London")
    static let rules = DisclosureRules()
    static let everything = MeasureOptions(topics: BreakdownTopic.allCases, schoolLevel: true)
    /// Names that need quoting in CSV and escaping in HTML.
    static let schoolNames: [Int: String] = [
        100_001: "St Mary's, Camberwell", 100_002: "The \"Bridge\" Academy", 100_003: "Peckham Rye Primary School",
        100_004: "Dulwich & Herne Hill School", 100_005: "Bermondsey <Free> School",
    ]

    static func tables(years: Int = 2, options: MeasureOptions = everything) -> [PublishedTable] {
        (0..<years).map { PublishedTable(cohort(AcademicYear(startYear: 2023 + $0)).measures(options), rules: rules) }
    }

    static func reportInput(years: Int = 2, options: MeasureOptions = everything) -> ReportInput {
        let latest = cohort(AcademicYear(startYear: 2023 + years - 1))
        let linked = latest.children.enumerated().map { i, child in
            LinkedChild(group: child.group, sex: child.sex, ethnicity: child.ethnicity, age: 4 + i % 14,
                        method: i % 7 == 0 ? nil : i % 3 == 0 ? "Probabilistic" : "UPN")
        }
        return ReportInput(tables: tables(years: years, options: options), area: area, schoolNames: schoolNames,
                           linkageQuality: linkageQuality(linked, methods: ["UPN", "Probabilistic"]).map { PublishedLinkageQualityRow($0, rules: rules) },
                           provenance: ReportProvenance(keyID: "0123456789abcdef", tool: "CohortLink", version: cohortLinkVersion, rules: rules))
    }

    /// 1,500 pupils in five schools; about one in ten has a social worker and misses more school.
    static func cohort(_ year: AcademicYear) -> CohortYear {
        var random = SplitMix64(state: UInt64(year.startYear))
        var enrolments: [Enrolment] = [], status: [PupilStatus] = [], sexes: [Sex] = [], ethnicities: [EthnicityGroup] = []
        var children: [ChildStatus] = []
        for pupil in Int32(0)..<1_500 {
            let draw = random.below(100)
            let group: SocialCareGroup? = draw < 5 ? .childInNeedPlan : draw < 8 ? .childProtectionPlan : draw < 10 ? .lookedAfter : nil
            var e = Enrolment(pupil: pupil, row: pupil + 1)
            e.year = year
            e.urn = 100_001 + Int(pupil % 5)
            e.ncYear = random.below(50) == 0 ? nil : NCYear(Int8(random.below(14)))
            e.fsmEligible = random.below(group == nil ? 4 : 2) == 0
            e.sen = [SENProvision.ehcPlan, .senSupport, .none, .none, .none, .none, .none, .none][random.below(8)]
            e.sessionsPossible = 300
            e.sessionsAuthorised = Int32(random.below(group == nil ? 25 : 60))
            e.sessionsUnauthorised = Int32(random.below(group == nil ? 10 : 40))
            e.suspensions = Int32(random.below(group == nil ? 30 : 6) == 0 ? 1 : 0)
            if e.ncYear?.value == 11 {
                e.attainment8 = Double(group == nil ? 30 + random.below(50) : 10 + random.below(40))
                e.englishMaths95 = e.attainment8! > 50
            }
            enrolments.append(e)
            sexes.append(random.below(2) == 0 ? .female : .male)
            ethnicities.append(EthnicityGroup.allCases[random.below(EthnicityGroup.allCases.count)])
            status.append(group.map(PupilStatus.socialCare) ?? (random.below(60) == 0 ? .linkedWithoutOpenEpisode : .notLinked))
            if let group { children.append(ChildStatus(group: group, sex: sexes.last!, ethnicity: ethnicities.last!)) }
        }
        // Children not found on roll: out-of-borough schools, or missed by the linkage.
        for i in 0..<60 {
            children.append(ChildStatus(group: [.childInNeedPlan, .childProtectionPlan, .lookedAfter, nil][i % 4], sex: .female, ethnicity: .black))
        }
        return CohortYear(year: year, referenceDate: year.referenceDate, enrolments: enrolments, pupilStatus: status,
                          pupilSex: sexes, pupilEthnicity: ethnicities, children: children)
    }
}

/// A CSV file's rows by column name, read by the project's own RFC 4180 reader.
func csvRecords(_ bytes: [UInt8]) throws -> (header: [String], rows: [[String: String]]) {
    let document = try CSVDocument(fileName: "release", bytes: bytes)
    var rows: [[String: String]] = []
    try document.forEachRow { row in rows.append(Dictionary(uniqueKeysWithValues: document.header.enumerated().map { ($1, row[$0]) })) }
    return (document.header, rows)
}
