import CohortModel
import Disclosure
import Measures
@testable import Publishing
import Testing

/// England's release: the made-up schools split between two local authorities, measured with
/// England's, each LA's and each school's rows, then protected together.
@Suite struct EnglandReleaseTests {
    static let southwark = Area(oldLACode: "210", newLACode: "E09000028", laName: "Southwark", regionCode: "E12000007", regionName: "London")
    static let lambeth = Area(oldLACode: "208", newLACode: "E09000022", laName: "Lambeth", regionCode: "E12000007", regionName: "London")
    static let localAuthorityOfSchool = [100_001: 210, 100_002: 210, 100_003: 210, 100_004: 208, 100_005: 208]
    static let year = AcademicYear(startYear: 2024)

    static let table: MeasureTable = {
        var options = SyntheticRelease.everything
        options.localAuthorityOfSchool = localAuthorityOfSchool
        return SyntheticRelease.cohort(year).measures(options)
    }()

    /// The cells of one row's headcount, and the relations between them.
    static let builder: CellBuilder = {
        var builder = CellBuilder()
        let keys = table.rows.map { ReleaseProtection.rowKey(year, $0) }
        for (row, key) in zip(table.rows, keys) {
            _ = builder.add(row.revealedCounts(), row: key, table: "cohort_measures", isTotal: row.topic == .total)
        }
        builder.relateMeasures(table, keys: keys)
        return builder
    }()

    static func headcountCell(_ level: GeographicLevel, la: Int? = nil, urn: Int? = nil, group: SocialCareGroup = .allPupils,
                              topic: BreakdownTopic = .total, category: String = "Total") -> Int {
        let row = table.rows.first { $0.level == level && $0.la == la && $0.urn == urn && $0.group == group && $0.topic == topic && $0.category == category }!
        return builder.cell(ReleaseProtection.rowKey(year, row), Indicator.headcount.column)!
    }

    @Test func schoolsAddUpToTheirLocalAuthorityAndLocalAuthoritiesToEngland() {
        let relations = Set(Self.builder.relations.map { [$0.total] + $0.parts.sorted() })
        let schoolsOf = { (la: Int) in Self.localAuthorityOfSchool.filter { $0.value == la }.keys.sorted() }
        for la in [208, 210] {
            #expect(relations.contains([Self.headcountCell(.localAuthority, la: la)]
                + schoolsOf(la).map { Self.headcountCell(.school, la: la, urn: $0) }.sorted()), "LA \(la) = Σ its schools")
        }
        for group in SocialCareGroup.allCases {
            #expect(relations.contains([Self.headcountCell(.national, group: group)]
                + [208, 210].map { Self.headcountCell(.localAuthority, la: $0, group: group) }.sorted()), "England = Σ LAs, \(group)")
        }
        // England's breakdowns add up to England's total.
        let fsm = BreakdownTopic.fsm.categories.map { Self.headcountCell(.national, topic: .fsm, category: $0) }
        #expect(relations.contains([Self.headcountCell(.national)] + fsm.sorted()))
    }

    /// Protected together, no hidden headcount can be worked out by subtracting the published ones
    /// along a school → LA or LA → England sum; the files name each row's LA.
    @Test func protectionCoversTheGeographyAndTheFileNamesEachLocalAuthority() throws {
        let protection = try ReleaseProtection(measures: [Self.table], linkageQuality: [], year: Self.year, rules: DisclosureRules(),
                                               ledger: nil, releaseID: "england")
        let rows = protection.tables[0].rows
        let hidden = { (row: PublishedRow) in row[.headcount] == .symbol(.confidential) }
        #expect(rows.contains(where: hidden))
        for group in SocialCareGroup.allCases {
            let england = rows.first { $0.level == .national && $0.group == group && $0.topic == .total }!
            let las = rows.filter { $0.level == .localAuthority && $0.group == group && $0.topic == .total }
            #expect(las.count == 2)
            #expect(([england] + las).count(where: hidden) != 1, "\(group): one hidden among England and its LAs")
            for la in las {
                let schools = rows.filter { $0.level == .school && $0.la == la.la && $0.group == group }
                #expect(([la] + schools).count(where: hidden) != 1, "\(group), LA \(la.la!): one hidden among it and its schools")
            }
        }
        let csv = TidyData.csv(protection.tables, area: .england, localAuthorities: [208: Self.lambeth, 210: Self.southwark],
                               schoolNames: SyntheticRelease.schoolNames)
        let records = try csvRecords(csv).rows
        let names = { (level: String) in Set(records.filter { $0["geographic_level"] == level }.map { $0["la_name"]! }) }
        #expect(names("National") == [""])
        #expect(names("Local authority") == ["Lambeth", "Southwark"])
        #expect(names("School") == ["Lambeth", "Southwark"])
        #expect(records.filter { $0["school_urn"] == "100004" }.allSatisfy { $0["new_la_code"] == "E09000022" })
    }
}

extension EnglandReleaseTests {
    /// England's report lists its local authorities where an LA's lists its schools.
    @Test func theReportListsLocalAuthorities() {
        let rules = DisclosureRules()
        let html = String(decoding: HTMLReport.render(ReportInput(
            tables: [PublishedTable(Self.table, rules: rules)], area: .england, localAuthorities: [208: Self.lambeth, 210: Self.southwark],
            schoolNames: SyntheticRelease.schoolNames, linkageQuality: [],
            provenance: ReportProvenance(keyID: "0123456789abcdef", tool: "CohortLink", version: cohortLinkVersion, rules: rules))), as: UTF8.self)
        #expect(html.contains("<h1>Children with a social worker in England schools</h1>"))
        #expect(html.contains("<caption>Local authorities in England, 2024/25"))
        #expect(html.contains("<th scope=\"row\">Lambeth</th><td class=\"num\">208</td>"))
        #expect(html.contains("<th scope=\"row\">Southwark</th><td class=\"num\">210</td>"))
        #expect(!html.contains("Peckham Rye Primary School"))
    }
}
