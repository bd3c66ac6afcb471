import CohortModel
import Disclosure
import Extracts
import Foundation
import Linkage
import Pseudonymisation
import Publishing

/// Everything `run` needs: the raw extracts, the key, and where the release goes.
public struct RunRequest: Sendable {
    public var inputs: ExtractInputs
    public var schools: String
    public var key: ProjectKey
    public var output: URL
    public var links: URL?
    public var options: AnalysisOptions

    public init(inputs: ExtractInputs, schools: String, key: ProjectKey, output: URL, links: URL? = nil,
                options: AnalysisOptions = AnalysisOptions()) {
        self.inputs = inputs
        self.schools = schools
        self.key = key
        self.output = output
        self.links = links
        self.options = options
    }

    /// The usual case: one flat social care extract and one education extract.
    public init(socialCare: String, education: String, schools: String, key: ProjectKey, output: URL, links: URL? = nil,
                options: AnalysisOptions = AnalysisOptions()) {
        self.init(inputs: ExtractInputs(socialCare: [socialCare], education: education), schools: schools, key: key, output: output,
                  links: links, options: options)
    }
}

/// Everything `analyse` needs: pseudonymised extracts (no key), the register, and where the release goes.
public struct AnalyseRequest: Sendable {
    public var socialCare: String
    public var education: String
    public var schools: String
    public var output: URL
    public var links: URL?
    public var options: AnalysisOptions

    public init(socialCare: String, education: String, schools: String, output: URL, links: URL? = nil,
                options: AnalysisOptions = AnalysisOptions()) {
        self.socialCare = socialCare
        self.education = education
        self.schools = schools
        self.output = output
        self.links = links
        self.options = options
    }
}

/// What a run tells its user: aggregates only.
public struct RunReport: Sendable {
    public var summary: String
    public var output: URL
    public var files: [String]
    public var rowsSkipped: Int
    public var valuesIgnored: Int
    public var linksWritten: Int?
}

public enum Pipeline {
    /// The whole pipeline in one process, for an analyst allowed to see both raw extracts: raw
    /// identifiers are tokenised in memory and never leave it; the outputs are the same
    /// aggregates as the split workflow's.
    public static func run(_ request: RunRequest, progress: ProgressReporter = .silent) throws -> RunReport {
        SystemMemory.prepare(inputBytes: request.inputs.totalSize)
        let clock = progress.clock()
        let schools = try clock.measure("read the school register", unit: "schools", amount: { Double($0.schools.count) }) {
            try Custodian.schools(request.schools)
        }
        // The education extract is read, checksummed and its rows found on one core while social care,
        // much of it serial work, is pseudonymised on the other (0.05 s of 1.3 s at 400,000 pupils).
        let (educationFile, socialCare) = try concurrently({ [path = request.inputs.education] in
            path.map { path in Result { () throws(ExtractError) in try InputFile(path: path).readAhead() } }
        }, {
            try Custodian.socialCare(request.inputs, key: request.key, register: schools.schools, clock: clock)
        })
        let education = try Custodian.education(request.inputs, key: request.key, file: educationFile, clock: clock)
        return try analyse(socialCare: consume socialCare, education: consume education, schools: schools, output: request.output,
                           links: request.links, options: request.options, clock: clock)
    }

    /// The analyst's step of the split workflow: pseudonymised files in, release out; no key.
    public static func analyse(_ request: AnalyseRequest, progress: ProgressReporter = .silent) throws -> RunReport {
        SystemMemory.prepare(inputBytes: InputFile.size(of: request.socialCare) + InputFile.size(of: request.education))
        let clock = progress.clock()
        let (socialCare, education) = try clock.measure("load pseudonymised files") {
            (try decodedAsRead(request.socialCare, PseudonymisedFile.decodeSocialCare),
             try decodedAsRead(request.education, PseudonymisedFile.decodeEducation))
        }
        return try analyse(socialCare: consume socialCare, education: consume education, schools: Custodian.schools(request.schools),
                           output: request.output, links: request.links, options: request.options, clock: clock)
    }

