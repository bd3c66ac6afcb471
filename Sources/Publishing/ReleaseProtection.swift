import CohortModel
import Disclosure
import Measures

/// Turns a release's tables into the disclosure engine's cells and additive relations, protects
/// them together (primary and secondary suppression across every table, the audit, rounding, the
/// ledger, optional noise), and maps the result back to published tables.
public struct ReleaseProtection {
    public var tables: [PublishedTable]
    public var linkageQuality: [PublishedLinkageQualityRow]
    public var result: ProtectionResult

    /// - Parameters:
    ///   - measures: every year's measures.
    ///   - linkageQuality: the latest year's link rates.
    public init(measures: [MeasureTable], linkageQuality: [LinkageQualityRow], year: AcademicYear?, rules: DisclosureRules,
                ledger: Ledger?, releaseID: String, privacy: PrivacySettings = PrivacySettings()) throws(DisclosureError) {
        var builder = CellBuilder()
        let measureCells = measures.map { table in
            let name = "cohort_measures \(table.year)"
            return table.rows.map { row in builder.add(row.revealedCounts(), row: Self.rowKey(table.year, row), table: name,
                                                        isTotal: row.topic == .total) }
        }
        let qualityYear = year.map(\.timePeriod) ?? ""
        let qualityCells = linkageQuality.map { row in
            builder.add(row.revealedCounts(), row: "\(qualityYear)|linkage quality|\(row.topic)|\(row.category)", table: "linkage_quality",
                        isTotal: row.topic == "Total")
        }
        for table in measures { builder.relateMeasures(table) }
        builder.relateLinkageQuality(linkageQuality, year: qualityYear)
        if let latest = measures.last { builder.relateLinkageQuality(linkageQuality, to: latest, year: qualityYear) }

        var privacy = privacy
        for table in measures where privacy.contributionBounds["cohort_measures \(table.year)"] == nil {
            privacy.contributionBounds["cohort_measures \(table.year)"] = Self.contributionBound(table, builder: builder)
        }
        if privacy.contributionBounds["linkage_quality"] == nil {
            // One finest row per topic (method, group, sex, ethnicity, age), each counting a child as
            // one of its children and as linked or not linked.
            privacy.contributionBounds["linkage_quality"] = 5 * 2
        }
        result = try ProtectionRequest(cells: builder.cells, relations: builder.relations, rules: rules, ledger: ledger,
                                       releaseID: releaseID, privacy: privacy).protect()
        let cells = result.cells
        func published(_ statistic: Statistic, revealed: ArraySlice<Int>) -> PublishedValue {
            guard revealed.allSatisfy({ cells[$0].status == .published }) else { return .symbol(.confidential) }
            if case .count = statistic, let only = revealed.first, let value = cells[only].published { return .number(String(value)) }
            return rules.publish(statistic)
        }
        tables = zip(measures, measureCells).map { table, rows in
            PublishedTable(year: table.year, referenceDate: table.referenceDate, rows: zip(table.rows, rows).map { row, revealed in
                PublishedRow(level: row.level, urn: row.urn, la: row.la, group: row.group, topic: row.topic, category: row.category,
                             values: row.statistics.indices.map { published(row.statistics[$0], revealed: revealed[$0]) })
            })
        }
        self.linkageQuality = zip(linkageQuality, qualityCells).map { row, revealed in
            PublishedLinkageQualityRow(topic: row.topic, category: row.category, children: published(row.children, revealed: revealed[0]),
                                       linked: published(row.linked, revealed: revealed[1]),
                                       linkedPercent: published(row.linkedPercent, revealed: revealed[2]))
        }
    }

    /// The most one child can add to the finest cells of a year's table (the L1 sensitivity the
    /// noise is scaled to): a child is in at most three finest groups (its own, or `No social
    /// worker`, and `All pupils`), in one category of each breakdown topic, one school and (in
    /// England's release) one local authority, and in every count of those rows.
    static func contributionBound(_ table: MeasureTable, builder: CellBuilder) -> Int {
        let topics = Set(table.rows.map(\.topic)).subtracting([.total]).count
        let places = [GeographicLevel.school, .localAuthority].count { level in table.rows.contains { $0.level == level && !$0.isWholeArea } }
        let counts = table.rows.map { builder.componentCount(of: rowKey(table.year, $0)) }.max() ?? 1
        return 3 * max(1, topics + places) * counts
    }

    /// The place is the school's URN, or the local authority's code in England's release: keys of one
    /// local authority's releases are the same as before England's rows existed, so ledgers carry over.
    static func rowKey(_ year: AcademicYear, _ row: MeasureRow) -> String {
        let place = (row.urn ?? row.la).map(String.init) ?? ""
        return "\(year.timePeriod)|\(row.level.rawValue)|\(place)|\(row.group.label)|\(row.topic.rawValue)|\(row.category)"
    }
}

/// The cells each statistic of a row reveals, statistic after statistic (see `RevealedCounts`).
struct RowCells {
    let cells: [Int]
    let starts: [Int]

    subscript(statistic: Int) -> ArraySlice<Int> { cells[starts[statistic] ..< starts[statistic + 1]] }
}

/// Collects cells, one per distinct count of each row, and the sums that hold between them.
struct CellBuilder {
    var cells: [ReleaseCell] = []
    var relations: [AdditiveRelation] = []
    /// Each row's cells by component, in the order they were added; rows by key. A row has a handful
    /// of components, so they are found by comparison, and a row key is hashed once per relation.
    private var rows: [[(component: String, cell: Int)]] = []
    private var rowIndex: [String: Int] = [:]

