@testable import Pseudonymisation
import Testing

/// Rows grouped into people by their key: grouped by sorting hashes must give what a dictionary
/// of keys in order of first appearance gives, including when hashes collide.
@Suite struct PeopleRowsTests {
    /// 30,000 rows of 9,000 keys, some repeated many times, in random order.
    static let keys: [String] = {
        var state: UInt64 = 11
        return (0..<30_000).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let person = (state >> 33) % 9_000
            return person % 7 == 0 ? "" : "A\(person * 7919)"
        }
    }()

    /// The plain reference: a dictionary from key to person, people numbered as first met.
    static func groupedByDictionary(_ keys: [String]) -> [[Int32]] {
        var person: [String: Int] = [:]
        var groups: [[Int32]] = []
        for (row, key) in keys.enumerated() {
            if let p = person[key] { groups[p].append(Int32(row)) } else {
                person[key] = groups.count
                groups.append([Int32(row)])
            }
        }
        return groups
    }

    @Test(arguments: [1, 3])
    func groupsLikeADictionaryInOrderOfFirstAppearance(threads: Int) {
        let people = PeopleRows(keys: Self.keys, threads: threads)
        #expect((0..<people.count).map { Array(people[$0]) } == Self.groupedByDictionary(Self.keys))
        let personOfRow = people.personOfRow
        #expect(Self.keys.indices.allSatisfy { people[Int(personOfRow[$0])].contains(Int32($0)) })
    }

    @Test func keysWhoseHashesCollideAreStillToldApart() {
        let keys = Array(Self.keys.prefix(2_000))
        let people = PeopleRows(keys: keys, threads: 2, hash: { $0.isEmpty ? 1 : 0 })
        #expect((0..<people.count).map { Array(people[$0]) } == Self.groupedByDictionary(keys))
    }
}
