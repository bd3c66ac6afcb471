import Disclosure
import PropertyBased
import Testing

/// Invariants of protection on random hierarchical tables: two or three dimensions, each with a
/// `Total`, about half the finest cells small.
@Suite struct ProtectionPropertyTests {
    /// Sizes and finest counts of a random cross table; counts below 14 are halved so that many are 1–5.
    static let tables = zip(Gen.int(in: 2...4), Gen.int(in: 2...4), Gen.int(in: 1...2), Gen.int(in: 0...40).array(of: 32))
        .map { rows, columns, layers, draws -> CrossTable in
            let sizes = layers == 1 ? [rows, columns] : [rows, columns, layers]
            let finest = draws.prefix(sizes.reduce(1, *)).map { $0 < 14 ? $0 / 2 : $0 }
            return CrossTable(sizes: sizes, finest: Array(finest))
        }

    @Test func noSuppressedCellCanBeRecovered() async throws {
        await propertyCheck(count: 60, input: Self.tables) { table in
            let request = ProtectionRequest(cells: table.cells, relations: table.relations)
            let result = try request.protect()
            Checks.ruleFive(request, result)
            // The engine's own audit, and the independent attacker, agree that every primary is safe.
            for cell in result.cells where cell.status == .primary {
                #expect((cell.interval?.width ?? .max) >= request.rules.requiredWidth)
            }
            Checks.attackerRecoversNothing(request, result)
        }
    }

    @Test func lossIsNoWorseThanTheNextSmallestHeuristic() async throws {
        await propertyCheck(count: 60, input: Self.tables) { table in
            var request = ProtectionRequest(cells: table.cells, relations: table.relations)
            let engine = try request.protect()
            request.strategy = .nextSmallest
            let heuristic = try request.protect()
            #expect(engine.loss.isNoWorse(than: heuristic.loss))
        }
    }

    @Test func theSameRequestGivesTheSameRelease() async throws {
        await propertyCheck(count: 20, input: Self.tables) { table in
            let request = ProtectionRequest(cells: table.cells, relations: table.relations)
            let (first, second) = (try request.protect(), try request.protect())
            #expect(first.cells == second.cells && first.tables == second.tables)
        }
    }

    /// One thread or several, the same release and the same audit.
    @Test func theReleaseDoesNotDependOnTheThreads() async throws {
        await propertyCheck(count: 20, input: Self.tables) { table in
            let (one, two) = (ProtectionRequest(cells: table.cells, relations: table.relations, threads: 1),
                              ProtectionRequest(cells: table.cells, relations: table.relations, threads: 2))
            let (serial, parallel) = (try one.protect(), try two.protect())
            #expect(serial.cells == parallel.cells && serial.tables == parallel.tables && serial.audit == parallel.audit)
        }
    }
}
