import CohortModel
@testable import Extracts
import Foundation
import Testing

private let socialCareHeader = "LAchildID,UPN,FormerUPN,Forename,Surname,PersonBirthDate,Sex,Ethnicity,Postcode,Category,StartDate,EndDate,SchoolName,SchoolURN\n"

@Suite struct SocialCareReaderTests {
    @Test func readsEpisodesAndRejectsBadRowsByNumberOnly() throws {
        let text = socialCareHeader + [
            "C1,B801200005001,,Amara,Okafor,2012-03-04,F,BAFR,SE15 4AB,CINP,2023-05-01,,Oakfield Primary,",
            "C1,B801200005001,,Amara,Okafor,04/03/2012,2,BAFR,SE15 4AB,CPP,01/02/2024,,,",
            ",X,,Nobody,Here,2012-01-01,M,,,CLA,2023-01-01,,,",
            "C2,,,Secret,Name,2011-13-45,M,,,CLA,2023-01-01,,,",
            "C3,,,Secret,Name,2011-01-01,M,,,WRONG,2023-01-01,,,",
            "C4,,,Secret,Name,2011-01-01,M,,,CPP,2023-01-01,2022-01-01,,",
            "C5,,,Secret,Name,2011-01-01,M,,,CPP,2023-01-01,,,",
        ].joined(separator: "\n")
        let result = try SocialCareExtract.read(CSVDocument(fileName: "sc.csv", bytes: Array(text.utf8)))
        #expect(result.records.map(\.childID) == ["C1", "C1", "C2", "C5"])
        #expect(result.records[1].birthDate == Day(year: 2012, month: 3, day: 4))
        #expect(result.records[1].sex == .female && result.records[1].category == .childProtectionPlan)
        #expect(result.records[2].birthDate == nil)
        #expect(result.skippedRows == 3)
        #expect(result.rejects.map(\.row) == [3, 4, 5, 6])
        #expect(result.rejects.first { $0.row == 4 }?.action == .valueIgnored)
        for reject in result.rejects {
            #expect(!reject.reason.contains("Secret") && !reject.reason.contains("2011"))
        }
    }

    @Test func missingCategoryColumnStopsTheRun() {
        let text = "LAchildID,PersonBirthDate,StartDate\nC1,2012-01-01,2023-01-01\n"
        #expect(throws: ExtractError.self) { try SocialCareExtract.read(CSVDocument(fileName: "sc.csv", bytes: Array(text.utf8))) }
    }

    @Test func fiveMegabyteFieldIsARejectNotACrash() throws {
        let huge = String(repeating: "A", count: 5 * 1_024 * 1_024)
        let text = socialCareHeader + "C1,,,\(huge),X,2012-03-04,F,,,CINP,2023-05-01,,,\nC2,,,A,B,2012-03-04,F,,,CINP,2023-05-01,,,\n"
        let result = try SocialCareExtract.read(CSVDocument(fileName: "sc.csv", bytes: Array(text.utf8)))
        #expect(result.records.map(\.childID) == ["C2"])
        #expect(result.rejects.map(\.row) == [1])
    }

    @Test func rowWithWrongFieldCountIsSkipped() throws {
        let text = socialCareHeader + "C1,,,A,B,2012-03-04,F,,,CINP,2023-05-01,,,,extra\n"
        let result = try SocialCareExtract.read(CSVDocument(fileName: "sc.csv", bytes: Array(text.utf8)))
        #expect(result.records.isEmpty && result.skippedRows == 1)
    }
}

