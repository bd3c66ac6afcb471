import CohortModel
import Disclosure
import Measures

/// A horizontal bar chart of one measure for every group in one year, each bar labelled with its
/// published figure. A symbol gets no bar, only its letter, so a suppressed cell stays visibly
/// suppressed instead of looking like zero.
struct BarChart {
    /// Unique in the page: the chart's title and description are referenced by it.
    let id: String
    let title: String
    let bars: [(group: SocialCareGroup, value: PublishedValue)]

    private static let width = 380.0, labelWidth = 150.0, valueSpace = 60.0, rowHeight = 22.0, barHeight = 14.0

    var svg: HTML {
        let barSpace = Self.width - Self.labelWidth - Self.valueSpace
        let largest = bars.compactMap(\.value.numericValue).max() ?? 0
        let height = Double(bars.count) * Self.rowHeight + 4
        let rows: [HTML] = bars.enumerated().map { i, bar in
            let middle = 2 + (Double(i) + 0.5) * Self.rowHeight
            let length = largest > 0 ? (bar.value.numericValue ?? 0) / largest * barSpace : 0
            let label: HTML = """
                <text x="\(coordinate: Self.labelWidth - 6)" y="\(coordinate: middle)" class="label" text-anchor="end">\(bar.group.label)</text>
                """
            guard bar.value.numericValue != nil else {
                return label + """
                    <text x="\(coordinate: Self.labelWidth + 4)" y="\(coordinate: middle)" class="value symbol">\(bar.value.readable)</text>
                    """
            }
            return label + """
                <rect x="\(coordinate: Self.labelWidth)" y="\(coordinate: middle - Self.barHeight / 2)" width="\(coordinate: length)" \
                height="\(coordinate: Self.barHeight)" fill="\(bar.group.colour)" stroke="#1a1a1a" stroke-width="0.5"/>\
                <text x="\(coordinate: Self.labelWidth + length + 4)" y="\(coordinate: middle)" class="value">\(bar.value.readable)</text>
                """
        }
        let description = bars.map { "\($0.group.label): \($0.value.spoken)" }.joined(separator: "; ")
        return """
            <svg class="chart bars" viewBox="0 0 \(coordinate: Self.width) \(coordinate: height)" width="\(coordinate: Self.width)" \
            height="\(coordinate: height)" role="img" aria-labelledby="\(id)-title \(id)-desc">\
            <title id="\(id)-title">\(title)</title><desc id="\(id)-desc">\(description).</desc>\
            <line x1="\(coordinate: Self.labelWidth)" y1="0" x2="\(coordinate: Self.labelWidth)" y2="\(coordinate: height)" class="axis"/>\
            \(rows)</svg>
            """
    }
}
