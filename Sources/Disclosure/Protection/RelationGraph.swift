/// The additive relations of a release as flat arrays, for the hot loops of suppression and audit.
///
/// A relation reads `total - Σ parts = 0`; its first member is the total (coefficient +1), the others
/// are parts (coefficient -1). Cells and relations are numbered densely so that every per-cell or
/// per-relation fact can live in a plain array.
///
/// The arrays are read through pointers into one immutable block of memory: slices of shared arrays
/// retained them, and the audit's workers, each reading the graph for thousands of programs, took
/// turns with the arrays' reference counts (40 ms of 400,000 pupils' release).
struct RelationGraph: Sendable {
    let cellCount: Int
    private let storage: Storage

    /// Members of relation `r` are `members[start[r] ..< start[r + 1]]`, the total first. Relations of
    /// cell `c` are `cellRelations[cellStart[c] ..< cellStart[c + 1]]`, and `cellPositions` beside
    /// them says where the cell stands in each.
    private final class Storage: @unchecked Sendable {
        // A reviewed `@unchecked Sendable`: the buffers are written only in `init` and freed in `deinit`.
        let start: UnsafeBufferPointer<Int>
        let members: UnsafeBufferPointer<Int32>
        let cellStart: UnsafeBufferPointer<Int>
        let cellRelations: UnsafeBufferPointer<Int32>
        let cellPositions: UnsafeBufferPointer<Int32>

        init(start: [Int], members: [Int32], cellStart: [Int], cellRelations: [Int32], cellPositions: [Int32]) {
            func copy<T>(_ array: [T]) -> UnsafeBufferPointer<T> {
                let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: array.count)
                _ = buffer.initialize(from: array)
                return UnsafeBufferPointer(buffer)
            }
            (self.start, self.members, self.cellStart) = (copy(start), copy(members), copy(cellStart))
            (self.cellRelations, self.cellPositions) = (copy(cellRelations), copy(cellPositions))
        }

        deinit {
            (start.deallocate(), cellStart.deallocate())
            for buffer in [members, cellRelations, cellPositions] { buffer.deallocate() }
        }
    }

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
        storage = Storage(start: start, members: members, cellStart: degree, cellRelations: cellRelations, cellPositions: cellPositions)
    }

    var relationCount: Int { storage.start.count - 1 }

    /// The total first, then the parts (valid while the graph is).
    func members(of relation: Int) -> Slice<UnsafeBufferPointer<Int32>> {
        storage.members[storage.start[relation] ..< storage.start[relation + 1]]
    }

    func total(of relation: Int) -> Int { Int(storage.members[storage.start[relation]]) }

    func size(of relation: Int) -> Int { storage.start[relation + 1] - storage.start[relation] }

    func relations(of cell: Int) -> Slice<UnsafeBufferPointer<Int32>> {
        storage.cellRelations[storage.cellStart[cell] ..< storage.cellStart[cell + 1]]
    }

    /// The cell's relations, each with the cell's position among its members.
    func memberships(of cell: Int) -> Zip2Sequence<Slice<UnsafeBufferPointer<Int32>>, Slice<UnsafeBufferPointer<Int32>>> {
        let range = storage.cellStart[cell] ..< storage.cellStart[cell + 1]
        return zip(storage.cellRelations[range], storage.cellPositions[range])
    }

    /// +1 for the total of a relation, -1 for a part: the coefficient of the member at `position`.
    static func coefficient(at position: Int) -> Int { position == 0 ? 1 : -1 }
}
