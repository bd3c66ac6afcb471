import CohortModel
import Disclosure
@testable import Measures
import Testing

/// A small cohort built by hand, where every figure can be worked out on paper.
private func enrolment(_ pupil: Int32, possible: Int32 = 300, missed: Int32 = 0, suspensions: Int32 = 0, fsm: Bool = false,
                       sen: SENProvision = .none, year: Int8 = 8, att8: Double? = nil, em95: Bool? = nil,
                       status: EnrolStatus = .current, urn: Int = 100_001) -> Enrolment {
    var e = Enrolment(pupil: pupil, row: pupil + 1)
    e.urn = urn
    e.sessionsPossible = possible
    e.sessionsAuthorised = missed / 2
    e.sessionsUnauthorised = missed - missed / 2
    e.suspensions = suspensions
    e.fsmEligible = fsm
    e.sen = sen
    e.ncYear = NCYear(year)
    e.attainment8 = att8
    e.englishMaths95 = em95
    e.enrolStatus = status
    return e
}

@Suite struct MeasuresTests {
    let year = AcademicYear(startYear: 2023)

    private func cohort(_ enrolments: [Enrolment], status: [PupilStatus], children: [ChildStatus]) -> CohortYear {
        CohortYear(year: year, referenceDate: year.referenceDate, enrolments: enrolments, pupilStatus: status,
                   pupilSex: status.map { _ in .female }, pupilEthnicity: status.map { _ in .white }, children: children)
    }

    @Test func groupsFollowTheHierarchyAtTheReferenceDate() {
        let ref = year.referenceDate
        let cin = Episode(child: 0, category: .childInNeedPlan, start: Day(year: 2023, month: 1, day: 1)!, end: nil)
        let cla = Episode(child: 0, category: .lookedAfter, start: Day(year: 2023, month: 6, day: 1)!, end: nil)
        let closedCPP = Episode(child: 0, category: .childProtectionPlan, start: Day(year: 2022, month: 1, day: 1)!, end: ref)
        #expect(ChildStatus.group(of: [cin, cla, closedCPP], on: ref) == .lookedAfter)
        #expect(ChildStatus.group(of: [cin, closedCPP], on: ref) == .childInNeedPlan)
        #expect(ChildStatus.group(of: [closedCPP], on: ref) == nil)
    }

    @Test func indicatorsWorkedOutOnPaper() {
        // Pupils 0–6 looked after; 7–19 not linked.
        var enrolments: [Enrolment] = []
        for p in Int32(0)..<7 {
            enrolments.append(enrolment(p, missed: p < 4 ? 60 : 10, suspensions: p < 3 ? 2 : 0, fsm: true,
                                        sen: p == 0 ? .ehcPlan : .senSupport, year: 11, att8: 20, em95: p == 0))
        }
        for p in Int32(7)..<20 { enrolments.append(enrolment(p, missed: 3, year: 11, att8: 50, em95: true)) }
        let status = (0..<20).map { $0 < 7 ? PupilStatus.socialCare(.lookedAfter) : .notLinked }
        let children = (0..<9).map { _ in ChildStatus(group: .lookedAfter, sex: .female, ethnicity: .white) }
        let table = cohort(enrolments, status: status, children: children).measures()
        let cla = table.rows.first { $0.group == .lookedAfter }!
        #expect(cla[.headcount] == .count(7))
        #expect(cla[.socialCareChildren] == .count(9))
        #expect(cla[.linkedPercent] == .percent(numerator: 7, denominator: 9))
        let missed: Double = 4 * 60 + 3 * 10, possible: Double = 7 * 300
        #expect(cla[.overallAbsencePercent] == .ratio(numerator: missed, denominator: possible, children: 7))
        #expect(cla[.persistentAbsencePercent] == .percent(numerator: 4, denominator: 7))
        #expect(cla[.suspensionRate] == .eventRate(events: 6, childrenWithEvents: 3, denominator: 7))
        #expect(cla[.ehcpPercent] == .percent(numerator: 1, denominator: 7))
        #expect(cla[.senSupportPercent] == .percent(numerator: 6, denominator: 7))
        #expect(cla[.fsmAndSenPercent] == .percent(numerator: 7, denominator: 7))
        #expect(cla[.attainment8Average] == .average(sum: 140, count: 7))
        let any = table.rows.first { $0.group == .anySocialWorker }!
        #expect(any.statistics == cla.statistics)
        let none = table.rows.first { $0.group == .noSocialWorker }!
        #expect(none[.headcount] == .count(13) && none[.socialCareChildren] == .notApplicable)
        #expect(none[.persistentAbsencePercent] == .percent(numerator: 0, denominator: 13))
        let all = table.rows.first { $0.group == .allPupils }!
        #expect(all[.headcount] == .count(20) && all[.ks4Pupils] == .count(20))
        #expect(table.rows.first { $0.group == .childInNeedPlan }![.headcount] == .count(0))
    }

    @Test func dualRegistrationCountsOnceWithSessionsAdded() {
        let enrolments = [
            enrolment(0, possible: 200, missed: 10, status: .mainDual, urn: 1),
            enrolment(0, possible: 100, missed: 30, status: .subsidiaryDual, urn: 2),
        ]
        let table = cohort(enrolments, status: [.notLinked], children: []).measures(MeasureOptions(schoolLevel: true))
        let all = table.rows.first { $0.group == .allPupils && $0.level == .localAuthority }!
        #expect(all[.headcount] == .count(1))
        #expect(all[.persistentAbsencePercent] == .percent(numerator: 1, denominator: 1))
        #expect(table.rows.filter { $0.level == .school }.map(\.urn) == Array(repeating: 1, count: 6))
    }

