import CohortModel
import Testing
@testable import SyntheticData

@Suite struct EducationExtractTests {
    let csv = Fixtures.smallEducation

    @Test func headerIsTheContractHeader() {
        #expect(csv.header == EducationCSV.header)
        #expect(csv.rows.allSatisfy { $0.count == csv.header.count })
    }

    @Test func everyUPNIsValidAndAboutOnePercentHaveAFormerOne() {
        let upn = csv.column("UPN"), former = csv.column("FormerUPN")
        var pupils = Set<String>(), withFormer = Set<String>()
        for row in csv.rows {
            #expect(UPN.isValid(row[upn]), "\(row[upn])")
            pupils.insert(row[upn])
            if !row[former].isEmpty {
                #expect(UPN.isValid(row[former]))
                #expect(row[former] != row[upn])
                withFormer.insert(row[upn])
            }
        }
        let share = Double(withFormer.count) / Double(pupils.count)
        #expect(share > 0.004 && share < 0.02)
    }

    @Test func theLatestYearHoldsExactlyTheConfiguredPupils() {
        let upn = csv.column("UPN"), year = csv.column("AcademicYear"), status = csv.column("EnrolStatus")
        let latest = Set(csv.rows.filter { $0[year] == "2024/25" && $0[status] != "S" }.map { $0[upn] })
        #expect(latest.count == 5_000)
        let earlier = Set(csv.rows.filter { $0[year] == "2023/24" && $0[status] != "S" }.map { $0[upn] })
        #expect(earlier.count > 4_500 && earlier.count < 5_500)
        #expect(Set(csv.rows.map { $0[year] }) == ["2023/24", "2024/25"])
        #expect(Fixtures.small.summary.pupilsByYear.last == 5_000)
        #expect(Fixtures.small.summary.educationRows == csv.rows.count)
    }

    @Test func pupilsMoveUpOneYearAndSomeLeaveOrJoin() {
        let upn = csv.column("UPN"), year = csv.column("AcademicYear"), nc = csv.column("NCyearActual"),
            status = csv.column("EnrolStatus")
        var byYear: [String: [String: Int]] = ["2023/24": [:], "2024/25": [:]]
        for row in csv.rows where row[status] != "S" {
            let value = row[nc] == "R" ? 0 : Int(row[nc])!
            #expect((0...11).contains(value))
            byYear[row[year]]![row[upn]] = value
        }
        let before = byYear["2023/24"]!, after = byYear["2024/25"]!
        var stayed = 0
        for (pupil, value) in before {
            guard let next = after[pupil] else { continue }
            #expect(next == value + 1)
            stayed += 1
        }
        let leavers = before.count - stayed
        let year11 = before.values.filter { $0 == 11 }.count
        #expect(leavers > year11)  // year 11 finish, and some others leave
        #expect(after.count - stayed > after.values.filter { $0 == 0 }.count)  // reception starts, and some others join
    }

    @Test func attainmentOnlyForYear11MainRegistrations() {
        let nc = csv.column("NCyearActual"), att8 = csv.column("Attainment8"), em = csv.column("EnglishMaths95"),
            status = csv.column("EnrolStatus")
        var results = 0, year11 = 0
        for row in csv.rows {
            if row[nc] == "11" && row[status] != "S" { year11 += 1 }
            guard !row[att8].isEmpty else { #expect(row[em].isEmpty); continue }
            results += 1
            #expect(row[nc] == "11" && row[status] != "S")
            let score = Double(row[att8])!
            #expect(score >= 0 && score <= 90)
            #expect(row[em] == "0" || row[em] == "1")
        }
        #expect(Double(results) > 0.9 * Double(year11))
    }

    @Test func dualRegistrationsPairAMainAndASubsidiaryRow() {
        let upn = csv.column("UPN"), year = csv.column("AcademicYear"), status = csv.column("EnrolStatus"),
            urn = csv.column("URN"), possible = csv.column("SessionsPossible")
        var main: [String: String] = [:], subsidiary: [String: String] = [:]
        for row in csv.rows {
            let key = row[upn] + row[year]
            if row[status] == "M" { main[key] = row[urn] }
            if row[status] == "S" {
                subsidiary[key] = row[urn]
                #expect(Int(row[possible])! > 0)
            }
            #expect(["C", "M", "S"].contains(row[status]))
        }
        #expect(!subsidiary.isEmpty)
        #expect(Set(main.keys) == Set(subsidiary.keys))
        for (key, school) in subsidiary { #expect(main[key] != school) }
        let pupilYears = csv.rows.count - subsidiary.count
        let share = Double(subsidiary.count) / Double(pupilYears)
        #expect(share > 0.002 && share < 0.012)
    }

    @Test func aboutOnePercentOfPupilsAreTwins() {
        let upn = csv.column("UPN"), dob = csv.column("DOB"), surname = csv.column("Surname"),
            postcode = csv.column("Postcode"), forename = csv.column("Forename"), year = csv.column("AcademicYear")
        var households: [String: Set<String>] = [:]
        var forenames: [String: String] = [:]
        for row in csv.rows where row[year] == "2024/25" {
            households[row[dob] + "|" + row[surname] + "|" + row[postcode], default: []].insert(row[upn])
            forenames[row[upn]] = row[forename]
        }
        let twins = households.values.filter { $0.count >= 2 }
        let pupils = twins.reduce(0) { $0 + $1.count }
        let share = Double(pupils) / 5_000
        #expect(share > 0.005 && share < 0.02)
        for pair in twins { #expect(Set(pair.map { forenames[$0]! }).count == pair.count) }
    }

    @Test func sexAndCodesAreWellFormed() {
        let sex = csv.column("Sex"), fsm = csv.column("FSMeligible"), sen = csv.column("SENprovision"),
            ethnicity = csv.column("Ethnicity"), postcode = csv.column("Postcode")
        let codes = Set(Ethnicity.all.map(\.code))
        for row in csv.rows {
            #expect(row[sex] == "M" || row[sex] == "F")
            #expect(row[fsm] == "0" || row[fsm] == "1")
            #expect(["E", "K", "N"].contains(row[sen]))
            #expect(codes.contains(row[ethnicity]))
            #expect(row[postcode].hasPrefix("SE"))
        }
    }
}
