/// A release joined to what its ledger says earlier releases published: the cells and relations the
/// attacker knows about, as one system.
///
/// Cells `0 ..< releaseCount` are this release's, in request order; the rest are cells of earlier
/// releases that this release does not contain. The values of those that were suppressed are not in
/// the ledger (it holds only what was published), so they are worked out from the earlier relations
/// wherever one relation leaves a single unknown; a relation that cannot be evaluated that way, or no
/// longer adds up because the data were revised, is left out (it describes another population).
struct LinkedRelease: Sendable {
    var graph: RelationGraph
    var values: [Int]
    var isChildCount: [Bool]
    var isTotal: [Bool]
    /// The attacker knows the value: an earlier release showed the figure it still has.
    var isPublic: [Bool]
    /// An earlier release showed `c` for this key.
    var wasSuppressed: [Bool]
    var keys: [String]
    let releaseCount: Int

    init(cells: [ReleaseCell], values: [Int], relations: [AdditiveRelation], ledger: Ledger?) {
        releaseCount = cells.count
        self.values = values
        isChildCount = cells.map(\.isChildCount)
        isTotal = cells.map(\.isTotal)
        keys = cells.map(\.key)
        isPublic = Array(repeating: false, count: cells.count)
        wasSuppressed = Array(repeating: false, count: cells.count)
        graph = RelationGraph(cellCount: 0, relations: [])
        var memberLists = relations.map { [$0.total] + $0.parts }
        if let ledger { Self.link(ledger, into: &self, relations: &memberLists) }
        graph = RelationGraph(cellCount: keys.count, relations: memberLists)
    }

    /// Marks known and sticky cells, adds the earlier cells this release lacks, and the earlier
    /// relations that still hold.
    private static func link(_ ledger: Ledger, into linked: inout LinkedRelease, relations: inout [[Int]]) {
        var index: [String: Int] = [:]
        for (i, key) in linked.keys.enumerated() { index[key] = i }
        var known = [Bool](repeating: true, count: linked.releaseCount)
        var seen = Set(relations.map { RelationSignature($0) })
        var earlier: [[Int]] = []
        for release in ledger.releases {
            let rules = DisclosureRules(roundCountsTo: release.roundCountsTo)
            var position: [Int] = []
            for cell in release.cells {
                if let i = index[cell.key] {
                    if i < linked.releaseCount {
                        if let shown = cell.shown {
                            if rules.roundCount(linked.values[i]) == shown { linked.isPublic[i] = true }
                        } else {
                            linked.wasSuppressed[i] = true
                        }
                    } else if let shown = cell.shown, !known[i] || linked.values[i] != shown {
                        // The latest figure shown for a cell this release lacks is what the attacker holds.
                        linked.values[i] = shown
                        known[i] = true
                        linked.isPublic[i] = true
                    }
                    position.append(i)
                } else {
                    let i = linked.keys.count
                    index[cell.key] = i
                    linked.keys.append(cell.key)
                    linked.values.append(cell.shown ?? 0)
                    linked.isChildCount.append(cell.isChildCount)
                    linked.isTotal.append(false)
                    linked.isPublic.append(cell.shown != nil)
                    linked.wasSuppressed.append(cell.shown == nil)
                    known.append(cell.shown != nil)
                    position.append(i)
                }
            }
            var pending = release.relations.map { $0.map { position[$0] } }.filter { seen.insert(RelationSignature($0)).inserted }
            // Work out unknown earlier cells one relation at a time until nothing changes.
            var progress = true
            while progress {
                progress = false
                pending.removeAll { members in
                    let unknown = members.filter { !known[$0] }
                    guard unknown.count <= 1 else { return false }
                    let sum = members.enumerated().reduce(0) { acc, m in
                        known[m.element] ? acc + RelationGraph.coefficient(at: m.offset) * linked.values[m.element] : acc
                    }
                    if let cell = unknown.first {
                        let value = members[0] == cell ? -sum : sum
                        if value >= 0 {
                            linked.values[cell] = value
                            known[cell] = true
                            earlier.append(members)
                            progress = true
                        }
                    } else {
                        earlier.append(members)
                    }
                    return true
                }
            }
        }
        // A later release may have shown a figure for a cell an earlier relation was evaluated with.
        relations += earlier.filter { members in
            members.enumerated().reduce(0) { $0 + RelationGraph.coefficient(at: $1.offset) * linked.values[$1.element] } == 0
        }
    }
}

/// A relation up to the order of its parts, to avoid adding an earlier release's copy of a relation.
private struct RelationSignature: Hashable {
    let total: Int
    let parts: [Int]

    init(_ members: [Int]) {
        total = members[0]
        parts = members.dropFirst().sorted()
    }
}
