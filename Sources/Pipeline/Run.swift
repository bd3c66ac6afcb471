import CohortModel
import Extracts
import Foundation
import Linkage
import Pseudonymisation
import Publishing

/// The whole pipeline in one process, for an analyst allowed to see both raw extracts: raw
/// identifiers are tokenised in memory and never leave it; outputs are the same aggregates
/// as the split workflow's.
public struct RunRequest: Sendable {
    public var socialCare: String
    public var education: String
    public var schools: String
    public var key: ProjectKey
    public var output: URL
    public var links: URL?
    public var options: AnalysisOptions

    public init(socialCare: String, education: String, schools: String, key: ProjectKey, output: URL, links: URL? = nil,
                options: AnalysisOptions = AnalysisOptions()) {
        self.socialCare = socialCare
        self.education = education
        self.schools = schools
        self.key = key
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
    public static func run(_ request: RunRequest, progress: ProgressReporter = .silent) throws -> RunReport {
        progress.stage("Reading extracts")
        let socialCareFile = try InputFile(path: request.socialCare)
        let educationFile = try InputFile(path: request.education)
        let schoolsFile = try InputFile(path: request.schools)
        let socialCare = try SocialCareExtract.read(socialCareFile.document())
        let education = try EducationExtract.read(educationFile.document())
        let schools = try SchoolRegister.read(schoolsFile.document())
        try requireRows(socialCare, socialCareFile)
        try requireRows(education, educationFile)
        try requireRows(schools, schoolsFile)

        progress.stage("Pseudonymising identifiers")
        let pseudonymiser = Pseudonymiser(key: request.key)
        let pseudonymisedSocialCare = pseudonymiser.pseudonymise(socialCare: socialCare.records)
        let pseudonymisedEducation = pseudonymiser.pseudonymise(education: education.records)

        progress.stage("Linking and computing measures")
        let result = try Analysis(socialCare: pseudonymisedSocialCare, education: pseudonymisedEducation,
                                  schools: schools.records, options: request.options).run()

        progress.stage("Writing the release")
        let inputs = [
            socialCareFile.manifestEntry(role: "social care", result: socialCare),
            educationFile.manifestEntry(role: "education", result: education),
            schoolsFile.manifestEntry(role: "school register", result: schools),
        ]
        let rejects = socialCare.rejects + education.rejects + schools.rejects
        let release = Release(result: result, keyID: pseudonymiser.keyID, inputs: inputs,
                              identifierQuality: ["social care": pseudonymisedSocialCare.quality,
                                                  "education": pseudonymisedEducation.quality],
                              socialCareChildren: pseudonymisedSocialCare.children.count,
                              pupils: pseudonymisedEducation.pupils.count, rejects: rejects)
        let files = try release.write(to: request.output)
        var linksWritten: Int?
        if let links = request.links {
            try writeAtomically(linksCSV(result.linkage, children: pseudonymisedSocialCare.children,
                                         pupils: pseudonymisedEducation.pupils), to: links)
            linksWritten = result.linkage.links.count
        }
        return RunReport(summary: release.summary, output: request.output, files: files,
                         rowsSkipped: inputs.map(\.rowsSkipped).reduce(0, +),
                         valuesIgnored: inputs.map(\.valuesIgnored).reduce(0, +), linksWritten: linksWritten)
    }

    private static func requireRows<Record>(_ result: ReadResult<Record>, _ file: InputFile) throws {
        guard !result.records.isEmpty else {
            throw ExtractError(.noValidRows, file: file.name,
                               result.rowCount == 0 ? "the file has a header but no data rows."
                                   : "none of its \(result.rowCount) rows could be read; rejects.csv would list why, but there is nothing to analyse. Check the file's columns and formats against the data contract.")
        }
    }
}

/// `--links`: 1-based data row numbers of linked records, for evaluation against known truth.
/// Names no one; off by default.
func linksCSV(_ linkage: LinkageResult, children: [PseudonymisedChild], pupils: [PseudonymisedPupil]) -> [UInt8] {
    var writer = CSVWriter(header: ["social_care_row", "education_row", "match_weight", "method"])
    for link in linkage.links.sorted(by: { children[Int($0.child)].row < children[Int($1.child)].row }) {
        writer.row([String(children[Int(link.child)].row), String(pupils[Int(link.pupil)].row),
                    link.weight.isFinite ? formatWeight(link.weight) : "", link.method.rawValue])
    }
    return writer.bytes
}

func formatWeight(_ weight: Double) -> String {
    let scaled = (weight * 100).rounded()
    return String(format: "%.2f", scaled / 100)
}
