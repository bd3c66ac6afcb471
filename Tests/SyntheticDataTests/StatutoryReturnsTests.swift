import CohortModel
import Extracts
import Foundation
import Testing
@testable import SyntheticData

/// The generator's CIN census XML and SSDA903 tables hold what its flat extract holds.
@Suite struct StatutoryReturnsTests {
    private struct Episode: Hashable {
        let child: String, category: SocialCareCategory, start: Day, end: Day?
    }

    @Test func theReturnsReadBackToTheFlatExtractsEpisodesAndIdentifiers() throws {
        let la = Fixtures.small
        let statutory = try la.statutorySocialCare()
        let cin = try CINCensus.read(MemoryByteSource(statutory.cinCensusXML), fileName: "social_care_cin.xml")
        let ssda903 = try SSDA903.read(header: CSVDocument(fileName: "ssda903_header.csv", bytes: statutory.ssda903HeaderCSV),
                                       episodes: CSVDocument(fileName: "ssda903_episodes.csv", bytes: statutory.ssda903EpisodesCSV))
        #expect(cin.source.result.rejects.isEmpty && ssda903.source.result.rejects.isEmpty)
        #expect(cin.header == CINCensusHeader(laCode: 210, referenceDate: Day(year: 2025, month: 3, day: 31)))
        // Care periods are written as several placement episodes and joined again on reading.
        #expect(ssda903.episodes.rowCount > ssda903.source.result.records.count)

        let flat = try SocialCareExtract.read(CSVDocument(fileName: "social_care.csv", bytes: la.socialCareCSV))
        let combined = try SocialCareSource.combine([cin.source, ssda903.source])
        let expected = try SocialCareSource.combine([SocialCareSource(flat: flat)])
        func episodes(_ records: [SocialCareRecord]) -> Set<Episode> {
            Set(records.map { Episode(child: $0.childID, category: $0.category, start: $0.start, end: $0.end) })
        }
        #expect(episodes(combined) == episodes(expected))
        #expect(combined.count == expected.count)
        // Children in the same order, with the same identifiers (names and postcode included).
        func children(_ records: [SocialCareRecord]) -> [ChildIdentifiers] {
            var seen = Set<String>()
            return records.filter { seen.insert($0.childID).inserted }.map(\.identifiers)
        }
        #expect(children(combined) == children(expected))
        #expect(Set(combined.map(\.schoolName)) == Set(expected.map(\.schoolName)))
    }

    @Test func writeAlsoWritesTheStatutoryReturns() throws {
        let la = SyntheticLA.generate(Fixtures.config(pupils: 1_000, seed: 3))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("statutory-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try la.write(to: directory)
        let statutory = try la.statutorySocialCare()
        for (name, bytes) in [("social_care_cin.xml", statutory.cinCensusXML), ("ssda903_header.csv", statutory.ssda903HeaderCSV),
                              ("ssda903_episodes.csv", statutory.ssda903EpisodesCSV)] {
            #expect([UInt8](try Data(contentsOf: directory.appendingPathComponent(name))) == bytes, "\(name)")
        }
        #expect(try la.statutorySocialCare().cinCensusXML == statutory.cinCensusXML)
    }
}
