import CohortModel
import Foundation
import Pseudonymisation

/// How common each name token is among the pupils, known from the tokens alone.
/// A shared rare surname is much stronger evidence than a shared common one.
struct TermFrequencies: Sendable {
    /// log₂ of each pupil's forename and surname token frequencies, slot by slot.
    let forenames: [SIMD4<Float>]
    let surnames: [SIMD4<Float>]

    /// Counted in a table of tokens per worker, then added up (HMAC tokens need no hashing of their
    /// own): sorting every pupil's tokens was most of the time, and a dictionary at England's scale
    /// was 72 million serial updates. The pupils are read in place by every worker.
    init(pupils records: LinkageRecords, threads: Int = defaultThreadCount) {
        let n = Float(max(1, records.count))
        (forenames, surnames) = records.identities.withSharedElements { pupils in
            let perWorker = parallelAccumulate(pupils.count, chunks: threads * 8, threads: threads, state: { ValueCounts() }) { counts, range in
                for p in range {
                    let tokens = SIMD8(lowHalf: pupils[p].forenames, highHalf: pupils[p].surnames)
                    for i in 0..<8 where tokens[i] != 0 && !(0..<i).contains(where: { tokens[$0] == tokens[i] }) { counts.add(tokens[i]) }
                }
            }
            var total = ValueCounts()
            for counts in perWorker { counts.forEach { total.add($0, times: $1) } }
            // Each distinct token's log frequency, found through a hash set rather than a binary
            // search of the distinct tokens for each of millions of slots.
            var known: [(token: UInt64, count: Int)] = []
            total.forEach { known.append(($0, $1)) }
            let index = KeySet(known.lazy.map(\.token))
            let logs = known.reduce(into: [Float](repeating: 0, count: index.capacity)) { logs, token in
                logs[index.slot(of: token.token)!] = log2(Float(token.count) / n)
            }
            @Sendable func logFrequencies(_ v: SIMD4<UInt64>) -> SIMD4<Float> {
                var out = SIMD4<Float>(repeating: 0)
                for i in 0..<4 where v[i] != 0 { out[i] = index.slot(of: v[i]).map { logs[$0] } ?? log2(1 / n) }
                return out
            }
            return (parallelMap(pupils.count, threads: threads) { logFrequencies(pupils[$0].forenames) },
                    parallelMap(pupils.count, threads: threads) { logFrequencies(pupils[$0].surnames) })
        }
    }

    /// log₂ frequency of the rarest pupil token that the child shares, or nil if none is shared.
    @inline(__always)
    static func rarestShared(_ child: SIMD4<UInt64>, _ pupil: SIMD4<UInt64>, _ logFrequency: SIMD4<Float>) -> Float? {
        var best: Float?
        for i in 0..<4 where pupil[i] != 0 && any(child .== SIMD4(repeating: pupil[i])) {
            best = min(best ?? 0, logFrequency[i])
        }
        return best
    }
}

/// How often each nonzero value occurs (a token, a comparison pattern): an open-addressing table
/// probed from the value's low bits (uniform in an HMAC token, distinct in nearby patterns), growing
/// by doubling.
struct ValueCounts {
    private var tokens = [UInt64](repeating: 0, count: 1 << 12)
    private var counts = [Int](repeating: 0, count: 1 << 12)
    private var distinct = 0

    mutating func add(_ token: UInt64, times: Int = 1) {
        if 2 * (distinct + 1) > tokens.count { grow() }
        let mask = tokens.count - 1
        var i = Int(truncatingIfNeeded: token) & mask
        while tokens[i] != 0 && tokens[i] != token { i = (i + 1) & mask }
        if tokens[i] == 0 {
            tokens[i] = token
            distinct += 1
        }
        counts[i] += times
    }

    /// Each token with its count, in the table's order.
    func forEach(_ body: (UInt64, Int) -> Void) {
        for i in tokens.indices where tokens[i] != 0 { body(tokens[i], counts[i]) }
    }

    private mutating func grow() {
        let (oldTokens, oldCounts) = (tokens, counts)
        tokens = [UInt64](repeating: 0, count: oldTokens.count * 2)
        counts = [Int](repeating: 0, count: oldTokens.count * 2)
        distinct = 0
        for i in oldTokens.indices where oldTokens[i] != 0 { add(oldTokens[i], times: oldCounts[i]) }
    }
}

