import CohortModel
import Pseudonymisation

/// A blocking rule: pairs are compared only if they share one of its keys. Keys are built from
/// tokens alone, the same way on both sides.
public struct BlockingRule: Sendable {
    public let name: String
    let keys: @Sendable (IdentityTokens) -> [UInt64]

    init(_ name: String, keys: @escaping @Sendable (IdentityTokens) -> [UInt64]) {
        self.name = name
        self.keys = keys
    }
}

private func tokens(_ v: SIMD4<UInt64>) -> [UInt64] { (0..<4).compactMap { v[$0] != 0 ? v[$0] : nil } }

/// Bit positions sampled for each locality-sensitive hashing band of the two name filters:
/// names whose filters differ in few bits share a band with high probability.
let lshBands: [[Int]] = {
    var state: UInt64 = 0x5EED_CAFE
    return (0..<6).map { _ in
        (0..<20).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(2 * NameFilter.bitCount))
        }
    }
}()

@inline(__always)
private func bit(_ t: IdentityTokens, _ position: Int) -> UInt64 {
    let filter = position < NameFilter.bitCount ? t.forenameFilter : t.surnameFilter
    let p = position % NameFilter.bitCount
    return (filter.bits[p >> 6] >> UInt64(p & 63)) & 1
}

/// The default rules: together they catch a true pair whose UPN is missing or wrong, whose
/// date of birth is mistyped, whose surname changed, or whose names are misspelt.
public let defaultBlockingRules: [BlockingRule] = [
    BlockingRule("UPN") { t in [t.upn, t.formerUPN].filter { $0 != 0 } },
    BlockingRule("identifier") { t in t.identifier == 0 ? [] : [t.identifier] },
    BlockingRule("date of birth") { t in t.birthDate == 0 ? [] : [t.birthDate] },
    BlockingRule("surname and year of birth") { t in tokens(t.surnames).compactMap { combinedKey(11, $0, t.birthYear) } },
    BlockingRule("forename and postcode district") { t in tokens(t.forenames).compactMap { combinedKey(12, $0, t.postcodeDistrict) } },
    BlockingRule("forename and year of birth") { t in combinedKey(13, t.firstForename, t.birthYear).map { [$0] } ?? [] },
    BlockingRule("name filters (LSH bands) and year of birth") { t in
        guard !t.forenameFilter.isEmpty, !t.surnameFilter.isEmpty else { return [] }
        return lshBands.enumerated().compactMap { band, positions in
            var packed: UInt64 = 1
            for position in positions { packed = packed << 1 | bit(t, position) }
            return combinedKey(100 + UInt64(band), packed, t.birthYear)
        }
    },
]

/// What one blocking rule produced.
public struct BlockingRuleReport: Sendable, Equatable {
    public var rule: String
    /// Candidate pairs the rule generated (before removing those other rules also found).
    public var pairs: Int
    /// Pairs in blocks too large to score, which this rule skipped (and reports, never hides).
    public var pairsSkipped: Int
    /// Of the true pairs, how many this rule generated (only when the truth is known).
    public var truePairsFound: Int?
}

/// Candidate pairs of children and pupils, de-duplicated across rules, in (child, pupil) order.
public struct CandidatePairs: Sendable {
    /// `pupil << 32 | child`, sorted and unique. Pupil-major on purpose: scoring then reads each
    /// pupil's record once for all its candidate children (which, far fewer, stay in cache),
    /// instead of jumping across the pupils for every pair.
    public var pairs: [UInt64]
    public var rules: [BlockingRuleReport]

    @inline(__always) public static func child(_ pair: UInt64) -> Int { Int(pair & 0xFFFF_FFFF) }
    @inline(__always) public static func pupil(_ pair: UInt64) -> Int { Int(pair >> 32) }
    @inline(__always) public static func pair(_ child: Int, _ pupil: Int) -> UInt64 { UInt64(pupil) << 32 | UInt64(child) }

