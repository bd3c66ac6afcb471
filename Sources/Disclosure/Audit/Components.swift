/// Connected components of the cells an attacker cannot pin, linked by the relations they share.
///
/// Cells in different components never appear in a relation together, so each component's feasible
/// set is independent of the others': the audit solves them one at a time, which keeps national
/// releases fast however many cells they have.
struct Components {
    /// Cells of each component, in increasing order; components ordered by their first cell.
    let cells: [[Int]]
    /// Relations with at least two of the component's cells.
    let relations: [[Int]]

    init(graph: RelationGraph, free: [Bool]) {
        let groups = CellGroups(graph: graph, free: free) { _ in true }
        var relations = [[Int]](repeating: [], count: groups.cells.count)
        for r in 0..<graph.relationCount {
            var first = -1, hidden = 0
            for cell in graph.members(of: r).lazy.map(Int.init) where free[cell] {
                if hidden == 0 { first = cell }
                hidden += 1
            }
            if hidden > 1 { relations[Int(groups.group[first])].append(r) }
        }
        cells = groups.cells
        self.relations = relations
    }

    /// True when component `c`'s cells and relations form a forest (no cycle through relations), the
    /// case where interval propagation at its fixpoint is exact.
    func isAcyclic(_ c: Int, graph: RelationGraph, free: [Bool]) -> Bool {
        let incidences = relations[c].reduce(0) { sum, r in sum + graph.members(of: r).lazy.filter { free[Int($0)] }.count }
        return incidences == cells[c].count + relations[c].count - 1
    }
}
