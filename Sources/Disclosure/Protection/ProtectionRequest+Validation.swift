import CohortModel

extension ProtectionRequest {
    /// Rejects a request the engine would misjudge: indices out of range, negative counts, or
    /// relations whose total is not the sum of its parts (the audit starts from the true values, so
    /// they must satisfy every relation). Repeated keys are `repeatedKey`'s to find. Messages never
    /// quote a value.
    func validate() throws(DisclosureError) {
        guard rules.minCount >= 1, rules.requiredWidth >= 0 else {
            throw DisclosureError(.invalidRequest, "The minimum count must be at least 1 and the protection level not negative.")
        }
        for cell in cells where cell.value < 0 {
            throw DisclosureError(.invalidRequest, key: cell.key, "Cell \(cell.key) has a negative count; counts of children and events cannot be negative.")
        }
        // The relation each cell was last seen in, to find a cell repeated within one.
        var lastSeenIn = [Int](repeating: -1, count: cells.count)
        for (r, relation) in relations.enumerated() {
            var wellFormed = !relation.parts.isEmpty
            for member in [relation.total] + relation.parts where wellFormed {
                wellFormed = cells.indices.contains(member) && lastSeenIn[member] != r
                if wellFormed { lastSeenIn[member] = r }
            }
            guard wellFormed else {
                throw DisclosureError(.invalidRequest, "A relation names a cell index outside the request, has no parts, or repeats a cell.")
            }
            guard cells[relation.total].value == relation.parts.reduce(0, { $0 + cells[$1].value }) else {
                let key = cells[relation.total].key
                throw DisclosureError(.unbalancedRelation, key: key, "Cell \(key) is not the sum of the \(relation.parts.count) cells given as its parts; fix the relation or the counts.")
            }
        }
    }

    /// The error for the first key that appears twice, if any: keys must identify one population
    /// each, or earlier releases' cells would be linked to the wrong ones.
    ///
    /// Keys are told apart by sorting their hashes, and compared only where hashes meet: a set of the
    /// 124,000 keys of 400,000 pupils' release copied and hashed every one.
    func repeatedKey() -> DisclosureError? {
        var hashes = cells.map { stableHash($0.key) }
        var order = cells.indices.map(Int32.init)
        radixSort(&hashes, carrying: &order, threads: 1)
        // The first cell whose key an earlier cell has: in each run of one hash (cells in order, the
        // sort being stable), the first member whose key an earlier member of the run has.
        var first: Int?
        var start = 0
        while start < hashes.count {
            var end = start + 1
            while end < hashes.count && hashes[end] == hashes[start] { end += 1 }
            for later in start + 1 ..< end {
                let cell = Int(order[later])
                if (start..<later).contains(where: { cells[Int(order[$0])].key == cells[cell].key }) {
                    first = min(first ?? cell, cell)
                    break
                }
            }
            start = end
        }
        return first.map { cell in
            let key = cells[cell].key
            return DisclosureError(.invalidRequest, key: key, "Cell key \(key) appears twice; keys must identify one population each.")
        }
    }
}
