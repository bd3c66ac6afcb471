import CohortModel
import Testing
@testable import SyntheticData

@Suite struct TruthLinkTests {
    let la = Fixtures.medium
    let socialCare = Fixtures.mediumSocialCare
    let education: ParsedCSV
    let links: [(Int, Int)]

    init() {
        education = ParsedCSV(Fixtures.medium.educationCSV)
        links = ParsedCSV(Fixtures.medium.truthLinksCSV).rows.map { (Int($0[0])!, Int($0[1])!) }
    }

    @Test func linksPointAtFirstRowsOfOneChildEach() {
        #expect(ParsedCSV(la.truthLinksCSV).header == ["social_care_row", "education_row"])
        #expect(links.count == la.summary.links)
        #expect(Set(links.map(\.0)).count == links.count && Set(links.map(\.1)).count == links.count)
        let id = socialCare.column("LAchildID"), upn = education.column("UPN")
        for (s, e) in links {
            #expect(s >= 1 && s <= socialCare.rows.count && e >= 1 && e <= education.rows.count)
            if s > 1 { #expect(socialCare.rows[s - 2][id] != socialCare.rows[s - 1][id]) }
            let pupil = education.rows[e - 1][upn]
            #expect(!education.rows[..<(e - 1)].contains { $0[upn] == pupil })
        }
        // Most children with a social worker are on roll; the rest are under five, 16–17 or at
        // school in another LA.
        let share = Double(links.count) / Double(la.summary.socialCareChildren)
        #expect(share > 0.65 && share < 0.85)
    }

    @Test func linkedRowsShareTheTrueIdentityUnlessDeliberatelyPerturbed() {
        let sDOB = socialCare.column("PersonBirthDate"), eDOB = education.column("DOB")
        let sUPN = socialCare.column("UPN"), eUPN = education.column("UPN"), eFormer = education.column("FormerUPN")
        let sSurname = socialCare.column("Surname"), eSurname = education.column("Surname")
        var sameDOB = 0, sameSurname = 0, upnGiven = 0, upnWrong = 0
        for (s, e) in links {
            let sc = socialCare.rows[s - 1], ed = education.rows[e - 1]
            let truth = Day(parsing: ed[eDOB])!
            if let recorded = Day(parsing: sc[sDOB]) {
                if recorded == truth {
                    sameDOB += 1
                } else {
                    let (y, m, d) = truth.components, (ry, rm, rd) = recorded.components
                    let swapped = (ry, rm, rd) == (y, d, m)
                    #expect(swapped || abs(Int(recorded.number - truth.number)) == 1, "\(sc[sDOB]) vs \(ed[eDOB])")
                }
            }
            if sc[sSurname].lowercased() == ed[eSurname].lowercased() { sameSurname += 1 }
            let upn = UPN.normalised(sc[sUPN])
            if !UPN.isPlaceholder(upn) {
                upnGiven += 1
                if upn != ed[eUPN] && upn != ed[eFormer] { upnWrong += 1 }
            }
        }
        #expect(Double(sameDOB) / Double(links.count) > 0.94)
        #expect(Double(sameSurname) / Double(links.count) > 0.8)
        let wrong = Double(upnWrong) / Double(upnGiven)
        #expect(wrong > 0.025 && wrong < 0.09, "wrong UPN share \(wrong)")
    }
}

@Suite struct TruthMeasureTests {
    let la = Fixtures.medium
    let measures = ParsedCSV(Fixtures.medium.truthMeasuresCSV)

    func value(_ period: String, _ group: SocialCareGroup, _ column: String) -> Double? {
        let row = measures.rows.first { $0[0] == period && $0[1] == group.label }!
        return Double(row[measures.column(column)])
    }

    @Test func everyYearAndGroupIsPresentInOrder() {
        #expect(measures.header == TruthMeasures.header)
        #expect(measures.rows.count == 2 * SocialCareGroup.allCases.count)
        #expect(measures.rows.map { $0[1] } == (SocialCareGroup.allCases + SocialCareGroup.allCases).map(\.label))
        #expect(measures.rows.map { $0[0] } == Array(repeating: "202324", count: 6) + Array(repeating: "202425", count: 6))
        for row in measures.rows where row[1] == SocialCareGroup.allPupils.label || row[1] == SocialCareGroup.noSocialWorker.label {
            #expect(row[measures.column("social_care_children")].isEmpty)
        }
        #expect(value("202425", .allPupils, "headcount") == 20_000)
    }

