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
    ///   - threads: at most how many threads make the cells and protect them (the result does not depend on it).
    public init(measures: [MeasureTable], linkageQuality: [LinkageQualityRow], year: AcademicYear?, rules: DisclosureRules,
                ledger: Ledger?, releaseID: String, privacy: PrivacySettings = PrivacySettings(),
                threads: Int = defaultThreadCount) throws(DisclosureError) {
        var builder = CellBuilder()
        let rowKeys = measures.map { table in table.rows.map { Self.rowKey(table.year, $0) } }
        let measureCells = zip(measures, rowKeys).map { table, keys in
            let name = "cohort_measures \(table.year)"
            return zip(table.rows, keys).map { row, key in builder.add(row.revealedCounts(), row: key, table: name, isTotal: row.topic == .total) }
        }
        let qualityYear = year.map(\.timePeriod) ?? ""
        let qualityCells = linkageQuality.map { row in
            builder.add(row.revealedCounts(), row: "\(qualityYear)|linkage quality|\(row.topic)|\(row.category)", table: "linkage_quality",
                        isTotal: row.topic == "Total")
        }
        for (table, keys) in zip(measures, rowKeys) { builder.relateMeasures(table, keys: keys) }
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
        result = try ProtectionRequest(cells: builder.cells(threads: threads), relations: builder.relations, rules: rules, ledger: ledger,
                                       releaseID: releaseID, privacy: privacy, threads: threads).protect()
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

/// What a measure row is about: the fields its key is made of.
private struct RowIdentity: Hashable {
    var level: GeographicLevel, urn: Int?, la: Int?, group: SocialCareGroup, topic: BreakdownTopic, category: String

    init(_ row: MeasureRow) {
        (level, urn, la, group, topic, category) = (row.level, row.urn, row.la, row.group, row.topic, row.category)
    }

    /// The same row's total over its topic's categories.
    var total: RowIdentity { changed { ($0.topic, $0.category) = (.total, "Total") } }

    /// The same row of the local authority a school is in.
    var localAuthority: RowIdentity { changed { ($0.level, $0.urn) = (.localAuthority, nil) } }

    /// The same row of England that a local authority is in.
    var england: RowIdentity { changed { ($0.level, $0.la) = (.national, nil) } }

    /// The same row of another group.
    func of(_ group: SocialCareGroup) -> RowIdentity { changed { $0.group = group } }

    private func changed(_ change: (inout RowIdentity) -> Void) -> RowIdentity {
        var identity = self
        change(&identity)
        return identity
    }
}

/// A relation's total and what its parts are: a topic's categories, a local authority's schools, or
/// England's local authorities.
private struct Sum: Hashable {
    enum Parts: Hashable { case topic(BreakdownTopic), schools, localAuthorities }

    var total: RowIdentity
    var of: Parts
}

/// The cells each statistic of a row reveals, statistic after statistic (see `RevealedCounts`).
struct RowCells {
    let cells: [Int]
    let starts: [Int]

    subscript(statistic: Int) -> ArraySlice<Int> { cells[starts[statistic] ..< starts[statistic + 1]] }
}

/// Collects cells, one per distinct count of each row, and the sums that hold between them.
struct CellBuilder {
    var relations: [AdditiveRelation] = []
    /// Each row's cells by component, in the order they were added; rows by key. A row has a handful
    /// of components, so they are found by comparison of their numbers (`components`), and a row key
    /// is hashed once per relation.
    private var rows: [[(component: Int32, cell: Int)]] = []
    private var rowIndex: [String: Int] = [:]
    private var rowKeys: [String] = []
    /// Each cell's value, and what makes up the rest of it: the cells themselves, with keys of their
    /// own, are made at the end, on every core (124,000 of them at 400,000 pupils).
    private var values: [Int] = []
    private var made: [(row: Int32, component: Int32, table: Int32, isChildCount: Bool, isTotal: Bool)] = []
    private var tables: [String] = []
    /// The components (counts' column names) numbered as they first appear: compared by number, the
    /// release's rows were found and related without comparing and retaining strings.
    private var components: [String] = []
    private var componentNumbers: [String: Int32] = [:]
    /// The components of the counts the last row added revealed, by position.
    private var previousRow: [Int32] = []

    /// The cells, in the order they were added. Each worker names the tables with its own copies of
    /// their names: every cell holds its table's name, and two cores counting references to one
    /// string took turns with its memory for each of 124,000 cells.
    func cells(threads: Int = defaultThreadCount) -> [ReleaseCell] {
        let (tables, components) = (tables, components)
        return made.withSharedElements { made in
            values.withSharedElements { values in
                rowKeys.withSharedElements { rowKeys in
                    parallelMap(made.count, chunks: threads, threads: threads, state: { tables.map { String(decoding: Array($0.utf8), as: UTF8.self) } }) { tables, i in
                        let cell = made[i]
                        return ReleaseCell(key: rowKeys[Int(cell.row)] + "|" + components[Int(cell.component)], table: tables[Int(cell.table)], value: values[i],
                                           isChildCount: cell.isChildCount, isTotal: cell.isTotal)
                    }
                }
            }
        }
    }

    /// The row's cells (created once per component) and, per column, the cells that column reveals.
    mutating func add(_ revealed: RevealedCounts, row: String, table: String, isTotal: Bool) -> RowCells {
        let r = rowIndex[row] ?? {
            rowIndex[row] = rows.count
            rows.append([])
            rowKeys.append(row)
            return rows.count - 1
        }()
        if tables.last != table { tables.append(table) }
        let tableIndex = Int32(tables.count - 1)
        let revealedCells = revealed.counts.enumerated().map { position, count in
            let component = number(count.component, at: position)
            if let existing = rows[r].first(where: { $0.component == component })?.cell {
                precondition(values[existing] == count.value, "two statistics of one row disagree on \(count.component)")
                return existing
            }
            rows[r].append((component, values.count))
            values.append(count.value)
            made.append((Int32(r), component, tableIndex, count.isChildCount, isTotal))
            return values.count - 1
        }
        return RowCells(cells: revealedCells, starts: revealed.starts)
    }

    /// The component's number. Rows of a table reveal the same components in the same places, so
    /// the one the previous row had here is compared first: 124,000 counts were each hashed.
    private mutating func number(_ component: String, at position: Int) -> Int32 {
        if position < previousRow.count && components[Int(previousRow[position])] == component { return previousRow[position] }
        let number = componentNumbers[component] ?? {
            componentNumbers[component] = Int32(components.count)
            components.append(component)
            return Int32(components.count - 1)
        }()
        if position < previousRow.count { previousRow[position] = number } else { previousRow.append(number) }
        return number
    }

    func componentCount(of row: String) -> Int { rowIndex[row].map { rows[$0].count } ?? 0 }

    /// The cell of a row's component, if the row has it.
    private func cell(_ row: Int?, _ component: Int32) -> Int? {
        row.flatMap { r in rows[r].first { $0.component == component }?.cell }
    }

    /// The cell of a row's component (a count's column name), if the row has it.
    func cell(_ row: String, _ component: String) -> Int? { componentNumbers[component].flatMap { cell(rowIndex[row], $0) } }

    /// Adds `total = Σ parts` for every component the total and all the parts have, when the sum holds.
    mutating func relate(total: String, parts: [String]) {
        relate(total: rowIndex[total], parts: parts.map { rowIndex[$0] })
    }

    /// `relate` of rows given by their index here (nil for a row the release does not have).
    private mutating func relate(total: Int?, parts partRows: [Int?]) {
        guard let t = total else { return }
        for (component, totalCell) in rows[t] {
            let p = partRows.compactMap { cell($0, component) }
            guard p.count == partRows.count, p.map({ values[$0] }).reduce(0, +) == values[totalCell] else { continue }
            relations.append(AdditiveRelation(total: totalCell, parts: p))
        }
    }

    /// Breakdown categories add up to `Total`; the three groups add up to `Any social worker`;
    /// schools add up to their local authority; in England's release, local authorities add up to
    /// England.
    ///
    /// `keys` are the rows' keys (`ReleaseProtection.rowKey`). Rows are found by what they are
    /// (`RowIdentity`): made again for every relation a row is in, the keys of 25,000 rows took most
    /// of the time.
    mutating func relateMeasures(_ table: MeasureTable, keys: [String]) {
        let rows = table.rows
        let here = keys.map { rowIndex[$0] }
        var position: [RowIdentity: Int] = [:]
        position.reserveCapacity(rows.count)
        for (i, row) in rows.enumerated() where position[RowIdentity(row)] == nil { position[RowIdentity(row)] = i }
        func index(_ identity: RowIdentity) -> Int? { position[identity].flatMap { here[$0] } }
        // Relations by their total and what they sum, in the order the rows first name them:
        // breakdowns, then geography.
        var breakdowns: [Sum] = [], geography: [Sum] = []
        var parts: [Sum: [Int?]] = [:]
        func collect(_ sum: Sum, into order: inout [Sum], part: Int) {
            if parts[sum] == nil {
                order.append(sum)
                parts[sum] = []
            }
            parts[sum]!.append(here[part])
        }
        for (i, row) in rows.enumerated() {
            let identity = RowIdentity(row)
            if row.topic != .total { collect(Sum(total: identity.total, of: .topic(row.topic)), into: &breakdowns, part: i) }
            if row.level == .school && row.topic == .total && position[identity.localAuthority] != nil {
                collect(Sum(total: identity.localAuthority, of: .schools), into: &geography, part: i)
            }
            if row.level == .localAuthority && row.la != nil && position[identity.england] != nil {
                collect(Sum(total: identity.england, of: .localAuthorities), into: &geography, part: i)
            }
        }
        for sum in breakdowns { relate(total: index(sum.total), parts: parts[sum]!) }
        for (i, row) in rows.enumerated() where row.group == .anySocialWorker {
            relate(total: here[i], parts: SocialCareGroup.socialCare.map { index(RowIdentity(row).of($0)) })
        }
        for sum in geography { relate(total: index(sum.total), parts: parts[sum]!) }
    }

    /// The same children counted in both files must be shown, or hidden, in both: a group's
    /// children in linkage quality and in the measures' local authority total, where they agree.
    mutating func relateLinkageQuality(_ rows: [LinkageQualityRow], to table: MeasureTable, year: String) {
        for row in table.rows where row.isWholeArea && row.topic == .total && row.group.isSocialCare {
            let quality = "\(year)|linkage quality|Social care group|\(row.group.label)"
            let measure = ReleaseProtection.rowKey(table.year, row)
            for (qualityComponent, measureComponent) in [("children", Indicator.socialCareChildren.column), ("linked", Indicator.headcount.column)] {
                guard let a = cell(quality, qualityComponent), let b = cell(measure, measureComponent),
                      values[a] == values[b] else { continue }
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
                if counts.count == parts.count, counts.map({ values[$0] }).reduce(0, +) == values[children] {
                    relations.append(AdditiveRelation(total: children, parts: counts))
                }
            } else {
                relate(total: total, parts: parts)
            }
        }
    }
}
