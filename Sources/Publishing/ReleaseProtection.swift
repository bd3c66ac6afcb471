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
            table.rows.map { row in builder.add(row.revealedCounts(), row: Self.rowKey(table.year, row), table: "cohort_measures \(table.year)",
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
        func published(_ statistic: Statistic, revealed: [Int]) -> PublishedValue {
            guard revealed.allSatisfy({ cells[$0].status == .published }) else { return .symbol(.confidential) }
            if case .count = statistic, let only = revealed.first, let value = cells[only].published { return .number(String(value)) }
            return rules.publish(statistic)
        }
        tables = zip(measures, measureCells).map { table, rows in
            PublishedTable(year: table.year, referenceDate: table.referenceDate, rows: zip(table.rows, rows).map { row, revealed in
                PublishedRow(level: row.level, urn: row.urn, group: row.group, topic: row.topic, category: row.category,
                             values: zip(row.statistics, revealed).map { published($0, revealed: $1) })
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
    /// worker`, and `All pupils`), in one category of each breakdown topic and one school, and in
    /// every count of those rows.
    static func contributionBound(_ table: MeasureTable, builder: CellBuilder) -> Int {
        let topics = Set(table.rows.map(\.topic)).subtracting([.total]).count
        let schools = table.rows.contains { $0.level == .school } ? 1 : 0
        let counts = table.rows.map { builder.componentCount(of: rowKey(table.year, $0)) }.max() ?? 1
        return 3 * max(1, topics + schools) * counts
    }

    static func rowKey(_ year: AcademicYear, _ row: MeasureRow) -> String {
        "\(year.timePeriod)|\(row.level.rawValue)|\(row.urn.map(String.init) ?? "")|\(row.group.label)|\(row.topic.rawValue)|\(row.category)"
    }
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
    mutating func add(_ revealed: [[RevealedCount]], row: String, table: String, isTotal: Bool) -> [[Int]] {
        let r = rowIndex[row] ?? {
            rowIndex[row] = rows.count
            rows.append([])
            return rows.count - 1
        }()
        return revealed.map { counts in
            counts.map { count in
                if let existing = rows[r].first(where: { $0.component == count.component })?.cell {
                    precondition(cells[existing].value == count.value, "two statistics of one row disagree on \(count.component)")
                    return existing
                }
                rows[r].append((count.component, cells.count))
                cells.append(ReleaseCell(key: row + "|" + count.component, table: table, value: count.value,
                                         isChildCount: count.isChildCount, isTotal: isTotal))
                return cells.count - 1
            }
        }
    }

    func componentCount(of row: String) -> Int { rowIndex[row].map { rows[$0].count } ?? 0 }

    /// The cell of a row's component, if the row has it.
    private func cell(_ row: Int?, _ component: String) -> Int? {
        row.flatMap { r in rows[r].first { $0.component == component }?.cell }
    }

    private func cell(_ row: String, _ component: String) -> Int? { cell(rowIndex[row], component) }

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
    /// schools add up to the local authority.
    mutating func relateMeasures(_ table: MeasureTable) {
        let rows = table.rows
        let key = { (row: MeasureRow) in ReleaseProtection.rowKey(table.year, row) }
        var byBreakdown: [String: [MeasureRow]] = [:]
        var order: [String] = []
        for row in rows where row.topic != .total {
            let total = "\(table.year.timePeriod)|\(row.level.rawValue)|\(row.urn.map(String.init) ?? "")|\(row.group.label)|Total|Total"
            let name = total + "#" + row.topic.rawValue
            if byBreakdown[name] == nil { order.append(name) }
            byBreakdown[name, default: []].append(row)
        }
        for name in order {
            let total = String(name.split(separator: "#")[0])
            relate(total: total, parts: byBreakdown[name]!.map(key))
        }
        for row in rows where row.group == .anySocialWorker {
            let parts = SocialCareGroup.socialCare.map { group in
                var part = row
                part.group = group
                return key(part)
            }
            relate(total: key(row), parts: parts)
        }
        for group in SocialCareGroup.allCases {
            let schools = rows.filter { $0.level == .school && $0.group == group && $0.topic == .total }
            guard let la = rows.first(where: { $0.level == .localAuthority && $0.group == group && $0.topic == .total }), !schools.isEmpty else {
                continue
            }
            relate(total: key(la), parts: schools.map(key))
        }
    }

    /// The same children counted in both files must be shown, or hidden, in both: a group's
    /// children in linkage quality and in the measures' local authority total, where they agree.
    mutating func relateLinkageQuality(_ rows: [LinkageQualityRow], to table: MeasureTable, year: String) {
        for row in table.rows where row.level == .localAuthority && row.topic == .total && row.group.isSocialCare {
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
