import CohortModel
import Disclosure
import Measures

extension ReportContent {
    /// Every gap of the latest year: each social care group against pupils with no social worker.
    var gapSection: Section {
        let year = latest.year.description
        let gaps = Gap.all(in: latest)
        let bodies: [HTML] = Indicator.allCases.compactMap { indicator in
            let rows = gaps.filter { $0.indicator == indicator }
            guard !rows.isEmpty else { return nil }
            let cells: [HTML] = rows.enumerated().map { i, gap in
                let measure: HTML = i > 0 ? "" : """
                    <th scope="rowgroup" rowspan="\(String(rows.count))">\(indicator.label)\
                    <span class="unit">difference \(indicator.differenceUnit)</span></th>
                    """
                return """
                    <tr>\(measure)<th scope="row">\(gap.group.label)</th><td class="num">\(gap.value.html)</td>\
                    <td class="num">\(gap.comparison.html)</td><td class="num">\(notComputed(gap.ratioText))</td>\
                    <td class="num">\(notComputed(gap.differenceText))</td></tr>
                    """
            }
            return "<tbody>\(cells)</tbody>"
        }
        return Section(
            id: "gaps", contentsEntry: "Gaps", heading: "Gaps with pupils who have no social worker, \(year)",
            content: """
                <p>A ratio divides a group’s figure by the figure for pupils with no social worker (how many times as \
                likely); a difference subtracts it. Both are worked out from the \
                published, rounded figures, never from unrounded ones, so they reveal nothing the tables do not. A dash \
                means the gap cannot be worked out, because one of the figures is a symbol (or, for a ratio, zero).</p>
                <div class="table-wrap"><table class="data gaps">
                <caption>Gaps between each social care group and pupils with no social worker, \(input.area.laName), \(year)</caption>
                <thead><tr><th scope="col">Measure</th><th scope="col">Group</th><th scope="col" class="num">Group’s figure</th>\
                <th scope="col" class="num">No social worker</th><th scope="col" class="num">Ratio</th>\
                <th scope="col" class="num">Difference</th></tr></thead>
                \(bodies)</table></div>
                """)
    }

    private func notComputed(_ text: String?) -> HTML {
        text.map { "\($0)" } ?? "<span class=\"none\" title=\"cannot be worked out from the published figures\">–</span>"
    }
}
