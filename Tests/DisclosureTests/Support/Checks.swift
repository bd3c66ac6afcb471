import Disclosure
import Testing

/// Checks every protected release must pass, whatever built it.
enum Checks {
    /// No relation has exactly one suppressed cell, and a published total's suppressed parts add up to
    /// at least `minCount` (rule 5).
    static func ruleFive(_ request: ProtectionRequest, _ result: ProtectionResult, sourceLocation: SourceLocation = #_sourceLocation) {
        for relation in request.relations {
            let members = [relation.total] + relation.parts
            let hidden = members.filter { result.cells[$0].status != .published }
            #expect(hidden.count != 1, "relation with total \(request.cells[relation.total].key) gives \(request.cells[hidden[0]].key) away",
                    sourceLocation: sourceLocation)
            if result.cells[relation.total].status == .published && !hidden.isEmpty {
                let sum = hidden.reduce(0) { $0 + request.cells[$1].value }
                #expect(sum >= request.rules.minCount, sourceLocation: sourceLocation)
            }
        }
    }

    /// The independent integer attacker, given everything published, leaves every primary cell at
    /// least the protection level wide.
    static func attackerRecoversNothing(_ request: ProtectionRequest, _ result: ProtectionResult,
                                        sourceLocation: SourceLocation = #_sourceLocation) {
        let attacker = IntegerAttacker(cells: request.cells, relations: request.relations, shown: result.cells.map(\.published))
        for (i, cell) in result.cells.enumerated() where cell.status == .primary {
            let range = attacker.interval(of: i)!
            #expect(range.upperBound - range.lowerBound >= request.rules.requiredWidth,
                    "\(request.cells[i].key) narrowed to \(range)", sourceLocation: sourceLocation)
        }
    }
}
