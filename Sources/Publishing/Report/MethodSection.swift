import Disclosure
import Measures

extension ReportContent {
    /// How the figures were made: reference dates, groups, definitions, disclosure rules, gaps and provenance.
    var methodSection: Section {
        let rules = input.provenance.rules
        let dates: [HTML] = years.map {
            "<li>\($0.year.description): social care status at \($0.referenceDate.longDescription)</li>"
        }
        let definitions: [HTML] = Indicator.allCases.map { "<dt>\($0.label)</dt><dd>\($0.definition)</dd>" }
        var disclosure: [HTML] = [
            "<li>The protected unit is the child: counts count distinct children, never records.</li>",
            """
            <li>A count of 1 to \(String(rules.minCount - 1)) children is shown as \(PublishedValue.symbol(.confidential).html); \
            a true zero is shown as zero.</li>
            """,
            """
            <li>A rate or average is suppressed when fewer than \(String(rules.minCount)) children stand behind it, or when \
            its numerator, denominator or their difference is a suppressed count.</li>
            """,
            """
            <li>Rates, percentages and averages are rounded to \(decimalPlaces(rules.decimals)); a positive figure that \
            rounds to zero is shown as \(PublishedValue.symbol(.low).html).</li>
            """,
        ]
        if let base = rules.roundCountsTo {
            disclosure.append("<li>Counts are rounded to the nearest \(String(base)).</li>")
        }
        return Section(id: "method", contentsEntry: "How these figures were made", heading: "How these figures were made", content: """
            <h3>Data and reference dates</h3>
            <p>The \(input.area == .england ? "local authorities’" : "local authority’s") social care extract (children in need, \
            on a child protection plan or looked after) linked to the education extract (school census, attendance, exclusions \
            and key stage 4 results) for \(input.area == .england ? "England" : "\(input.area.laName) (\(input.area.newLACode))"). Each academic year is judged at its own reference date:</p>
            <ul>\(dates)</ul>
            <h3>Groups</h3>
            <p>A child in several groups at the reference date counts once, in the highest of looked after, child protection \
            plan, child in need plan. <em>Any social worker</em> is the three together; <em>No social worker</em> is every \
            pupil on roll not linked to the social care extract; <em>All pupils</em> is everyone on roll.</p>
            <h3>Measures</h3>
            <dl class="definitions">\(definitions)</dl>
            <h3>Disclosure control</h3>
            <ul>\(disclosure)</ul>
            <p>Gaps (ratios and differences) are worked out from the published, rounded figures only, so this report \
            shows nothing that is not in the published tables.</p>
            <h3 id="symbols">Symbols</h3>
            \(symbolLegend())
            <h3>Provenance</h3>
            <dl class="provenance"><dt>Tool</dt><dd>\(input.provenance.tool) \(input.provenance.version)</dd>\
            <dt>Pseudonymisation key id</dt><dd><code>\(input.provenance.keyID)</code> (identifies the project key, \
            never reveals it)</dd>\
            <dt>Published files</dt><dd><code>cohort_measures.csv</code>, <code>cohort_measures.meta.csv</code>, \
            <code>linkage_quality.csv</code>, <code>manifest.json</code></dd></dl>
            """)
    }

    private func decimalPlaces(_ places: Int) -> String {
        places == 1 ? "one decimal place" : "\(places) decimal places"
    }
}

/// What each symbol means, for the reader of a table.
func symbolLegend() -> HTML {
    let items: [HTML] = Symbol.allCases.map { "<dt>\(PublishedValue.symbol($0).html)</dt><dd>\($0.meaning)</dd>" }
    return "<dl class=\"symbols\">\(items)</dl>"
}

extension Indicator {
    /// What the measure counts, in words (MEASURES.md), for the report's reader.
    var definition: String {
        switch self {
        case .headcount: "Distinct children in the group on roll in the education extract."
        case .socialCareChildren: "Distinct children in the group in the social care extract, found on a roll or not."
        case .linkedPercent: "The headcount as a percentage of the group’s children in the social care extract."
        case .overallAbsencePercent: "Sessions missed, authorised or not, as a percentage of possible sessions."
        case .persistentAbsencePercent: "Pupils who missed a tenth or more of their possible sessions, as a percentage of pupils with sessions."
        case .severeAbsencePercent: "Pupils who missed half or more of their possible sessions, as a percentage of pupils with sessions."
        case .suspensionRate: "Suspensions (events, not children) per 100 pupils on roll."
        case .permanentExclusionRate: "Permanent exclusions per 100 pupils on roll."
        case .fsmPercent: "Pupils eligible for free school meals, as a percentage of the headcount."
        case .senSupportPercent: "Pupils on SEN support, as a percentage of the headcount."
        case .ehcpPercent: "Pupils with an education, health and care plan, as a percentage of the headcount."
        case .fsmAndSenPercent: "Pupils eligible for free school meals who also have SEN support or an EHC plan."
        case .ks4Pupils: "Pupils in the group with a result at the end of key stage 4."
        case .attainment8Average: "The mean Attainment 8 score of those pupils."
        case .englishMathsGrade5Percent: "Those pupils achieving grade 5 or above in both English and maths, as a percentage."
        }
    }
}
