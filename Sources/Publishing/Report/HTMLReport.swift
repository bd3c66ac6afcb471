import CohortModel
import Disclosure
import Measures

/// `report.html`: what the Virtual School Head sees. One self-contained page (inline CSS and
/// SVG, no script, nothing fetched: its Content-Security-Policy forbids it), readable offline and
/// printable, built only from published values.
public enum HTMLReport {
    public static func render(_ input: ReportInput) -> [UInt8] {
        let years = input.tables.sorted { $0.year < $1.year }.map(YearFigures.init)
        let title = "Children with a social worker in \(input.area.laName) schools"
        guard !years.isEmpty else {
            return page(title: title, body: "<main id=\"main\"><h1>\(title)</h1><p>This release has no academic year to report.</p></main>")
        }
        return page(title: "\(title), \(years.last!.year.description)", body: ReportContent(input: input, years: years).body)
    }

    private static func page(title: String, body: HTML) -> [UInt8] {
        let document: HTML = """
            <!DOCTYPE html>
            <html lang="en-GB">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title)</title>
            <style>\(ReportStyle.css)</style>
            </head>
            <body>
            <a class="skip" href="#main">Skip to the figures</a>
            \(body)
            </body>
            </html>

            """
        return Array(document.markup.utf8)
    }
}

/// What the sections are drawn from: the input, with each year's figures indexed.
struct ReportContent {
    let input: ReportInput
    /// Oldest first; never empty.
    let years: [YearFigures]

    var latest: YearFigures { years[years.count - 1] }

    /// One titled part of the report, listed in the contents.
    struct Section {
        let id: String
        let contentsEntry: String
        let heading: String
        let content: HTML
    }

    var sections: [Section] {
        [headlineSection, measureSection, gapSection, trendSection, breakdownSection, schoolSection, linkageSection, methodSection]
    }

    var body: HTML {
        let sections = self.sections
        let yearSpan = years.count > 1 ? "\(years[0].year.description) to \(latest.year.description)" : latest.year.description
        let contents: [HTML] = sections.map { "<li><a href=\"#\($0.id)\">\($0.contentsEntry)</a></li>" }
        let parts: [HTML] = sections.map { section in
            """
            <section id="\(section.id)" aria-labelledby="\(section.id)-heading">
            <h2 id="\(section.id)-heading">\(section.heading)</h2>
            \(section.content)
            </section>

            """
        }
        return """
            <header class="masthead">
            <p class="kicker">Virtual School Head: aggregate statistics</p>
            <h1>Children with a social worker in \(input.area.laName) schools</h1>
            <p class="lede">How children in need, on a child protection plan or looked after fare in education compared with \
            their peers, academic years \(yearSpan). Social care status is judged at each year's reference date. Every figure is \
            a published, disclosure-controlled aggregate from <code>cohort_measures.csv</code> and \
            <code>linkage_quality.csv</code>; no child can be picked out.</p>
            </header>
            <nav aria-label="Contents"><ol class="contents">\(contents)</ol></nav>
            <main id="main">
            \(parts)</main>
            <footer><p>\(input.provenance.tool) \(input.provenance.version) · key id \(input.provenance.keyID)</p></footer>
            """
    }

    /// The local authority's published `Total` value for a group in the latest year.
    func latestValue(_ indicator: Indicator, _ group: SocialCareGroup) -> PublishedValue {
        latest.value(indicator, group).orNotAvailable
    }
}
