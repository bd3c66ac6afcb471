import CohortModel

/// Small linear programs for the targets of a large component, one per cluster of cells tied by small
/// relations (a school's own breakdowns), together with the clusters best placed to move against it.
///
/// In a local authority's component, a school's hidden cells can only move if other schools' hidden
/// cells in the same LA totals move the opposite way. The clusters that share most of a cluster's large
/// relations (the schools hiding the same positions), largest values first, are the ones that can, so
/// a block of a cluster and a few such partners proves most of its cells with a program of a hundred
/// or so columns instead of the component's thousands. Like every block, it holds the cells outside
/// at their true values: every point it finds is feasible, a sound certificate.
struct PartnerBlocks {
    /// The rungs of the audit's ladder: a few partners first; many for the cells that few could not
    /// prove (a school whose hidden cells only several others together can balance); then chains through
    /// hidden totals to other local authorities and their schools.
    static let rungs: [(partners: Int, depth: Int)] = [(6, 1), (30, 1), (6, 4)]
    /// The most cells a block of a deep rung takes.
    static let deepLimit = 2_500

    /// The free cells of a release grouped by the small relations between them (a school's own
    /// breakdowns), found once per audit.
    static func clusters(graph: RelationGraph, free: [Bool]) -> CellGroups {
        CellGroups(graph: graph, free: free) { graph.size(of: $0) <= Neighbourhood.smallRelation }
    }

    private(set) var blocks: [(block: [Int], targets: [Int])] = []

    /// Blocks for `targets`: for each cluster holding any that no earlier block took, the cluster, then
    /// breadth first for `depth` steps, each cluster's `partners` best partners and the clusters holding
    /// the hidden totals of its large relations (the LA above a school, England above an LA), up to
    /// `limit` cells. A block proves the targets of every cluster it takes, which serve as each other's
    /// partners. Depth beyond 1 follows the chains a cell needs when its room runs through hidden
    /// totals into other LAs.
    init(targets: [Int], partners: Int, depth: Int = 1, limit: Int = .max, clusters: CellGroups, graph: RelationGraph,
         values: [Int], threads: Int = defaultThreadCount) {
        var targetsOf = [[Int]](repeating: [], count: clusters.cells.count)
        for target in targets { targetsOf[Int(clusters.group[target])].append(target) }
        let owners = targetsOf.indices.filter { !targetsOf[$0].isEmpty }
        var search = NeighbourSearch(partners: partners, clusters: clusters, graph: graph,
                                     members: FreeMembers(clusters: clusters, graph: graph, values: values))
        search.searchAhead(for: owners, threads: threads)
        var taken = [Bool](repeating: false, count: clusters.cells.count), covered = taken
        for own in owners where !covered[own] {
            var chosen = [own], frontier = [own], size = clusters.cells[own].count
            taken[own] = true
            for _ in 0..<depth where size < limit {
                var next: [Int] = []
                for cluster in frontier {
                    for other in search.neighbours(of: cluster) where !taken[other] && size < limit {
                        taken[other] = true
                        chosen.append(other)
                        next.append(other)
                        size += clusters.cells[other].count
                    }
                }
                frontier = next
            }
            var proving: [Int] = []
            for cluster in chosen {
                taken[cluster] = false
                if !targetsOf[cluster].isEmpty && !covered[cluster] {
                    covered[cluster] = true
                    proving += targetsOf[cluster]
                }
            }
            blocks.append((chosen.flatMap { clusters.cells[$0] }.sorted(), proving))
        }
    }
}

/// The free members of each large relation (total included), with their clusters and values: the
/// cells a search for partners counts. Most members of an LA's relations are published schools'
/// cells, which every search would otherwise skip one by one.
private struct FreeMembers: Sendable {
    /// Relation `r`'s free members are `cluster[start[r] ..< start[r + 1]]`, in the relation's order;
    /// small relations have none.
    private let start: [Int]
    private let cluster: [Int32]
    private let value: [Int]

    init(clusters: CellGroups, graph: RelationGraph, values: [Int]) {
        var start = [0], cluster: [Int32] = [], value: [Int] = []
        start.reserveCapacity(graph.relationCount + 1)
        for r in 0..<graph.relationCount {
            if graph.size(of: r) > Neighbourhood.smallRelation {
                for member in graph.members(of: r).lazy.map(Int.init) where clusters.group[member] >= 0 {
                    cluster.append(clusters.group[member])
                    value.append(values[member])
                }
            }
            start.append(cluster.count)
        }
        (self.start, self.cluster, self.value) = (start, cluster, value)
    }

