import CohortModel
import Extracts
import Testing

@Suite struct SchoolCensusTests {
    private func document(_ name: String, _ text: String) throws -> CSVDocument {
        try CSVDocument(fileName: name, bytes: Array(text.utf8))
    }

    private let pupils = """
    UPN,DOB,Sex,URN,EnrolStatus,NCyearActual,AcademicYear
    B801200005001,2009-01-02,M,100001,M,10,2023/24
    B801200005001,2009-01-02,M,100900,S,10,2023/24
    X00180001701A,2012-05-06,F,100002,C,7,2023/24
    X00180001701A,2012-05-06,F,100002,C,8,2024/25
    P207000016049,2008-03-04,F,100003,C,11,2023/24
    """

    @Test func joinsTheTablesOnUPNAndYearAndCountsADualRegisteredChildOnce() throws {
        let attendance = """
        UPN,AcademicYear,Term,SessionsPossible,AuthorisedAbsence,UnauthorisedAbsence
        B801200005001,2023/24,Autumn,140,4,2
        b801200005001,202324,Spring,120,6,0
        X00180001701A,2023/24,Year,300,10,5
        X00180001701A,2024/25,Year,300,30,30
        X00180001701A,2024/25,Year,100,90,90
        Q999999999999,2023/24,Year,300,1,1
        """
        let exclusions = """
        UPN,Category,StartDate
        B801200005001,FIXD,2023-11-02
        B801200005001,FIXD,15/01/2024
        B801200005001,LNCH,2024-02-01
        X00180001701A,PERM,2025-01-10
        X00180001701A,WHAT,2025-01-11
        """
        let ks4 = """
        KS4_UPN,KS4_ACADYR,KS4_ATT8,KS4_L2BASICS_95
        P207000016049,2023/2024,52.5,1
        P207000016049,2022/2023,40,0
        """
        let read = try SchoolCensus.read(SchoolCensusTables(
            pupils: document("pupils.csv", pupils), attendance: document("attendance.csv", attendance),
            exclusions: document("exclusions.csv", exclusions), ks4: document("ks4.csv", ks4)))
        let records = read.pupils.records
        // Two terms add up on the main registration; the subsidiary row carries nothing.
        #expect(records[0].sessionsPossible == 260 && records[0].sessionsAuthorised == 10 && records[0].sessionsUnauthorised == 2)
        #expect(records[1].sessionsPossible == nil && records[1].suspensions == nil)
        // Two suspensions (a lunchtime exclusion is not one); a year without rows had none.
        #expect(records[0].suspensions == 2 && records[0].permanentExclusion == false)
        #expect(records[2].suspensions == 0 && records[3].permanentExclusion == true)
        #expect(records[4].attainment8 == 52.5 && records[4].englishMaths95 == true)
        #expect(records[3].sessionsPossible == 300 && records[3].sessionsUnauthorised == 30)
        // Rejected rows, each in its own file, by row number.
        #expect(read.attendance?.rejects.map { "\($0.row):\($0.column ?? "")" } == ["5:SessionsPossible", "6:UPN"])
        #expect(read.exclusions?.rejects.map { "\($0.row):\($0.column ?? "")" } == ["5:Category"])
        #expect(read.ks4?.rejects.map { "\($0.row):\($0.column ?? "")" } == ["2:UPN"])
        for reject in (read.attendance?.rejects ?? []) + (read.ks4?.rejects ?? []) {
            #expect(!reject.reason.contains("Q999") && !reject.reason.contains("P207"))
        }
    }

    @Test func withoutTablesThePupilTableIsTheFlatExtract() throws {
        let read = try SchoolCensus.read(SchoolCensusTables(pupils: document("pupils.csv", pupils)))
        let flat = try EducationExtract.read(document("pupils.csv", pupils))
        #expect(read.pupils.records == flat.records && read.pupils.rejects == flat.rejects)
        #expect(read.attendance == nil && read.exclusions == nil && read.ks4 == nil)
    }

    @Test func aTableMissingItsKeyColumnStopsTheRun() throws {
        #expect(throws: ExtractError.self) {
            try SchoolCensus.read(SchoolCensusTables(pupils: document("pupils.csv", pupils),
                                                     exclusions: document("exclusions.csv", "UPN,StartDate\nB801200005001,2024-01-01\n")))
        }
    }
}

