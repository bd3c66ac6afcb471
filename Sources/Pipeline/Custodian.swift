import CryptoPrimitives
import Extracts
import Foundation
import Pseudonymisation
import SchoolResolution
import CohortModel
import Publishing

/// The raw files of one custodian step, as the analyst has them: no reshaping by hand.
public struct ExtractInputs: Sendable {
    /// Social care files, each a flat CSV extract, a CIN census XML return or an SSDA903 header
    /// table (told apart by content). Children in several are one child (same `LAchildID`).
    public var socialCare: [String]
    /// SSDA903 episodes tables, paired in order with the SSDA903 header tables in `socialCare`.
    public var episodes: [String]
    /// The education extract, or the school census pupil table when the measures come in the
    /// separate tables below.
    public var education: String?
    public var attendance: String?
    public var exclusions: String?
    public var ks4: String?
    /// A YAML column mapping (`--mapping`) renaming a local export's columns.
    public var mapping: String?
    /// The school register, to resolve the schools social care records name (optional for `pseudonymise`).
    public var schools: String?

    /// The sizes of every file, added up (0 for pipes, which have none to go by).
    var totalSize: Int {
        (socialCare + episodes + [education, attendance, exclusions, ks4].compactMap(\.self)).reduce(0) { $0 + InputFile.size(of: $1) }
    }

    public init(socialCare: [String] = [], episodes: [String] = [], education: String? = nil, attendance: String? = nil,
                exclusions: String? = nil, ks4: String? = nil, mapping: String? = nil, schools: String? = nil) {
        self.socialCare = socialCare
        self.episodes = episodes
        self.education = education
        self.attendance = attendance
        self.exclusions = exclusions
        self.ks4 = ks4
        self.mapping = mapping
        self.schools = schools
    }
}

/// The data custodian's step: read raw extracts, validate them, and pseudonymise them. Everything
/// that leaves holds tokens, Bloom filters, non-identifying attributes and aggregate provenance.
public enum Custodian {
    /// Reads every social care file, joins SSDA903 headers to their episodes, merges children
    /// across files and pseudonymises them as one extract.
    /// With a school register, the schools the records name are resolved to URNs (`register`
    /// overrides `inputs.schools` when the caller has read it already).
    public static func socialCare(_ inputs: ExtractInputs, key: ProjectKey, register: [School]? = nil) throws -> PseudonymisedSocialCare {
        let mapping = try columnMapping(inputs.mapping)
        var episodes = inputs.episodes[...]
        var sources: [SocialCareSource] = []
        var files: [SourceFile] = []
        for path in inputs.socialCare {
            // Told apart by its first bytes: XML is a CIN census return, read as a stream.
            let sniffed = try SniffedFile(path: path)
            if CINCensus.looksLikeXML(sniffed.head) {
                let name = InputFile.name(of: path)
                let (read, sha256) = try StageProgress.step("read \(name)", total: InputFile.size(of: path), unit: "bytes") { progress in
                    let stream = HashingFileSource(sniffed, progress: progress)
                    return (try CINCensus.read(stream, fileName: name), stream.sha256())
                }
                sources.append(read.source)
                files.append(SourceFile(role: "social care (CIN census)", file: read.source.result.fileName, sha256: sha256,
                                        encoding: read.source.result.encoding, rows: read.source.result.rowCount,
                                        rejects: read.source.result.rejects))
                continue
            }
            let file = try InputFile(path: path, reading: sniffed)
            let document = try file.document()
            switch SSDA903.table(of: document.header) {
            case nil:
                let mapped = try mapping?.apply(to: document, role: .socialCare) ?? document
                try requireKind(.socialCare, of: mapped)
                let result = try SocialCareExtract.read(mapped)
                sources.append(SocialCareSource(flat: result))
                files.append(SourceFile(role: "social care", file: file.name, sha256: file.sha256, encoding: result.encoding,
                                        rows: result.rowCount, rejects: result.rejects))
            case .header:
                guard let episodesPath = episodes.popFirst() else {
                    throw ExtractError(.inconsistentInputs, file: file.name,
                                       "this is an SSDA903 header table; give its episodes table too, with --episodes.")
                }
                let episodesFile = try InputFile(path: episodesPath)
                let read = try SSDA903.read(header: document, episodes: episodesFile.document())
                sources.append(read.source)
                files.append(SourceFile(role: "social care (SSDA903 header)", file: file.name, sha256: file.sha256,
                                        encoding: read.header.encoding, rows: read.header.rowCount, rejects: read.source.result.rejects))
                files.append(SourceFile(role: "social care (SSDA903 episodes)", file: episodesFile.name, sha256: episodesFile.sha256,
                                        encoding: read.episodes.encoding, rows: read.episodes.rowCount, rejects: read.source.result.rejects))
            case .episodes:
                throw ExtractError(.wrongFormat, file: file.name,
                                   "this is an SSDA903 episodes table. Give it with --episodes, and its header table with --social-care.")
            case .other(let table):
                throw ExtractError(.wrongFormat, file: file.name,
                                   "this is the SSDA903 \(table) table, which is not needed. Give the header table with --social-care and the episodes table with --episodes.")
            }
        }
        if let unpaired = episodes.first {
            throw ExtractError(.inconsistentInputs, file: InputFile.name(of: unpaired),
                               "an SSDA903 episodes table needs its header table: give that with --social-care.")
        }
        let records = try SocialCareSource.combine(sources)
        guard !records.isEmpty else {
            throw ExtractError(.noValidRows, file: files.map(\.file).joined(separator: ", "),
                               "no episode could be read from the social care input, so there is nothing to analyse. Check its columns and formats against the data contract.")
        }
        let register = try register ?? inputs.schools.map { try schools($0).schools }
        let resolved = register.map { resolveSchools(records, register: $0) }
        var data = Pseudonymiser(key: key).pseudonymise(socialCare: consume records, schoolOfRow: resolved?.urns ?? [])
        data.provenance.sources = files
        data.provenance.rejects = sources.flatMap(\.result.rejects)
        data.provenance.schoolNames = resolved?.counts
        return data
    }

