import Disclosure
import Testing

/// The attacks of issue 4, each run by the independent integer attacker on everything published. Each
/// first shows that the attack works when the defence is missing, so that the test can fail.
@Suite struct AttackTests {
    /// What the attacker learns about `cell` from `published`, reading the release's relations.
    func attack(_ request: ProtectionRequest, published: [Int?], cell: Int) -> ClosedRange<Int> {
        IntegerAttacker(cells: request.cells, relations: request.relations, shown: published).interval(of: cell)!
    }

    @Test func totalMinusVisibleParts() throws {
        let request = ProtectionRequest(
            cells: [ReleaseCell(key: "T", table: "t", value: 39, isTotal: true), ReleaseCell(key: "a", table: "t", value: 3),
                    ReleaseCell(key: "b", table: "t", value: 7), ReleaseCell(key: "c", table: "t", value: 9),
                    ReleaseCell(key: "d", table: "t", value: 20)],
            relations: [AdditiveRelation(total: 0, parts: [1, 2, 3, 4])])
        // Primary suppression alone gives the 3 away.
        #expect(attack(request, published: [39, nil, 7, 9, 20], cell: 1) == 3...3)
        let result = try request.protect()
        Checks.attackerRecoversNothing(request, result)
    }

    /// One total broken down by sex and by phase, with the sex × phase cells: what one breakdown hides
    /// the other must not show.
    @Test func twoBreakdownsOfTheSameTotal() throws {
        // Females 4 (primary, 4 in primary schools, 0 in secondary), males 46 = 20 + 26.
        let table = CrossTable(name: "sex by phase", sizes: [2, 2], finest: [4, 0, 20, 26])
        let request = ProtectionRequest(cells: table.cells, relations: table.relations)
        let females = table.index([0, 2]), femalesPrimary = table.index([0, 0])
        // Protecting the sex breakdown on its own (suppressing females and males) while showing the
        // phase breakdown gives the females away through the phase totals.
        var published: [Int?] = table.cells.map(\.value)
        for cell in [females, table.index([1, 2]), femalesPrimary] { published[cell] = nil }
        #expect(attack(request, published: published, cell: females) == 4...4)
        let result = try request.protect()
        #expect(result.cells[females].status == .primary && result.cells[femalesPrimary].status == .primary)
        Checks.ruleFive(request, result)
        Checks.attackerRecoversNothing(request, result)
    }

    /// Schools' rows against their LA's row: the LA figure minus the other schools' figures.
    @Test func schoolRowsAgainstTheLARow() throws {
        // Three schools by sex (female, male, total), and the LA row summing them.
        let schools = [[2, 30], [10, 25], [12, 40]]
        var cells: [ReleaseCell] = [], relations: [AdditiveRelation] = []
        func row(_ name: String, _ f: Int, _ m: Int) -> [Int] {
            let first = cells.count
            cells += [ReleaseCell(key: "\(name)|F", table: "by school", value: f), ReleaseCell(key: "\(name)|M", table: "by school", value: m),
                      ReleaseCell(key: "\(name)|Total", table: "by school", value: f + m, isTotal: true)]
            relations.append(AdditiveRelation(total: first + 2, parts: [first, first + 1]))
            return [first, first + 1, first + 2]
        }
        let rows = schools.enumerated().map { row("school \($0.offset)", $0.element[0], $0.element[1]) }
        let la = row("LA", schools.reduce(0) { $0 + $1[0] }, schools.reduce(0) { $0 + $1[1] })
        let withinSchools = ProtectionRequest(cells: cells, relations: relations)
        for column in 0..<3 { relations.append(AdditiveRelation(total: la[column], parts: rows.map { $0[column] })) }
        let request = ProtectionRequest(cells: cells, relations: relations)
        // Protecting each school's row on its own leaves the LA row to give school 0's girls away.
        let naive = try withinSchools.protect()
        #expect(attack(request, published: naive.cells.map(\.published), cell: rows[0][0]) == 2...2)
        let result = try request.protect()
        Checks.ruleFive(request, result)
        Checks.attackerRecoversNothing(request, result)
    }

    /// Last year's release, kept in the ledger, against this year's, which republishes the same year
    /// with a new breakdown of `b`.
    @Test func thisYearsReleaseAgainstLastYearsInTheLedger() throws {
        func cell(_ key: String, _ value: Int, total: Bool = false) -> ReleaseCell {
            ReleaseCell(key: "202324|" + key, table: "by category", value: value, isTotal: total)
        }
        let lastYear = ProtectionRequest(cells: [cell("T", 39, total: true), cell("a", 3), cell("b", 7), cell("c", 9), cell("d", 20)],
                                         relations: [AdditiveRelation(total: 0, parts: [1, 2, 3, 4])], releaseID: "2024")
        let published = try lastYear.protect()
        #expect(published.cells.map(\.status) == [.published, .primary, .secondary, .published, .published])
        // This year: b is broken down into 3 + 4, so b becomes a total and c the cheapest partner of a.
        var thisYear = ProtectionRequest(
            cells: lastYear.cells.enumerated().map { $0.offset == 2 ? cell("b", 7, total: true) : $0.element } + [cell("b1", 3), cell("b2", 4)],
            relations: lastYear.relations + [AdditiveRelation(total: 2, parts: [5, 6])], releaseID: "2025")
        // What the attacker holds: this year's figures, and last year's for the same keys.
        func combined(_ result: ProtectionResult) -> [Int?] {
            result.cells.indices.map { result.cells[$0].published ?? ($0 < 5 ? published.cells[$0].published : nil) }
        }
        let withoutLedger = try thisYear.protect()
        #expect(withoutLedger.cells[3].status == .secondary && withoutLedger.cells[2].status == .published)
        #expect(attack(thisYear, published: combined(withoutLedger), cell: 1) == 3...3)
        thisYear.ledger = published.ledger
        let withLedger = try thisYear.protect()
        // b stays hidden (it was `c` last year) and c, public since last year, is not used to hide anything.
        #expect(withLedger.cells[2].status == .secondary && withLedger.cells[3].status == .published)
        let attacker = IntegerAttacker(cells: thisYear.cells, relations: thisYear.relations, shown: combined(withLedger))
        for i in [1, 5, 6] {
            let range = attacker.interval(of: i)!
            #expect(range.upperBound - range.lowerBound >= 6)
        }
        #expect(withLedger.ledger.releases.map(\.id) == ["2024", "2025"])
    }
}