    /// England's table: England's rows with the breakdowns, then each LA's totals (its schools'
    /// pupils), then each school's with its LA; social care children are counted for England only, and a school outside the register
    /// counts in England but in no LA.
    @Test func englandHasItsOwnRowsEachLocalAuthoritysAndEachSchools() {
        let urns = [1, 2, 3, 4]
        let enrolments = (Int32(0)..<40).map { enrolment($0, fsm: $0 % 4 == 0, urn: urns[Int($0) % 4]) }
        let status = (0..<40).map { $0 % 10 == 0 ? PupilStatus.socialCare(.childInNeedPlan) : .notLinked }
        let options = MeasureOptions(topics: [.total, .fsm], schoolLevel: true, localAuthorityOfSchool: [1: 208, 2: 208, 3: 201])
        let table = cohort(enrolments, status: status, children: Array(repeating: ChildStatus(group: .childInNeedPlan, sex: .female,
                                                                                            ethnicity: .white), count: 7))
            .measures(options)
        let headcount = { (level: GeographicLevel, la: Int?, urn: Int?, group: SocialCareGroup, category: String) in
            table.rows.first { $0.level == level && $0.la == la && $0.urn == urn && $0.group == group && $0.category == category }?[.headcount]
        }
        let levels = table.rows.map { GeographicLevel.allCases.firstIndex(of: $0.level)! }
        #expect(levels == levels.sorted())
        #expect(headcount(.national, nil, nil, .allPupils, "Total") == .count(40))
        #expect(headcount(.localAuthority, 208, nil, .allPupils, "Total") == .count(20))
        #expect(headcount(.localAuthority, 201, nil, .allPupils, "Total") == .count(10))
        #expect(headcount(.localAuthority, 208, nil, .childInNeedPlan, "Total") == .count(2))
        #expect(headcount(.national, nil, nil, .allPupils, BreakdownTopic.fsm.categories[0]) != nil)
        #expect(headcount(.localAuthority, 208, nil, .allPupils, BreakdownTopic.fsm.categories[0]) == nil, "LAs have totals only")
        #expect(headcount(.school, 208, 2, .allPupils, "Total") == .count(10))
        #expect(headcount(.school, nil, 4, .allPupils, "Total") == .count(10))
        let children = { (la: Int?) in
            table.rows.first { $0.la == la && $0.urn == nil && $0.group == .childInNeedPlan && $0.topic == .total }?[.socialCareChildren]
        }
        #expect(children(nil) == .count(7) && children(208) == .notAvailable)
        #expect(Set(table.rows.filter(\.isWholeArea).map(\.level)) == [.national])
    }

    /// The sums are made in slices on any thread and added up in slice order: the same table on one
    /// thread as on several, every pupil counted once.
    @Test func theTableIsTheSameWhateverTheThreads() {
        let enrolments = (Int32(0)..<500).map { (p: Int32) -> Enrolment in
            let att8: Double? = p % 12 == 11 ? 20 + Double(p % 50) / 10 : nil
            return enrolment(p, possible: 300, missed: p % 37, suspensions: p % 11 == 0 ? 1 : 0, fsm: p % 3 == 0, year: Int8(p % 12),
                             att8: att8, urn: 100_001 + Int(p % 7))
        }
        let status = (0..<500).map { (p: Int) -> PupilStatus in
            p % 9 == 0 ? .socialCare(.childInNeedPlan) : p % 13 == 0 ? .socialCare(.lookedAfter) : .notLinked
        }
        var laOfSchool: [Int: Int] = [:]
        for school in 0..<7 { laOfSchool[100_001 + school] = 201 + school % 2 }
        let options = MeasureOptions(topics: BreakdownTopic.allCases, schoolLevel: true, localAuthorityOfSchool: laOfSchool)
        let cohort = cohort(enrolments, status: status, children: [])
        let one = cohort.measures(options, threads: 1)
        #expect(cohort.measures(options, threads: 2) == one && cohort.measures(options, threads: 5) == one)
        let all = one.rows.first { $0.level == .national && $0.group == .allPupils && $0.topic == .total }!
        #expect(all[.headcount] == .count(500))
        var onRoll = 0
        for row in one.rows where row.level == .school && row.group == .allPupils {
            if case .count(let n) = row[.headcount] { onRoll += n }
        }
        #expect(onRoll == 500)
    }

    @Test func breakdownCategoriesPartitionTheTotal() {
        let enrolments = (Int32(0)..<30).map { enrolment($0, fsm: $0 % 3 == 0, sen: $0 % 5 == 0 ? .senSupport : .none, year: Int8($0 % 12)) }
        let table = cohort(enrolments, status: Array(repeating: .notLinked, count: 30), children: [])
            .measures(MeasureOptions(topics: BreakdownTopic.allCases))
        for topic in BreakdownTopic.allCases {
            let rows = table.rows.filter { $0.group == .allPupils && $0.topic == topic }
            #expect(rows.map(\.category) == topic.categories)
            let total = rows.reduce(0) { sum, row in if case .count(let n) = row[.headcount] { sum + n } else { sum } }
            #expect(total == 30, "\(topic)")
        }
    }
}
