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

    /// The file as `encode` hands it on, piece by piece.
    private func encoded(_ data: PseudonymisedSocialCare) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try PseudonymisedFile.encode(data) { bytes += $0 }
        return bytes
    }

    private func encoded(_ data: PseudonymisedEducation) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try PseudonymisedFile.encode(data) { bytes += $0 }
        return bytes
    }

    /// A large file is handed on in pieces of about a megabyte, the checksum last, and the pieces
    /// together read back as the data.
    @Test func aLargeFileIsWrittenInPieces() throws {
        let records = (0..<6_000).map { i in
            var record = EducationRecord(row: i + 1, upn: "P\(i)", birthDate: Day(year: 2010, month: 1, day: 1).map { $0.adding(days: i % 900) },
                                         sex: i % 2 == 0 ? .female : .male, urn: 100_000 + i % 40)
            (record.forename, record.surname) = ("Name\(i % 300)", "Surname\(i % 700)")
            return record
        }
        let data = Pseudonymiser(key: key, threads: 2).pseudonymise(education: records)
        var pieces: [[UInt8]] = []
        try PseudonymisedFile.encode(data) { pieces.append($0) }
        #expect(pieces.count >= 3, "\(pieces.map(\.count))")
        #expect(pieces.dropLast(2).allSatisfy { $0.count >= 1 << 20 } && pieces.last?.count == 32)
        #expect(try PseudonymisedFile.decodeEducation(Array(pieces.joined()), file: "ed") == data)
    }

    /// Decoded as it is read, seven bytes at a time (fields split across reads): the same data. A
    /// file with a byte after its checksum is refused, and a read that fails is said to be one.
    @Test func decodesAsItReads() throws {
        let ed = education(), bytes = try encoded(ed)
        var offset = 0
        let decoded = try PseudonymisedFile.decodeEducation(size: bytes.count, file: "ed") { buffer throws(ExtractError) in
            let count = min(7, buffer.count, bytes.count - offset)
            buffer.copyBytes(from: bytes[offset..<offset + count])
            offset += count
            return count
        }
        #expect(decoded == ed)
        #expect(throws: PseudonymisedFileError.self) { try PseudonymisedFile.decodeEducation(bytes + [0], file: "ed") }
        do {
            _ = try PseudonymisedFile.decodeEducation(size: bytes.count, file: "ed") { _ throws(ExtractError) in
                throw ExtractError(.unreadable, file: "ed", "reading the file failed (Input/output error).")
            }
            Issue.record("accepted")
        } catch {
            #expect("\(error)".contains("cannot be read") && "\(error)".contains("Input/output error"), "\(error)")
        }
    }

    @Test func roundTripsExactly() throws {
        let sc = socialCare(), ed = education()
        #expect(try PseudonymisedFile.decodeSocialCare(encoded(sc), file: "sc") == sc)
        #expect(try PseudonymisedFile.decodeEducation(encoded(ed), file: "ed") == ed)
        #expect(PseudonymisedFile.kind(of: try encoded(ed)) == .education)
    }

    @Test func holdsNoIdentifier() throws {
        let bytes = try encoded(socialCare())
        let text = String(decoding: bytes, as: UTF8.self).lowercased()
        for identifier in ["b801200005001", "amara", "okafor", "2012-03-04", "se15", "a1\""] { #expect(!text.contains(identifier)) }
    }

    @Test func everyDamagedByteIsCaught() throws {
        let bytes = try encoded(socialCare())
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
            _ = try PseudonymisedFile.decodeSocialCare(encoded(education()), file: "edu.clp")
            Issue.record("accepted")
        } catch {
            #expect("\(error)".contains("education file") && "\(error)".hasPrefix("edu.clp"))
        }
    }
}
