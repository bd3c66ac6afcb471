import CohortModel
import Extracts
import Foundation
import ReferenceData
import Testing
@testable import SyntheticData

/// `generate --scale national`: England's pupils spread over every LA, each LA with its own
/// schools, and a social care extract in which some children were known to two LAs.
@Suite struct EnglandTests {
    static let config: SyntheticConfig = {
        var config = Fixtures.config(pupils: 20_000, seed: 13)
        config.coverage = .england
        config.socialCareChildren = 3_000
        config.years = 1
        return config
    }()
    static let england = SyntheticLA.generate(config)
    static let socialCare = ParsedCSV(england.socialCareCSV)
    static let education = ParsedCSV(england.educationCSV)
    static let schools: [Extracts.School] = {
        let read = try! Extracts.SchoolRegister.read(CSVDocument(fileName: "schools.csv", bytes: england.schoolsCSV))
        precondition(read.skippedRows == 0, "schools.csv has rows its reader skips")
        return read.records
    }()

    @Test func everyLAHasItsOwnSchoolsNumberedUnderItsCode() throws {
        let open = Self.schools.filter { $0.status == "Open" }
        let byLA = Dictionary(grouping: open, by: \.laCode)
        #expect(Set(byLA.keys) == Set(LocalAuthorities.all.map(\.oldCode)))
        for (code, schools) in byLA {
            #expect(Set(schools.map(\.phase)).isSuperset(of: ["Primary", "Secondary"]), "LA \(code)")
            #expect(schools.allSatisfy { $0.laName == LocalAuthorities.withOldCode(code)?.name }, "LA \(code)")
        }
        // LAEstab is the LA's code and a four-digit establishment number, unique among open schools.
        let laEstabs = try open.map { try #require($0.laEstab) }
        #expect(laEstabs.allSatisfy { (1000...9999).contains($0 % 10_000) })
        #expect(Set(laEstabs).count == open.count)
        #expect(Set(Self.schools.map(\.urn)).count == Self.schools.count)
    }

    @Test func pupilsGoToSchoolInTheirOwnLAAndSomeInANeighbouringOne() {
        let laOfSchool = Dictionary(uniqueKeysWithValues: Self.schools.map { ($0.urn, $0.laCode) })
        let upn = Self.education.column("UPN"), urn = Self.education.column("URN"), status = Self.education.column("EnrolStatus")
        let registrations = Self.education.rows.filter { $0[status] != "S" }
        #expect(registrations.count == 20_000)
        #expect(Set(registrations.map { $0[upn] }).count == registrations.count, "UPNs repeat across LAs")
        // All but the tiniest LAs (a few pupils at this size) have pupils.
        #expect(Set(registrations.map { laOfSchool[Int($0[urn])!]! }).count >= LocalAuthorities.all.count - 2)
        // A UPN carries the LA that issued it: the pupil's own, unless they moved in from elsewhere.
        // At a school of another LA, the two differ for a pupil who crossed the border.
        let sameLA = registrations.filter { Int($0[upn].dropFirst().prefix(3)) == laOfSchool[Int($0[urn])!] }.count
        let share = Double(sameLA) / Double(registrations.count)
        #expect(share > 0.7 && share < 0.95, "share at school in the LA that issued their UPN: \(share)")
    }

    @Test func someChildrensEarlierEpisodesWereRecordedByAnotherLA() {
        let csv = Self.socialCare
        #expect(csv.header == SocialCareCSV.nationalHeader)
        let id = csv.column("LAchildID"), la = csv.column("LA"), start = csv.column("StartDate"), end = csv.column("EndDate")
        let codes = Set(LocalAuthorities.all.map { String($0.oldCode) })
        #expect(csv.rows.allSatisfy { codes.contains($0[la]) })
        let byChild = Dictionary(grouping: csv.rows, by: { $0[id] })
        #expect(byChild.count == 3_000, "LAchildIDs repeat across LAs")
        #expect(Set(csv.rows.map { $0[la] }).count > 140)
        let movedIn = byChild.values.filter { Set($0.map { $0[la] }).count > 1 }
        #expect(movedIn.count > 30 && movedIn.count < 300, "\(movedIn.count) children known to two LAs")
        for episodes in movedIn {
            #expect(Set(episodes.map { $0[la] }).count == 2)
            // The LA that recorded the latest episode is the child's; the other's episodes closed before it.
            let latest = episodes.max { Day(parsing: $0[start])! < Day(parsing: $1[start])! }!
            for episode in episodes where episode[la] != latest[la] {
                #expect(Day(parsing: episode[end])! < Day(parsing: latest[start])!)
            }
        }
    }

    @Test func truthLinksJoinTheFirstRowsOfTheSameChild() {
        let links = ParsedCSV(Self.england.truthLinksCSV).rows.map { (Int($0[0])!, Int($0[1])!) }
        #expect(links.count == Self.england.summary.links)
        #expect(links.map(\.0) == links.map(\.0).sorted() && Set(links.map(\.1)).count == links.count)
        let sc = Self.socialCare, ed = Self.education
        let id = sc.column("LAchildID"), sDOB = sc.column("PersonBirthDate"), sSurname = sc.column("Surname")
        let eDOB = ed.column("DOB"), eSurname = ed.column("Surname")
        var sameDOB = 0, sameSurname = 0
        for (s, e) in links {
            if s > 1 { #expect(sc.rows[s - 2][id] != sc.rows[s - 1][id]) }
            if Day(parsing: sc.rows[s - 1][sDOB]) == Day(parsing: ed.rows[e - 1][eDOB]) { sameDOB += 1 }
            if sc.rows[s - 1][sSurname].lowercased() == ed.rows[e - 1][eSurname].lowercased() { sameSurname += 1 }
        }
        #expect(Double(sameDOB) / Double(links.count) > 0.94)
        #expect(Double(sameSurname) / Double(links.count) > 0.8)
        let share = Double(links.count) / 3_000
        #expect(share > 0.65 && share < 0.9, "share of children on roll: \(share)")
    }

    @Test func truthMeasuresAreEnglands() {
        let measures = ParsedCSV(Self.england.truthMeasuresCSV)
        let group = measures.column("social_care_group"), headcount = measures.column("headcount")
        let allPupils = measures.rows.first { $0[group] == SocialCareGroup.allPupils.label }
        #expect(allPupils?[headcount] == "20000")
    }

    @Test func theReadersTakeEveryRow() throws {
        let england = Self.england
        let social = try SocialCareExtract.read(CSVDocument(fileName: "social_care.csv", bytes: england.socialCareCSV))
        #expect(social.skippedRows == 0 && social.rowCount == england.summary.socialCareRows)
        let education = try EducationExtract.read(CSVDocument(fileName: "education.csv", bytes: england.educationCSV))
        #expect(education.skippedRows == 0 && education.rowCount == england.summary.educationRows)
        // One CIN census for England names no LA, so it combines with any other return.
        let statutory = try england.statutorySocialCare()
        let cin = try CINCensus.read(MemoryByteSource(statutory.cinCensusXML), fileName: "social_care_cin.xml")
        #expect(cin.header.laCode == nil && !cin.source.result.rejects.contains { $0.action == .rowSkipped })
        #expect(Set(cin.source.children.map(\.childID)).count == 3_000)
    }

    @Test func laSizesAreUnequalAndAddUp() {
        let sizes = EnglandSizes(pupils: 9_000_000, children: 1_600_000, seed: 13)
        #expect(sizes.pupils.reduce(0, +) == 9_000_000 && sizes.children.reduce(0, +) == 1_600_000)
        let sorted = sizes.pupils.sorted()
        #expect(sorted.last! >= 4 * sorted[sorted.count / 2], "the largest LA is several times the median")
        #expect(sorted[2] > 10 * sorted[1], "only the City of London and the Isles of Scilly are tiny")
        // Schools follow pupils: the largest LA's register is the largest.
        let largest = sizes.pupils.firstIndex(of: sorted.last!)!, median = sizes.pupils.firstIndex(of: sorted[sorted.count / 2])!
        func schools(_ i: Int) -> Int {
            SchoolRegister(pupils: sizes.pupils[i], geography: Geography(laCode: sizes.authorities[i].oldCode),
                           names: NamePools.shared, seed: sizes.seeds[i], latestYear: AcademicYear(startYear: 2024)).schools.count
        }
        #expect(schools(largest) > 3 * schools(median))
    }

    @Test func sameSeedSameBytesOtherSeedOtherLASizes() {
        let again = SyntheticLA.generate(Self.config)
        #expect(again.educationCSV == Self.england.educationCSV)
        #expect(again.socialCareCSV == Self.england.socialCareCSV)
        #expect(again.schoolsCSV == Self.england.schoolsCSV)
        #expect(again.truthLinksCSV == Self.england.truthLinksCSV)
        #expect(again.truthMeasuresCSV == Self.england.truthMeasuresCSV)
        #expect(EnglandSizes(pupils: 20_000, children: 3_000, seed: 13).pupils != EnglandSizes(pupils: 20_000, children: 3_000, seed: 14).pupils)
    }
}
