import CohortModel
import Disclosure
import Extracts
import Foundation
import Linkage
import Measures
import Pipeline
import Pseudonymisation
import Publishing
import Testing

/// Privacy is the product: no identifier of any input may reach any output of `run`.
@Suite struct PrivacyTests {
    /// The identifiers of both extracts, as typed and as normalised.
    private func identifiers(of la: GeneratedLA) throws -> (distinctive: Set<String>, names: Set<String>, childIDs: Set<String>) {
        let socialCare = try SocialCareExtract.read(CSVDocument(fileName: "sc", bytes: Array(Data(contentsOf: URL(fileURLWithPath: la.path("social_care.csv"))))))
        let education = try EducationExtract.read(CSVDocument(fileName: "ed", bytes: Array(Data(contentsOf: URL(fileURLWithPath: la.path("education.csv"))))))
        var distinctive = Set<String>(), names = Set<String>()
        let socialCareText = csvRows(try String(contentsOfFile: la.path("social_care.csv"), encoding: .utf8))
        for row in socialCareText {
            for column in ["UPN", "FormerUPN", "PersonBirthDate", "Postcode"] { distinctive.insert(row[column] ?? "") }
        }
        for record in socialCare.records {
            distinctive.formUnion([record.upn, record.formerUPN, record.postcode, record.birthDate?.description ?? ""])
            names.formUnion([record.forename, record.surname])
        }
        for record in education.records {
            distinctive.formUnion([record.upn, record.formerUPN, record.postcode, record.birthDate?.description ?? ""])
            names.formUnion([record.forename, record.surname])
        }
        distinctive = distinctive.filter { $0.count >= 6 && !UPN.isPlaceholder($0) }
        return (distinctive, names.filter { $0.count >= 3 }, Set(socialCare.records.map(\.childID)))
    }

    @Test func noInputIdentifierReachesAnyOutput() throws {
        let la = try GeneratedLA(seed: 31)
        defer { la.remove() }
        let report = try Pipeline.run(la.request(links: true))
        var outputs = try la.texts(in: "release")
        #expect(Set(outputs.keys) == ["cohort_measures.csv", "cohort_measures.meta.csv", "linkage_quality.csv", "manifest.json", "rejects.csv", "report.html"])
        outputs["stdout summary"] = report.summary
        outputs["links.csv"] = try String(contentsOfFile: la.path("links.csv"), encoding: .utf8)
        let leaks = try self.leaks(in: outputs, of: la)
        #expect(leaks.isEmpty, "\(leaks)")
    }

    /// The scan itself must catch a planted identifier of each kind, or the test above proves nothing.
    @Test func theScanCatchesPlantedIdentifiers() throws {
        let la = try GeneratedLA(seed: 32, pupils: 3_000, years: 1)
        defer { la.remove() }
        let rows = csvRows(try String(contentsOfFile: la.path("social_care.csv"), encoding: .utf8))
        let child = try #require(rows.first { !($0["UPN"] ?? "").isEmpty && ($0["Surname"] ?? "").count > 4 })
        for planted in [child["UPN"]!, child["Postcode"]!, child["PersonBirthDate"]!, "x,\(child["LAchildID"]!),y", "the \(child["Surname"]!) family"] {
            #expect(try !leaks(in: ["planted.csv": planted], of: la).isEmpty, "missed a planted identifier")
        }
    }

    /// Every output file in which an input identifier appears.
    private func leaks(in outputs: [String: String], of la: GeneratedLA) throws -> [String] {
        let (distinctive, names, childIDs) = try identifiers(of: la)
        // Names of schools and areas are public register data and may share words with children's names.
        let publicText = try String(contentsOfFile: la.path("schools.csv"), encoding: .windowsCP1252)
        let referenceDates = Set((outputs["manifest.json"] ?? "").matches(of: /\d{4}-\d{2}-\d{2}/).map { String($0.output) })
        let vocabulary = self.vocabulary
        var found: [String] = []
        for (file, text) in outputs {
            let candidates = distinctive.subtracting(referenceDates)
            let windows = substrings(of: text, lengths: Set(candidates.map(\.utf8.count)))
            if !candidates.isDisjoint(with: windows) { found.append("\(file): identifier") }
            let words = Set(text.split { !$0.isLetter && $0 != "'" && $0 != "-" }.map(String.init))
            if names.contains(where: { words.contains($0) && !publicText.contains($0) && !vocabulary.contains($0) }) {
                found.append("\(file): name")
            }
            let fields = Set(text.split { ",\n\":[] ".contains($0) }.map(String.init))
            if !fields.isDisjoint(with: childIDs.filter { $0.count >= 4 }) { found.append("\(file): LAchildID") }
        }
        return found
    }

    /// Every substring of the given byte lengths: one pass over a large output instead of one
    /// search per identifier.
    private func substrings(of text: String, lengths: Set<Int>) -> Set<String> {
        let bytes = Array(text.utf8)
        var result = Set<String>()
        for length in lengths where length <= bytes.count {
            for start in 0...(bytes.count - length) {
                result.insert(String(decoding: bytes[start..<start + length], as: UTF8.self))
            }
        }
        return result
    }

    /// Words the tool itself writes (labels, categories, rule and level names), which a name may equal.
    private var vocabulary: Set<String> {
        let phrases = Indicator.allCases.flatMap { [$0.label, $0.grouping] }
            + SocialCareGroup.allCases.map(\.label)
            + BreakdownTopic.allCases.flatMap { $0.categories + [$0.rawValue] }
            + Comparison.allCases.flatMap { $0.levels + [$0.name] }
            + defaultBlockingRules.map(\.name) + Symbol.allCases.map(\.meaning)
            + [String(decoding: TidyData.metadata(), as: UTF8.self)]
        return Set(phrases.flatMap { $0.split { !$0.isLetter && $0 != "'" && $0 != "-" }.map(String.init) })
    }
}
