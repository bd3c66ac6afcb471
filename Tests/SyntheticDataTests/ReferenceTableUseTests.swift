import Testing
@testable import SyntheticData

/// The generator's use of the embedded tables: name pools for every ethnicity, and geography.
@Suite struct ReferenceTableUseTests {
    @Test func namePoolsCoverEveryEthnicity() {
        let names = NamePools.shared
        #expect(names.forenames.count > 5_000)
        #expect(names.surnames.count > 5_000)
        #expect(names.nicknames.contains { !$0.isEmpty })
        var random = Random(seed: 1, stream: .names)
        for e in Ethnicity.all.indices {
            let forename = names.forenames[Int(names.drawForename(male: e % 2 == 0, ethnicity: e, &random))]
            let surname = names.surnames[Int(names.drawSurname(ethnicity: e, &random))]
            #expect(!forename.text.isEmpty && !surname.text.isEmpty && !surname.femaleOnly)
        }
        // Girls take the feminine form of an inflected surname.
        let kowalski = names.surnames.firstIndex { $0.text == "Kowalski" }
        if let m = kowalski { #expect(names.feminineForm[m] >= 0 && names.surnames[Int(names.feminineForm[m])].text == "Kowalska") }
    }

    @Test func localAuthoritiesResolve() {
        let southwark = Geography(laCode: 210)
        #expect(southwark.home.name == "Southwark")
        #expect(southwark.home.newCode == "E09000028")
        #expect(southwark.neighbours.contains { $0.name == "Lambeth" })
        let elsewhere = Geography(laCode: 926)
        #expect(!elsewhere.home.districts.isEmpty && elsewhere.neighbours.count >= 3)
    }
}
