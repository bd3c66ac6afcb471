import CohortModel
import Disclosure
import Measures

extension ReportContent {
    /// Cards: the cohort's size, the link rate, and the three largest gaps between children with
    /// a social worker and pupils with none.
    var headlineSection: Section {
        let year = latest.year.description
        var cohortDetail: HTML = """
            of \(latestValue(.headcount, .allPupils).html) pupils on roll in \(input.area.laName) schools at \
            \(latest.referenceDate.longDescription)
            """
        if years.count > 1 {
            let previous = years[years.count - 2]
            cohortDetail = cohortDetail + " (\(previous.value(.headcount, .anySocialWorker).orNotAvailable.html) in \(previous.year.description))"
        }
        let total = input.linkageQuality.first { $0.topic == "Total" }
        var cards: [HTML] = [
            card(figure: latestValue(.headcount, .anySocialWorker).html, text: "children with a social worker on roll",
                 detail: cohortDetail),
            card(figure: (total?.linkedPercent).orNotAvailable.html(unit: "%"),
                 text: "of children in the social care extract were found on a school roll",
                 detail: """
                    \((total?.linked).orNotAvailable.html) of \((total?.children).orNotAvailable.html) children; the rest \
                    are missing from every figure here
                    """),
        ]
        let largest = Gap.all(in: latest).filter { $0.group == .anySocialWorker && $0.ratio != nil }.sorted { $0.size > $1.size }
        cards += largest.prefix(3).map { gap in
            let unit = gap.indicator.unit
            return card(figure: "\(gap.ratioText ?? "")", text: "\(gap.indicator.gapPhrase ?? "") pupils with no social worker",
                        detail: "\(gap.indicator.label), \(year): \(gap.value.html(unit: unit)) against \(gap.comparison.html(unit: unit))"
                            + pairOfBars(gap))
        }
        return Section(id: "headlines", contentsEntry: "Headlines", heading: "Headlines, \(year)",
                       content: "<ul class=\"cards\">\(cards)</ul>")
    }

    private func card(figure: HTML, text: String, detail: HTML) -> HTML {
        "<li class=\"card\"><p class=\"figure\">\(figure)</p><p class=\"card-text\">\(text)</p><p class=\"detail\">\(detail)</p></li>"
    }

    /// Two bars, children with a social worker above pupils with none, drawn to scale. Decorative:
    /// the card's text gives both figures.
    private func pairOfBars(_ gap: Gap) -> HTML {
        guard let a = gap.value.numericValue, let b = gap.comparison.numericValue, max(a, b) > 0 else { return "" }
        let scale = 200 / max(a, b)
        return """
            <svg class="pair" width="200" height="26" viewBox="0 0 200 26" aria-hidden="true" focusable="false">\
            <rect x="0" y="2" width="\(coordinate: a * scale)" height="10" fill="\(gap.group.colour)"/>\
            <rect x="0" y="14" width="\(coordinate: b * scale)" height="10" fill="\(SocialCareGroup.noSocialWorker.colour)"/></svg>
            """
    }
}
