import CohortModel
import Extracts
import Testing

@Suite struct SocialCareSourceTests {
    private func flat(_ name: String, _ rows: [String]) throws -> SocialCareSource {
        let text = "LAchildID,UPN,Forename,Surname,PersonBirthDate,Sex,Postcode,Category,StartDate,EndDate\n" + rows.joined(separator: "\n")
        return SocialCareSource(flat: try SocialCareExtract.read(CSVDocument(fileName: name, bytes: Array(text.utf8))))
    }

    @Test func childrenAreMergedAcrossSourcesFirstValueWinning() throws {
        let first = try flat("a.csv", ["C2,UN3,,,2012-01-01,,,CINP,2023-01-01,", "C1,,Amara,,,F,,CPP,2023-02-01,"])
        let second = try flat("b.csv", ["C1,B801200005001,Amy,Okafor,2012-03-04,M,SE15 4AB,CLA,2023-05-01,", "C2,X00180001701A,,,,,,CINP,2023-01-01,",
                                        "C3,,,,,,,CLA,2024-01-01,"])
        let records = try SocialCareSource.combine([first, second])
        // Grouped by child in order of first appearance; C2's CINP repeated by b.csv counts once.
        #expect(records.map(\.childID) == ["C2", "C1", "C1", "C3"])
        #expect(records.map(\.category) == [.childInNeedPlan, .childProtectionPlan, .lookedAfter, .lookedAfter])
        let c1 = records[1].identifiers
        #expect(c1.forename == "Amara" && c1.surname == "Okafor" && c1.sex == .female && c1.upn == "B801200005001")
        #expect(records[2].identifiers == c1)
        // A real UPN from a later source replaces a placeholder.
        #expect(records[0].upn == "X00180001701A" && records[0].birthDate == Day(year: 2012, month: 1, day: 1))
    }

    @Test func returnsOfDifferentLAsAreNotMerged() throws {
        var a = try flat("a.csv", ["C1,,,,,,,CINP,2023-01-01,"]), b = try flat("b.csv", ["C1,,,,,,,CPP,2023-01-01,"])
        a.laCode = 210
        b.laCode = 209
        #expect(throws: ExtractError.self) { try SocialCareSource.combine([a, b]) }
        b.laCode = 210
        #expect(try SocialCareSource.combine([a, b]).count == 2)
    }
}