    /// Each free member's cluster and value, in order.
    func forEach(of relation: Int, _ body: (_ cluster: Int, _ value: Int) -> Void) {
        for i in start[relation]..<start[relation + 1] { body(Int(cluster[i]), value[i]) }
    }
}

/// The clusters above a cluster and its best partners, with the scratch counts one search needs.
///
/// Clusters meeting the same large relations in the same order (schools hiding the same positions:
/// 197 paths for the 13,962 owners of 400,000 pupils' release) have the same neighbours but
/// themselves, so each path is searched once.
private struct NeighbourSearch {
    let partners: Int
    let clusters: CellGroups
    let graph: RelationGraph
    let members: FreeMembers
    private var shared: [Int], room: [Int]
    /// Each path searched, the neighbours found along it, and each cluster's path once known (-1 before).
    private var pathNumbers: [[Int32]: Int32] = [:]
    private var found: [Neighbours] = []
    private var pathOf: [Int32]

    init(partners: Int, clusters: CellGroups, graph: RelationGraph, members: FreeMembers) {
        (self.partners, self.clusters, self.graph, self.members) = (partners, clusters, graph, members)
        shared = [Int](repeating: 0, count: clusters.cells.count)
        room = shared
        pathOf = [Int32](repeating: -1, count: clusters.cells.count)
    }

    /// Searches the distinct paths of `owners` in parallel, before the blocks ask for them.
    mutating func searchAhead(for owners: [Int], threads: Int) {
        let (partners, clusters, graph, members, paths) = (partners, clusters, graph, members, newPaths(of: owners))
        found += parallelMap(paths.count, chunks: 16, threads: threads, state: {
            NeighbourSearch(partners: partners, clusters: clusters, graph: graph, members: members)
        }) { search, i in search.search(along: paths[i]) }
    }

    /// The clusters holding the hidden totals of `own`'s large relations, then its `partners` best
    /// partners: those sharing most large relations, then those with the most value that could move.
    mutating func neighbours(of own: Int) -> [Int] {
        for path in newPaths(of: CollectionOfOne(own)) { found.append(search(along: path)) }
        let neighbours = found[Int(pathOf[own])]
        return neighbours.above.filter { $0 != own } + neighbours.best.lazy.filter { $0 != own }.prefix(partners)
    }

    /// Numbers the paths of `clusters` that no earlier cluster had, in order after those `found`
    /// holds, and returns them: the caller searches them and appends what it finds in that order.
    private mutating func newPaths(of clusters: some Sequence<Int>) -> [[Int32]] {
        var paths: [[Int32]] = []
        for cluster in clusters where pathOf[cluster] < 0 {
            let path = path(of: cluster)
            pathOf[cluster] = pathNumbers[path] ?? {
                pathNumbers[path] = Int32(found.count + paths.count)
                paths.append(path)
                return Int32(found.count + paths.count - 1)
            }()
        }
        return paths
    }

    /// The large relations of `cluster`'s cells, cell by cell, in the order a search meets them.
    private func path(of cluster: Int) -> [Int32] {
        clusters.cells[cluster].flatMap { cell in graph.relations(of: cell).filter { graph.size(of: Int($0)) > Neighbourhood.smallRelation } }
    }

    /// The neighbours of every cluster on `path`: one more best partner than asked for, so that each
    /// has `partners` once it is left out of its own.
    private mutating func search(along path: [Int32]) -> Neighbours {
        var above: [Int] = [], met: [Int] = []
        for r in path.lazy.map(Int.init) {
            let total = Int(clusters.group[graph.total(of: r)])
            if total >= 0 { above.append(total) }
            members.forEach(of: r) { other, value in
                if shared[other] == 0 { met.append(other) }
                shared[other] += 1
                room[other] += value
            }
        }
        let best = met.first(partners + 1) { a, b in (shared[a], room[a], -a) > (shared[b], room[b], -b) }
        for other in met { (shared[other], room[other]) = (0, 0) }
        return Neighbours(above: above, best: best)
    }
}

/// What a search along one path of large relations found, for any cluster on it.
private struct Neighbours {
    /// The clusters holding the relations' hidden totals, in the path's order.
    var above: [Int] = []
    /// The clusters sharing most of the relations, best first.
    var best: [Int] = []
}
