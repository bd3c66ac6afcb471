import Extracts
import Foundation
import Pipeline
import Testing

/// `run --england` on a generated England: England's rows with every breakdown, each local
/// authority's totals, no school's, and every file saying which geography a row is.
@Suite struct EnglandRunTests {
    @Test func englandsReleaseHasEnglandsRowsAndEachLocalAuthoritys() throws {
        let england = try GeneratedLA(seed: 13, pupils: 20_000, years: 1, coverage: .england, socialCareChildren: 3_000)
        defer { england.remove() }
        var options = AnalysisOptions()
        options.england = true
        let report = try Pipeline.run(england.request(options: options))
        #expect(report.summary.hasPrefix("England, 2024/25"))
        let files = try england.texts(in: "release")
        // LA names can hold commas ("Bristol, City of"): read with the project's RFC 4180 reader.
        let document = try CSVDocument(fileName: "cohort_measures.csv", bytes: Array(files["cohort_measures.csv"]!.utf8))
        var rows: [[String: String]] = []
        try document.forEachRow { row in rows.append(Dictionary(uniqueKeysWithValues: document.header.enumerated().map { ($1, row[$0]) })) }
        let byLevel = Dictionary(grouping: rows, by: { $0["geographic_level"]! })
        #expect(Set(byLevel.keys) == ["National", "Local authority"])
        #expect(byLevel["National"]!.allSatisfy { $0["la_name"] == "" && $0["new_la_code"] == "" && $0["country_name"] == "England" })
        #expect(Set(byLevel["National"]!.map { $0["breakdown_topic"]! }).count > 1, "England has its breakdowns")
        let las = byLevel["Local authority"]!
        #expect(las.allSatisfy { $0["breakdown_topic"] == "Total" && $0["la_name"] != "" && $0["new_la_code"]!.hasPrefix("E") })
        // Every LA with pupils on roll, once per group; all but the tiniest have pupils at this size.
        #expect(Set(las.map { $0["old_la_code"]! }).count >= 150)
        #expect(las.count == Set(las.map { $0["old_la_code"]! }).count * 6)
        // Where every LA's count of pupils is published, they add up to England's.
        let allPupils = las.filter { $0["social_care_group"] == "All pupils" }.compactMap { Int($0["headcount"]!) }
        let englandPupils = byLevel["National"]!.first { $0["social_care_group"] == "All pupils" && $0["breakdown_topic"] == "Total" }!["headcount"]!
        if allPupils.count == las.count / 6 { #expect(String(allPupils.reduce(0, +)) == englandPupils) }
        #expect(csvRows(files["linkage_quality.csv"]!).allSatisfy { $0["geographic_level"] == "National" })
        #expect(files["report.html"]!.contains("<caption>Local authorities in England, 2024/25"))
    }
}
