import CohortModel
import CryptoPrimitives
import Disclosure
import Extracts
import Foundation
import Linkage
import Publishing
import Pseudonymisation

/// How to read two arbitrary CSV files for `cohortlink link`: which columns play which role.
public struct LinkConfiguration: Codable, Sendable {
    /// Column names for each role; a role may join several columns (an address).
    public struct Columns: Codable, Sendable {
        public var forename: [String]?
        public var surname: [String]?
        public var birthDate: [String]?
        public var sex: [String]?
        public var postcode: [String]?
        public var identifier: [String]?
        public var address: [String]?

        enum CodingKeys: String, CodingKey {
            case forename, surname, birthDate = "birth_date", sex, postcode, identifier, address
        }
    }

    public var description: String?
    public var left: Columns
    /// The right file's columns, when they differ from the left's.
    public var right: Columns?
    /// Smallest posterior match probability linked (default 0.5).
    public var threshold: Double?
    /// Link each record at most once (default true).
    public var oneToOne: Bool?

    enum CodingKeys: String, CodingKey {
        case description, left, right, threshold, oneToOne = "one_to_one"
    }

    public static func load(_ path: String) throws -> LinkConfiguration {
        let file = try InputFile(path: path)
        do {
            return try JSONDecoder().decode(LinkConfiguration.self, from: Data(file.bytes))
        } catch {
            throw ExtractError(.badMapping, file: file.name, "not a valid link configuration (\(error)). See datasets/febrl4.link.json for an example.")
        }
    }
}

/// Links two arbitrary CSV files with the same engine as the social care pipeline, so that
/// researchers can benchmark it on public data sets. Identifiers are tokenised in memory under
/// an ephemeral key; the output names rows, not people.
public enum GenericLink {
    public struct Report: Sendable {
        public var leftRecords: Int
        public var rightRecords: Int
        public var links: Int
        public var model: FellegiSunterModel?
    }

    public static func run(left leftPath: String, right rightPath: String, configuration: LinkConfiguration, links output: URL,
                           threads: Int = defaultThreadCount) throws -> Report {
        SystemMemory.prepare(inputBytes: InputFile.size(of: leftPath) + InputFile.size(of: rightPath))
        let leftFile = try InputFile(path: leftPath), rightFile = try InputFile(path: rightPath)
        // Tokens never leave memory here, so the key may come from the inputs themselves: the same
        // files then always give the same Bloom filters and links.
        var digest = SHA256Digest.Hasher()
        digest.update(Array("cohortlink link".utf8))
        digest.update(leftFile.bytes)
        digest.update(rightFile.bytes)
        let encoder = TokenEncoder(key: try ProjectKey(bytes: digest.finalize().bytes))
        let left = try records(leftFile, columns: configuration.left, encoder: encoder)
        let right = try records(rightFile, columns: configuration.right ?? configuration.left, encoder: encoder)
        var options = LinkageOptions(threshold: configuration.threshold ?? 0.5, threads: threads)
        options.oneToOne = configuration.oneToOne ?? true
        let result = ProbabilisticLinker(options: options).link(children: left.records, pupils: right.records)
        var writer = CSVWriter(header: ["left_row", "right_row", "match_weight"])
        for link in result.links.sorted(by: { ($0.child, $0.pupil) < ($1.child, $1.pupil) }) {
            writer.row([String(left.rows[Int(link.child)]), String(right.rows[Int(link.pupil)]), formatDecimal(link.weight, places: 2)])
        }
        try AtomicFileWriter.write(writer.bytes, to: output)
        return Report(leftRecords: left.records.count, rightRecords: right.records.count, links: result.links.count, model: result.model)
    }

    static func records(_ file: InputFile, columns: LinkConfiguration.Columns, encoder: TokenEncoder) throws
        -> (records: LinkageRecords, rows: [Int]) {
        let document = try file.document()
        let roles: [(String, [String]?)] = [("forename", columns.forename), ("surname", columns.surname), ("birth_date", columns.birthDate),
                                             ("sex", columns.sex), ("postcode", columns.postcode), ("identifier", columns.identifier),
                                             ("address", columns.address)]
        var index: [String: [Int]] = [:]
        for (role, names) in roles {
            guard let names else { continue }
            index[role] = try names.map { name in
                guard let i = document.header.firstIndex(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) else {
                    throw ExtractError(.missingColumn, file: document.fileName, column: name,
                                       "the configuration maps '\(role)' to column '\(name)', which the file does not have.")
                }
                return i
            }
        }
        var raws: [RawIdentity] = [], rows: [Int] = []
        try document.forEachRow { row in
            func text(_ role: String) -> String {
                (index[role] ?? []).map { row[$0] }.filter { !$0.isEmpty }.joined(separator: " ")
            }
            var raw = RawIdentity()
            raw.forename = text("forename")
            raw.surname = text("surname")
            raw.birthDate = Day(parsing: text("birth_date"))
            raw.sex = Sex(code: text("sex")) ?? .unknown
            raw.postcode = text("postcode")
            raw.identifier = text("identifier")
            raw.address = text("address")
            raws.append(raw)
            rows.append(row.number)
        }
        let identities = raws
        return (LinkageRecords(parallelMap(identities.count) { encoder.tokens(for: identities[$0]) },
                               further: parallelMap(identities.count) { encoder.furtherTokens(for: identities[$0]) }), rows)
    }
}
