import Extracts
import PropertyBased
import SyntheticData
import Testing

/// Extracts (flat CSVs, the CIN census XML, the SSDA903 tables) damaged the ways files are damaged
/// (bytes overwritten with delimiters, quotes, line breaks, markup or binary, spans deleted or
/// repeated, the file cut short) are read without a crash, and what the reader says about them (the
/// error that stops the run, or each rejected row) names the file, row and column but never a value
/// from the file.
@Suite struct MangledExtractTests {
    /// A small generated LA (300 pupils, 15 children with a social worker, two years), its social
    /// care extract also as the statutory returns.
    static let la: (socialCare: [UInt8], education: [UInt8], returns: StatutorySocialCare) = {
        var config = SyntheticConfig()
        config.pupils = 300
        let la = SyntheticLA.generate(config)
        return (la.socialCareCSV, la.educationCSV, try! la.statutorySocialCare())
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
        let palette: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0, 0xFF, 0xC3, UInt8(ascii: ";"),
                                UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&")]
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

    /// What a reader returned: the rejected rows, and how many data rows each file has.
    struct Read {
        var rejects: [RejectedRow]
        var rowCounts: [String: Int]

        init(rejects: [RejectedRow], rowCounts: [String: Int]) {
            self.rejects = rejects
            self.rowCounts = rowCounts
        }

        init<Record>(_ result: ReadResult<Record>) {
            self.init(rejects: result.rejects, rowCounts: [result.fileName: result.rowCount])
        }
    }

    /// What the reader said about `files`, as text a user would see.
    static func messages(_ files: String..., from read: () throws -> Read) -> [String] {
        do {
            let result = try read()
            for reject in result.rejects {
                let rows = result.rowCounts[reject.file]
                #expect(rows != nil, "a reject names \(reject.file)")
                #expect((1...max(1, rows ?? 0)).contains(reject.row), "\(reject.file): row \(reject.row) of \(rows ?? 0)")
            }
            return result.rejects.map { "\($0.column ?? ""): \($0.reason)" }
        } catch let error as ExtractError {
            #expect(files.contains(error.file))
            #expect(!error.message.isEmpty)
            return [error.description]
        } catch {
            Issue.record("\(files): not an ExtractError: \(type(of: error))")
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
            Self.expectNoIdentifier(in: Self.messages("social_care.csv") {
                Read(try SocialCareExtract.read(CSVDocument(fileName: "social_care.csv", bytes: Self.mangled(Self.la.socialCare, by: edits))))
            })
        }
    }

    @Test func damagedEducationExtractsAreReadSafely() async {
        await propertyCheck(count: 150, input: Self.edits) { edits in
            Self.expectNoIdentifier(in: Self.messages("education.csv") {
                Read(try EducationExtract.read(CSVDocument(fileName: "education.csv", bytes: Self.mangled(Self.la.education, by: edits))))
            })
        }
    }

    @Test func damagedCINCensusReturnsAreReadSafely() async {
        await propertyCheck(count: 150, input: Self.edits) { edits in
            Self.expectNoIdentifier(in: Self.messages("cin.xml") {
                Read(try CINCensus.read(MemoryByteSource(Self.mangled(Self.la.returns.cinCensusXML, by: edits)), fileName: "cin.xml").source.result)
            })
        }
    }

    @Test func damagedSSDA903TablesAreReadSafely() async {
        let returns = Self.la.returns
        await propertyCheck(count: 100, input: Self.edits, Gen.bool) { edits, damageHeader in
            let header = damageHeader ? Self.mangled(returns.ssda903HeaderCSV, by: edits) : returns.ssda903HeaderCSV
            let episodes = damageHeader ? returns.ssda903EpisodesCSV : Self.mangled(returns.ssda903EpisodesCSV, by: edits)
            Self.expectNoIdentifier(in: Self.messages("header.csv", "episodes.csv") {
                let read = try SSDA903.read(header: CSVDocument(fileName: "header.csv", bytes: header),
                                            episodes: CSVDocument(fileName: "episodes.csv", bytes: episodes))
                return Read(rejects: read.source.result.rejects,
                            rowCounts: [read.header.fileName: read.header.rowCount, read.episodes.fileName: read.episodes.rowCount])
            })
        }
    }
}