    /// The row's cells (created once per component) and, per column, the cells that column reveals.
    mutating func add(_ revealed: RevealedCounts, row: String, table: String, isTotal: Bool) -> RowCells {
        let r = rowIndex[row] ?? {
            rowIndex[row] = rows.count
            rows.append([])
            return rows.count - 1
        }()
        let revealedCells = revealed.counts.map { count in
            if let existing = rows[r].first(where: { $0.component == count.component })?.cell {
                precondition(cells[existing].value == count.value, "two statistics of one row disagree on \(count.component)")
                return existing
            }
            rows[r].append((count.component, cells.count))
            cells.append(ReleaseCell(key: row + "|" + count.component, table: table, value: count.value,
                                     isChildCount: count.isChildCount, isTotal: isTotal))
            return cells.count - 1
        }
        return RowCells(cells: revealedCells, starts: revealed.starts)
    }

    func componentCount(of row: String) -> Int { rowIndex[row].map { rows[$0].count } ?? 0 }

    /// The cell of a row's component, if the row has it.
    private func cell(_ row: Int?, _ component: String) -> Int? {
        row.flatMap { r in rows[r].first { $0.component == component }?.cell }
    }

    /// The cell of a row's component (a count's column name), if the row has it.
    func cell(_ row: String, _ component: String) -> Int? { cell(rowIndex[row], component) }

    /// Adds `total = Σ parts` for every component the total and all the parts have, when the sum holds.
    mutating func relate(total: String, parts: [String]) {
        guard let t = rowIndex[total] else { return }
        let partRows = parts.map { rowIndex[$0] }
        for (component, totalCell) in rows[t] {
            let p = partRows.compactMap { cell($0, component) }
            guard p.count == parts.count, p.map({ cells[$0].value }).reduce(0, +) == cells[totalCell].value else { continue }
            relations.append(AdditiveRelation(total: totalCell, parts: p))
        }
    }

    /// Breakdown categories add up to `Total`; the three groups add up to `Any social worker`;
    /// schools add up to their local authority; in England's release, local authorities add up to
    /// England.
    mutating func relateMeasures(_ table: MeasureTable) {
        let rows = table.rows
        let key = { (row: MeasureRow) in ReleaseProtection.rowKey(table.year, row) }
        func total(of row: MeasureRow) -> MeasureRow {
            var total = row
            (total.topic, total.category) = (.total, "Total")
            return total
        }
        // Relations by the key of their total, in the order the rows first name them: breakdowns,
        // then geography.
        var breakdowns: [String] = [], geography: [String] = []
        var parts: [String: (total: MeasureRow, parts: [MeasureRow])] = [:]
        func collect(_ name: String, into order: inout [String], total: MeasureRow, part: MeasureRow) {
            if parts[name] == nil {
                order.append(name)
                parts[name] = (total, [])
            }
            parts[name]!.parts.append(part)
        }
        let areaRows = Dictionary(rows.filter { $0.urn == nil }.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        for row in rows {
            if row.topic != .total {
                collect("\(key(total(of: row)))#\(row.topic.rawValue)", into: &breakdowns, total: total(of: row), part: row)
            }
            if row.level == .school && row.topic == .total {
                var la = row
                (la.level, la.urn) = (.localAuthority, nil)
                if let la = areaRows[key(la)] { collect(key(la) + "#schools", into: &geography, total: la, part: row) }
            }
            if row.level == .localAuthority && row.la != nil {
                var england = row
                (england.level, england.la) = (.national, nil)
                if let england = areaRows[key(england)] { collect(key(england) + "#LAs", into: &geography, total: england, part: row) }
            }
        }
        func relateAll(_ names: [String]) {
            for name in names { relate(total: key(parts[name]!.total), parts: parts[name]!.parts.map(key)) }
        }
        relateAll(breakdowns)
        for row in rows where row.group == .anySocialWorker {
            let parts = SocialCareGroup.socialCare.map { group in
                var part = row
                part.group = group
                return key(part)
            }
            relate(total: key(row), parts: parts)
        }
        relateAll(geography)
    }

    /// The same children counted in both files must be shown, or hidden, in both: a group's
    /// children in linkage quality and in the measures' local authority total, where they agree.
    mutating func relateLinkageQuality(_ rows: [LinkageQualityRow], to table: MeasureTable, year: String) {
        for row in table.rows where row.isWholeArea && row.topic == .total && row.group.isSocialCare {
            let quality = "\(year)|linkage quality|Social care group|\(row.group.label)"
            let measure = ReleaseProtection.rowKey(table.year, row)
            for (qualityComponent, measureComponent) in [("children", Indicator.socialCareChildren.column), ("linked", Indicator.headcount.column)] {
                guard let a = cell(quality, qualityComponent), let b = cell(measure, measureComponent),
                      cells[a].value == cells[b].value else { continue }
                relations.append(AdditiveRelation(total: a, parts: [b]))
            }
        }
    }

    /// Each topic's categories add up to the total; the methods and `Not linked` add up to all children.
    mutating func relateLinkageQuality(_ rows: [LinkageQualityRow], year: String) {
        let prefix = "\(year)|linkage quality|"
        let total = prefix + "Total|Total"
        var topics: [String] = []
        for row in rows where row.topic != "Total" && !topics.contains(row.topic) { topics.append(row.topic) }
        for topic in topics {
            let parts = rows.filter { $0.topic == topic }.map { prefix + "\(topic)|\($0.category)" }
            if topic == "Linkage method" {
                // Linked by each method, and not linked, make up every child.
                guard let children = cell(total, "children") else { continue }
                let counts = parts.compactMap { cell($0, "linked") }
                if counts.count == parts.count, counts.map({ cells[$0].value }).reduce(0, +) == cells[children].value {
                    relations.append(AdditiveRelation(total: children, parts: counts))
                }
            } else {
                relate(total: total, parts: parts)
            }
        }
    }
}