    /// Where a pair is in `pairs`, by binary search: nil when no rule generated it.
    func index(of pair: UInt64) -> Int? {
        let i = pairs.lowerBound(pair)
        return i < pairs.count && pairs[i] == pair ? i : nil
    }
}

/// Pupils' keys of one rule, sorted for binary search (read-only, so shared by every worker).
struct KeyIndex {
    let keys: [UInt64]
    let pupils: [Int32]

    init(rule: BlockingRule, pupils records: [IdentityTokens], threads: Int) {
        let perChunk = parallelChunks(records.count, threads: threads) { range -> [(UInt64, Int32)] in
            var entries: [(UInt64, Int32)] = []
            for p in range {
                for key in uniqueKeys(rule.keys(records[p])) { entries.append((key, Int32(p))) }
            }
            return entries
        }
        // Entries are made in pupil order, and the radix sort is stable: pupils stay in order within a key.
        var keys = perChunk.flatMap { $0.map(\.0) }
        var pupils = perChunk.flatMap { $0.map(\.1) }
        radixSort(&keys, carrying: &pupils)
        self.keys = keys
        self.pupils = pupils
    }

    /// The range of pupils sharing `key`.
    func block(_ key: UInt64) -> Range<Int> {
        let low = keys.lowerBound(key)
        var end = low
        while end < keys.count && keys[end] == key { end += 1 }
        return low..<end
    }
}

extension [UInt64] {
    /// In a sorted array, the first index whose element is not below `value` (`count` if none), by binary search.
    func lowerBound(_ value: UInt64) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// A record's keys without repeats (a handful, so sorting beats hashing).
@inline(__always)
func uniqueKeys(_ keys: [UInt64]) -> [UInt64] {
    guard keys.count > 1 else { return keys }
    var sorted = keys.sorted()
    var write = 1
    for read in 1..<sorted.count where sorted[read] != sorted[write - 1] {
        sorted[write] = sorted[read]
        write += 1
    }
    return Array(sorted.prefix(write))
}

/// Generates candidate pairs under every rule, in parallel: each worker probes its own slice
/// of children against the shared read-only key indexes and keeps its own pairs.
public func candidatePairs(children: [IdentityTokens], pupils: [IdentityTokens], rules: [BlockingRule] = defaultBlockingRules,
                           maximumBlock: Int = 5_000, truth: Set<UInt64>? = nil, threads: Int = defaultThreadCount) -> CandidatePairs {
    var all: [UInt64] = []
    var reports: [BlockingRuleReport] = []
    for rule in rules {
        let index = KeyIndex(rule: rule, pupils: pupils, threads: threads)
        let perChunk = parallelChunks(children.count, threads: threads) { range -> (pairs: [UInt64], skipped: Int) in
            var pairs: [UInt64] = []
            var skipped = 0
            var found: [Int32] = []
            for c in range {
                found.removeAll(keepingCapacity: true)
                for key in uniqueKeys(rule.keys(children[c])) {
                    let block = index.block(key)
                    if block.count > maximumBlock { skipped += block.count; continue }
                    for i in block { found.append(index.pupils[i]) }
                }
                found.sort()
                var last: Int32 = -1
                for pupil in found where pupil != last {
                    pairs.append(CandidatePairs.pair(c, Int(pupil)))
                    last = pupil
                }
            }
            return (pairs, skipped)
        }
        let rulePairs = Array(perChunk.map(\.pairs).joined())
        reports.append(BlockingRuleReport(
            rule: rule.name, pairs: rulePairs.count, pairsSkipped: perChunk.map(\.skipped).reduce(0, +),
            truePairsFound: truth.map { truth in rulePairs.lazy.filter { truth.contains($0) }.count }))
        all.append(contentsOf: rulePairs)
    }
    all = radixSorted(all)
    var unique: [UInt64] = []
    unique.reserveCapacity(all.count)
    for pair in all where unique.last != pair { unique.append(pair) }
    return CandidatePairs(pairs: unique, rules: reports)
}
