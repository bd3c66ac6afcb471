import CohortModel
import Extracts
import Foundation
import Testing

@Suite struct ColumnMappingTests {
    private static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("datasets/mappings")

    private func mapping(_ file: String) throws -> ColumnMapping {
        let text = try String(contentsOf: Self.folder.appendingPathComponent(file), encoding: .utf8)
        return try ColumnMapping(yaml: text, fileName: file)
    }

    @Test(arguments: [
        ("mosaic.yml", "PERSON_ID,UPN_NUMBER,FORMER_UPN_NUMBER,FIRST_NAME,LAST_NAME,DATE_OF_BIRTH,GENDER,ETHNICITY_CODE,POST_CODE,PLAN_TYPE,PLAN_START_DATE,PLAN_END_DATE,CURRENT_SCHOOL,CURRENT_SCHOOL_URN"),
        ("liquidlogic.yml", "Person ID,Unique Pupil Number,Former Unique Pupil Number,Legal Forename,Legal Surname,Date of Birth,Gender (Current),Ethnicity Code,Address Postcode,Involvement Type,Involvement Start Date,Involvement End Date,Education Provider,Education Provider URN"),
    ])
    func theExampleMappingsReadTheirExports(_ file: String, _ header: String) throws {
        let export = header + "\r\n" + "C17,B801200005001,,Amara,Okafor,04/03/2012,F,BAFR,SE15 4AB,Child protection plan,01/02/2024,,Oakfield Primary,100001\r\n"
        let document = try CSVDocument(fileName: "export.csv", bytes: Array(export.utf8))
        #expect(throws: ExtractError.self) { try SocialCareExtract.read(document) }
        let read = try SocialCareExtract.read(mapping(file).apply(to: document, role: .socialCare))
        let record = try #require(read.records.first)
        #expect(record.childID == "C17" && record.upn == "B801200005001" && record.forename == "Amara" && record.surname == "Okafor")
        #expect(record.birthDate == Day(year: 2012, month: 3, day: 4) && record.sex == .female && record.ethnicity == "BAFR")
        #expect(record.category == .childProtectionPlan && record.start == Day(year: 2024, month: 2, day: 1) && record.end == nil)
        #expect(record.postcode == "SE15 4AB" && record.schoolName == "Oakfield Primary" && record.schoolURN == 100_001)
        #expect(read.rejects.isEmpty)
    }

    @Test func renamesOnlyTheSectionsRole() throws {
        let mapping = try ColumnMapping(yaml: "ks4:\n  ATT8_SCORE: Attainment8\n", fileName: "m.yml")
        let document = try CSVDocument(fileName: "ks4.csv", bytes: Array("UPN,ATT8_SCORE\nA,1\n".utf8))
        #expect(try mapping.apply(to: document, role: .ks4).header == ["UPN", "Attainment8"])
        #expect(try mapping.apply(to: document, role: .education).header == ["UPN", "ATT8_SCORE"])
    }

    @Test(arguments: [
        ("social_care: [oops", "not valid YAML"),
        ("", "is empty"),
        ("- a\n- b\n", "map of sections"),
        ("socialcare:\n  A: LAchildID\n", "unknown section 'socialcare'"),
        ("social_care: LAchildID\n", "must list renames"),
        ("social_care:\n  PERSON_ID: ChildNumber\n", "'ChildNumber' is not a column of the social care extract"),
        ("social_care:\n  A: LAchildID\n  B: la_child_id\n", "both 'A' and 'B' are renamed to 'LAchildID'"),
        ("social_care:\n  A: [x]\n", "both plain names"),
    ])
    func aBadMappingFileIsOneClearError(_ yaml: String, _ message: String) {
        do {
            _ = try ColumnMapping(yaml: yaml, fileName: "mapping.yml")
            Issue.record("accepted a bad mapping")
        } catch {
            #expect(error.code == .badMapping && error.file == "mapping.yml")
            #expect(error.description.contains(message), "\(error.description)")
        }
    }

    @Test func aColumnTheExportLacksIsNamed() throws {
        let mapping = try ColumnMapping(yaml: "social_care:\n  PERSON_ID: LAchildID\n", fileName: "m.yml")
        let document = try CSVDocument(fileName: "export.csv", bytes: Array("CHILD_ID,DOB\n1,2012-01-01\n".utf8))
        #expect(throws: ExtractError(.badMapping, file: "export.csv", column: "PERSON_ID",
                                     "the column mapping renames 'PERSON_ID' to 'LAchildID', but this file has no column 'PERSON_ID'. Correct the mapping's 'social_care' section or the file.")) {
            try mapping.apply(to: document, role: .socialCare)
        }
    }
}