    @Test func theGapsAreThoseOfChildrenWithASocialWorker() throws {
        let p = "202425"
        let all = try #require(value(p, .allPupils, "persistent_absence_percent"))
        let any = try #require(value(p, .anySocialWorker, "persistent_absence_percent"))
        let none = try #require(value(p, .noSocialWorker, "persistent_absence_percent"))
        #expect(all > 15 && all < 22)
        #expect(any > 42 && any < 58)
        #expect(any / none > 2.5 && any / none < 3.5)
        let att8Any = try #require(value(p, .anySocialWorker, "attainment8_average"))
        let att8None = try #require(value(p, .noSocialWorker, "attainment8_average"))
        #expect(att8None > 45 && att8None < 53)
        #expect(att8Any > 14 && att8Any < 30)
        for column in ["suspension_rate", "fsm_percent", "sen_support_percent", "ehcp_percent", "overall_absence_percent"] {
            #expect(try #require(value(p, .anySocialWorker, column)) > 1.5 * (try #require(value(p, .noSocialWorker, column))), "\(column)")
        }
        #expect(try #require(value(p, .lookedAfter, "overall_absence_percent")) < (try #require(value(p, .childInNeedPlan, "overall_absence_percent"))))
    }

    @Test func groupsAddUpAndMatchTheExtracts() throws {
        for p in ["202324", "202425"] {
            let parts = try SocialCareGroup.socialCare.map { try #require(value(p, $0, "headcount")) }
            #expect(parts.reduce(0, +) == value(p, .anySocialWorker, "headcount"))
            let children = try SocialCareGroup.socialCare.map { try #require(value(p, $0, "social_care_children")) }
            #expect(children.reduce(0, +) == value(p, .anySocialWorker, "social_care_children"))
            let all = try #require(value(p, .allPupils, "headcount"))
            #expect(try #require(value(p, .noSocialWorker, "headcount")) + parts.reduce(0, +) <= all)
        }
        let groups = la.summary.latestGroups
        for (i, group) in SocialCareGroup.socialCare.enumerated() {
            #expect(value("202425", group, "social_care_children") == Double(groups[i]))
        }
    }

    /// Recomputes All pupils from education.csv alone (dual registrations counted once, sessions
    /// summed) and checks the truth file agrees to its six decimals.
    @Test func allPupilsAgreeWithTheEducationExtract() throws {
        let csv = ParsedCSV(la.educationCSV)
        let upn = csv.column("UPN"), year = csv.column("AcademicYear"), status = csv.column("EnrolStatus")
        let possible = csv.column("SessionsPossible"), auth = csv.column("SessionsAuthorisedAbsence"),
            unauth = csv.column("SessionsUnauthorisedAbsence"), suspensions = csv.column("Suspensions"),
            fsm = csv.column("FSMeligible"), att8 = csv.column("Attainment8")
        var sessions: [String: (Int, Int)] = [:]
        var heads = 0, susp = 0, fsmCount = 0, ks4 = 0, att8Sum = 0.0
        for row in csv.rows where row[year] == "2024/25" {
            let key = row[upn]
            let s = sessions[key] ?? (0, 0)
            sessions[key] = (s.0 + Int(row[possible])!, s.1 + Int(row[auth])! + Int(row[unauth])!)
            susp += Int(row[suspensions])!
            guard row[status] != "S" else { continue }
            heads += 1
            if row[fsm] == "1" { fsmCount += 1 }
            if !row[att8].isEmpty { ks4 += 1; att8Sum += Double(row[att8])! }
        }
        let withSessions = sessions.values.filter { $0.0 > 0 }
        let persistent = withSessions.filter { $0.1 * 10 >= $0.0 }.count
        let totalPossible = withSessions.reduce(0) { $0 + $1.0 }, totalAbsent = withSessions.reduce(0) { $0 + $1.1 }
        func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) < 5e-6 } ?? false }
        #expect(value("202425", .allPupils, "headcount") == Double(heads))
        #expect(close(value("202425", .allPupils, "overall_absence_percent"), Double(totalAbsent) * 100 / Double(totalPossible)))
        #expect(close(value("202425", .allPupils, "persistent_absence_percent"), Double(persistent) * 100 / Double(withSessions.count)))
        #expect(close(value("202425", .allPupils, "suspension_rate"), Double(susp) * 100 / Double(heads)))
        #expect(close(value("202425", .allPupils, "fsm_percent"), Double(fsmCount) * 100 / Double(heads)))
        #expect(value("202425", .allPupils, "ks4_pupils") == Double(ks4))
        #expect(close(value("202425", .allPupils, "attainment8_average"), att8Sum / Double(ks4)))
    }
}
