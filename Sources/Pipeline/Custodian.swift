import CryptoPrimitives
import Extracts
import Foundation
import Pseudonymisation

/// The data custodian's step: read a raw extract, validate it, and pseudonymise it. Everything
/// that leaves holds tokens, Bloom filters, non-identifying attributes and aggregate provenance.
public enum Custodian {
    public static func socialCare(_ path: String, key: ProjectKey) throws -> PseudonymisedSocialCare {
        let file = try InputFile(path: path)
        let result = try SocialCareExtract.read(file.document())
        try requireRows(result, file)
        var data = Pseudonymiser(key: key).pseudonymise(socialCare: result.records)
        data.provenance.sources = [file.source(role: "social care", result: result)]
        data.provenance.rejects = result.rejects
        return data
    }

    public static func education(_ path: String, key: ProjectKey) throws -> PseudonymisedEducation {
        let file = try InputFile(path: path)
        let result = try EducationExtract.read(file.document())
        try requireRows(result, file)
        var data = Pseudonymiser(key: key).pseudonymise(education: result.records)
        data.provenance.sources = [file.source(role: "education", result: result)]
        data.provenance.rejects = result.rejects
        return data
    }

    /// The school register is public data: read, not pseudonymised.
    public static func schools(_ path: String) throws -> (schools: [School], source: SourceFile, rejects: [RejectedRow]) {
        let file = try InputFile(path: path)
        let result = try SchoolRegister.read(file.document())
        try requireRows(result, file)
        return (result.records, file.source(role: "school register", result: result), result.rejects)
    }

    static func requireRows<Record>(_ result: ReadResult<Record>, _ file: InputFile) throws {
        guard !result.records.isEmpty else {
            throw ExtractError(.noValidRows, file: file.name,
                               result.rowCount == 0 ? "the file has a header but no data rows."
                                   : "none of its \(result.rowCount) rows could be read, so there is nothing to analyse. Check the file's columns and formats against the data contract.")
        }
    }
}

extension InputFile {
    func source<Record>(role: String, result: ReadResult<Record>) -> SourceFile {
        SourceFile(role: role, file: name, sha256: SHA256Digest.of(bytes).hex, encoding: result.encoding.rawValue, rows: result.rowCount,
                   rowsSkipped: result.skippedRows, valuesIgnored: result.rejects.count - result.skippedRows)
    }
}
