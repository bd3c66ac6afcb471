import Foundation
import Testing
@testable import ReferenceData

/// The tables compiled into the library must be the files under `datasets/`, byte for byte; if
/// this fails, run `python3 datasets/tools/embed_tables.py`.
@Suite struct EmbeddedTablesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test(arguments: [
        ("names/forenames.csv", EmbeddedTables.forenames), ("names/surnames.csv", EmbeddedTables.surnames),
        ("names/female_surnames.csv", EmbeddedTables.femaleSurnames),
        ("names/surname_female_forms.csv", EmbeddedTables.surnameFemaleForms),
        ("names/nicknames.csv", EmbeddedTables.nicknames), ("geography/local_authorities.csv", EmbeddedTables.localAuthorities),
    ])
    func embeddedTableMatchesTheFile(_ path: String, _ embedded: String) throws {
        let file = try Data(contentsOf: Self.root.appendingPathComponent("datasets").appendingPathComponent(path))
        #expect(Array(embedded.utf8) == [UInt8](file), "\(path) differs from EmbeddedTables.swift")
    }

    @Test func localAuthorityCodes() throws {
        #expect(LocalAuthorities.all.count == 153)
        let southwark = try #require(LocalAuthorities.withOldCode(210))
        #expect(southwark.newCode == "E09000028" && southwark.regionName == "London")
        #expect(LocalAuthorities.withOldCode(801)?.name == "Bristol, City of")
        #expect(Set(LocalAuthorities.all.map(\.oldCode)).count == 153)
    }

    @Test func nicknamesMapToFormalNames() {
        #expect(Nicknames.formalNames["bob"]?.contains("robert") == true)
        #expect(Nicknames.formalNames["sam"].map { $0.contains("samuel") && $0.contains("samantha") } == true)
    }
}
