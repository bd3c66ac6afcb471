import CohortModel
import Disclosure
import Measures

extension ReportContent {
    /// For each published breakdown topic, its categories with children with a social worker beside
    /// pupils with none. Shown when the release has breakdowns; otherwise says where they will be.
    var breakdownSection: Section {
        let year = latest.year.description
        guard !latest.topics.isEmpty else {
            return Section(id: "breakdowns", contentsEntry: "Breakdowns", heading: "By pupil characteristics, \(year)", content: """
                <p>This release publishes local authority totals only. Breakdowns by sex, ethnicity, phase, year group, \
                SEN provision and free school meals appear here when the release includes them.</p>
                """)
        }
        let columns = ComparisonColumns(measures: [.headcount] + ComparisonColumns.keyMeasures)
        let tables: [HTML] = latest.topics.map { topic in
            let rows: [HTML] = topic.categories.map { category in
                "<tr><th scope=\"row\">\(category)</th>\(columns.cells { latest.value($0, $1, topic: topic, category: category) })</tr>"
            }
            return """
                <h3>\(topic.rawValue)</h3>
                <div class="table-wrap"><table class="data">
                <caption>\(topic.rawValue): children with a social worker and pupils with none, \(input.area.laName), \(year)</caption>
                \(columns.header(leading: [topic.rawValue]))<tbody>\(rows)</tbody></table></div>
                """
        }
        return Section(id: "breakdowns", contentsEntry: "Breakdowns", heading: "By pupil characteristics, \(year)", content: """
            <p>Each topic splits the pupils into categories that add up to the total. Figures for each social care group \
            separately are in <code>cohort_measures.csv</code>.</p>
            \(tables)
            """)
    }
}
