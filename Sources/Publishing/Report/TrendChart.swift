import CohortModel
import Disclosure
import Measures

/// A line chart of one measure over the academic years, one line per group. A year whose figure
/// is a symbol leaves a gap in the line. The chart has no value axis (its tick marks would be
/// numbers the tables do not contain); the published figures are in the table that goes with it.
struct TrendChart {
    /// Unique in the page: the chart's title and description are referenced by it.
    let id: String
    let title: String
    let years: [AcademicYear]
    let series: [(group: SocialCareGroup, values: [PublishedValue])]

    private static let width = 380.0, height = 190.0, left = 36.0, right = 344.0, top = 12.0, bottom = 160.0

    /// The horizontal position of the year at `index`.
    private func x(_ index: Int) -> Double {
        years.count > 1 ? Self.left + (Self.right - Self.left) * Double(index) / Double(years.count - 1) : (Self.left + Self.right) / 2
    }

    var svg: HTML {
        let largest = series.flatMap { $0.values.compactMap(\.numericValue) }.max() ?? 0
        func y(_ value: Double) -> Double { largest > 0 ? Self.bottom - value / largest * (Self.bottom - Self.top) : Self.bottom }
        let grid: [HTML] = years.indices.map { i in
            """
            <line x1="\(coordinate: x(i))" y1="\(coordinate: Self.top)" x2="\(coordinate: x(i))" y2="\(coordinate: Self.bottom)" class="grid"/>\
            <text x="\(coordinate: x(i))" y="\(coordinate: Self.bottom + 18)" class="label" text-anchor="middle">\(years[i].description)</text>
            """
        }
        let lines: [HTML] = series.flatMap { line -> [HTML] in
            let points = line.values.enumerated().map { i, value in value.numericValue.map { (x: x(i), y: y($0)) } }
            let segments: [HTML] = zip(points, points.dropFirst()).compactMap { from, to in
                guard let from, let to else { return nil }
                return """
                    <line x1="\(coordinate: from.x)" y1="\(coordinate: from.y)" x2="\(coordinate: to.x)" y2="\(coordinate: to.y)" \
                    stroke="\(line.group.colour)" stroke-width="\(line.group == .anySocialWorker ? "3" : "2")"\(dashAttribute(line.group))/>
                    """
            }
            return segments + points.compactMap { $0.map { line.group.marker(x: $0.x, y: $0.y) } }
        }
        return """
            <svg class="chart trend" viewBox="0 0 \(coordinate: Self.width) \(coordinate: Self.height)" width="\(coordinate: Self.width)" \
            height="\(coordinate: Self.height)" role="img" aria-labelledby="\(id)-title \(id)-desc">\
            <title id="\(id)-title">\(title)</title>\
            <desc id="\(id)-desc">One line for each group, \(years.first?.description ?? "") to \(years.last?.description ?? ""). \
            The figures are in the table that follows the chart.</desc>\
            \(grid)<line x1="\(coordinate: Self.left - 12)" y1="\(coordinate: Self.bottom)" x2="\(coordinate: Self.right + 12)" \
            y2="\(coordinate: Self.bottom)" class="axis"/>\(lines)</svg>
            """
    }
}
