import CohortModel
import Extracts
import Disclosure
import Foundation
import Linkage
import Pseudonymisation
import Publishing

/// The files of one release, written all-or-nothing into the output folder.
struct Release {
    let result: AnalysisResult
    let keyID: String
    let inputs: [SourceFile]
    let identifierQuality: [String: IdentifierQuality]
    let schoolNames: SchoolNameCounts?
    let socialCareChildren: Int
    let pupils: Int
    let rejects: [RejectedRow]
    let rules: DisclosureRules
    let ledgerPath: String?

    var summary: String {
        guard let latest = result.tables.last else { return "No academic year to report.\n" }
        return summaryTable(latest, areaName: result.area.laName)
    }

    /// Writes every file and returns their names.
    func write(to url: URL) throws -> [String] {
        let manifest = Manifest(
            keyID: keyID, academicYears: result.tables.map(\.year.description),
            referenceDates: result.tables.map(\.referenceDate.description), inputs: inputs, identifierQuality: identifierQuality, schoolNames: schoolNames,
            linkage: result.linkage, socialCareChildren: socialCareChildren, pupils: pupils, disclosure: result.disclosure,
            outputs: [])
        // The report takes only the manifest's provenance, so it is made before the manifest lists it,
        // at the same time as the tidy data.
        let (tidyData, report) = concurrently({ [result] in
            TidyData.csv(result.tables, area: result.area, localAuthorities: result.localAuthorities, schoolNames: result.schoolNames)
        }) {
            HTMLReport.render(ReportInput(
                tables: result.tables, area: result.area, localAuthorities: result.localAuthorities, schoolNames: result.schoolNames,
                linkageQuality: result.linkageQuality, rules: rules, manifest: manifest))
        }
        var directory = try OutputDirectory(url)
        do {
            try directory.write(tidyData, to: "cohort_measures.csv")
            try directory.write(TidyData.metadata(), to: "cohort_measures.meta.csv")
            try directory.write(rejectsCSV(rejects), to: "rejects.csv")
            if let latest = result.tables.last {
                try directory.write(LinkageQualityFile.csv(result.linkageQuality, year: latest.year, area: result.area),
                                    to: "linkage_quality.csv")
            }
            try directory.write(report, to: "report.html")
            var listed = manifest
            listed.outputs = directory.fileNames + [OutputDirectory.marker]
            try directory.write(try listed.json(), to: OutputDirectory.marker)
            try directory.commit()
            if let path = ledgerPath { try AtomicFileWriter.write(result.ledger.json(), to: URL(fileURLWithPath: path)) }
        } catch {
            directory.discard()
            throw error
        }
        return directory.fileNames
    }
}
