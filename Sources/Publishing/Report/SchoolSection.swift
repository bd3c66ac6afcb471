import CohortModel
import Disclosure
import Measures

extension ReportContent {
    /// Every school with published rows (every local authority, in England's release), largest cohort
    /// of children with a social worker first.
    var schoolSection: Section {
        let year = latest.year.description
        guard let first = latest.places.first else {
            return Section(id: "schools", contentsEntry: "Schools", heading: "Schools, \(year)", content: """
                <p>This release has no school-level figures. When it does, each school appears here with its children \
                with a social worker, largest cohort first.</p>
                """)
        }
        let (plural, column, code, id, each) = if case .localAuthority = first {
            ("Local authorities", "Local authority", "LA code", "local-authorities", "each local authority’s schools")
        } else {
            ("Schools", "School", "URN", "schools", "each school")
        }
        let columns = ComparisonColumns(measures: [.persistentAbsencePercent, .suspensionRate])
        let counts: [SocialCareGroup] = [.allPupils, .anySocialWorker, .childInNeedPlan, .childProtectionPlan, .lookedAfter]
        let rows: [HTML] = placesBySize().map { place in
            let countCells: [HTML] = counts.map { "<td class=\"num\">\(latest.value(.headcount, $0, at: place).orNotAvailable.html)</td>" }
            return """
                <tr><th scope="row">\(name(of: place))</th><td class="num">\(String(place.code))</td>\(countCells)\
                \(columns.cells { latest.value($0, $1, at: place) })</tr>
                """
        }
        let leading = [column, code, "Pupils on roll", "Any social worker", "Child in need plan", "Child protection plan", "Looked after"]
        return Section(id: id, contentsEntry: plural, heading: "\(plural), \(year)", content: """
            <p>Pupils on roll in \(each) at \(latest.referenceDate.longDescription), by social care group, sorted by the \
            number of children with a social worker (a suppressed count, 1 to \(String(input.provenance.rules.minCount - 1)) \
            children, sorts below every published count above zero).</p>
            <div class="table-wrap"><table class="data schools">
            <caption>\(plural) in \(input.area.laName), \(year), largest cohort of children with a social worker first</caption>
            \(columns.header(leading: leading))<tbody>\(rows)</tbody></table></div>
            \(symbolLegend())
            """)
    }

    /// Places in order of their published count of children with a social worker: numbers above zero
    /// from largest, then suppressed counts, then zero; ties by pupils on roll, then name. Only
    /// published values decide the order, so it reveals nothing the table does not.
    private func placesBySize() -> [Place] {
        func rank(_ value: PublishedValue?) -> (Int, Double) {
            if let number = value?.numericValue { return number > 0 ? (0, -number) : (2, 0) }
            return value == .symbol(.confidential) ? (1, 0) : (3, 0)
        }
        let keyed = latest.places.map { place in
            let cohort = rank(latest.value(.headcount, .anySocialWorker, at: place)), roll = rank(latest.value(.headcount, .allPupils, at: place))
            return (place: place, key: (cohort.0, cohort.1, roll.0, roll.1, name(of: place), place.code))
        }
        return keyed.sorted { $0.key < $1.key }.map(\.place)
    }

    private func name(of place: Place) -> String {
        switch place {
        case .school(let urn): input.schoolNames[urn] ?? "School \(urn)"
        case .localAuthority(let code): input.localAuthorities[code]?.laName ?? "Local authority \(code)"
        }
    }
}

extension Place {
    /// The school's URN or the local authority's old code.
    var code: Int {
        switch self {
        case .school(let urn): urn
        case .localAuthority(let code): code
        }
    }
}
