import CohortModel
import Disclosure
import Foundation

/// A national-sized release shaped like CohortLink's school table: every school and LA, and England,
/// by social care group × sex × phase with all totals, and schools summing to their LA and LAs to
/// England. Counts come from a fixed-seed generator at roughly national rates, so the release has the
/// mass of small counts that real school-level social care figures have.
struct NationalRelease {
    static let groups = ["Child in need plan", "Child protection plan", "Looked after", "No social worker",
                         "Any social worker", "All pupils"]
    static let sexes = ["Female", "Male", "Total"]
    static let phases = ["Primary", "Secondary", "Total"]
    /// Shares of pupils on a child in need plan, a child protection plan, and looked after.
    static let rates = [0.018, 0.006, 0.007]

    private(set) var cells: [ReleaseCell] = []
    private(set) var relations: [AdditiveRelation] = []

    init(schools: Int, localAuthorities: Int = 152, seed: UInt64 = 2025) {
        var random = SplitMix64(state: seed)
        var laRows: [[[Int]]] = Array(repeating: [], count: localAuthorities)
        for school in 0..<schools {
            // Three in four schools are primary, most others secondary, a few all-through.
            let kind = random.below(20)
            let pupils = [kind < 15 ? 50 + random.below(550) : 0, kind >= 14 ? 400 + random.below(1400) : 0]
            var finest = [Int](repeating: 0, count: 16)  // [base group][sex][phase]
            for phase in 0..<2 {
                for sex in 0..<2 {
                    let onRoll = pupils[phase] / 2 + (sex == 0 ? pupils[phase] % 2 : 0)
                    var social = 0
                    for group in 0..<3 {
                        let n = random.poisson(Double(onRoll) * Self.rates[group])
                        finest[group * 4 + sex * 2 + phase] = n
                        social += n
                    }
                    finest[3 * 4 + sex * 2 + phase] = max(0, onRoll - social)
                }
            }
            laRows[school % localAuthorities].append(addBlock(level: "School|\(100_000 + school)", finest: finest, isGeographyTotal: false))
        }
        let las = laRows.enumerated().filter { !$0.element.isEmpty }.map { la, rows in addSum(level: "Local authority|\(la)", of: rows) }
        _ = addSum(level: "National|England", of: las)
    }

    /// A block of 6 × 3 × 3 cells from its 4 × 2 × 2 finest counts, with its internal relations;
    /// returns the cell index of each position.
    private mutating func addBlock(level: String, finest: [Int], isGeographyTotal: Bool) -> [Int] {
        var value = [Int](repeating: 0, count: 54)
        func position(_ g: Int, _ s: Int, _ p: Int) -> Int { (g * 3 + s) * 3 + p }
        for g in 0..<4 { for s in 0..<2 { for p in 0..<2 { value[position(g, s, p)] = finest[g * 4 + s * 2 + p] } } }
        for g in 0..<4 { for s in 0..<2 { value[position(g, s, 2)] = value[position(g, s, 0)] + value[position(g, s, 1)] } }
        for g in 0..<4 { for p in 0..<3 { value[position(g, 2, p)] = value[position(g, 0, p)] + value[position(g, 1, p)] } }
        for s in 0..<3 {
            for p in 0..<3 {
                value[position(4, s, p)] = (0..<3).reduce(0) { $0 + value[position($1, s, p)] }
                value[position(5, s, p)] = value[position(4, s, p)] + value[position(3, s, p)]
            }
        }
        let first = cells.count
        for g in 0..<6 {
            for s in 0..<3 {
                for p in 0..<3 {
                    cells.append(ReleaseCell(key: "202425|\(level)|\(Self.groups[g])|\(Self.sexes[s])|\(Self.phases[p])|headcount",
                                             table: level.hasPrefix("School") ? "school" : "area", value: value[position(g, s, p)],
                                             isTotal: isGeographyTotal || g >= 4 || s == 2 || p == 2))
                }
            }
        }
        let cell = { (g: Int, s: Int, p: Int) in first + position(g, s, p) }
        for s in 0..<3 {
            for p in 0..<3 {
                relations.append(AdditiveRelation(total: cell(4, s, p), parts: [cell(0, s, p), cell(1, s, p), cell(2, s, p)]))
                relations.append(AdditiveRelation(total: cell(5, s, p), parts: [cell(4, s, p), cell(3, s, p)]))
            }
        }
        for g in 0..<6 {
            for p in 0..<3 { relations.append(AdditiveRelation(total: cell(g, 2, p), parts: [cell(g, 0, p), cell(g, 1, p)])) }
            for s in 0..<3 { relations.append(AdditiveRelation(total: cell(g, s, 2), parts: [cell(g, s, 0), cell(g, s, 1)])) }
        }
        return (0..<54).map { first + $0 }
    }

    /// A block that sums `rows` position by position.
    private mutating func addSum(level: String, of rows: [[Int]]) -> [Int] {
        var finest = [Int](repeating: 0, count: 16)
        for g in 0..<4 { for s in 0..<2 { for p in 0..<2 {
            finest[g * 4 + s * 2 + p] = rows.reduce(0) { $0 + cells[$1[(g * 3 + s) * 3 + p]].value }
        } } }
        let block = addBlock(level: level, finest: finest, isGeographyTotal: true)
        for position in 0..<54 { relations.append(AdditiveRelation(total: block[position], parts: rows.map { $0[position] })) }
        return block
    }
}

extension SplitMix64 {
    /// Knuth's method; means here are small.
    mutating func poisson(_ mean: Double) -> Int {
        let limit = exp(-mean)
        var k = 0, p = 1.0
        repeat {
            k += 1
            p *= unit()
        } while p > limit
        return k - 1
    }
}
