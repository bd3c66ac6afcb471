/// Free cells grouped by the relations between them: two free cells share a group when a chain of
/// relations that `joins` admits links them. The audit's components (every relation) and the partner
/// blocks' clusters (small relations only) are both such groups.
struct CellGroups {
    /// The group of each cell, or -1 for cells that are not free.
    let group: [Int32]
    /// Cells of each group, in increasing order; groups ordered by their first cell.
    let cells: [[Int]]

    init(graph: RelationGraph, free: [Bool], joins: (Int) -> Bool) {
        var parent = Array(0..<graph.cellCount)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        for r in 0..<graph.relationCount where joins(r) {
            var first: Int?
            for cell in graph.members(of: r).lazy.map(Int.init) where free[cell] {
                guard let f = first else {
                    first = cell
                    continue
                }
                let (a, b) = (find(f), find(cell))
                if a != b { parent[max(a, b)] = min(a, b) }
            }
        }
        var group = [Int32](repeating: -1, count: graph.cellCount)
        var cells: [[Int]] = []
        for cell in 0..<graph.cellCount where free[cell] {
            let root = find(cell)
            if group[root] < 0 {
                group[root] = Int32(cells.count)
                cells.append([])
            }
            group[cell] = group[root]
            cells[Int(group[cell])].append(cell)
        }
        self.group = group
        self.cells = cells
    }
}
