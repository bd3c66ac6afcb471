/// The additive relations of a release as flat arrays, for the hot loops of suppression and audit.
///
/// A relation reads `total - Σ parts = 0`; its first member is the total (coefficient +1), the others
/// are parts (coefficient -1). Cells and relations are numbered densely so that every per-cell or
/// per-relation fact can live in a plain array.
struct RelationGraph: Sendable {
    let cellCount: Int
    /// Members of relation `r` are `members[start[r] ..< start[r + 1]]`, the total first.
    private let start: [Int]
    private let members: [Int32]
    /// Relations of cell `c` are `cellRelations[cellStart[c] ..< cellStart[c + 1]]`.
    private let cellStart: [Int]
    private let cellRelations: [Int32]
    /// Where cell `c` stands in each of its relations, beside `cellRelations`.
    private let cellPositions: [Int32]

    /// `relations[r]` lists the total first, then the parts; every index is below `cellCount`.
    init(cellCount: Int, relations: [[Int]]) {
        self.cellCount = cellCount
        var start = [0], members: [Int32] = []
        var degree = [Int](repeating: 0, count: cellCount + 1)
        for relation in relations {
            for cell in relation {
                members.append(Int32(cell))
                degree[cell + 1] += 1
            }
            start.append(members.count)
        }
        for c in 0..<cellCount { degree[c + 1] += degree[c] }
        var fill = degree
        var cellRelations = [Int32](repeating: 0, count: members.count), cellPositions = cellRelations
        for r in relations.indices {
            for m in start[r]..<start[r + 1] {
                let cell = Int(members[m])
                cellRelations[fill[cell]] = Int32(r)
                cellPositions[fill[cell]] = Int32(m - start[r])
                fill[cell] += 1
            }
        }
        self.start = start
        self.members = members
        self.cellStart = degree
        self.cellRelations = cellRelations
        self.cellPositions = cellPositions
    }

    var relationCount: Int { start.count - 1 }

    /// The total first, then the parts.
    func members(of relation: Int) -> ArraySlice<Int32> { members[start[relation] ..< start[relation + 1]] }

    func total(of relation: Int) -> Int { Int(members[start[relation]]) }

    func size(of relation: Int) -> Int { start[relation + 1] - start[relation] }

    func relations(of cell: Int) -> ArraySlice<Int32> { cellRelations[cellStart[cell] ..< cellStart[cell + 1]] }

    /// The cell's relations, each with the cell's position among its members.
    func memberships(of cell: Int) -> Zip2Sequence<ArraySlice<Int32>, ArraySlice<Int32>> {
        let range = cellStart[cell] ..< cellStart[cell + 1]
        return zip(cellRelations[range], cellPositions[range])
    }

    /// +1 for the total of a relation, -1 for a part: the coefficient of the member at `position`.
    static func coefficient(at position: Int) -> Int { position == 0 ? 1 : -1 }
}
