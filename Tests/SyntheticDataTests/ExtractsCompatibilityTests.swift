import Extracts
import Testing
@testable import SyntheticData

/// The project's own readers take the generated files without skipping a row.
@Suite struct ExtractsCompatibilityTests {
    let la = Fixtures.small

    @Test func socialCareReads() throws {
        let result = try SocialCareExtract.read(try CSVDocument(fileName: "social_care.csv", bytes: la.socialCareCSV))
        #expect(result.rowCount == la.summary.socialCareRows)
        #expect(result.skippedRows == 0)
    }

    @Test func educationReads() throws {
        let result = try EducationExtract.read(try CSVDocument(fileName: "education.csv", bytes: la.educationCSV))
        #expect(result.rowCount == la.summary.educationRows)
        #expect(result.skippedRows == 0)
        #expect(result.records.count == la.summary.educationRows)
    }

    @Test func schoolsRead() throws {
        let result = try Extracts.SchoolRegister.read(try CSVDocument(fileName: "schools.csv", bytes: la.schoolsCSV))
        #expect(result.skippedRows == 0)
        #expect(result.records.contains { $0.name.hasPrefix("École") })
    }
}
