import CohortModel
import Disclosure
import Measures

extension ReportContent {
    /// A line chart of every measure over the academic years, each with its figures in a table.
    var trendSection: Section {
        guard years.count > 1 else {
            return Section(id: "trends", contentsEntry: "Trends", heading: "Trends", content: """
                <p>This release covers one academic year, \(latest.year.description). Given an education extract that \
                covers several years, each year is published with social care status judged at its own reference date, \
                and the trends appear here.</p>
                """)
        }
        let span = "\(years[0].year.description) to \(latest.year.description)"
        let yearHeadings: [HTML] = years.map { "<th scope=\"col\" class=\"num\">\($0.year.description)</th>" }
        let groups: [HTML] = Indicator.byGrouping.map { grouping, indicators in
            let figures: [HTML] = indicators.map { indicator in
                let series = SocialCareGroup.allCases.map { group in (group, years.map { $0.value(indicator, group).orNotAvailable }) }
                let chart = TrendChart(id: "trend-\(indicator.column)", title: "\(indicator.label) by group, \(span)",
                                       years: years.map(\.year), series: series)
                let rows: [HTML] = series.map { group, values in
                    let cells: [HTML] = values.map { "<td class=\"num\">\($0.html)</td>" }
                    return "<tr><th scope=\"row\">\(group.label)</th>\(cells)</tr>"
                }
                return """
                    <figure class="chart-card" id="\(chart.id)"><figcaption>\(indicator.label)</figcaption>\(chart.svg)
                    <table class="data compact"><caption class="visually-hidden">\(indicator.label) by group and year</caption>
                    <thead><tr><th scope="col">Group</th>\(yearHeadings)</tr></thead><tbody>\(rows)</tbody></table></figure>
                    """
            }
            return "<h3>\(grouping)</h3><div class=\"chart-grid\">\(figures)</div>"
        }
        return Section(id: "trends", contentsEntry: "Trends", heading: "Trends, \(span)", content: """
            <p>Each academic year is a separate <code>time_period</code>, with social care status judged at that year’s \
            reference date, so a child can be in a different group, or none, from one year to the next. A break in a line \
            is a year whose figure is a symbol. Vertical scales start at zero and differ from chart to chart.</p>
            \(groupLegend())\(groups)
            """)
    }
}
