import CohortModel
import Extracts
@testable import Pseudonymisation
import Testing

@Suite struct PseudonymiserTests {
    private let key = try! ProjectKey(bytes: Array(repeating: 9, count: 32))

    /// 1,000 pupils of three rows each, their identifiers spread over the rows: the first row of
    /// some lacks a forename, a date of birth or a postcode that a later row has.
    private static let records: [EducationRecord] = (0..<3_000).map { i in
        let pupil = i % 1_000, row = i / 1_000
        var record = EducationRecord(row: i + 1, upn: "P\(pupil)",
                                     birthDate: row == 0 && pupil % 5 == 0 ? nil : Day(year: 2012, month: 1, day: 1).map { $0.adding(days: pupil) },
                                     sex: pupil % 2 == 0 ? .female : .male, urn: 100_000 + pupil % 30)
        record.forename = row == 0 && pupil % 3 == 0 ? "" : "Name\(pupil % 200)"
        record.surname = "Surname\(pupil % 400)"
        record.postcode = row < 2 && pupil % 4 == 0 ? "" : "SE\(pupil % 20) \(pupil % 9)AB"
        return record
    }

    /// England-sized work merges the pupils' identities and lets their records go before it makes
    /// their tokens; smaller work merges each identity as its tokens are made. The data is the same.
    @Test func englandSizedWorkGivesTheSameEducationData() {
        let small = Pseudonymiser(key: key, threads: 2).pseudonymise(education: Self.records)
        SystemMemory.prepare(people: 2_000_000)
        defer { SystemMemory.prepare() }
        #expect(SystemMemory.isLargeScale)
        let large = Pseudonymiser(key: key, threads: 2).pseudonymise(education: Self.records)
        #expect(large == small)
        #expect(small.pupils.count == 1_000 && small.provenance.quality.people == 1_000)
        #expect(small.provenance.quality.birthDateMissing == 0 && small.provenance.quality.postcodeMissingOrInvalid == 0)
        #expect(small.tokens.allSatisfy { $0.firstForename != 0 && $0.postcode != 0 })
    }
}
