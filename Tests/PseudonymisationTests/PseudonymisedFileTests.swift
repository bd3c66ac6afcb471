import CohortModel
import Extracts
@testable import Pseudonymisation
import Testing

@Suite struct PseudonymisedFileTests {
    private let key = try! ProjectKey(bytes: Array(repeating: 5, count: 32))

    private func socialCare() -> PseudonymisedSocialCare {
        let records = [
            SocialCareRecord(row: 1, childID: "A1", upn: "B801200005001", forename: "Amara", surname: "Okafor",
                             birthDate: Day(year: 2012, month: 3, day: 4), sex: .female, ethnicity: "BAFR", postcode: "SE15 4AB",
                             category: .childInNeedPlan, start: Day(year: 2023, month: 1, day: 1)!),
            SocialCareRecord(row: 2, childID: "A1", birthDate: nil, category: .lookedAfter, start: Day(year: 2023, month: 6, day: 1)!,
                             end: Day(year: 2024, month: 1, day: 1)),
            SocialCareRecord(row: 3, childID: "B2", forename: "Jo", birthDate: nil, category: .childProtectionPlan,
                             start: Day(year: 2024, month: 2, day: 1)!),
        ]
        var data = Pseudonymiser(key: key, threads: 1).pseudonymise(socialCare: records)
        data.provenance.rejects = [RejectedRow(file: "sc.csv", row: 9, column: "Category", reason: "bad", action: .rowSkipped)]
        return data
    }

    private func education() -> PseudonymisedEducation {
        var record = EducationRecord(row: 1, upn: "B801200005001", birthDate: Day(year: 2012, month: 3, day: 4), sex: .female, urn: 100_001)
        record.ncYear = NCYear(11)
        record.attainment8 = 41.5
        record.fsmEligible = true
        record.sessionsPossible = 300
        record.academicYear = AcademicYear(startYear: 2024)
        var other = EducationRecord(row: 2, upn: "X00180001701A", birthDate: nil, sex: .male)
        other.laEstab = 2_104_001
        return Pseudonymiser(key: key, threads: 1).pseudonymise(education: [record, other])
    }

    @Test func roundTripsExactly() throws {
        let sc = socialCare(), ed = education()
        #expect(try PseudonymisedFile.decodeSocialCare(PseudonymisedFile.encode(sc), file: "sc") == sc)
        #expect(try PseudonymisedFile.decodeEducation(PseudonymisedFile.encode(ed), file: "ed") == ed)
        #expect(PseudonymisedFile.kind(of: try PseudonymisedFile.encode(ed)) == .education)
    }

    @Test func holdsNoIdentifier() throws {
        let bytes = try PseudonymisedFile.encode(socialCare())
        let text = String(decoding: bytes, as: UTF8.self).lowercased()
        for identifier in ["b801200005001", "amara", "okafor", "2012-03-04", "se15", "a1\""] { #expect(!text.contains(identifier)) }
    }

    @Test func everyDamagedByteIsCaught() throws {
        let bytes = try PseudonymisedFile.encode(socialCare())
        for position in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 97)) {
            var damaged = bytes
            damaged[position] ^= 0x40
            #expect(throws: PseudonymisedFileError.self) { try PseudonymisedFile.decodeSocialCare(damaged, file: "sc") }
        }
        for length in [0, 5, 40, bytes.count - 1] {
            #expect(throws: PseudonymisedFileError.self) { try PseudonymisedFile.decodeSocialCare(Array(bytes.prefix(length)), file: "sc") }
        }
    }

    @Test func wrongKindIsNamed() throws {
        do {
            _ = try PseudonymisedFile.decodeSocialCare(PseudonymisedFile.encode(education()), file: "edu.clp")
            Issue.record("accepted")
        } catch {
            #expect("\(error)".contains("education file") && "\(error)".hasPrefix("edu.clp"))
        }
    }
}
