import CohortModel
import Extracts
import Testing

@Suite struct SSDA903SampleTests {
    @Test func readsTheD2IReturnIntoPeriodsOfCare() throws {
        let read = try SSDA903.read(header: Samples.csv("ssda903/d2i_header.csv"), episodes: Samples.csv("ssda903/d2i_episodes.csv"))
        #expect(read.header.rowCount == 2_675 && read.episodes.rowCount == 5_050)
        #expect(read.source.children.count == 2_675)
        // 5,050 episodes (placement and status changes) are 2,173 periods of care of 2,123 children.
        let records = read.source.result.records
        #expect(records.count == 2_173 && Set(records.map(\.childID)).count == 2_123)
        #expect(records.allSatisfy { $0.category == .lookedAfter })
        let census = Day(year: 2018, month: 3, day: 31)!
        #expect(records.filter { $0.start <= census && ($0.end.map { $0 > census } ?? true) }.count == 1_414)
        #expect(read.source.result.rejects.isEmpty)
        // Identifiers come from the header; the first child's SEX 2, DOB 27/03/2008.
        let first = try #require(records.first { $0.childID == "566910" })
        #expect(first.sex == .female && first.birthDate == Day(year: 2008, month: 3, day: 27) && first.ethnicity == "WROM")
        #expect(first.start == Day(year: 2016, month: 2, day: 15) && first.end == nil)
        #expect(first.postcode == "EG19 7TT")
    }

    @Test func episodesOfChildrenMissingFromTheHeaderAreKept() throws {
        let read = try SSDA903.read(header: Samples.csv("ssda903/d2i_header.csv"),
                                    episodes: Samples.csv("ssda903/liia_SSDA903_2020_episodes.csv"))
        // Out-of-order and overlapping episodes of one child are one period of care.
        #expect(read.source.result.records.map(\.childID) == ["689661", "249901"])
        #expect(read.source.result.records[0].start == Day(year: 2018, month: 12, day: 2))
        #expect(read.source.result.records[0].end == Day(year: 2019, month: 9, day: 26))
        #expect(read.source.children.count == 2_677)
    }

    @Test func recognisesEachTableOfTheReturn() throws {
        #expect(SSDA903.table(of: try Samples.csv("ssda903/d2i_header.csv").header) == .header)
        #expect(SSDA903.table(of: try Samples.csv("ssda903/d2i_episodes.csv").header) == .episodes)
        #expect(SSDA903.table(of: try Samples.csv("ssda903/liia_SSDA903_2020_episodes.csv").header) == .episodes)
        #expect(SSDA903.table(of: try Samples.csv("ssda903/d2i_missing.csv").header) == .other("missing episodes"))
        #expect(SSDA903.table(of: try Samples.csv("ssda903/d2i_uasc.csv").header) == .other("UASC"))
        #expect(SSDA903.table(of: ["LAchildID", "Category", "StartDate"]) == nil)
    }
}

@Suite struct SSDA903ReaderTests {
    private func read(header: String, episodes: String) throws -> SSDA903Return {
        try SSDA903.read(header: CSVDocument(fileName: "header.csv", bytes: Array(header.utf8)),
                         episodes: CSVDocument(fileName: "episodes.csv", bytes: Array(episodes.utf8)))
    }

    @Test func placeholdersInvalidCodesAndBadEpisodesAreRejectedByRowOnly() throws {
        let header = """
        CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
        C1,1,01/02/2010,WBRI,UN3,,
        C2,7,31/02/2010,ZZZZ,A123456789012,,
        C3,2,01/02/2012,BAFR,,,
        """
        let episodes = """
        CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
        C1,01/04/2022,S,C2,N1,U1,PR1,10/09/2022,P1,,SE15 4AB,,SC123456
        C1,10/09/2022,P,C2,N1,U3,PR1,,,,SE15 4AB,,SC654321
        C2,2022-99-01,S,C2,N1,U1,PR1,,,,,,
        C2,01/05/2022,S,C2,N1,U1,PR1,01/04/2022,E11,,,,
        C3,01/05/2021,S,C2,N1,U1,PR1,01/06/2021,E11,,,,
        C3,01/05/2021,S,C2,N1,U1,PR1,,,,,,
        C3,05/01/2023,S,V2,N1,U1,PR1,,,,,,
        ,01/05/2022,S,C2,N1,U1,PR1,,,,,,
        """
        let read = try read(header: header, episodes: episodes)
        let records = read.source.result.records
        // C1: a placement change continues the period; C3: the same episode open in one year's
        // file and closed in the next is one closed period, then a new period.
        #expect(records.map(\.childID) == ["C1", "C3", "C3"])
        #expect(records[0].start == Day(year: 2022, month: 4, day: 1) && records[0].end == nil && records[0].upn == "UN3")
        #expect(records[1].end == Day(year: 2021, month: 6, day: 1) && records[2].start == Day(year: 2023, month: 1, day: 5))
        #expect(records[0].postcode == "SE15 4AB")
        let rejects = read.source.result.rejects
        #expect(rejects.map { "\($0.file):\($0.row):\($0.column ?? "")" }
                == ["header.csv:2:DOB", "header.csv:2:SEX", "header.csv:2:ETHNIC", "episodes.csv:3:DECOM", "episodes.csv:4:DEC", "episodes.csv:8:CHILD"])
        for reject in rejects { #expect(!reject.reason.contains("ZZZZ") && !reject.reason.contains("2022-99-01")) }
        // C2 is named (its identifiers may link) but has no period of care.
        #expect(read.source.children.map(\.childID) == ["C1", "C2", "C3"])
    }
}
