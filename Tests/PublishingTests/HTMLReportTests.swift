import CohortModel
import Disclosure
import Measures
@testable import Publishing
import Testing

@Suite struct HTMLReportTests {
    private func render(_ input: ReportInput) -> String { String(decoding: HTMLReport.render(input), as: UTF8.self) }

    @Test func interpolatedTextIsEscapedAndMarkupIsNot() {
        let name = "Dulwich & \"Herne\" <Hill>'s"
        let cell: HTML = "<td title=\"\(name)\">\(name)</td>"
        #expect(cell.markup == "<td title=\"Dulwich &amp; &quot;Herne&quot; &lt;Hill&gt;&#39;s\">Dulwich &amp; &quot;Herne&quot; &lt;Hill&gt;&#39;s</td>")
        let row: HTML = "<tr>\(cell)</tr>"
        #expect(row.markup == "<tr>" + cell.markup + "</tr>")
    }

    @Test func gapsAreWorkedOutFromThePublishedFigures() {
        let gap = Gap(.persistentAbsencePercent, .anySocialWorker, value: .number("51.2"), comparison: .number("17.4"))
        #expect(gap.ratioText == "2.9×" && gap.differenceText == "+33.8")
        let lower = Gap(.attainment8Average, .lookedAfter, value: .number("23.8"), comparison: .number("49.5"))
        #expect(lower.ratioText == "0.5×" && lower.differenceText == "\u{2212}25.7")
        let suppressed = Gap(.suspensionRate, .lookedAfter, value: .symbol(.confidential), comparison: .number("7.3"))
        #expect(suppressed.ratioText == nil && suppressed.differenceText == nil)
        let overZero = Gap(.permanentExclusionRate, .lookedAfter, value: .number("0.4"), comparison: .number("0.0"))
        #expect(overZero.ratioText == nil && overZero.differenceText == "+0.4")
        #expect(Gap(.ehcpPercent, .lookedAfter, value: .number("3.9"), comparison: .number("3.9")).differenceText == "0.0")
    }

    /// The cohort, the link rate, then the three gaps furthest from parity, either way.
    @Test func headlinesShowTheCohortTheLinkRateAndTheThreeLargestGaps() throws {
        let input = SyntheticRelease.reportInput()
        let html = render(input)
        let cards = html.matches(of: /<li class="card"><p class="figure">([^<]*)/).map { String($0.output.1) }
        let figures = YearFigures(input.tables.max { $0.year < $1.year }!)
        let ratios = Gap.all(in: figures).filter { $0.group == .anySocialWorker && $0.ratio != nil }.sorted { $0.size > $1.size }
        #expect(cards.count == 5)
        #expect(cards.first == figures.value(.headcount, .anySocialWorker)?.readable)
        #expect(Array(cards.dropFirst(2)) == ratios.prefix(3).map { $0.ratioText! })
        #expect(ratios[0].size >= ratios[3].size && ratios[0].ratioText != "1.0×")
    }

    /// Nothing is fetched or run: no script, no external address, and a policy that forbids both.
    @Test func thePageIsSelfContained() {
        let html = render(SyntheticRelease.reportInput())
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en-GB\">"))
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"))
        #expect(!html.contains("<script") && !html.contains("http://") && !html.contains("https://") && !html.contains(" src="))
        #expect(html.contains("@media print"))
    }

    @Test func headingsTablesAndChartsAreAccessible() {
        let html = render(SyntheticRelease.reportInput())
        let levels = html.matches(of: /<h([1-6])[ >]/).map { Int($0.output.1)! }
        #expect(levels.first == 1 && levels.filter { $0 == 1 }.count == 1)
        #expect(zip(levels, levels.dropFirst()).allSatisfy { $1 <= $0 + 1 }, "a heading level is skipped: \(levels)")
        #expect(html.matches(of: /<table/).count == html.matches(of: /<caption/).count)
        #expect(html.matches(of: /<th[ >]/).count == html.matches(of: /<th scope="(col|row|colgroup|rowgroup)"/).count)
        for svg in html.matches(of: /<svg[^>]*>/).map({ String($0.output) }) {
            if svg.contains("aria-hidden=\"true\"") { continue }
            let labels = svg.firstMatch(of: /role="img" aria-labelledby="([^ "]+) ([^"]+)"/)
            #expect(labels != nil, "a chart without role and text alternative: \(svg)")
            if let labels { #expect(html.contains("<title id=\"\(labels.output.1)\">") && html.contains("<desc id=\"\(labels.output.2)\">")) }
        }
        for group in SocialCareGroup.allCases { #expect(html.contains(group.colour)) }
    }

    @Test func breakdownsSchoolsAndTrendsAppearWhenTheTablesHaveThem() {
        let html = render(SyntheticRelease.reportInput())
        for topic in BreakdownTopic.allCases where topic != .total { #expect(html.contains("<h3>\(topic.rawValue)</h3>")) }
        #expect(html.contains("<th scope=\"row\">St Mary&#39;s, Camberwell</th>") && html.contains("Bermondsey &lt;Free&gt; School"))
        #expect(html.contains("id=\"trend-persistent_absence_percent\"") && html.contains("Trends, 2023/24 to 2024/25"))
    }

    @Test func withoutThemTheReportSaysWhereTheyWillBe() {
        let html = render(SyntheticRelease.reportInput(years: 1, options: MeasureOptions()))
        #expect(html.contains("This release publishes local authority totals only."))
        #expect(html.contains("This release has no school-level figures."))
        #expect(html.contains("This release covers one academic year, 2023/24.") && !html.contains("id=\"trend-"))
    }

    /// Largest published cohort first; a suppressed count sorts below every count above zero and
    /// above zero itself, so the order tells nothing the cells do not.
    @Test func schoolsAreSortedByTheirPublishedCohort() {
        let cohorts: [(urn: Int, value: PublishedValue)] = [
            (1, .number("12")), (2, .symbol(.confidential)), (3, .number("0")), (4, .number("30")), (5, .number("9")),
        ]
        let rows = cohorts.flatMap { school in
            SocialCareGroup.allCases.map { group in
                PublishedRow(level: .school, urn: school.urn, group: group, topic: .total, category: "Total",
                             values: Indicator.allCases.map { $0 == .headcount && group == .anySocialWorker ? school.value : .number("50") })
            }
        }
        let year = AcademicYear(startYear: 2024)
        var input = SyntheticRelease.reportInput(years: 1, options: MeasureOptions())
        input.tables = [PublishedTable(year: year, referenceDate: year.referenceDate, rows: rows)]
        input.schoolNames = Dictionary(uniqueKeysWithValues: cohorts.map { ($0.urn, "School number \($0.urn)") })
        let html = render(input)
        let order = html.matches(of: /<th scope="row">School number (\d)<\/th>/).map { Int($0.output.1)! }
        #expect(order == [4, 1, 5, 2, 3])
    }

    @Test func theSameInputGivesTheSameBytes() {
        #expect(HTMLReport.render(SyntheticRelease.reportInput()) == HTMLReport.render(SyntheticRelease.reportInput()))
    }
}