/// Match weights for candidate pairs: the pattern's weight from the model, with the exact-name
/// levels adjusted for how common the shared name is among the pupils.
public struct PairScorer: Sendable {
    let patternWeights: [Double]
    let frequencies: TermFrequencies
    /// log₂ u of the exact-token level of forename and surname: the term-frequency adjustment
    /// replaces this average u by the shared token's own frequency.
    let forenameExactLogU: Float
    let surnameExactLogU: Float

    public init(model: FellegiSunterModel, pupils: LinkageRecords, threads: Int = defaultThreadCount) {
        patternWeights = model.patternWeights()
        frequencies = TermFrequencies(pupils: pupils, threads: threads)
        forenameExactLogU = Float(log2(max(model.u[Comparison.forename.rawValue][0], FellegiSunterModel.floor)))
        surnameExactLogU = Float(log2(max(model.u[Comparison.surname.rawValue][0], FellegiSunterModel.floor)))
    }

    @inline(__always)
    func weight(_ child: RecordInPlace, _ pupil: RecordInPlace, pupilIndex: Int) -> Double {
        let pattern = comparisonPattern(child, pupil)
        var weight = patternWeights[pattern]
        // The frequencies read through pointers: the arrays' subscript, left out of line here, was
        // a call for each of millions of pairs.
        if pattern % 5 == 0, let f = frequencies.forenames.withUnsafeBufferPointer({
            TermFrequencies.rarestShared(child.forenames, pupil.forenames, $0[pupilIndex])
        }) {
            weight += Double(forenameExactLogU - f)
        }
        if (pattern / 5) % 5 == 0, let f = frequencies.surnames.withUnsafeBufferPointer({
            TermFrequencies.rarestShared(child.surnames, pupil.surnames, $0[pupilIndex])
        }) {
            weight += Double(surnameExactLogU - f)
        }
        return weight
    }

    /// The weight of one pair.
    public func weight(child: Int, pupil: Int, children: LinkageRecords, pupils: LinkageRecords) -> Double {
        children.withRecordsInPlace { c in
            pupils.withRecordsInPlace { p in weight(c[child], p[pupil], pupilIndex: pupil) }
        }
    }

    /// Scores every candidate pair (sorted, `CandidatePairs` encoding) in parallel and keeps those
    /// weighing at least `minimumWeight`, with each child's and each pupil's best weight over all
    /// pairs: what assignment needs, without a weight for each of England's 275 M pairs. The same
    /// whatever the thread count.
    public func scored(_ pairs: [UInt64], keeping minimumWeight: Double, children: LinkageRecords, pupils: LinkageRecords,
                       threads: Int = defaultThreadCount) -> ScoredPairs {
        // One part per thread: each holds a best weight for every child and pupil.
        var parts = StageProgress.step("score pairs", total: pairs.count, unit: "pairs") { progress in
            parallelChunks(pairs.count, chunks: max(1, threads), threads: threads) { range -> ScoredPairs in
                var part = ScoredPairs(children: children.count, pupils: pupils.count)
                // Through buffers: the arrays' subscripts, not inlined in this loop, were a tenth of the run.
                part.bestOfChild.withUnsafeMutableBufferPointer { bestOfChild in
                    part.bestOfPupil.withUnsafeMutableBufferPointer { bestOfPupil in
                        children.withRecordsInPlace { c in
                            pupils.withRecordsInPlace { p in
                                for batch in range.batches(of: 1 << 16) {
                                    for k in batch {
                                        prefetch(pairs, k + RecordsInPlace.prefetchDistance, before: range.upperBound, c, p)
                                        let pair = pairs[k]
                                        let (child, pupil) = (CandidatePairs.child(pair), CandidatePairs.pupil(pair))
                                        let w = weight(c[child], p[pupil], pupilIndex: pupil)
                                        bestOfChild[child] = max(bestOfChild[child], w)
                                        bestOfPupil[pupil] = max(bestOfPupil[pupil], w)
                                        if w >= minimumWeight {
                                            part.pairs.append(pair)
                                            part.weights.append(w)
                                        }
                                    }
                                    progress?.advance(by: batch.count)
                                }
                            }
                        }
                    }
                }
                return part
            }
        }
        var whole = ScoredPairs(children: children.count, pupils: pupils.count)
        for part in parts {
            for i in whole.bestOfChild.indices { whole.bestOfChild[i] = max(whole.bestOfChild[i], part.bestOfChild[i]) }
            for i in whole.bestOfPupil.indices { whole.bestOfPupil[i] = max(whole.bestOfPupil[i], part.bestOfPupil[i]) }
        }
        var (kept, weights) = (parts.map(\.pairs), parts.map(\.weights))
        parts = []
        (whole.pairs, whole.weights) = (concatenated(&kept), concatenated(&weights))
        return whole
    }
}

