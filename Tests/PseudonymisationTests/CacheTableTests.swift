@testable import Pseudonymisation
import Testing

@Suite struct CacheTableTests {
    /// A key whose hash is the same for every value, so every lookup probes past the others.
    private struct Colliding: CacheKey {
        var value: Int
        var cacheHash: UInt64 { 7 }
    }

    @Test func findsEveryValueStoredAcrossGrowth() {
        var table = CacheTable<String, Int>()
        let names = (0..<5_000).map { "name\($0)" }
        for (i, name) in names.enumerated() { table[name] = i }
        #expect(names.enumerated().allSatisfy { table[$1] == $0 })
        #expect(table["name5000"] == nil && table[""] == nil)
    }

    @Test func keysWithOneHashAreToldApartByEquality() {
        var table = CacheTable<Colliding, String>()
        for i in 0..<200 { table[Colliding(value: i)] = "v\(i)" }
        table[Colliding(value: 3)] = "replaced"
        #expect(table[Colliding(value: 3)] == "replaced")
        #expect((0..<200).filter { $0 != 3 }.allSatisfy { table[Colliding(value: $0)] == "v\($0)" })
        #expect(table[Colliding(value: 200)] == nil)
    }
}
