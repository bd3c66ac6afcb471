import Extracts
import Foundation
import Pipeline
import Testing

/// `run` on the files an LA already has gives the same release as on the flat extracts.
@Suite struct RealInputsTests {
    private static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("../shared/samples").standardized
    private static let mappings = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("datasets/mappings")

    private func release(_ la: GeneratedLA, _ name: String, _ inputs: ExtractInputs) throws -> [String: String] {
        _ = try Pipeline.run(la.request(output: name, inputs: inputs))
        return try la.texts(in: name)
    }

    @Test func cinCensusAndSSDA903GiveTheSameTablesAsTheFlatExtract() throws {
        let la = try GeneratedLA(seed: 23, pupils: 4_000)
        defer { la.remove() }
        let flat = try release(la, "flat", ExtractInputs(socialCare: [la.path("social_care.csv")], education: la.path("education.csv")))
        let statutory = try release(la, "statutory", ExtractInputs(
            socialCare: [la.path("social_care_cin.xml"), la.path("ssda903_header.csv")], episodes: [la.path("ssda903_episodes.csv")],
            education: la.path("education.csv")))
        #expect(statutory["cohort_measures.csv"] == flat["cohort_measures.csv"])
        #expect(statutory["linkage_quality.csv"] == flat["linkage_quality.csv"])
        // The manifest names the three statutory files.
        let manifest = try #require(statutory["manifest.json"])
        for file in ["social_care_cin.xml", "ssda903_header.csv", "ssda903_episodes.csv"] { #expect(manifest.contains(file)) }
    }

    @Test func theSplitWorkflowReadsTheSameInputs() throws {
        let la = try GeneratedLA(seed: 24, pupils: 2_000)
        defer { la.remove() }
        let flat = try release(la, "flat", ExtractInputs(socialCare: [la.path("social_care.csv")], education: la.path("education.csv")))
        let socialCare = la.folder.appendingPathComponent("sc.clp"), education = la.folder.appendingPathComponent("edu.clp")
        _ = try Pipeline.pseudonymise(ExtractInputs(socialCare: [la.path("ssda903_header.csv"), la.path("social_care_cin.xml")],
                                                    episodes: [la.path("ssda903_episodes.csv")]), key: la.key, output: socialCare)
        _ = try Pipeline.pseudonymise(ExtractInputs(education: la.path("education.csv")), key: la.key, output: education)
        _ = try Pipeline.analyse(AnalyseRequest(socialCare: socialCare.path, education: education.path, schools: la.path("schools.csv"),
                                                output: la.folder.appendingPathComponent("split")))
        #expect(try la.texts(in: "split")["cohort_measures.csv"] == flat["cohort_measures.csv"])
    }

    @Test func theSchoolCensusAsSeparateTablesGivesTheSameTables() throws {
        let la = try GeneratedLA(seed: 25, pupils: 2_000)
        defer { la.remove() }
        let flat = try release(la, "flat", ExtractInputs(socialCare: [la.path("social_care.csv")], education: la.path("education.csv")))
        try SchoolCensusSplit.write(education: la.path("education.csv"), into: la.folder)
        let tables = try release(la, "tables", ExtractInputs(
            socialCare: [la.path("social_care.csv")], education: la.path("pupils.csv"), attendance: la.path("attendance.csv"),
            exclusions: la.path("exclusions.csv"), ks4: la.path("ks4.csv")))
        #expect(tables["cohort_measures.csv"] == flat["cohort_measures.csv"])
    }

    @Test func aColumnMappingReadsALocalExport() throws {
        let la = try GeneratedLA(seed: 26, pupils: 2_000)
        defer { la.remove() }
        let flat = try release(la, "flat", ExtractInputs(socialCare: [la.path("social_care.csv")], education: la.path("education.csv")))
        // The generated extract with Mosaic-style headers, and nothing else changed.
        let text = try String(contentsOfFile: la.path("social_care.csv"), encoding: .utf8)
        let header = "PERSON_ID,UPN_NUMBER,FORMER_UPN_NUMBER,FIRST_NAME,LAST_NAME,DATE_OF_BIRTH,GENDER,ETHNICITY_CODE,POST_CODE,PLAN_TYPE,PLAN_START_DATE,PLAN_END_DATE,CURRENT_SCHOOL,CURRENT_SCHOOL_URN"
        try (header + text.drop { $0 != "\r\n" && $0 != "\n" }).write(toFile: la.path("mosaic.csv"), atomically: true, encoding: .utf8)
        let mapped = try release(la, "mapped", ExtractInputs(socialCare: [la.path("mosaic.csv")], education: la.path("education.csv"),
                                                             mapping: Self.mappings.appendingPathComponent("mosaic.yml").path))
        #expect(mapped["cohort_measures.csv"] == flat["cohort_measures.csv"])
    }

    @Test(arguments: [
        (["ssda903/d2i_episodes.csv"], [String](), ExtractError.Code.wrongFormat, "--episodes"),
        (["ssda903/d2i_header.csv"], [], .inconsistentInputs, "episodes table too"),
        (["ssda903/d2i_missing.csv"], [], .wrongFormat, "missing episodes table"),
        (["ssda903/d2i_uasc.csv"], [], .wrongFormat, "UASC table"),
        (["cin/liia_CIN_schema_2024.xsd"], [], .wrongFormat, "not a CIN census return"),
        (["cin/liia_cin-2022.xml"], ["ssda903/d2i_episodes.csv"], .inconsistentInputs, "needs its header table"),
    ])
    func misplacedFilesAreOneClearError(_ socialCare: [String], _ episodes: [String], _ code: ExtractError.Code, _ message: String) throws {
        let la = try GeneratedLA(seed: 27, pupils: 500)
        defer { la.remove() }
        let inputs = ExtractInputs(socialCare: socialCare.map { Self.samples.appendingPathComponent($0).path },
                                   episodes: episodes.map { Self.samples.appendingPathComponent($0).path }, education: la.path("education.csv"))
        do {
            _ = try Pipeline.run(la.request(inputs: inputs))
            Issue.record("ran on misplaced files")
        } catch let error as ExtractError {
            #expect(error.code == code && error.description.contains(message), "\(error)")
        }
    }

    @Test func theSampleReturnsRunEndToEnd() throws {
        // The fake returns' children are not in a generated LA's schools: they are read,
        // counted and published as unlinked, and nothing stops the run.
        let la = try GeneratedLA(seed: 28, pupils: 1_000)
        defer { la.remove() }
        let inputs = ExtractInputs(socialCare: ["cin/d2i_CIN_Census_2024.xml", "ssda903/d2i_header.csv"].map { Self.samples.appendingPathComponent($0).path },
                                   episodes: [Self.samples.appendingPathComponent("ssda903/d2i_episodes.csv").path],
                                   education: la.path("education.csv"))
        let report = try Pipeline.run(la.request(inputs: inputs))
        #expect(report.valuesIgnored > 0)
        let rejects = try #require(try la.texts(in: "release")["rejects.csv"])
        #expect(rejects.contains("d2i_CIN_Census_2024.xml,1,Sex,"))
    }
}

/// Writes a flat education extract as the school census's separate tables: the pupil table
/// without the measures, attendance in two terms, one exclusions row per suspension or
/// permanent exclusion, and KS4 results.
enum SchoolCensusSplit {
    static func write(education path: String, into folder: URL) throws {
        let document = try CSVDocument(fileName: "education.csv", bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        let column = { (name: String) in document.header.firstIndex(of: name)! }
        let measures = ["SessionsPossible", "SessionsAuthorisedAbsence", "SessionsUnauthorisedAbsence", "Suspensions",
                        "PermanentExclusion", "Attainment8", "EnglishMaths95"]
        let kept = document.header.indices.filter { !measures.contains(document.header[$0]) }
        var pupils = [kept.map { document.header[$0] }.joined(separator: ",")]
        var attendance = ["UPN,AcademicYear,Term,SessionsPossible,SessionsAuthorisedAbsence,SessionsUnauthorisedAbsence"]
        var exclusions = ["UPN,AcademicYear,Category"]
        var ks4 = ["UPN,AcademicYear,KS4_ATT8,KS4_L2BASICS_95"]
        try document.forEachRow { row in
            pupils.append(kept.map { csvField(row[$0]) }.joined(separator: ","))
            let upn = row[column("UPN")], year = row[column("AcademicYear")]
            if let possible = Int(row[column("SessionsPossible")]) {
                let authorised = Int(row[column("SessionsAuthorisedAbsence")]) ?? 0, unauthorised = Int(row[column("SessionsUnauthorisedAbsence")]) ?? 0
                attendance.append("\(upn),\(year),Autumn,\(possible / 2),\(authorised / 2),\(unauthorised / 2)")
                attendance.append("\(upn),\(year),Spring and summer,\(possible - possible / 2),\(authorised - authorised / 2),\(unauthorised - unauthorised / 2)")
            }
            for _ in 0..<(Int(row[column("Suspensions")]) ?? 0) { exclusions.append("\(upn),\(year),FIXD") }
            if row[column("PermanentExclusion")] == "1" { exclusions.append("\(upn),\(year),PERM") }
            if !row[column("Attainment8")].isEmpty || !row[column("EnglishMaths95")].isEmpty {
                ks4.append("\(upn),\(year),\(row[column("Attainment8")]),\(row[column("EnglishMaths95")])")
            }
        }
        for (name, lines) in [("pupils.csv", pupils), ("attendance.csv", attendance), ("exclusions.csv", exclusions), ("ks4.csv", ks4)] {
            try (lines.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
    }

    private static func csvField(_ text: String) -> String {
        text.contains(",") || text.contains("\"") ? "\"\(text.replacingOccurrences(of: "\"", with: "\"\""))\"" : text
    }
}
