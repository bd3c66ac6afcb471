/// The order in which noisy totals are rebuilt from their parts.
///
/// Each cell's height is 0 for a finest cell and one more than its highest part otherwise; totals are
/// rebuilt by increasing height, so every part is final before its total is summed.
struct NoiseStructure {
    let isLeaf: [Bool]
    let leaves: [Int]
    /// Relations by their total, each total's in request order: its breakdowns.
    private let breakdowns: [Int: [[Int]]]
    private let order: [Int]
    private let relationsOfPart: [[Int]]
    private let totals: [Int]

    init(cellCount: Int, relations: [AdditiveRelation]) throws(DisclosureError) {
        var isLeaf = [Bool](repeating: true, count: cellCount)
        var breakdowns: [Int: [[Int]]] = [:]
        var relationsOfPart = [[Int]](repeating: [], count: cellCount)
        for (r, relation) in relations.enumerated() {
            isLeaf[relation.total] = false
            breakdowns[relation.total, default: []].append(relation.parts)
            for part in relation.parts { relationsOfPart[part].append(r) }
        }
        // Heights by repeated relaxation over a topological order (Kahn's algorithm on total ← part).
        var waiting = [Int](repeating: 0, count: cellCount)
        for relation in relations { waiting[relation.total] += relation.parts.count }
        var height = [Int](repeating: 0, count: cellCount)
        var ready = (0..<cellCount).filter { waiting[$0] == 0 }
        var order: [Int] = []
        while let cell = ready.popLast() {
            order.append(cell)
            for r in relationsOfPart[cell] {
                let total = relations[r].total
                height[total] = max(height[total], height[cell] + 1)
                waiting[total] -= 1
                if waiting[total] == 0 { ready.append(total) }
            }
        }
        guard order.count == cellCount else {
            throw DisclosureError(.invalidRequest, "The relations contain a cycle (a cell is, through other cells, part of itself); noise cannot be added consistently.")
        }
        // By height; at each height the totals broken down several ways first, so that they may still
        // rake finest cells whose other totals are not summed yet.
        self.order = order.filter { !isLeaf[$0] }.sorted {
            (height[$0], breakdowns[$0]!.count > 1 ? 0 : 1, $0) < (height[$1], breakdowns[$1]!.count > 1 ? 0 : 1, $1)
        }
        self.isLeaf = isLeaf
        self.leaves = (0..<cellCount).filter { isLeaf[$0] }
        self.breakdowns = breakdowns
        self.relationsOfPart = relationsOfPart
        self.totals = relations.map(\.total)
    }

    /// Rebuilds every total from its parts, raking the finest cells of further breakdowns to the first.
    func reconcile(_ values: inout [Int], keys: [String]) throws(DisclosureError) {
        var final = isLeaf.map { _ in false }
        for total in order {
            let families = breakdowns[total]!
            values[total] = families[0].reduce(0) { $0 + values[$1] }
            final[total] = true
            for parts in families.dropFirst() {
                let difference = values[total] - parts.reduce(0) { $0 + values[$1] }
                guard difference != 0 else { continue }
                // A finest cell may move only while every other total it belongs to is still to be summed.
                let movable = parts.filter { part in isLeaf[part] && relationsOfPart[part].allSatisfy { !final[totals[$0]] || totals[$0] == total } }
                guard Self.rake(&values, cells: movable, by: difference) else {
                    throw DisclosureError(.invalidRequest, key: keys[total], "The noisy breakdowns of \(keys[total]) cannot be made to add up; cross-classify them or publish them in separate tables.")
                }
            }
        }
    }

    /// Adds `difference` to `cells`, shared in proportion to their values plus one (largest remainders
    /// first, ties to the lower cell), never taking a cell below zero. False when they cannot absorb it.
    private static func rake(_ values: inout [Int], cells: [Int], by difference: Int) -> Bool {
        guard !cells.isEmpty else { return false }
        let available = cells.reduce(0) { $0 + values[$1] }
        guard difference > 0 || available >= -difference else { return false }
        let weights = cells.map { difference > 0 ? values[$0] + 1 : values[$0] }
        let weightSum = weights.reduce(0, +)
        var shares = weights.map { difference * $0 / weightSum }
        var remainder = difference - shares.reduce(0, +)
        let byRemainder = cells.indices.sorted { a, b in
            let ra = abs(difference * weights[a] % weightSum), rb = abs(difference * weights[b] % weightSum)
            return (ra, -a) > (rb, -b)
        }
        var i = 0
        while remainder != 0 {
            let k = byRemainder[i % cells.count]
            let step = remainder > 0 ? 1 : -1
            if values[cells[k]] + shares[k] + step >= 0 {
                shares[k] += step
                remainder -= step
            }
            i += 1
        }
        for (k, cell) in cells.enumerated() { values[cell] += shares[k] }
        return true
    }
}
