import CohortModel
import Disclosure
import Measures

extension ReportContent {
    /// Every school with published rows, largest cohort of children with a social worker first.
    var schoolSection: Section {
        let year = latest.year.description
        guard !latest.schools.isEmpty else {
            return Section(id: "schools", contentsEntry: "Schools", heading: "Schools, \(year)", content: """
                <p>This release has no school-level figures. When it does, each school appears here with its children \
                with a social worker, largest cohort first.</p>
                """)
        }
        let columns = ComparisonColumns(measures: [.persistentAbsencePercent, .suspensionRate])
        let counts: [SocialCareGroup] = [.allPupils, .anySocialWorker, .childInNeedPlan, .childProtectionPlan, .lookedAfter]
        let rows: [HTML] = schoolsBySize().map { urn in
            let countCells: [HTML] = counts.map { "<td class=\"num\">\(latest.value(.headcount, $0, school: urn).orNotAvailable.html)</td>" }
            return """
                <tr><th scope="row">\(schoolName(urn))</th><td class="num">\(String(urn))</td>\(countCells)\
                \(columns.cells { latest.value($0, $1, school: urn) })</tr>
                """
        }
        let leading = ["School", "URN", "Pupils on roll", "Any social worker", "Child in need plan", "Child protection plan", "Looked after"]
        return Section(id: "schools", contentsEntry: "Schools", heading: "Schools, \(year)", content: """
            <p>Pupils on roll in each school at \(latest.referenceDate.longDescription), by social care group, sorted by the \
            number of children with a social worker (a suppressed count, 1 to \(String(input.provenance.rules.minCount - 1)) \
            children, sorts below every published count above zero).</p>
            <div class="table-wrap"><table class="data schools">
            <caption>Schools in \(input.area.laName), \(year), largest cohort of children with a social worker first</caption>
            \(columns.header(leading: leading))<tbody>\(rows)</tbody></table></div>
            \(symbolLegend())
            """)
    }

    /// URNs in order of their published count of children with a social worker: numbers above zero
    /// from largest, then suppressed counts, then zero; ties by pupils on roll, then name. Only
    /// published values decide the order, so it reveals nothing the table does not.
    private func schoolsBySize() -> [Int] {
        func rank(_ value: PublishedValue?) -> (Int, Double) {
            if let number = value?.numericValue { return number > 0 ? (0, -number) : (2, 0) }
            return value == .symbol(.confidential) ? (1, 0) : (3, 0)
        }
        let keyed = latest.schools.map { urn in
            let cohort = rank(latest.value(.headcount, .anySocialWorker, school: urn)), roll = rank(latest.value(.headcount, .allPupils, school: urn))
            return (urn: urn, key: (cohort.0, cohort.1, roll.0, roll.1, schoolName(urn), urn))
        }
        return keyed.sorted { $0.key < $1.key }.map(\.urn)
    }

    private func schoolName(_ urn: Int) -> String { input.schoolNames[urn] ?? "School \(urn)" }
}