    /// Reads the education extract, or the school census pupil table joined to its attendance,
    /// exclusions and KS4 tables, and pseudonymises it.
    public static func education(_ inputs: ExtractInputs, key: ProjectKey) throws -> PseudonymisedEducation {
        guard let path = inputs.education else { preconditionFailure("education(_:key:) needs the education extract") }
        return try education(inputs, key: key, file: InputFile(path: path))
    }

    /// `education` of the education extract (or pupil table) already read.
    static func education(_ inputs: ExtractInputs, key: ProjectKey, file: InputFile) throws -> PseudonymisedEducation {
        let mapping = try columnMapping(inputs.mapping)
        func document(_ file: InputFile, _ role: ColumnMapping.Role) throws -> CSVDocument {
            let document = try file.document()
            let mapped = try mapping?.apply(to: document, role: role) ?? document
            if role == .education { try requireKind(.education, of: mapped) }
            return mapped
        }
        var tables: [ColumnMapping.Role: InputFile] = [:]
        for (table, role) in [(inputs.attendance, ColumnMapping.Role.attendance), (inputs.exclusions, .exclusions), (inputs.ks4, .ks4)] {
            if let table { tables[role] = try InputFile(path: table) }
        }
        var pupils: ReadResult<EducationRecord>
        var read: [(role: ColumnMapping.Role, rows: Int, encoding: TextEncoding, rejects: [RejectedRow])] = []
        if tables.isEmpty {
            pupils = try EducationExtract.read(document(file, .education))
        } else {
            let census = try SchoolCensus.read(SchoolCensusTables(
                pupils: document(file, .education), attendance: tables[.attendance].map { try document($0, .attendance) },
                exclusions: tables[.exclusions].map { try document($0, .exclusions) }, ks4: tables[.ks4].map { try document($0, .ks4) }))
            pupils = census.pupils
            if let table = census.attendance { read.append((.attendance, table.rowCount, table.encoding, table.rejects)) }
            if let table = census.exclusions { read.append((.exclusions, table.rowCount, table.encoding, table.rejects)) }
            if let table = census.ks4 { read.append((.ks4, table.rowCount, table.encoding, table.rejects)) }
        }
        try requireRows(pupils, file)
        let sources = [SourceFile(role: "education", file: file.name, sha256: file.sha256, encoding: pupils.encoding,
                                  rows: pupils.rowCount, rejects: pupils.rejects)]
            + read.map { table in
                SourceFile(role: "education (\(table.role.rawValue))", file: tables[table.role]!.name, sha256: tables[table.role]!.sha256,
                           encoding: table.encoding, rows: table.rows, rejects: table.rejects)
            }
        var data = Pseudonymiser(key: key).pseudonymise(education: pupils.takeRecords())
        data.provenance.sources = sources
        data.provenance.rejects = pupils.rejects + read.flatMap(\.rejects)
        return data
    }

    /// `socialCare` as a stage of `clock`, named as `run` and `pseudonymise` report it.
    static func socialCare(_ inputs: ExtractInputs, key: ProjectKey, register: [School]? = nil, clock: StageClock) throws
        -> PseudonymisedSocialCare {
        try clock.measure("read and pseudonymise social care", unit: "children", amount: { Double($0.children.count) }) {
            try socialCare(inputs, key: key, register: register)
        }
    }

