@testable import Linkage
import Testing

@Suite struct BlockingTests {
    /// Keys sharing their low bits probe past each other; zero, the empty slot's mark, is a key too.
    @Test func aKeySetHoldsExactlyItsKeys() {
        let keys: [UInt64] = [0, 1, 17, 1 << 40 | 1, 1 << 41 | 1, 0xDEAD_BEEF_0000_0001, .max]
        let set = KeySet(keys)
        for key in keys { #expect(set.contains(key), "\(key)") }
        for key: UInt64 in [2, 33, 1 << 42 | 1, 0xDEAD_BEEF_0000_0011, .max - 1] { #expect(!set.contains(key), "\(key)") }
        #expect(!KeySet([1, 2]).contains(0))
        // Each nonzero key has a slot of its own, for values kept beside the set.
        let slots = keys.filter { $0 != 0 }.compactMap(set.slot(of:))
        #expect(slots.count == keys.count - 1 && Set(slots).count == slots.count && slots.allSatisfy { $0 < set.capacity })
        #expect(set.slot(of: 2) == nil)
    }

    /// Blocking a few children drops the pupils' keys none of them has before sorting: the pairs
    /// are exactly those of blocking every child, for the children chosen.
    @Test func aFewChildrenGetThePairsTheyWouldHaveAmongAll() {
        let f = LinkerTests.fixture
        let chosen = (0..<f.children.count).map { $0 % 7 == 3 }
        let all = candidatePairs(children: f.children, pupils: f.pupils, rules: secondChanceBlockingRules, maximumBlockPairs: .max)
        let few = candidatePairs(children: f.children, pupils: f.pupils, rules: secondChanceBlockingRules, maximumBlockPairs: .max,
                                 only: chosen)
        #expect(!few.pairs.isEmpty)
        #expect(few.pairs == all.pairs.filter { chosen[CandidatePairs.child($0)] })
    }
}
