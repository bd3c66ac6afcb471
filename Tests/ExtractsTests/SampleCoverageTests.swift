import CohortModel
import Foundation
import Testing

/// Every shared sample is read by some test; a sample added later without one fails here.
@Suite struct SampleCoverageTests {
    /// The samples the suites of this target read, and where.
    static let covered: Set<String> = [
        "cin/d2i_CIN_Census_2021.xml", "cin/d2i_CIN_Census_2024.xml", "cin/liia_cin-2022.xml",  // CINCensusSampleTests
        "cin/liia_CIN_schema_2024.xsd",  // CINCensusSampleTests: element names
        "ssda903/d2i_header.csv", "ssda903/d2i_episodes.csv", "ssda903/liia_SSDA903_2020_episodes.csv",  // SSDA903SampleTests
        "ssda903/d2i_missing.csv", "ssda903/d2i_uasc.csv",  // SSDA903SampleTests: recognised, and refused as input
        "gias/edubasealldata_header_only.csv",  // GIASDownloadTests
        "npd/giap_npd_searchindex_fake_pupils.json",  // below
    ]

    @Test func everySampleIsReadByATest() {
        #expect(!Samples.all.isEmpty)
        #expect(Set(Samples.all) == Self.covered)
    }

    /// The NPD search index sample is JSON, not an extract CohortLink reads; its fake pupils
    /// check the UPN rules (SOURCES.md: 2 of its 10 UPNs have a correct check letter).
    @Test func theNPDSampleUPNsAreCheckedByTheCheckLetter() throws {
        let json = try JSONSerialization.jsonObject(with: Data(Samples.bytes("npd/giap_npd_searchindex_fake_pupils.json")))
        let pupils = try #require((json as? [String: Any])?["value"] as? [[String: Any]])
        let upns = pupils.compactMap { $0["UPN"] as? String }.map(UPN.normalised)
        #expect(upns.count == 10)
        #expect(upns.filter(UPN.isValid).count == 2)
        #expect(pupils.allSatisfy { ($0["Sex"] as? String).flatMap { Sex(code: $0) } != nil })
    }
}
