/// Draws an index with probability proportional to its weight in constant time (Vose's alias
/// method), because names are drawn millions of times at national scale from tables of thousands.
struct AliasTable: Sendable {
    private let probability: [Double]
    private let alias: [Int32]

    var count: Int { probability.count }

    /// `weights` must hold at least one positive weight; negative weights count as zero.
    init(weights: [Double]) {
        let n = weights.count
        precondition(n > 0, "an alias table needs at least one weight")
        let total = weights.reduce(0) { $0 + max(0, $1) }
        precondition(total > 0, "an alias table needs a positive weight")
        var scaled = weights.map { max(0, $0) * Double(n) / total }
        var probability = [Double](repeating: 1, count: n)
        var alias = [Int32](repeating: 0, count: n)
        var small: [Int] = [], large: [Int] = []
        for i in 0..<n { if scaled[i] < 1 { small.append(i) } else { large.append(i) } }
        while let s = small.popLast(), let l = large.last {
            probability[s] = scaled[s]
            alias[s] = Int32(l)
            scaled[l] = scaled[l] + scaled[s] - 1
            if scaled[l] < 1 {
                large.removeLast()
                small.append(l)
            }
        }
        // Whatever is left is 1 up to rounding error.
        for i in small { probability[i] = 1; alias[i] = Int32(i) }
        for i in large { probability[i] = 1; alias[i] = Int32(i) }
        self.probability = probability
        self.alias = alias
    }

    func sample(_ random: inout Random) -> Int {
        let i = random.below(probability.count)
        return random.unit() < probability[i] ? i : Int(alias[i])
    }
}

/// A small weighted choice among a few alternatives, written as literal `(value, weight)` pairs.
struct WeightedChoice<Value: Sendable>: Sendable {
    let values: [Value]
    private let table: AliasTable

    init(_ pairs: [(Value, Double)]) {
        values = pairs.map(\.0)
        table = AliasTable(weights: pairs.map(\.1))
    }

    func sample(_ random: inout Random) -> Value { values[table.sample(&random)] }
}
