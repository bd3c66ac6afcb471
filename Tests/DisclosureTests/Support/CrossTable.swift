import Disclosure

/// A cross-classified table with a `Total` category on every dimension, built from its finest cells:
/// the shape of most DfE tables and of the property tests' random releases.
struct CrossTable {
    /// Categories per dimension, not counting `Total`.
    let sizes: [Int]
    let name: String
    private(set) var cells: [ReleaseCell] = []
    private(set) var relations: [AdditiveRelation] = []

    /// `finest` lists the finest cells' counts in row-major order over `sizes`.
    init(name: String = "table", sizes: [Int], finest: [Int], keyPrefix: String = "") {
        precondition(finest.count == sizes.reduce(1, *))
        self.sizes = sizes
        self.name = name
        let extents = sizes.map { $0 + 1 }
        let count = extents.reduce(1, *)
        // Position `sizes[d]` on dimension d is its Total.
        func coordinates(_ index: Int) -> [Int] {
            var rest = index
            return extents.reversed().map { e in defer { rest /= e }; return rest % e }.reversed()
        }
        func index(_ coords: [Int]) -> Int { zip(coords, extents).reduce(0) { $0 * $1.1 + $1.0 } }
        for i in 0..<count {
            let c = coordinates(i)
            // The value: the sum of the finest cells below it.
            var value = 0
            for (f, v) in finest.enumerated() {
                var rest = f
                let fc = sizes.reversed().map { s in defer { rest /= s }; return rest % s }.reversed() as [Int]
                if zip(c, zip(fc, sizes)).allSatisfy({ $0 == $1.0 || $0 == $1.1 }) { value += v }
            }
            let isTotal = zip(c, sizes).contains { $0 == $1 }
            cells.append(ReleaseCell(key: keyPrefix + name + "|" + c.map(String.init).joined(separator: ","), table: name,
                                     value: value, isTotal: isTotal))
        }
        for i in 0..<count {
            let c = coordinates(i)
            for d in sizes.indices where c[d] == sizes[d] {
                let parts = (0..<sizes[d]).map { k -> Int in
                    var p = c
                    p[d] = k
                    return index(p)
                }
                relations.append(AdditiveRelation(total: i, parts: parts))
            }
        }
    }

    /// The index of the cell at `coordinates`, `sizes[d]` meaning Total on dimension d.
    func index(_ coordinates: [Int]) -> Int {
        zip(coordinates, sizes.map { $0 + 1 }).reduce(0) { $0 * $1.1 + $1.0 }
    }
}