    /// A pseudonymised file decoded as it is read from disk (England's pupils are 3.4 GB), or read
    /// whole first when it has no size to go by (a pipe).
    private static func decodedAsRead<T>(
        _ path: String,
        _ decode: (_ size: Int, _ file: String, _ next: @escaping (UnsafeMutableRawBufferPointer) throws(ExtractError) -> Int) throws -> T
    ) throws -> T {
        try InputFile.checkExists(path)
        let size = InputFile.size(of: path)
        if size == 0 {
            let bytes = try InputFile(path: path).bytes
            return try decode(bytes.count, path, PseudonymisedFile.reading(bytes))
        }
        let file = try FileByteSource(path: path, fileName: InputFile.name(of: path))
        return try decode(size, path) { buffer throws(ExtractError) in try file.read(into: buffer) }
    }

    /// The custodian's step of the split workflow: raw files in, one pseudonymised file out (the
    /// social care files when there are any, otherwise the education ones).
    public static func pseudonymise(_ inputs: ExtractInputs, key: ProjectKey, output: URL, progress: ProgressReporter = .silent) throws -> String {
        SystemMemory.prepare(inputBytes: inputs.totalSize)
        let clock = progress.clock()
        /// Encoded straight into the file, a megabyte at a time.
        func write(_ encode: (_ sink: ([UInt8]) throws -> Void) throws -> Void) throws {
            _ = try clock.measure("write the pseudonymised file", unit: "MB", amount: { $0 / 1e6 }) {
                var file = try AtomicFileWriter(output)
                var written = 0
                try encode { piece in
                    try file.write(piece)
                    written += piece.count
                }
                try file.commit()
                return Double(written)
            }
        }
        if !inputs.socialCare.isEmpty {
            let data = try Custodian.socialCare(inputs, key: key, clock: clock)
            try write { try PseudonymisedFile.encode(data, into: $0) }
            return "\(data.children.count) children, \(data.episodes.count) episodes"
        }
        let data = try Custodian.education(inputs, key: key, clock: clock)
        try write { try PseudonymisedFile.encode(data, into: $0) }
        return "\(data.pupils.count) pupils, \(data.enrolments.count) enrolments"
    }

    static func analyse(socialCare: consuming PseudonymisedSocialCare, education: consuming PseudonymisedEducation,
                        schools: (schools: [School], source: SourceFile, rejects: [RejectedRow]), output: URL,
                        links: URL?, options: AnalysisOptions, clock: StageClock) throws -> RunReport {
        let analysis = try Analysis(socialCare: consume socialCare, education: consume education, schools: schools.schools, options: options)
        let result = try analysis.run(clock: clock)
        let (socialCare, education) = (analysis.socialCare, analysis.education)
        let sources = socialCare.provenance.sources + education.provenance.sources + [schools.source]
        let release = Release(result: result, keyID: socialCare.keyID, inputs: sources,
                              identifierQuality: ["social care": socialCare.provenance.quality, "education": education.provenance.quality],
                              schoolNames: socialCare.provenance.schoolNames,
                              socialCareChildren: socialCare.children.count, pupils: education.pupils.count,
                              rejects: socialCare.provenance.rejects + education.provenance.rejects + schools.rejects,
                              rules: options.rules, ledgerPath: options.ledgerPath)
        // `--links` is made while the release is written.
        let (linksFile, files) = try concurrently({ [children = socialCare.children, pupils = education.pupils] in
            links.map { _ in linksCSV(result.linkage, children: children, pupils: pupils) }
        }) {
            try clock.measure("write the release") { try release.write(to: output) }
        }
        if let links, let linksFile { try AtomicFileWriter.write(linksFile, to: links) }
        return RunReport(summary: release.summary, output: output, files: files,
                         rowsSkipped: sources.map(\.rowsSkipped).reduce(0, +), valuesIgnored: sources.map(\.valuesIgnored).reduce(0, +),
                         linksWritten: links == nil ? nil : result.linkage.links.count)
    }
}

/// `--links`: 1-based data row numbers of linked records, for evaluation against known truth.
/// Names no one; off by default.
func linksCSV(_ linkage: LinkageResult, children: [PseudonymisedChild], pupils: [PseudonymisedPupil]) -> [UInt8] {
    var writer = CSVWriter(header: ["social_care_row", "education_row", "match_weight", "method"])
    for link in linkage.links.sorted(by: { children[Int($0.child)].row < children[Int($1.child)].row }) {
        writer.row([String(children[Int(link.child)].row), String(pupils[Int(link.pupil)].row),
                    link.weight.isFinite ? formatDecimal(link.weight, places: 2) : "", link.method.rawValue])
    }
    return writer.bytes
}
