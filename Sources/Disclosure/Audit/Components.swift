/// Connected components of the cells an attacker cannot pin, linked by the relations they share.
///
/// Cells in different components never appear in a relation together, so each component's feasible
/// set is independent of the others': the audit solves them one at a time, which keeps national
/// releases fast however many cells they have.
struct Components {
    /// Cells of each component, in increasing order; components ordered by their first cell.
    private(set) var cells: [[Int]] = []
    /// Relations with at least two of the component's cells.
    private(set) var relations: [[Int]] = []

    init(graph: RelationGraph, free: [Bool]) {
        var parent = Array(0..<graph.cellCount)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        var linking: [Int] = []
        for r in 0..<graph.relationCount {
            var first: Int?
            for cell in graph.members(of: r).map(Int.init) where free[cell] {
                if let f = first {
                    let (a, b) = (find(f), find(cell))
                    if a != b { parent[max(a, b)] = min(a, b) }
                } else {
                    first = cell
                }
            }
            if first != nil && graph.members(of: r).lazy.filter({ free[Int($0)] }).count > 1 { linking.append(r) }
        }
        var slot = [Int](repeating: -1, count: graph.cellCount)
        for cell in 0..<graph.cellCount where free[cell] {
            let root = find(cell)
            if slot[root] < 0 {
                slot[root] = cells.count
                cells.append([])
                relations.append([])
            }
            cells[slot[root]].append(cell)
        }
        for r in linking {
            let cell = graph.members(of: r).map(Int.init).first { free[$0] }!
            relations[slot[find(cell)]].append(r)
        }
    }

    /// True when component `c`'s cells and relations form a forest (no cycle through relations), the
    /// case where interval propagation at its fixpoint is exact.
    func isAcyclic(_ c: Int, graph: RelationGraph, free: [Bool]) -> Bool {
        let incidences = relations[c].reduce(0) { sum, r in sum + graph.members(of: r).lazy.filter { free[Int($0)] }.count }
        return incidences == cells[c].count + relations[c].count - 1
    }
}
