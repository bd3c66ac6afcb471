import Extracts
import SyntheticData
import Testing

/// Files are told apart by their headers, so a file given in another's place can be named for what it is.
@Suite struct ExtractKindTests {
    @Test func generatedExtractsAreRecognised() throws {
        var config = SyntheticConfig()
        config.pupils = 200
        let la = SyntheticLA.generate(config)
        #expect(ExtractKind.recognised(header: try CSVDocument(fileName: "sc.csv", bytes: la.socialCareCSV).header) == .socialCare)
        #expect(ExtractKind.recognised(header: try CSVDocument(fileName: "ed.csv", bytes: la.educationCSV).header) == .education)
        #expect(ExtractKind.recognised(header: try CSVDocument(fileName: "gias.csv", bytes: la.schoolsCSV).header) == .schoolRegister)
    }

    /// The real GIAS header is a register; SSDA903 tables are none of the three (they are told
    /// apart by their own columns), though the header table has UPNs, dates of birth and sex.
    @Test(arguments: [("gias/edubasealldata_header_only.csv", ExtractKind?.some(.schoolRegister)),
                      ("ssda903/d2i_header.csv", nil), ("ssda903/d2i_episodes.csv", nil), ("ssda903/liia_SSDA903_2020_episodes.csv", nil)])
    func sampleFilesAreRecognised(_ path: String, _ kind: ExtractKind?) throws {
        #expect(ExtractKind.recognised(header: try Samples.csv(path).header) == kind)
    }

    /// A file missing one of its own columns is not taken for another kind: its reader then names the column.
    @Test func aSocialCareExtractMissingItsCategoryIsNotAnEducationExtract() {
        let header = ["LAchildID", "UPN", "PersonBirthDate", "Sex", "StartDate", "SchoolURN"]
        #expect(ExtractKind.recognised(header: header) == nil)
        #expect(ExtractKind.recognised(header: header.filter { $0 != "LAchildID" } + ["NCyearActual"]) == .education)
    }
}