    /// `education` as a stage of `clock`, of the extract already read when `file` gives it.
    static func education(_ inputs: ExtractInputs, key: ProjectKey, file: Result<InputFile, ExtractError>? = nil,
                          clock: StageClock) throws -> PseudonymisedEducation {
        try clock.measure("read and pseudonymise education", unit: "pupils", amount: { Double($0.pupils.count) }) {
            guard let file else { return try education(inputs, key: key) }
            return try education(inputs, key: key, file: file.get())
        }
    }

    /// The school register is public data: read, not pseudonymised.
    public static func schools(_ path: String) throws -> (schools: [School], source: SourceFile, rejects: [RejectedRow]) {
        let file = try InputFile(path: path)
        let document = try file.document()
        try requireKind(.schoolRegister, of: document)
        let result = try SchoolRegister.read(document)
        try requireRows(result, file)
        return (result.records, SourceFile(role: "school register", file: file.name, sha256: file.sha256, encoding: result.encoding,
                                           rows: result.rowCount, rejects: result.rejects), result.rejects)
    }

    /// The school each row names: a URN typed in, mapped to the school it became, or a typed name
    /// resolved against the register, with the child's home postcode and the phase of its age
    /// when the episode began. Ambiguous and unknown names give none, rather than a guess.
    static func resolveSchools(_ records: [SocialCareRecord], register: [School]) -> (urns: [Int32?], counts: SchoolNameCounts) {
        let resolver = SchoolResolver(schools: register)
        let current = SchoolRegister.currentURNs(register)
        // Each distinct name is matched once, in parallel (17,000 episodes name 7,000 schools as typed
        // at 400,000 pupils); each episode's child then decides between the schools its name fits.
        var nameIDs: [String: Int] = [:], distinct: [String] = []
        let nameOfRow = records.map { record -> Int? in
            guard record.schoolURN == nil, !record.schoolName.isEmpty else { return nil }
            if let id = nameIDs[record.schoolName] { return id }
            nameIDs[record.schoolName] = distinct.count
            distinct.append(record.schoolName)
            return distinct.count - 1
        }
        let names = distinct
        let resolutions = StageProgress.step("resolve the schools named", total: names.count + records.count, unit: "names and episodes") { progress in
            let matches = parallelMap(names.count, chunks: defaultThreadCount * 8, progress: progress, state: {}) { _, i in resolver.match(name: names[i]) }
            return parallelMap(records.count, chunks: defaultThreadCount * 8, progress: progress, state: {}) { _, i -> SchoolResolution? in
                // Fields read in place: a copy of the record retained and released each of its strings.
                if let urn = records[i].schoolURN { return .resolved(urn: current[urn] ?? urn) }
                guard let name = nameOfRow[i] else { return nil }
                let phase = records[i].birthDate.map { records[i].start.years(since: $0) }.flatMap { age -> Phase? in
                    (4...10).contains(age) ? .primary : (11...16).contains(age) ? .secondary : nil
                }
                return resolver.resolve(matches[name], postcode: records[i].postcode, phaseHint: phase)
            }
        }
        var counts = SchoolNameCounts()
        let urns = resolutions.map { resolution -> Int32? in
            switch resolution {
            case .resolved(let urn)?:
                counts.resolved += 1
                return Int32(urn)
            case .ambiguous?: counts.ambiguous += 1
            case .unresolved?: counts.unresolved += 1
            case nil: counts.empty += 1
            }
            return nil
        }
        return (urns, counts)
    }

    /// Refuses a file that is another kind of extract than `expected`, saying what it is and where
    /// it goes: read as the wrong kind, a social care extract passes for an education extract.
    static func requireKind(_ expected: ExtractKind, of document: CSVDocument) throws {
        guard let kind = ExtractKind.recognised(header: document.header), kind != expected else { return }
        throw ExtractError(.wrongFormat, file: document.fileName,
                           "this is \(kind.description), not \(expected.description). Give it with \(kind.option), and the \(expected.name) with \(expected.option).")
    }

    static func requireRows<Record>(_ result: ReadResult<Record>, _ file: InputFile) throws {
        guard !result.records.isEmpty else {
            throw ExtractError(.noValidRows, file: file.name,
                               result.rowCount == 0 ? "the file has a header but no data rows."
                                   : "none of its \(result.rowCount) rows could be read, so there is nothing to analyse. Check the file's columns and formats against the data contract.")
        }
    }

    /// The `--mapping` file, read and checked, or nil when none was given.
    static func columnMapping(_ path: String?) throws -> ColumnMapping? {
        guard let path else { return nil }
        let file = try InputFile(path: path)
        return try ColumnMapping(yaml: String(decoding: file.bytes, as: UTF8.self), fileName: file.name)
    }
}

extension ExtractKind {
    /// The option of `run` and `pseudonymise` that takes this kind of file.
    var option: String {
        switch self {
        case .socialCare: "--social-care"
        case .education: "--education"
        case .schoolRegister: "--schools"
        }
    }
}
