import Disclosure

extension ReportContent {
    /// `linkage_quality.csv` as a table: how many of the social care extract's children were found
    /// on a school roll, by method and by who they are.
    var linkageSection: Section {
        let heading = "How complete the linkage is"
        guard !input.linkageQuality.isEmpty else {
            return Section(id: "linkage", contentsEntry: "Linkage", heading: heading,
                           content: "<p>This release has no linkage quality figures.</p>")
        }
        var topics: [String] = []
        for row in input.linkageQuality where !topics.contains(row.topic) { topics.append(row.topic) }
        let bodies: [HTML] = topics.map { topic in
            let rows: [HTML] = input.linkageQuality.filter { $0.topic == topic }.map { row in
                """
                <tr><th scope="row">\(row.category)</th><td class="num">\(row.children.html)</td>\
                <td class="num">\(row.linked.html)</td><td class="num">\(row.linkedPercent.html)</td></tr>
                """
            }
            // A topic that is its own only category (`Total`) needs no heading of its own.
            let heading: HTML = rows.count == 1 && input.linkageQuality.contains { $0.topic == topic && $0.category == topic } ? ""
                : "<tr><th scope=\"rowgroup\" colspan=\"4\" class=\"rowgroup\">\(topic)</th></tr>"
            return "<tbody>\(heading)\(rows)</tbody>"
        }
        return Section(id: "linkage", contentsEntry: "Linkage", heading: heading, content: """
            <p>Social care records do not share a reliable key with the school census, so children are linked by \
            pseudonymised identifiers. A child who is not found on a roll (for example, at a school in another authority) \
            is missing from every figure above, so a group with a lower rate is under-represented. By status at \
            \(latest.referenceDate.longDescription).</p>
            <div class="table-wrap"><table class="data linkage">
            <caption>Children in the social care extract found on a school roll, \(input.area.laName), \(latest.year.description)</caption>
            <thead><tr><th scope="col">Category</th><th scope="col" class="num">Children in the social care extract</th>\
            <th scope="col" class="num">Found on a roll</th><th scope="col" class="num">Found on a roll (%)</th></tr></thead>
            \(bodies)</table></div>
            """)
    }
}