/// Scored candidate pairs: those at or above a minimum weight, in sorted order, and every child's
/// and pupil's best weight over all its pairs (−∞ for one with none).
public struct ScoredPairs: Sendable {
    public var pairs: [UInt64] = []
    public var weights: [Double] = []
    public var bestOfChild: [Double]
    public var bestOfPupil: [Double]

    init(children: Int, pupils: Int) {
        bestOfChild = [Double](repeating: -.infinity, count: children)
        bestOfPupil = [Double](repeating: -.infinity, count: pupils)
    }

    /// Adds the pairs scored in a second pass: each record's best weight is the better of the two.
    mutating func add(_ other: ScoredPairs) {
        pairs += other.pairs
        weights += other.weights
        for i in bestOfChild.indices { bestOfChild[i] = max(bestOfChild[i], other.bestOfChild[i]) }
        for i in bestOfPupil.indices { bestOfPupil[i] = max(bestOfPupil[i], other.bestOfPupil[i]) }
    }
}

/// How many of the pairs show each comparison pattern, for the patterns they show (a few thousand of
/// the 590,625 possible), in pattern order. Each worker counts into a table of its own, and the
/// workers take small ranges of pairs as they become free: two fixed halves could finish far apart.
/// (A table of every pattern, 4.7 MB, cleared for each worker and summed, and scanned by EM, was most
/// of the time of counting a training block's 20,000 pairs.)
func patternCounts(_ pairs: [UInt64], children: LinkageRecords, pupils: LinkageRecords, threads: Int) -> [PatternCount] {
    let perWorker = parallelAccumulate(pairs.count, chunks: threads * 16, threads: pairs.count >> 16 == 0 ? 1 : threads,
                                       state: { ValueCounts() }) { counts, range in
        children.withRecordsInPlace { c in
            pupils.withRecordsInPlace { p in
                for i in range {
                    prefetch(pairs, i + RecordsInPlace.prefetchDistance, before: range.upperBound, c, p)
                    counts.add(UInt64(comparisonPattern(c[CandidatePairs.child(pairs[i])], p[CandidatePairs.pupil(pairs[i])]) + 1))
                }
            }
        }
    }
    var total = ValueCounts()
    for counts in perWorker { counts.forEach { total.add($0, times: $1) } }
    var seen: [PatternCount] = []
    total.forEach { seen.append(PatternCount(pattern: Int($0) - 1, count: $1)) }
    return seen.sorted { $0.pattern < $1.pattern }
}

/// Starts fetching the records of pair `k`, if it comes before `end`: a loop comparing pairs fetches
/// those `RecordsInPlace.prefetchDistance` ahead (scoring 400,000 pupils' pairs: 165 -> 145 ms).
@inline(__always)
private func prefetch(_ pairs: [UInt64], _ k: Int, before end: Int, _ children: RecordsInPlace, _ pupils: RecordsInPlace) {
    guard k < end else { return }
    children[CandidatePairs.child(pairs[k])].prefetch()
    pupils[CandidatePairs.pupil(pairs[k])].prefetch()
}

/// How many pairs show one comparison pattern.
struct PatternCount: Equatable {
    var pattern: Int
    var count: Int
}

/// Random pairs for the u-probabilities: almost all non-matches. Every pupil gets an equal share
/// (stratified, which only lowers the variance of u) and each pair a child drawn by a counter-based
/// hash of its index, so the pairs come out pupil-major, in the order scoring walks the pupils, are
/// made in parallel without a sort, and are the same for the same data whatever the thread count.
func randomPairs(children: Int, pupils: Int, count: Int = 1_000_000, threads: Int = defaultThreadCount) -> [UInt64] {
    guard children > 0, pupils > 0 else { return [] }
    let n = min(count, children * pupils)
    return parallelMap(n, threads: threads) { i in
        let hash = SplitMix64.mix(0x2545_F491_4F6C_DD1D &+ UInt64(i) &* SplitMix64.increment)
        return CandidatePairs.pair(Int(hash % UInt64(children)), i * pupils / n)
    }
}
