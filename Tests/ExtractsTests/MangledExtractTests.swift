import Extracts
import PropertyBased
import SyntheticData
import Testing

/// Extracts damaged the ways files are damaged (bytes overwritten with delimiters, quotes, line
/// breaks or binary, spans deleted or repeated, the file cut short) are read without a crash, and
/// what the reader says about them (the error that stops the run, or each rejected row) names the
/// file, row and column but never a value from the file.
@Suite struct MangledExtractTests {
    /// A small generated LA: 300 pupils, 15 children with a social worker, two years.
    static let la: (socialCare: [UInt8], education: [UInt8]) = {
        var config = SyntheticConfig()
        config.pupils = 300
        let la = SyntheticLA.generate(config)
        return (la.socialCareCSV, la.educationCSV)
    }()

    /// Identifying values of the undamaged files, four characters or longer (shorter ones, such
    /// as "M" or "Amy", occur in ordinary words).
    static let identifiers: Set<String> = {
        let socialCare = try! SocialCareExtract.read(CSVDocument(fileName: "social_care.csv", bytes: la.socialCare)).records
        let education = try! EducationExtract.read(CSVDocument(fileName: "education.csv", bytes: la.education)).records
        let values = socialCare.flatMap { [$0.childID, $0.upn, $0.formerUPN, $0.forename, $0.surname, $0.postcode] }
            + education.flatMap { [$0.upn, $0.formerUPN, $0.forename, $0.surname, $0.postcode] }
        return Set(values.filter { $0.count >= 4 })
    }()

    /// Up to eight edits, each drawn as one number: what to do, where, and how much.
    static let edits = Gen.int(in: 0...Int.max).array(of: 1...8)

    static func mangled(_ bytes: [UInt8], by edits: [Int]) -> [UInt8] {
        var bytes = bytes
        let palette: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0, 0xFF, 0xC3, UInt8(ascii: ";")]
        for edit in edits where !bytes.isEmpty {
            let at = (edit >> 3) % bytes.count
            let length = min((edit >> 40) % 64 + 1, bytes.count - at)
            switch edit % 5 {
            case 0: bytes[at] = palette[(edit >> 20) % palette.count]
            case 1: bytes.insert(palette[(edit >> 20) % palette.count], at: at)
            case 2: bytes.removeSubrange(at..<(at + length))
            case 3: bytes.insert(contentsOf: bytes[at..<(at + length)], at: at)
            default: bytes.removeSubrange(at...)
            }
        }
        return bytes
    }

    /// What the reader said, as text a user would see.
    static func messages<Record>(reading bytes: [UInt8], file: String, with read: (CSVDocument) throws -> ReadResult<Record>) -> [String] {
        do {
            let result = try read(CSVDocument(fileName: file, bytes: bytes))
            for reject in result.rejects {
                #expect(reject.file == file)
                #expect((1...max(1, result.rowCount)).contains(reject.row), "row \(reject.row) of \(result.rowCount)")
            }
            #expect(result.records.count <= result.rowCount)
            return result.rejects.map { "\($0.column ?? ""): \($0.reason)" }
        } catch let error as ExtractError {
            #expect(error.file == file)
            #expect(!error.message.isEmpty)
            return [error.description]
        } catch {
            Issue.record("\(file): not an ExtractError: \(type(of: error))")
            return []
        }
    }

    static func expectNoIdentifier(in messages: [String]) {
        for message in messages {
            let leaked = identifiers.filter { message.contains($0) }
            #expect(leaked.isEmpty, "a message quotes \(leaked.count) identifying value(s) of the file")
        }
    }

    @Test func damagedSocialCareExtractsAreReadSafely() async {
        await propertyCheck(count: 150, input: Self.edits) { edits in
            Self.expectNoIdentifier(in: Self.messages(reading: Self.mangled(Self.la.socialCare, by: edits), file: "social_care.csv") {
                try SocialCareExtract.read($0)
            })
        }
    }

    @Test func damagedEducationExtractsAreReadSafely() async {
        await propertyCheck(count: 150, input: Self.edits) { edits in
            Self.expectNoIdentifier(in: Self.messages(reading: Self.mangled(Self.la.education, by: edits), file: "education.csv") {
                try EducationExtract.read($0)
            })
        }
    }
}