@Suite struct EducationReaderTests {
    @Test func readsMeasuresAndIgnoresImpossibleAttendance() throws {
        let text = """
        UPN,DOB,Gender,URN,NCyearActual,FSMeligible,SENprovision,SessionsPossible,AuthorisedAbsence,UnauthorisedAbsence,Suspensions,KS4_ATT8,KS4_L2BASICS_95,AcademicYear
        b801200005001,2008-01-02,M,100001,11,1,K,300,20,10,2,35.5,0,2023/24
        X00180001701A,2010-05-06,F,100002,9,false,N,300,200,200,,,,202324
        ,2010-05-06,F,100002,9,0,N,300,2,2,,,,2023/24
        P207000016049,2010-05-06,F,,9,0,N,300,2,2,,,,2023/24
        """
        let result = try EducationExtract.read(CSVDocument(fileName: "edu.csv", bytes: Array(text.utf8)))
        #expect(result.records.count == 2)
        let first = result.records[0]
        #expect(first.upn == "B801200005001" && first.urn == 100001 && first.ncYear == NCYear(11))
        #expect(first.fsmEligible == true && first.sen == .senSupport && first.sessionsPossible == 300)
        #expect(first.suspensions == 2 && first.attainment8 == 35.5 && first.englishMaths95 == false)
        #expect(first.academicYear == AcademicYear(startYear: 2023))
        #expect(result.records[1].sessionsPossible == nil)
        #expect(result.rejects.map(\.row) == [2, 3, 4])
    }

    @Test func rowsThatAskForDifferentColumnsReadTheirOwnValues() throws {
        // The reader asks for AcademicYear's text only when the row has one, so consecutive rows
        // ask for columns in different orders; quoted fields with doubled quotes go through text.
        let text = """
        AcademicYear,Suspensions,URN,UPN,DOB,Sex,SessionsPossible
        ,1,100001,B801200005001,2008-01-02,M,300
        2023/24,"2",100002,X00180001701A,"2010-05-06",F,
        ,"1""0",100003,p2070000160\u{A0}49,06/05/2010,F,+290
        """
        let records = try EducationExtract.read(CSVDocument(fileName: "edu.csv", bytes: Array(text.utf8))).records
        #expect(records.map(\.academicYear) == [nil, AcademicYear(startYear: 2023), nil])
        #expect(records.map(\.suspensions) == [1, 2, nil])
        #expect(records.map(\.urn) == [100001, 100002, 100003])
        #expect(records.map(\.birthDate) == [Day(year: 2008, month: 1, day: 2), Day(year: 2010, month: 5, day: 6), Day(year: 2010, month: 5, day: 6)])
        #expect(records.map(\.sessionsPossible) == [300, nil, 290])
        #expect(records.map(\.upn) == ["B801200005001", "X00180001701A", "P207000016049"])
    }

    @Test func needsASchoolColumn() {
        let text = "UPN,DOB,Sex\nB801200005001,2008-01-02,M\n"
        do {
            _ = try EducationExtract.read(CSVDocument(fileName: "edu.csv", bytes: Array(text.utf8)))
            Issue.record("accepted")
        } catch let error as ExtractError {
            #expect(error.code == .missingColumn && error.column == "URN")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}

@Suite struct SchoolRegisterTests {
    /// The real GIAS header (120+ columns, from ../shared/samples) is accepted as it is.
    @Test func realGIASHeaderIsRecognised() throws {
        let sample = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().appendingPathComponent("../../../shared/samples/gias/edubasealldata_header_only.csv")
        let header = try Data(contentsOf: sample)
        let columns = try CSVDocument(fileName: "gias.csv", bytes: Array(header)).header
        #expect(columns.count >= 120)
        let row = columns.map { title -> String in
            switch title {
            case "URN": "100000"
            case "LA (code)": "201"
            case "EstablishmentName": "Sir John Cass's Foundation Primary School"
            case "PhaseOfEducation (name)": "Primary"
            default: ""
            }
        }
        let file = Array(header) + Array(("\n" + row.map { $0.contains(",") || $0.contains("'") ? "\"\($0)\"" : $0 }.joined(separator: ",") + "\n").utf8)
        let result = try SchoolRegister.read(CSVDocument(fileName: "gias.csv", bytes: file))
        #expect(result.records == [School(urn: 100000, name: "Sir John Cass's Foundation Primary School", laCode: 201, laName: "",
                                          type: "", status: "", phase: "Primary")])
    }
}

@Suite struct IntegerParsingTests {
    @Test(arguments: ["0", "7", "+7", "-7", "007", "", "1.5", "12a", " 3", "+", "-", "--1", "٣",
                      "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809"])
    func bytesParseAsIntDoes(_ text: String) {
        var text = text
        #expect(text.withUTF8 { parseInteger($0) } == Int(text))
    }
}
