import CohortModel
import Testing
@testable import SyntheticData

@Suite struct SchoolsCSVTests {
    let la = Fixtures.small

    /// Windows-1252 → String (the bytes GIAS uses; 0x92 is ’).
    func decode(_ bytes: [UInt8]) -> String {
        String(bytes.map { $0 == 0x92 ? Character("\u{2019}") : Character(Unicode.Scalar($0)) })
    }

    @Test func encodedAsWindows1252() {
        #expect(la.schoolsCSV.contains { $0 >= 0x80 })
        #expect(String(validating: la.schoolsCSV, as: UTF8.self) == nil)
        let text = decode(la.schoolsCSV)
        #expect(text.contains("École"))
        #expect(SchoolsCSV.windows1252("St Mary\u{2019}s École") == [83, 116, 32, 77, 97, 114, 121, 0x92, 115, 32, 0xC9] + Array("cole".utf8))
    }

    @Test func headerAndCounts() {
        let csv = ParsedCSV(la.schoolsCSV.map { $0 < 0x80 ? $0 : UInt8(ascii: "?") })
        for column in ["URN", "LA (code)", "LA (name)", "EstablishmentNumber", "EstablishmentName", "TypeOfEstablishment (name)",
                       "EstablishmentStatus (name)", "PhaseOfEducation (name)", "StatutoryLowAge", "StatutoryHighAge",
                       "Postcode", "OpenDate", "CloseDate", "NumberOfPupils", "GOR (name)"] {
            #expect(csv.header.contains(column), "\(column)")
        }
        #expect(csv.header.count > 100)
        let laCode = csv.column("LA (code)"), phase = csv.column("PhaseOfEducation (name)"),
            status = csv.column("EstablishmentStatus (name)"), open = csv.column("OpenDate"), close = csv.column("CloseDate")
        let home = csv.rows.filter { $0[laCode] == "210" && $0[status] == "Open" }
        #expect(home.filter { $0[phase] == "Primary" }.count == 10)  // 80 per 40,000 pupils
        #expect(home.filter { $0[phase] == "Secondary" }.count == 3)
        let elsewhere = csv.rows.filter { $0[laCode] != "210" }
        #expect(elsewhere.count >= 40 && Set(elsewhere.map { $0[laCode] }).count >= 3)
        #expect(csv.rows.contains { $0[status] == "Closed" && !$0[close].isEmpty })
        for row in csv.rows {
            for date in [row[open], row[close]] where !date.isEmpty {
                #expect(date.count == 10 && Array(date)[2] == "-" && Day(parsing: date) != nil, "\(date)")
            }
        }
        #expect(Set(csv.rows.map { $0[csv.column("URN")] }).count == csv.rows.count)
    }

    @Test func everyPupilIsAtAnOpenSchoolOfTheLA() {
        let schools = ParsedCSV(la.schoolsCSV.map { $0 < 0x80 ? $0 : UInt8(ascii: "?") })
        let urn = schools.column("URN"), laCode = schools.column("LA (code)"), status = schools.column("EstablishmentStatus (name)")
        let open = Set(schools.rows.filter { $0[laCode] == "210" && $0[status] == "Open" }.map { $0[urn] })
        let education = Fixtures.smallEducation
        let column = education.column("URN")
        #expect(education.rows.allSatisfy { open.contains($0[column]) })
    }
}
