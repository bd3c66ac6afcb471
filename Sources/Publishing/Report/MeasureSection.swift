import CohortModel
import Disclosure
import Measures

extension ReportContent {
    /// A bar chart of every measure by group, for the latest year, under the EES indicator groupings.
    var measureSection: Section {
        let year = latest.year.description
        let groups: [HTML] = Indicator.byGrouping.map { grouping, indicators in
            let figures: [HTML] = indicators.map { indicator in
                let chart = BarChart(id: "bar-\(indicator.column)", title: "\(indicator.label) by group, \(year)",
                                     bars: SocialCareGroup.allCases.map { ($0, latestValue(indicator, $0)) })
                return "<figure class=\"chart-card\" id=\"\(chart.id)\"><figcaption>\(indicator.label)</figcaption>\(chart.svg)</figure>"
            }
            return "<h3>\(grouping)</h3><div class=\"chart-grid\">\(figures)</div>"
        }
        return Section(
            id: "measures", contentsEntry: "Measures by group", heading: "Each measure by group, \(year)",
            content: """
                <p>Local authority figures for each group, as published. A letter instead of a bar is a symbol \
                (see <a href="#symbols">symbols</a>): <abbr class="symbol" title="\(Symbol.confidential.meaning)">c</abbr> \
                marks a figure suppressed to protect children.</p>
                \(groupLegend())\(groups)
                """)
    }
}

extension Indicator {
    /// The indicators under their EES `indicator_grouping`, in publication order.
    static var byGrouping: [(grouping: String, indicators: [Indicator])] {
        var result: [(grouping: String, indicators: [Indicator])] = []
        for indicator in allCases {
            if result.last?.grouping == indicator.grouping {
                result[result.count - 1].indicators.append(indicator)
            } else {
                result.append((indicator.grouping, [indicator]))
            }
        }
        return result
    }
}
